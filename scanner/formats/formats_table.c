/* formats_table.c — the table of the registry's readers (formats.def), the
 * entry point of the pdpascan-formats.so plugin. */
#include "../extract/formats.h"

const extract_fns *pdp_formats_table(void)
{
    static const extract_fn read[] = {
#define FORMAT(id, name, reader, signature, what) reader,
#include "../extract/formats.def"
#undef FORMAT
    };
    static const extract_fns fns = { PDP_FORMATS_ABI, PDP_VERSION, sizeof read / sizeof *read, read, pdf_render_page,
                                      pdf_annotate,      pdf_redact,
                                      office_redact,     office_annotate, zip_redact };
    return &fns;
}

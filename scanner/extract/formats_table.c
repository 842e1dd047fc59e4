/* formats_table.c — the table of whole-file format readers (formats.h);
 * the entry point of the pdpascan-formats.so plugin. */
#include "formats.h"

const extract_fns *pdp_formats_table(void)
{
    static const extract_fns fns = { PDP_FORMATS_ABI, PDP_VERSION, extract_pdf, extract_zip, extract_html };
    return &fns;
}

/* formats_static.c — the format readers linked in (the library's default;
 * see formats.h). */
#include "../extract/formats.h"

const extract_fns *extract_formats(const char **why)
{
    (void)why;
    return pdp_formats_table();
}

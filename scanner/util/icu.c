/* icu.c — libicuuc opened on first use (see icu.h). */
#include "icu.h"

#include <unicode/uvernum.h>

#include "lazylib.h"

#define ICU_LIB "libicuuc.so." U_ICU_VERSION_SHORT

static icu_fns fns;

/* Each slot with its function (LAZY_FN checks their types). */
static const lazy_fn want[] = {
    LAZY_FN(fns.cnv_open, ucnv_open),
    LAZY_FN(fns.cnv_close, ucnv_close),
    LAZY_FN(fns.cnv_convert_ex, ucnv_convertEx),
    LAZY_FN(fns.cnv_convert, ucnv_convert),
    LAZY_FN(fns.brk_open, ubrk_open),
    LAZY_FN(fns.brk_close, ubrk_close),
    LAZY_FN(fns.brk_set_text, ubrk_setText),
    LAZY_FN(fns.brk_first, ubrk_first),
    LAZY_FN(fns.brk_next, ubrk_next),
    LAZY_FN(fns.error_name, u_errorName),
};
static lazy_lib lib = { ICU_LIB, want, sizeof want / sizeof *want, 0, 0 };

const icu_fns *icu_load(const char **why)
{
    if (lazylib_open(&lib)) return &fns;
    *why = "ICU (" ICU_LIB ") could not be loaded";
    return NULL;
}

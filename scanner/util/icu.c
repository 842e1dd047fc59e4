/* icu.c — libicuuc opened on first use (see icu.h). */
#include "icu.h"

#include <pthread.h>
#include <unicode/uvernum.h>

#include "lazylib.h"

/* The exported name of an ICU function: the headers rename ucnv_open to
 * ucnv_open_72 (urename.h), which a second expansion step applies. */
#define ICU_NAME(f) ICU_NAME_(f)
#define ICU_NAME_(f) #f
#define ICU_LIB "libicuuc.so." U_ICU_VERSION_SHORT

static pthread_once_t once = PTHREAD_ONCE_INIT;
static icu_fns fns;
static const icu_fns *table;

/* The compiler checks that every slot has its function's type. */
LAZY_SAME_TYPE(fns.cnv_open, ucnv_open);
LAZY_SAME_TYPE(fns.cnv_close, ucnv_close);
LAZY_SAME_TYPE(fns.cnv_convert_ex, ucnv_convertEx);
LAZY_SAME_TYPE(fns.cnv_convert, ucnv_convert);
LAZY_SAME_TYPE(fns.brk_open, ubrk_open);
LAZY_SAME_TYPE(fns.brk_close, ubrk_close);
LAZY_SAME_TYPE(fns.brk_set_text, ubrk_setText);
LAZY_SAME_TYPE(fns.brk_first, ubrk_first);
LAZY_SAME_TYPE(fns.brk_next, ubrk_next);
LAZY_SAME_TYPE(fns.error_name, u_errorName);

static void load(void)
{
    const lazy_fn want[] = {
        { ICU_NAME(ucnv_open), &fns.cnv_open },
        { ICU_NAME(ucnv_close), &fns.cnv_close },
        { ICU_NAME(ucnv_convertEx), &fns.cnv_convert_ex },
        { ICU_NAME(ucnv_convert), &fns.cnv_convert },
        { ICU_NAME(ubrk_open), &fns.brk_open },
        { ICU_NAME(ubrk_close), &fns.brk_close },
        { ICU_NAME(ubrk_setText), &fns.brk_set_text },
        { ICU_NAME(ubrk_first), &fns.brk_first },
        { ICU_NAME(ubrk_next), &fns.brk_next },
        { ICU_NAME(u_errorName), &fns.error_name },
    };
    if (lazylib_bind(ICU_LIB, want, sizeof want / sizeof *want) == 0) table = &fns;
}

const icu_fns *icu_load(const char **why)
{
    pthread_once(&once, load);
    if (!table) *why = "ICU (" ICU_LIB ") could not be loaded";
    return table;
}

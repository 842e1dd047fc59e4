/* icu.h — the few ICU functions pdpascan calls, from libicuuc opened on
 * first use.
 *
 * Loading ICU (libicuuc, its data and libstdc++) costs more than a small
 * text scan (about 1.3 ms of a git hook's start-up), and most scans need
 * it for nothing: only legacy Thai charsets (TIS-620, windows-874) and
 * Thai word breaks do.  So the program is not linked with ICU; the table
 * below is filled from the installed libicuuc (its versioned names, those
 * of the ICU headers compiled against) the first time it is asked for. */
#ifndef PDP_ICU_H
#define PDP_ICU_H

#include <unicode/ubrk.h>
#include <unicode/ucnv.h>

typedef struct icu_fns {
    UConverter *(*cnv_open)(const char *name, UErrorCode *ec);
    void (*cnv_close)(UConverter *c);
    void (*cnv_convert_ex)(UConverter *to, UConverter *from, char **target, const char *target_limit,
                           const char **source, const char *source_limit, UChar *pivot_start, UChar **pivot_source,
                           UChar **pivot_target, const UChar *pivot_limit, UBool reset, UBool flush, UErrorCode *ec);
    int32_t (*cnv_convert)(const char *to, const char *from, char *target, int32_t capacity, const char *source,
                           int32_t length, UErrorCode *ec);
    UBreakIterator *(*brk_open)(UBreakIteratorType type, const char *locale, const UChar *text, int32_t length,
                                UErrorCode *ec);
    void (*brk_close)(UBreakIterator *bi);
    void (*brk_set_text)(UBreakIterator *bi, const UChar *text, int32_t length, UErrorCode *ec);
    int32_t (*brk_first)(UBreakIterator *bi);
    int32_t (*brk_next)(UBreakIterator *bi);
    const char *(*error_name)(UErrorCode ec);
} icu_fns;

/* The table (loaded once, thread-safe), or NULL when libicuuc cannot be
 * loaded; then *why says so (callers fail closed: the input is reported
 * as not read, never as clean). */
const icu_fns *icu_load(const char **why);

#endif

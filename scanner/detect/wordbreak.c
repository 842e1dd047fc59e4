/* wordbreak.c — Thai word boundaries from ICU's break iterator (see
 * wordbreak.h).  The text is converted to UTF-16 a span at a time, with a
 * map from each UTF-16 unit back to its byte offset. */
#include "wordbreak.h"

#include <pthread.h>
#include <stdlib.h>
#include <unicode/ustring.h>

#include "../util/buf.h"
#include "../util/icu.h"

struct wordbreak {
    const icu_fns *u;    /* ICU's functions, once the iterator is open */
    UBreakIterator *bi;
    UChar *u16;
    size_t *byte_at;  /* byte offset of each UTF-16 unit, and of the end */
    unsigned char *thai; /* each unit is a Thai character */
    size_t *bounds;
    size_t cap;
    int broken;       /* ICU could not open the iterator: never retried */
};

/* Break iterators kept for the next scans (see wordbreak_release). */
#define POOL 16
static wordbreak *pool[POOL];
static int npool;
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;

static void wordbreak_free(wordbreak *w)
{
    if (!w) return;
    if (w->bi) w->u->brk_close(w->bi);
    free(w->u16);
    free(w->byte_at);
    free(w->thai);
    free(w->bounds);
    free(w);
}

static int open_iterator(wordbreak *w)
{
    const char *why = NULL;
    UErrorCode ec = U_ZERO_ERROR;
    w->u = icu_load(&why);
    w->bi = w->u ? w->u->brk_open(UBRK_WORD, "th", NULL, 0, &ec) : NULL;
    if (!w->u || U_FAILURE(ec)) {
        w->bi = NULL;
        w->broken = 1;
        return -1;
    }
    return 0;
}

/* s[lo, hi) as UTF-16 in w->u16 with w->byte_at; returns the unit count. */
static size_t to_utf16(wordbreak *w, const char *s, size_t lo, size_t hi)
{
    size_t need = hi - lo + 1;
    if (need > w->cap) {
        w->cap = need;
        w->u16 = xrealloc(w->u16, need * sizeof *w->u16);
        w->byte_at = xrealloc(w->byte_at, need * sizeof *w->byte_at);
        w->bounds = xrealloc(w->bounds, need * sizeof *w->bounds);
        w->thai = xrealloc(w->thai, need);
    }
    size_t n = 0, i = lo;
    while (i < hi) {
        UChar32 c;
        int32_t k = (int32_t)(i - lo);
        U8_NEXT((const uint8_t *)s + lo, k, (int32_t)(hi - lo), c);
        if (c < 0) c = 0xFFFD;
        if (c > 0xFFFF) c = 0xFFFD; /* one unit per character keeps the map simple */
        w->byte_at[n] = i;
        w->thai[n] = c >= 0x0E00 && c <= 0x0E7F;
        w->u16[n++] = (UChar)c;
        i = lo + (size_t)k;
    }
    w->byte_at[n] = hi;
    return n;
}

void wordbreak_release(wordbreak *w)
{
    if (!w) return;
    pthread_mutex_lock(&pool_lock);
    if (npool < POOL && w->bi) {
        pool[npool++] = w;
        w = NULL;
    }
    pthread_mutex_unlock(&pool_lock);
    wordbreak_free(w);
}

/* A kept break iterator, or a new one (opened on first use). */
static wordbreak *acquire(void)
{
    wordbreak *w = NULL;
    pthread_mutex_lock(&pool_lock);
    if (npool) w = pool[--npool];
    pthread_mutex_unlock(&pool_lock);
    return w ? w : xcalloc(1, sizeof *w);
}

size_t wordbreak_find(wordbreak **wp, const char *s, size_t lo, size_t hi, const size_t **out)
{
    if (!*wp) *wp = acquire();
    wordbreak *w = *wp;
    if (w->broken || hi <= lo || (!w->bi && open_iterator(w))) return 0;
    size_t n = to_utf16(w, s, lo, hi);
    UErrorCode ec = U_ZERO_ERROR;
    w->u->brk_set_text(w->bi, w->u16, (int32_t)n, &ec);
    if (U_FAILURE(ec)) return 0;
    /* ICU's boundaries, and where Thai meets other script ("เชียงใหม่50180"):
     * both ascending, merged */
    size_t k = 0, u = 1;
    for (int32_t b = w->u->brk_first(w->bi); b != UBRK_DONE; b = w->u->brk_next(w->bi)) {
        for (; u < (size_t)b; u++)
            if (w->thai[u] != w->thai[u - 1]) w->bounds[k++] = w->byte_at[u];
        if (u == (size_t)b) u++;
        w->bounds[k++] = w->byte_at[b];
    }
    *out = w->bounds;
    return k;
}

/* offmap.c — normalized-to-source offset map (see normalize.h).
 *
 * The map is a sorted list of the spans where the normalizer changed the
 * length of the text; lookups are binary searches.  Plain text costs nothing:
 * a document without Thai digits or repairs has an empty map. */
#include "normalize.h"

#include <stdlib.h>

void offmap_init(offmap *m)
{
    m->v = NULL;
    m->len = m->cap = 0;
}

void offmap_free(offmap *m)
{
    free(m->v);
    offmap_init(m);
}

void offmap_clear(offmap *m) { m->len = 0; }

void offmap_grow(offmap *m)
{
    if (m->len < m->cap) return;
    m->cap = m->cap ? m->cap * 2 : 64;
    m->v = xrealloc(m->v, m->cap * sizeof *m->v);
}

void offmap_add(offmap *m, size_t n, size_t r, uint32_t nl, uint32_t rl)
{
    offmap_grow(m);
    m->v[m->len++] = (offmap_seg){ n, r, nl, rl, 0 };
}

/* Index of the last segment with seg.n <= n (strict: seg.n < n), or -1. */
static long last_seg(const offmap *m, size_t n, int strict)
{
    long lo = 0, hi = (long)m->len - 1, ans = -1;
    while (lo <= hi) {
        long mid = lo + (hi - lo) / 2;
        size_t sn = m->v[mid].n;
        if (strict ? sn < n : sn <= n) {
            ans = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return ans;
}

size_t offmap_start(const offmap *m, size_t n)
{
    long i = last_seg(m, n, 0);
    if (i < 0) return n;
    const offmap_seg *s = &m->v[i];
    if (n < s->n + s->nl) return s->r + (s->uniform ? (n - s->n) * (s->rl / s->nl) : 0);
    return s->r + s->rl + (n - s->n - s->nl);
}

size_t offmap_end(const offmap *m, size_t n)
{
    long i = last_seg(m, n, 1);
    if (i < 0) return n;
    const offmap_seg *s = &m->v[i];
    if (n <= s->n + s->nl) return s->r + (s->uniform ? (n - s->n) * (s->rl / s->nl) : s->rl);
    return s->r + s->rl + (n - s->n - s->nl);
}

size_t offmap_first_at(const offmap *m, size_t nlen, size_t r)
{
    size_t lo = 0, hi = nlen; /* the answer is in [lo, hi] */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (offmap_start(m, mid) >= r) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

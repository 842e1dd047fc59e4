/* normalize.h — Thai text normalizer with an offset map back to the source.
 *
 * Detectors never see extracted text directly: they see its normalized form,
 * in which Thai digits are ASCII digits, zero-width characters and soft
 * hyphens are gone, old-font Private Use Area glyphs and Lao look-alikes are
 * Thai again, decomposed SARA AM is rejoined and misordered marks are put in
 * order (THAI-REFERENCE.md section 3).  NFKC is never applied.
 *
 * The offmap records every place where normalized and source bytes stop
 * corresponding one-to-one, so that a match [s, e) in normalized text maps
 * back to exactly the source bytes it came from. */
#ifndef PDP_NORMALIZE_H
#define PDP_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"

/* A span of normalized bytes [n, n+nl) produced from source bytes [r, r+rl).
 * Between segments, bytes correspond one to one.  In a uniform segment each
 * normalized byte comes from rl/nl source bytes of its own (a run of Thai
 * digits), so positions inside it map too. */
typedef struct offmap_seg {
    size_t n, r;
    uint32_t nl, rl;
    int uniform;
} offmap_seg;

typedef struct offmap {
    offmap_seg *v;
    size_t len, cap;
} offmap;

void offmap_init(offmap *m);
void offmap_free(offmap *m);
void offmap_clear(offmap *m);
void offmap_add(offmap *m, size_t n, size_t r, uint32_t nl, uint32_t rl);
/* Room for one more segment (offmap_add_uniform's slow path). */
void offmap_grow(offmap *m);
/* A uniform segment: byte k of [n, n+nl) comes from [r + k*step, r + (k+1)*step).
 * (Inline: one for each run of Thai digits.) */
static inline void offmap_add_uniform(offmap *m, size_t n, size_t r, uint32_t nl, uint32_t step)
{
    if (m->len == m->cap) offmap_grow(m);
    m->v[m->len++] = (offmap_seg){ n, r, nl, nl * step, 1 };
}
/* Source offset where a match starting at normalized offset n starts. */
size_t offmap_start(const offmap *m, size_t n);
/* Source offset where a match ending at normalized offset n ends. */
size_t offmap_end(const offmap *m, size_t n);
/* The first normalized offset (up to nlen) whose offmap_start is r or
 * more, or nlen: to compare many offsets in order with one source offset. */
size_t offmap_first_at(const offmap *m, size_t nlen, size_t r);

/* Normalize valid UTF-8 src[0..len) into out (cleared first), recording the
 * correspondence in map (cleared first). */
void thai_normalize(const char *src, size_t len, buf *out, offmap *map);

#endif

/* lazyre.h — a PCRE2 pattern compiled when it is first used.
 *
 * A git hook scanning one small file tries few of the rule set's patterns:
 * most rules' `requires` hints never let them run.  Compiling all of them at
 * start-up would cost more than the scan.  When the rules are loaded for a
 * small scan (PDP_RULES_NO_JIT) patterns are therefore compiled on first use,
 * once, under a lock; otherwise at load time, so that a broken pattern is
 * reported there (`pdpascan rules` always loads this way). */
#ifndef PDP_LAZYRE_H
#define PDP_LAZYRE_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdatomic.h>

typedef struct lazy_re {
    char *src;                   /* the pattern text */
    uint32_t opts;               /* pcre2_compile options */
    int jit;                     /* JIT-compile it too */
    _Atomic(pcre2_code *) code;  /* NULL until compiled */
    atomic_int failed;           /* it does not compile */
} lazy_re;

/* Take src (heap, owned from now on); nothing is compiled yet. */
void lazy_re_init(lazy_re *l, char *src, uint32_t opts, int jit);
/* Compile now: 0, or -1 with *err (heap) saying why. */
int lazy_re_compile(lazy_re *l, char **err);
/* The compiled pattern, compiling it on first use (thread-safe); NULL when
 * l is NULL or the pattern does not compile. */
pcre2_code *lazy_re_get(const lazy_re *l);
void lazy_re_free(lazy_re *l);

#endif

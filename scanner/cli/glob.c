/* glob.c — path patterns as .gitignore writes them (see glob.h): the
 * pattern and the path are split into names at '/', and "**" stands for
 * any run of names. */
#include "glob.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"

#define MAX_NAMES 256

/* Split s at '/' into at most MAX_NAMES names (empty ones dropped), in a
 * copy (*copy, heap: the caller frees it); returns how many. */
static size_t split(const char *s, char **copy, char **names)
{
    *copy = xstrdup(s);
    size_t n = 0;
    for (char *save = NULL, *t = strtok_r(*copy, "/", &save); t && n < MAX_NAMES; t = strtok_r(NULL, "/", &save))
        names[n++] = t;
    return n;
}

/* Do the pattern names p[0..np) match the path names s[0..ns) exactly? */
static int names_match(char **p, size_t np, char **s, size_t ns)
{
    if (np == 0) return ns == 0;
    if (!strcmp(p[0], "**")) {
        for (size_t skip = 0; skip <= ns; skip++)
            if (names_match(p + 1, np - 1, s + skip, ns - skip)) return 1;
        return 0;
    }
    return ns > 0 && fnmatch(p[0], s[0], 0) == 0 && names_match(p + 1, np - 1, s + 1, ns - 1);
}

int glob_match(const char *pattern, const char *path)
{
    if (!strchr(pattern, '/')) {
        const char *base = strrchr(path, '/');
        base = base && base[1] ? base + 1 : path;
        return fnmatch(pattern, base, 0) == 0;
    }
    char *pc, *sc, *p[MAX_NAMES], *s[MAX_NAMES];
    size_t np = split(pattern, &pc, p), ns = split(path, &sc, s);
    int anchored = pattern[0] == '/', hit = 0;
    for (size_t from = 0; from <= ns && !hit; from++) {
        hit = names_match(p, np, s + from, ns - from);
        if (anchored) break;
    }
    free(pc);
    free(sc);
    return hit;
}

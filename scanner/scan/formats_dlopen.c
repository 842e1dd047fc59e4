/* formats_dlopen.c — the format readers loaded on first use from the plugin
 * pdpascan-formats.so (the pdpascan program's choice; see formats.h).
 * Looked for in $PDPASCAN_FORMATS, next to the program, in ../lib/pdpascan/
 * beside it, then in the compiled-in library directory. */
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../extract/formats.h"

#ifndef PDP_LIBDIR
#define PDP_LIBDIR "/usr/local/lib/pdpascan"
#endif
#define PLUGIN "pdpascan-formats.so"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const extract_fns *table;
static char refused[256]; /* why a plugin that was found is not used */

static void *try_open(const char *dir, const char *rel)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s%s", dir, rel) >= (int)sizeof path) return NULL;
    return dlopen(path, RTLD_NOW | RTLD_LOCAL);
}

static void load(void)
{
    void *h = NULL;
    const char *env = getenv("PDPASCAN_FORMATS");
    if (env && *env) h = dlopen(env, RTLD_NOW | RTLD_LOCAL);
    char exe[PATH_MAX];
    ssize_t n = h ? -1 : readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) *slash = 0;
        h = try_open(exe, "/" PLUGIN);
        if (!h) h = try_open(exe, "/../lib/pdpascan/" PLUGIN);
    }
    if (!h) h = try_open(PDP_LIBDIR, "/" PLUGIN);
    if (!h) return;
    const extract_fns *(*entry)(void) = (const extract_fns *(*)(void))dlsym(h, "pdp_formats_table");
    const extract_fns *t = entry ? entry() : NULL;
    if (t && t->abi == PDP_FORMATS_ABI && t->nreaders == KIND_READERS) {
        table = t;
        return;
    }
    /* another build's plugin: calling it would be undefined behaviour */
    snprintf(refused, sizeof refused,
             "the PDF/Office/HTML reader (" PLUGIN ") is of another build than this program (interface %u, "
             "pdpascan " PDP_VERSION "): install both from one build; not checked",
             PDP_FORMATS_ABI);
    dlclose(h);
}

const extract_fns *extract_formats(const char **why)
{
    pthread_once(&once, load);
    if (!table) *why = *refused ? refused : "the PDF/Office/HTML reader (" PLUGIN ") could not be loaded; not checked";
    return table;
}

/* lazylib.c — shared libraries opened on first use (see lazylib.h). */
#include "lazylib.h"

#include <dlfcn.h>
#include <string.h>

/* POSIX guarantees that dlsym's void * converts to a function pointer;
 * memcpy makes the conversion without a cast C leaves undefined. */
_Static_assert(sizeof(void (*)(void)) == sizeof(void *), "function pointers are data pointers' size");

int lazylib_bind(const char *soname, const lazy_fn *fns, size_t n)
{
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) return -1;
    for (size_t i = 0; i < n; i++) {
        void *p = dlsym(h, fns[i].name);
        if (!p) return -1; /* the handle stays open: a half-bound table is never used */
        memcpy(fns[i].slot, &p, sizeof p);
    }
    return 0;
}

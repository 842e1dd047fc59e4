/* lazylib.c — shared libraries opened on first use (see lazylib.h). */
#include "lazylib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

/* POSIX guarantees that dlsym's void * converts to a function pointer;
 * memcpy makes the conversion without a cast C leaves undefined. */
_Static_assert(sizeof(void (*)(void)) == sizeof(void *), "function pointers are data pointers' size");

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int bind_all(const lazy_lib *l)
{
    void *h = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) return 0;
    for (size_t i = 0; i < l->n; i++) {
        void *p = dlsym(h, l->fns[i].name);
        if (!p) return 0; /* the handle stays open: a half-bound table is never used */
        memcpy(l->fns[i].slot, &p, sizeof p);
    }
    return 1;
}

int lazylib_open(lazy_lib *l)
{
    pthread_mutex_lock(&lock);
    if (!l->tried) {
        l->tried = 1;
        l->ok = bind_all(l);
    }
    int ok = l->ok;
    pthread_mutex_unlock(&lock);
    return ok;
}

/* lazylib.h — a shared library opened on first use, its functions bound
 * into a table of function pointers.
 *
 * Every library the program is linked with is loaded before main() runs;
 * ICU and SQLite took more of a git hook's start-up than its whole scan
 * while few runs need them.  Their users (icu.c, cli/sqlite_lazy.c) keep a
 * table of the functions they call, list its slots in a lazy_lib, and
 * open it here when first needed. */
#ifndef PDP_LAZYLIB_H
#define PDP_LAZYLIB_H

#include <stddef.h>

typedef struct lazy_fn {
    const char *name;  /* the exported symbol */
    void *slot;        /* the address of a function pointer to fill */
} lazy_fn;

typedef struct lazy_lib {
    const char *soname;
    const lazy_fn *fns;
    size_t n;
    int tried, ok;     /* lazylib_open's, under its lock */
} lazy_lib;

/* A lazy_fn for function pointer `slot` and function fn, by fn's exported
 * name: fn expanded first, so that a library's renaming macros apply (ICU's
 * headers make ucnv_open ucnv_open_72).  The compiler checks that slot can
 * hold fn: the assignment is type-checked inside sizeof, never evaluated,
 * so fn's library need not be linked. */
#define LAZY_FN(slot, fn) { LAZY_NAME_(fn), &(slot) + 0 * sizeof((slot) = (fn)) }
#define LAZY_NAME_(fn) LAZY_STR_(fn)
#define LAZY_STR_(fn) #fn

/* Open the library and bind every slot, the first time only (thread-safe);
 * 1 when they are all bound, 0 when the library or one of the functions is
 * missing (then no slot is to be used). */
int lazylib_open(lazy_lib *l);

#endif

/* lazylib.h — a shared library opened on first use, its functions bound
 * into a table of function pointers.
 *
 * Every library the program is linked with is loaded before main() runs;
 * ICU and SQLite take more of a git hook's start-up than its whole scan
 * while few runs need them.  Their users (icu.c, cli/sqlite.c) keep a table
 * of the functions they call and fill it here when first needed. */
#ifndef PDP_LAZYLIB_H
#define PDP_LAZYLIB_H

#include <stddef.h>

typedef struct lazy_fn {
    const char *name;  /* the exported symbol */
    void *slot;        /* the address of a function pointer to fill */
} lazy_fn;

/* At file scope: the compiler checks that function pointer `slot` can hold
 * fn (the assignment is type-checked, never evaluated: fn's library is not
 * linked). */
#define LAZY_SAME_TYPE(slot, fn) _Static_assert(sizeof((slot) = (fn)) > 0, #fn " fits its slot")

/* dlopen soname and bind each function; 0, or -1 when the library or one
 * of the functions is missing (then no slot is to be used). */
int lazylib_bind(const char *soname, const lazy_fn *fns, size_t n);

#endif

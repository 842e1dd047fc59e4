/* lazyre.c — patterns compiled on first use (see lazyre.h). */
#include "lazyre.h"

#include <pthread.h>
#include <stdlib.h>

#include "../util/buf.h"

/* One lock for every lazy pattern: compiling is rare and short. */
static pthread_mutex_t compile_lock = PTHREAD_MUTEX_INITIALIZER;

void lazy_re_init(lazy_re *l, char *src, uint32_t opts, int jit)
{
    l->src = src;
    l->opts = opts;
    l->jit = jit;
    atomic_init(&l->code, NULL);
    atomic_init(&l->failed, 0);
}

/* Compile l (the caller holds the lock or owns l alone). */
static int compile_now(lazy_re *l, char **err)
{
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)l->src, PCRE2_ZERO_TERMINATED, l->opts, &ec, &eo, NULL);
    if (!re) {
        if (err) {
            PCRE2_UCHAR msg[160];
            pcre2_get_error_message(ec, msg, sizeof msg);
            *err = xasprintf("%s (at pattern offset %zu)", (char *)msg, (size_t)eo);
        }
        atomic_store(&l->failed, 1);
        return -1;
    }
    if (l->jit) pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    atomic_store(&l->code, re);
    return 0;
}

int lazy_re_compile(lazy_re *l, char **err)
{
    if (atomic_load(&l->code)) return 0;
    return compile_now(l, err);
}

pcre2_code *lazy_re_get(const lazy_re *cl)
{
    if (!cl) return NULL;
    lazy_re *l = (lazy_re *)cl; /* compiled once; logically const */
    pcre2_code *re = atomic_load(&l->code);
    if (re || atomic_load(&l->failed)) return re;
    pthread_mutex_lock(&compile_lock);
    if (!atomic_load(&l->code) && !atomic_load(&l->failed)) compile_now(l, NULL);
    pthread_mutex_unlock(&compile_lock);
    return atomic_load(&l->code);
}

void lazy_re_free(lazy_re *l)
{
    if (!l) return;
    pcre2_code_free(atomic_load(&l->code));
    atomic_store(&l->code, NULL);
    free(l->src);
    l->src = NULL;
}

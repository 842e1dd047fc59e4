/* batch_threads.c — pdp_scan_batch on threads (pdp_batch.threads; the
 * program's `--no-isolate` and its one plain-text input).  Workers take the
 * next input index; the calling thread waits for results in order and
 * passes them on, so at most the results finished ahead of the slowest file
 * are held in memory.  A file past the time limit is given up: its result
 * becomes an error, a new thread takes the stuck one's place, and the stuck
 * one's result is thrown away if it ever comes (the pool is then left to
 * it, not freed). */
#include "batch.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../util/buf.h"
#include "../util/clock.h"

typedef struct pool {
    const pdp_rules *rules;
    const pdp_options *opt;
    const pdp_input *in;
    size_t n;
    const pdp_batch *b;
    pdp_result *res;
    char *done;
    char *given_up;       /* past the time limit: the result was settled without it */
    double *started;      /* when each input's scan began (0: not yet) */
    size_t next;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int exiting, exited;  /* threads to wait for at the end, threads gone */
} pool;

static void scan_one(pool *p, size_t i, pdp_result *res)
{
    if (batch_lookup(p->b, p->in, i, res)) return;
    batch_scan_input(p->rules, p->opt, &p->in[i], res);
    batch_store(p->b, p->in, i, res);
}

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        size_t i = p->next++;
        if (i < p->n) p->started[i] = monotonic_seconds();
        if (i >= p->n) {
            p->exited++;
            pthread_cond_broadcast(&p->cv);
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        pthread_mutex_unlock(&p->mu);
        pdp_result res;
        scan_one(p, i, &res);
        pthread_mutex_lock(&p->mu);
        if (p->given_up[i]) {
            pdp_result_free(&res);
        } else {
            p->res[i] = res;
            p->done[i] = 1;
        }
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
}

/* The wall-clock time `seconds` from now, for pthread_cond_timedwait. */
static struct timespec deadline_in(double seconds)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    long long ns = ts.tv_nsec + (long long)(seconds * 1e9);
    ts.tv_sec += (time_t)(ns / 1000000000);
    ts.tv_nsec = (long)(ns % 1000000000);
    return ts;
}

/* Wait (p->mu held) until input i is done or past the time limit; in the
 * second case settle it as an error and return 1. */
static int wait_for(pool *p, size_t i, double timeout)
{
    while (!p->done[i]) {
        if (timeout <= 0 || !p->started[i]) {
            struct timespec ts = deadline_in(timeout > 0 ? 0.2 : 3600);
            pthread_cond_timedwait(&p->cv, &p->mu, &ts);
            continue;
        }
        double left = p->started[i] + timeout - monotonic_seconds();
        if (left <= 0) {
            char *why = xasprintf("took longer than %g s (--file-timeout): not checked, the scan went on", timeout);
            pdp_result_error(&p->res[i], p->in[i].path, why);
            free(why);
            p->given_up[i] = p->done[i] = 1;
            return 1;
        }
        struct timespec ts = deadline_in(left);
        pthread_cond_timedwait(&p->cv, &p->mu, &ts);
    }
    return 0;
}

size_t batch_threads_run(const pdp_rules *r, const pdp_options *opt, const pdp_input *in, size_t n,
                         const pdp_batch *b, pdp_batch_fn fn, void *ctx)
{
    int nthreads = b->jobs < 1 ? 1 : b->jobs > 1024 ? 1024 : (int)b->jobs;
    if ((size_t)nthreads > n) nthreads = n ? (int)n : 1;
    size_t m = n ? n : 1, stuck = 0;
    double timeout = b->timeout;
    pool *p = xcalloc(1, sizeof *p);
    *p = (pool){ r, opt, in, n, b, xcalloc(m, sizeof(pdp_result)), xcalloc(m, 1), xcalloc(m, 1), xcalloc(m, sizeof(double)),
                 0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0 };
    pthread_attr_t detached;
    pthread_attr_init(&detached);
    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
    int started = 0;
    pthread_t t;
    for (int k = 0; k < nthreads; k++)
        if (pthread_create(&t, &detached, worker, p) == 0) started++;
    if (!started) worker(p); /* no threads to be had: scan here */
    for (size_t i = 0; i < n; i++) {
        pthread_mutex_lock(&p->mu);
        int late = wait_for(p, i, timeout);
        pthread_mutex_unlock(&p->mu);
        if (late && pthread_create(&t, &detached, worker, p) == 0) started++; /* in the stuck one's place */
        stuck += (size_t)late;
        fn(ctx, &p->res[i]);
        pdp_result_free(&p->res[i]);
    }
    pthread_attr_destroy(&detached);
    if (stuck) return stuck; /* the stuck threads keep the pool */
    /* Every input is done: the workers are leaving (or left) the loop and
     * touch nothing more once they have seen next past the end. */
    pthread_mutex_lock(&p->mu);
    p->exiting = started;
    while (p->exited < p->exiting) pthread_cond_wait(&p->cv, &p->mu);
    pthread_mutex_unlock(&p->mu);
    free(p->res);
    free(p->done);
    free(p->given_up);
    free(p->started);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    free(p);
    return 0;
}

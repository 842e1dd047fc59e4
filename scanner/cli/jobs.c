/* jobs.c — the thread pool (`--no-isolate`; see jobs.h).  Workers take the
 * next input index; the calling thread waits for results in order and
 * passes them on, so at most the results finished ahead of the slowest file
 * are held in memory.  A file past the time limit is given up: its result
 * becomes an error, a new thread takes the stuck one's place, and the stuck
 * one's result is thrown away if it ever comes (the pool is then left to
 * it, not freed). */
#include "jobs.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "../util/buf.h"
#include "../util/clock.h"

typedef struct pool {
    const pdp_rules *rules;
    const pdp_options *opt;
    const input_list *in;
    pdp_result *res;
    char *done;
    char *given_up;       /* past the time limit: the result was settled without it */
    double *started;      /* when each input's scan began (0: not yet) */
    size_t next;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    cache *cache;
    int exiting, exited;  /* threads to wait for at the end, threads gone */
} pool;

void jobs_scan_input(const pdp_rules *r, const pdp_options *opt, const input *x, pdp_result *res)
{
    if (x->error) {
        pdp_result_error(res, x->path, x->error);
    } else if (x->data) {
        pdp_scan_buffer(r, x->data, x->len, x->path, opt, res);
    } else if (x->path[0] == '-' && x->path[1] == 0) {
        pdp_scan_fd(r, 0, "-", opt, res);
    } else {
        pdp_scan_file(r, x->path, NULL, opt, res);
    }
}

static void scan_one(pool *p, size_t i, pdp_result *res)
{
    const input *x = &p->in->v[i];
    if (p->cache && !x->error && !x->data && strcmp(x->path, "-")) {
        cache_key k;
        if (cache_get(p->cache, p->rules, x->path, x->size, x->mtime, res, &k)) {
            cache_put(p->cache, x->path, &k, res); /* known content under a new path */
            return;
        }
        pdp_scan_file(p->rules, x->path, NULL, p->opt, res);
        if (res->status != PDP_STATUS_ERROR) cache_put(p->cache, x->path, &k, res); /* errors may pass */
    } else {
        jobs_scan_input(p->rules, p->opt, x, res);
    }
}

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        size_t i = p->next++;
        if (i < p->in->len) p->started[i] = monotonic_seconds();
        if (i >= p->in->len) {
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
            pdp_result_error(&p->res[i], p->in->v[i].path, why);
            free(why);
            p->given_up[i] = p->done[i] = 1;
            return 1;
        }
        struct timespec ts = deadline_in(left);
        pthread_cond_timedwait(&p->cv, &p->mu, &ts);
    }
    return 0;
}

size_t jobs_run(const pdp_rules *r, const pdp_options *opt, const input_list *in, int nthreads, cache *results,
                double timeout, result_fn fn, void *ctx)
{
    if (nthreads < 1) nthreads = 1;
    if ((size_t)nthreads > in->len) nthreads = in->len ? (int)in->len : 1;
    size_t n = in->len ? in->len : 1, stuck = 0;
    pool *p = xcalloc(1, sizeof *p);
    *p = (pool){ r, opt, in, xcalloc(n, sizeof(pdp_result)), xcalloc(n, 1), xcalloc(n, 1), xcalloc(n, sizeof(double)),
                 0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, results, 0, 0 };
    pthread_attr_t detached;
    pthread_attr_init(&detached);
    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
    int started = 0;
    pthread_t t;
    for (int k = 0; k < nthreads; k++)
        if (pthread_create(&t, &detached, worker, p) == 0) started++;
    if (!started) worker(p); /* no threads to be had: scan here */
    for (size_t i = 0; i < in->len; i++) {
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

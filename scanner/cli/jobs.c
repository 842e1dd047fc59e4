/* jobs.c — the worker pool (see jobs.h).  Workers take the next input index;
 * the calling thread waits for results in order and passes them on, so at
 * most the results finished ahead of the slowest file are held in memory. */
#include "jobs.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "../core/docscan.h"
#include "../util/buf.h"

typedef struct pool {
    const pdp_rules *rules;
    const pdp_options *opt;
    const input_list *in;
    pdp_result *res;
    char *done;
    size_t next;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    cache *cache;
} pool;

void jobs_test_crash(const char *path)
{
    const char *crash = getenv("PDPASCAN_TEST_CRASH");
    if (crash && *crash && strstr(path, crash)) abort();
}

static void scan_one(pool *p, size_t i, pdp_result *res)
{
    const input *x = &p->in->v[i];
    jobs_test_crash(x->path);
    if (x->error) {
        result_init(res, x->path);
        result_set_status(res, PDP_STATUS_ERROR, x->error);
    } else if (x->data) {
        pdp_scan_buffer(p->rules, x->data, x->len, x->path, p->opt, res);
    } else if (x->path[0] == '-' && x->path[1] == 0) {
        pdp_scan_fd(p->rules, 0, "-", p->opt, res);
    } else if (p->cache) {
        cache_key k;
        if (cache_get(p->cache, p->rules, x->path, res, &k)) {
            cache_put(p->cache, x->path, &k, res); /* known content under a new path */
            return;
        }
        pdp_scan_file(p->rules, x->path, NULL, p->opt, res);
        if (res->status != PDP_STATUS_ERROR) cache_put(p->cache, x->path, &k, res); /* errors may pass */
    } else {
        pdp_scan_file(p->rules, x->path, NULL, p->opt, res);
    }
}

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        size_t i = p->next++;
        pthread_mutex_unlock(&p->mu);
        if (i >= p->in->len) return NULL;
        pdp_result res;
        scan_one(p, i, &res);
        pthread_mutex_lock(&p->mu);
        p->res[i] = res;
        p->done[i] = 1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
}

void jobs_run(const pdp_rules *r, const pdp_options *opt, const input_list *in, int nthreads, cache *results,
              result_fn fn, void *ctx)
{
    if (nthreads < 1) nthreads = 1;
    if ((size_t)nthreads > in->len) nthreads = in->len ? (int)in->len : 1;
    pool p = { r, opt, in, xcalloc(in->len ? in->len : 1, sizeof(pdp_result)),
               xcalloc(in->len ? in->len : 1, 1), 0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, results };
    pthread_t *th = xcalloc((size_t)nthreads, sizeof *th);
    int started = 0;
    for (int t = 0; t < nthreads; t++)
        if (pthread_create(&th[t], NULL, worker, &p) == 0) started++;
    if (!started) worker(&p); /* no threads to be had: scan here */
    for (size_t i = 0; i < in->len; i++) {
        pthread_mutex_lock(&p.mu);
        while (!p.done[i]) pthread_cond_wait(&p.cv, &p.mu);
        pthread_mutex_unlock(&p.mu);
        fn(ctx, &p.res[i]);
        pdp_result_free(&p.res[i]);
    }
    for (int t = 0; t < started; t++) pthread_join(th[t], NULL);
    free(th);
    free(p.res);
    free(p.done);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
}

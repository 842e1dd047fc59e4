/* batch_procs.c — pdp_scan_batch in worker processes, so that a crash or a
 * hang in one document's reader does not lose the batch (the default; the
 * program's `--isolate`).  Each worker is a fork of this process (rules
 * already loaded) that reads input numbers from a pipe and writes back
 * encoded results.  The parent hands out inputs, answers from the cache
 * itself, kills a worker whose file runs past the time limit, and turns the
 * file a worker died or was killed on into an error record; a new worker
 * takes the dead one's place and the scan goes on.  Results are passed on
 * in input order, as with threads.  A worker also tells, as it goes, how
 * many pages of its input it has read (a message with PAGES for its
 * length), which the parent passes to the options' page_fn. */
#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../util/clock.h"
#include "../util/buf.h"
#include "../util/fdio.h"

#define MAX_WORKERS 64
#define NONE ((size_t)-1)
#define PAGES UINT64_MAX /* a message's length saying it is a page count: two uint64 follow */

typedef struct worker {
    pid_t pid;
    int to, from;        /* pipes: input numbers to it, results from it */
    size_t job;          /* input being scanned, or NONE */
    double started;
    buf got;             /* bytes of the current answer so far */
} worker;

typedef struct ppool {
    const pdp_rules *rules;
    const pdp_options *opt;
    const pdp_input *in;
    size_t len;
    const pdp_batch *b;
    double timeout;
    pdp_result *res;
    char *done;
    size_t next;
    size_t needs_worker;  /* an input the cache was asked about and does not know, or NONE */
    worker w[MAX_WORKERS];
    int n;
} ppool;

/* In the worker: the pages of input `job` read so far, to the parent. */
typedef struct page_pipe {
    int fd;
    uint64_t job;
} page_pipe;

static void page_to_parent(void *ctx, const char *file, unsigned done, unsigned total)
{
    (void)file;
    const page_pipe *pp = ctx;
    uint64_t msg[4] = { pp->job, PAGES, done, total };
    (void)fd_write_all(pp->fd, msg, sizeof msg); /* a parent gone is found by the result's write */
}

/* In the worker: scan the inputs asked for until the pipe closes. */
static void child_loop(ppool *p, int in_fd, int out_fd)
{
    uint64_t job;
    page_pipe pp = { out_fd, 0 };
    pdp_options opt = p->opt ? *p->opt : (pdp_options){ 0 };
    if (opt.page_fn) {
        opt.page_fn = page_to_parent;
        opt.page_ctx = &pp;
    }
    while (fd_read_all(in_fd, &job, sizeof job) == 0) {
        pdp_result r;
        pp.job = job;
        batch_scan_input(p->rules, &opt, &p->in[job], &r);
        size_t len;
        void *blob = pdp_result_encode(&r, &len);
        uint64_t hdr[2] = { job, len };
        int bad = fd_write_all(out_fd, hdr, sizeof hdr) || fd_write_all(out_fd, blob, len);
        free(blob);
        pdp_result_free(&r);
        if (bad) break;
    }
    _exit(0);
}

static int spawn(ppool *p, worker *w)
{
    int a[2], b[2];
    if (pipe(a) != 0) return -1;
    if (pipe(b) != 0) {
        close(a[0]);
        close(a[1]);
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        close(a[1]);
        close(b[0]);
        fd_quiet_stderr(); /* a worker says what went wrong in its results */
        for (int i = 0; i < p->n; i++) /* the other workers' pipes are not ours */
            if (p->w[i].pid > 0) {
                close(p->w[i].to);
                close(p->w[i].from);
            }
        child_loop(p, a[0], b[1]);
    }
    close(a[0]);
    close(b[1]);
    w->pid = pid;
    w->to = a[1];
    w->from = b[0];
    w->job = NONE;
    buf_init(&w->got);
    return 0;
}

static void retire(worker *w, int kill_it)
{
    if (kill_it) kill(w->pid, SIGKILL);
    close(w->to);
    close(w->from);
    int st;
    while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR) {
    }
    buf_free(&w->got);
    w->pid = -1;
}

/* The input's result is an error that says what happened. */
static void fail_job(ppool *p, size_t job, const char *why)
{
    pdp_result_error(&p->res[job], p->in[job].path, why);
    p->done[job] = 1;
}

/* Settle the inputs from p->next on that need no worker (cached or
 * erroneous), up to the first that does; 1 when one is left. */
static int settle_known(ppool *p)
{
    for (; p->next < p->len; p->next++) {
        size_t i = p->next;
        if (i == p->needs_worker) return 1; /* looked up already */
        if (p->in[i].error) fail_job(p, i, p->in[i].error);
        else if (batch_lookup(p->b, p->in, i, &p->res[i])) p->done[i] = 1;
        else {
            p->needs_worker = i;
            return 1;
        }
    }
    return 0;
}

/* Give worker w the next input that needs a worker; cached and erroneous
 * inputs are settled here. */
static void hand_out(ppool *p, worker *w)
{
    if (!settle_known(p)) return;
    size_t i = p->next++;
    uint64_t job = i;
    if (fd_write_all(w->to, &job, sizeof job) != 0) {
        fail_job(p, i, "the worker process could not be reached: not checked");
        return;
    }
    w->job = i;
    w->started = monotonic_seconds();
}

/* The next whole message in w->got: a page count (passed on to page_fn)
 * or the answer that settles w's input.  1 when one was taken, 0 when more
 * bytes are needed, -1 when it is not what w was asked. */
static int take_message(ppool *p, worker *w)
{
    uint64_t hdr[2];
    if (w->got.len < sizeof hdr) return 0;
    memcpy(hdr, w->got.data, sizeof hdr);
    size_t job = (size_t)hdr[0];
    if (job != w->job) return -1;
    if (hdr[1] == PAGES) {
        uint64_t count[2];
        if (w->got.len < sizeof hdr + sizeof count) return 0;
        memcpy(count, w->got.data + sizeof hdr, sizeof count);
        if (p->opt && p->opt->page_fn)
            p->opt->page_fn(p->opt->page_ctx, p->in[job].path, (unsigned)count[0], (unsigned)count[1]);
        buf_consume(&w->got, sizeof hdr + sizeof count);
        return 1;
    }
    if (w->got.len < sizeof hdr + hdr[1]) return 0;
    if (pdp_result_decode(p->rules, w->got.data + sizeof hdr, hdr[1], p->in[job].path, &p->res[job]) != 0) return -1;
    batch_store(p->b, p->in, job, &p->res[job]);
    p->done[job] = 1;
    buf_consume(&w->got, sizeof hdr + hdr[1]);
    w->job = NONE;
    hand_out(p, w);
    return 1;
}

/* Read what worker w has written and take its whole messages. */
static int collect(ppool *p, worker *w)
{
    char tmp[65536];
    ssize_t k = read(w->from, tmp, sizeof tmp);
    if (k < 0 && errno == EINTR) return 0;
    if (k <= 0) return -1; /* it died */
    buf_append(&w->got, tmp, (size_t)k);
    int rc = 0;
    while (w->job != NONE && (rc = take_message(p, w)) > 0) {}
    return w->job != NONE && rc < 0 ? -1 : 0;
}

static void replace(ppool *p, worker *w, int killed)
{
    size_t job = w->job;
    retire(w, killed);
    if (job != NONE) {
        char *why = killed ? xasprintf("took longer than %g s (--file-timeout): not checked, the scan went on", p->timeout)
                           : xstrdup("the reader crashed on this file: not checked, the scan went on");
        fail_job(p, job, why);
        free(why);
    }
    if (spawn(p, w) == 0) hand_out(p, w);
}

/* Wait for any worker's output or the nearest time limit. */
static void step(ppool *p)
{
    struct pollfd fds[MAX_WORKERS];
    int wait_ms = 1000;
    double t = monotonic_seconds();
    for (int i = 0; i < p->n; i++) {
        fds[i] = (struct pollfd){ p->w[i].pid > 0 && p->w[i].job != NONE ? p->w[i].from : -1, POLLIN, 0 };
        if (fds[i].fd >= 0 && p->timeout > 0) {
            double left = p->w[i].started + p->timeout - t;
            int ms = left > 0 ? (int)(left * 1000) + 1 : 0;
            if (ms < wait_ms) wait_ms = ms;
        }
    }
    if (poll(fds, (nfds_t)p->n, wait_ms) < 0 && errno != EINTR) return;
    t = monotonic_seconds();
    for (int i = 0; i < p->n; i++) {
        worker *w = &p->w[i];
        if (fds[i].fd < 0) continue;
        if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) && collect(p, w) != 0) replace(p, w, 0);
        else if (w->job != NONE && p->timeout > 0 && t - w->started > p->timeout) replace(p, w, 1);
    }
}

void batch_procs_run(const pdp_rules *r, const pdp_options *opt, const pdp_input *in, size_t n,
                     const pdp_batch *b, pdp_batch_fn fn, void *ctx)
{
    ppool p = { r, opt, in, n, b, b->timeout, xcalloc(n ? n : 1, sizeof(pdp_result)), xcalloc(n ? n : 1, 1), 0, NONE, { { 0 } }, 0 };
    signal(SIGPIPE, SIG_IGN);
    int nworkers = b->jobs < 1 ? 1 : b->jobs > MAX_WORKERS ? MAX_WORKERS : (int)b->jobs;
    /* a worker only for an input the cache does not answer: a rescan of an
     * unchanged archive forks none */
    for (int i = 0; i < nworkers && settle_known(&p); i++) {
        p.w[i].pid = -1;
        p.n = i + 1;
        if (spawn(&p, &p.w[i]) == 0) hand_out(&p, &p.w[i]);
    }
    for (size_t i = 0; i < n; i++) {
        while (!p.done[i]) {
            int alive = 0;
            for (int k = 0; k < p.n; k++) alive |= p.w[k].pid > 0;
            if (!alive) { /* no process to be had: the rest cannot be checked */
                for (size_t j = i; j < n; j++)
                    if (!p.done[j]) fail_job(&p, j, "no worker process could be started: not checked");
                break;
            }
            step(&p);
        }
        fn(ctx, &p.res[i]);
        pdp_result_free(&p.res[i]);
    }
    for (int i = 0; i < p.n; i++)
        if (p.w[i].pid > 0) retire(&p.w[i], 0);
    free(p.res);
    free(p.done);
}

/* pdf_pages.c — the pages of one PDF read in order, by one thread or by
 * several at once (see pdf_pages.h).
 *
 * Nearly all of a PDF's time is spent inside poppler and MuPDF reading its
 * pages, and one document of either cannot be used by two threads.  So with
 * N threads there are N readers, each with its own poppler and MuPDF
 * documents over the same bytes (opened here, on the calling thread; the
 * calling thread's reader uses its own document).  N - 1 workers claim the
 * next page number, read the page with their reader, and leave it in a
 * window of slots; the calling thread takes the pages out in page order
 * and hands them to the scan, which therefore sees exactly what it sees
 * with one thread, and reads a page itself whenever the next one is not
 * there yet.  Workers stay at most WINDOW_PER_THREAD pages
 * per thread ahead of the scan, so memory does not grow with the
 * document. */
#include "pdf_pages.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/clock.h"

#define MAX_THREADS 64
#define WINDOW_PER_THREAD 4

/* Page no read by r, unless the time limit has passed. */
static void read_in_time(page_reader *r, int no, double deadline, pdf_page *pg)
{
    if (monotonic_seconds() > deadline) {
        memset(pg, 0, sizeof *pg);
        pg->state = PAGE_UNREAD;
        return;
    }
    page_read(r, no, pg);
}

/* One thread: the caller's document. */
static int read_here(const pages_job *job, page_take_fn take, void *ctx)
{
    page_reader r;
    if (page_reader_open(&r, job->doc, job->data, job->len, job->npages, job->rules, job->ocr_dpi) != 0) return 0;
    int stopped = 0;
    for (int no = 0; no < job->npages && !stopped; no++) {
        pdf_page pg;
        read_in_time(&r, no, job->deadline, &pg);
        stopped = take(ctx, no, &pg);
        pdf_page_free(&pg);
    }
    page_reader_close(&r);
    return stopped;
}

typedef struct pool {
    const pages_job *job;
    pthread_mutex_t lock;
    pthread_cond_t filled_cv; /* a slot was filled (the scan waits) */
    pthread_cond_t room_cv;   /* the scan took a page, or stop (workers wait) */
    int next;                 /* the next page to claim */
    int taken;                /* pages the scan has taken */
    int stop;
    int window;
    pdf_page *slot;           /* page no in slot[no % window] */
    char *filled;
} pool;

typedef struct worker {
    pool *p;
    page_reader r;
    pthread_t t;
} worker;

/* Put page no, read, in its slot (the caller holds the lock). */
static void fill(pool *p, int no, const pdf_page *pg)
{
    p->slot[no % p->window] = *pg;
    p->filled[no % p->window] = 1;
}

static void *work(void *arg)
{
    worker *w = arg;
    pool *p = w->p;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->stop && p->next < p->job->npages && p->next >= p->taken + p->window)
            pthread_cond_wait(&p->room_cv, &p->lock);
        if (p->stop || p->next >= p->job->npages) break;
        int no = p->next++;
        pthread_mutex_unlock(&p->lock);
        pdf_page pg;
        read_in_time(&w->r, no, p->job->deadline, &pg);
        pthread_mutex_lock(&p->lock);
        fill(p, no, &pg);
        pthread_cond_signal(&p->filled_cv);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* The pages in order to take, as the workers fill them; while the next one
 * is not there, the calling thread reads the next unclaimed page itself
 * with its own reader rather than wait (N threads are N - 1 workers and
 * this one). */
static int take_in_order(pool *p, page_reader *mine, page_take_fn take, void *ctx)
{
    int stopped = 0;
    for (int no = 0; no < p->job->npages && !stopped; no++) {
        pthread_mutex_lock(&p->lock);
        while (!p->filled[no % p->window]) {
            if (p->next < p->job->npages && p->next < p->taken + p->window) {
                int k = p->next++;
                pthread_mutex_unlock(&p->lock);
                pdf_page pg;
                read_in_time(mine, k, p->job->deadline, &pg);
                pthread_mutex_lock(&p->lock);
                fill(p, k, &pg);
                continue;
            }
            pthread_cond_wait(&p->filled_cv, &p->lock);
        }
        pdf_page pg = p->slot[no % p->window];
        p->filled[no % p->window] = 0;
        p->taken = no + 1;
        pthread_cond_broadcast(&p->room_cv);
        pthread_mutex_unlock(&p->lock);
        stopped = take(ctx, no, &pg);
        pdf_page_free(&pg);
    }
    return stopped;
}

/* Readers for up to n workers; how many opened. */
static unsigned open_readers(const pages_job *job, worker *w, unsigned n)
{
    unsigned k = 0;
    for (unsigned i = 0; i < n; i++)
        if (page_reader_open(&w[k].r, NULL, job->data, job->len, job->npages, job->rules, job->ocr_dpi) == 0) k++;
    return k;
}

int pdf_pages_read(const pages_job *job, page_take_fn take, void *ctx)
{
    unsigned n = job->threads > MAX_THREADS ? MAX_THREADS : job->threads;
    if (n > (unsigned)job->npages) n = (unsigned)job->npages;
    if (n <= 1) return read_here(job, take, ctx);
    worker *w = xcalloc(n - 1, sizeof *w);
    unsigned nw = open_readers(job, w, n - 1);
    page_reader mine;
    if (!nw || page_reader_open(&mine, job->doc, job->data, job->len, job->npages, job->rules, job->ocr_dpi) != 0) {
        for (unsigned i = 0; i < nw; i++) page_reader_close(&w[i].r);
        free(w);
        return read_here(job, take, ctx);
    }
    pool p = { .job = job, .window = (int)(n * WINDOW_PER_THREAD) };
    p.slot = xcalloc((size_t)p.window, sizeof *p.slot);
    p.filled = xcalloc((size_t)p.window, 1);
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.filled_cv, NULL);
    pthread_cond_init(&p.room_cv, NULL);
    unsigned started = 0;
    for (; started < nw; started++) {
        w[started].p = &p;
        if (pthread_create(&w[started].t, NULL, work, &w[started]) != 0) break;
    }
    int stopped = take_in_order(&p, &mine, take, ctx); /* with no worker started, it reads them all */
    pthread_mutex_lock(&p.lock);
    p.stop = 1;
    pthread_cond_broadcast(&p.room_cv);
    pthread_mutex_unlock(&p.lock);
    for (unsigned i = 0; i < started; i++) pthread_join(w[i].t, NULL);
    for (int i = 0; i < p.window; i++)
        if (p.filled[i]) pdf_page_free(&p.slot[i]);
    for (unsigned i = 0; i < nw; i++) page_reader_close(&w[i].r);
    page_reader_close(&mine);
    pthread_cond_destroy(&p.room_cv);
    pthread_cond_destroy(&p.filled_cv);
    pthread_mutex_destroy(&p.lock);
    free(p.slot);
    free(p.filled);
    free(w);
    return stopped;
}

/* progress.c — the progress line on a terminal (see progress.h).
 *
 * Files done of all, pages read, MB/s, findings above info, and the time
 * left.  For one input the line counts its pages ("page 12/40") and the
 * time left by pages: a scanned PDF is small in bytes and slow to read
 * (OCR takes a second or more a page).  Pages are told by the reading
 * threads, or by the worker processes through the batch: a mutex keeps the
 * line whole. */
#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/clock.h"

/* One input smaller than this is read before a progress line could help. */
#define PROGRESS_MIN_BYTES (16u << 20)
/* A scan still reading pages after this long gets the line anyway
 * (PDPASCAN_PROGRESS_AFTER, in seconds, says otherwise: the tests draw it
 * at once). */
#define PROGRESS_AFTER_SECONDS 1.0

void progress_start(progress *p, const input_list *in, int on)
{
    memset(p, 0, sizeof *p);
    pthread_mutex_init(&p->mu, NULL);
    p->total = in->len;
    p->start = p->last = monotonic_seconds();
    for (size_t i = 0; on && i < in->len; i++) {
        uint64_t size;
        if (input_size(&in->v[i], &size)) p->total_bytes += size;
    }
    p->allowed = on;
    const char *after = getenv("PDPASCAN_PROGRESS_AFTER");
    p->after = after && *after ? atof(after) : PROGRESS_AFTER_SECONDS;
    p->on = on && (in->len > 1 || p->total_bytes >= PROGRESS_MIN_BYTES);
}

/* The one input being read, when the scan has one input: its slot, or NULL. */
static const progress_input *only_input(const progress *p)
{
    if (p->total != 1) return NULL;
    for (size_t i = 0; i < PROGRESS_FLIGHT; i++)
        if (p->flight[i].file) return &p->flight[i];
    return NULL;
}

static void show(progress *p, double t)
{
    double el = t - p->start, mbps = el > 0 ? p->bytes / 1048576.0 / el : 0;
    double eta = p->bytes && p->total_bytes > p->bytes ? el * (double)(p->total_bytes - p->bytes) / (double)p->bytes : 0;
    const progress_input *one = only_input(p);
    char pages[64] = "";
    if (one && one->total) {
        snprintf(pages, sizeof pages, "  page %u/%u", one->done, one->total);
        eta = one->done ? el * (one->total - one->done) / one->done : 0;
    } else if (p->pages) {
        snprintf(pages, sizeof pages, "  %zu pages", p->pages);
    }
    fprintf(stderr, "\r\033[K%zu/%zu files%s  %.1f MB/s  %zu findings  ETA %02d:%02d", p->done, p->total, pages, mbps,
            p->findings, (int)eta / 60, (int)eta % 60);
    fflush(stderr);
}

/* The findings the reports list: those above info. */
static void count(progress *p, const pdp_result *res)
{
    for (size_t i = 0; i < res->nchildren; i++) count(p, &res->children[i]);
    for (size_t i = 0; i < res->nfindings; i++) p->findings += res->findings[i].severity > PDP_SEV_INFO;
}

/* The slot following file, or a free one for it (NULL when all are taken:
 * its pages are then counted without it). */
static progress_input *slot(progress *p, const char *file, int make)
{
    for (size_t i = 0; i < PROGRESS_FLIGHT; i++)
        if (p->flight[i].file && !strcmp(p->flight[i].file, file)) return &p->flight[i];
    for (size_t i = 0; make && i < PROGRESS_FLIGHT; i++)
        if (!p->flight[i].file) {
            p->flight[i].file = xstrdup(file);
            p->flight[i].done = p->flight[i].total = 0;
            return &p->flight[i];
        }
    return NULL;
}

void progress_page(void *ctx, const char *file, unsigned done, unsigned total)
{
    progress *p = ctx;
    pthread_mutex_lock(&p->mu);
    if (!p->allowed) { /* off, or ended: a reading thread given up on may still tell its pages */
        pthread_mutex_unlock(&p->mu);
        return;
    }
    progress_input *s = slot(p, file, 1);
    p->pages += s && done > s->done ? done - s->done : !s;
    if (s) s->done = done, s->total = total;
    double t = monotonic_seconds();
    if (!p->on && t - p->start >= p->after) p->on = 1;
    if (p->on && t - p->last >= 0.2) {
        p->last = t;
        show(p, t);
    }
    pthread_mutex_unlock(&p->mu);
}

void progress_add(progress *p, const pdp_result *res)
{
    pthread_mutex_lock(&p->mu);
    progress_input *s = p->allowed ? slot(p, res->file, 0) : NULL;
    if (s) {
        free(s->file);
        s->file = NULL;
    }
    if (p->allowed) {
        p->done++;
        p->bytes += res->bytes;
        count(p, res);
    }
    if (p->on) {
        double t = monotonic_seconds();
        if (t - p->last >= 0.2 || p->done == p->total) {
            p->last = t;
            show(p, t);
        }
    }
    pthread_mutex_unlock(&p->mu);
}

void progress_clear(progress *p)
{
    pthread_mutex_lock(&p->mu);
    if (p->on && p->done) {
        fputs("\r\033[K", stderr);
        p->last = 0; /* drawn again by the next progress_add */
    }
    pthread_mutex_unlock(&p->mu);
}

/* The mutex stays: threads the scan gave up on may still call
 * progress_page (which then does nothing) until the program exits. */
void progress_end(progress *p)
{
    pthread_mutex_lock(&p->mu);
    if (p->on) {
        show(p, monotonic_seconds());
        fputs("\n", stderr);
    }
    for (size_t i = 0; i < PROGRESS_FLIGHT; i++) {
        free(p->flight[i].file);
        p->flight[i].file = NULL;
    }
    p->allowed = p->on = 0;
    pthread_mutex_unlock(&p->mu);
}

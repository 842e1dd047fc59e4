/* progress.h — the progress line on a terminal (progress.c). */
#ifndef PDP_PROGRESS_H
#define PDP_PROGRESS_H

#include <pthread.h>
#include <stdint.h>

#include "walk.h"
#include "../include/pdpascan.h"

/* Progress on a terminal: files done/total, pages read (OCR makes a page
 * take seconds), MB/s, findings, ETA.  Drawn for many files or a large
 * one, and for any scan that reads pages for more than a second. */
#define PROGRESS_FLIGHT 64 /* inputs whose pages are followed at once */
typedef struct progress_input {
    char *file;       /* an input being read (heap), or NULL */
    unsigned done, total;
} progress_input;

typedef struct progress {
    int on, allowed;  /* allowed: on a terminal, so it may be turned on */
    size_t total, done, findings, pages;
    uint64_t bytes, total_bytes;
    double start, last, after;
    progress_input flight[PROGRESS_FLIGHT];
    pthread_mutex_t mu; /* pages come from the reading threads */
} progress;
void progress_start(progress *p, const input_list *in, int on);
void progress_add(progress *p, const pdp_result *res);
/* Page `done` of `total` (0: not known) of input `file` read (pdp_options'
 * page_fn). */
void progress_page(void *ctx, const char *file, unsigned done, unsigned total);
/* Clear the progress line, so that a warning starts on a clean line (the
 * next progress_add draws it again). */
void progress_clear(progress *p);
void progress_end(progress *p);

#endif

/* serve_work.h — what `pdpascan serve` does with a request's documents, in
 * the request's own process (serve_job.h): the result page, the JSON
 * report, a redacted copy, a review copy (serve_work.c). */
#ifndef PDP_SERVE_WORK_H
#define PDP_SERVE_WORK_H

#include "../include/pdpascan.h"
#include "serve_upload.h"

typedef enum work_kind { WORK_PAGE, WORK_JSON, WORK_REDACT, WORK_ANNOTATE } work_kind;

/* Exit codes of the child besides 0 (done): the body then holds a JSON
 * {"error": ...} saying why. */
#define WORK_REFUSED 3   /* no copy: not read completely, no writer, failed its check */
#define WORK_NO_INPUT 4  /* no document, or more than one for a copy */

typedef struct work {
    work_kind kind;
    const pdp_rules *rules;
    upload *up;
    pdp_lang lang;
    int show_values;   /* page: values as they are, not masked */
    int copies;        /* page: a redacted and a review copy of each file to download */
    const char *top;   /* page: the server's own controls (serve_page.h) */
    unsigned threads;  /* a PDF's pages on this many threads */
    int log_fd;        /* the server's log, one line per document (never a name or value) */
} work;

/* serve_job_fn: the body for w to fd. */
int work_run(void *w, int fd);

#endif

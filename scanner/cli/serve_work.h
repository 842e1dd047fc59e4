/* serve_work.h — what `pdpascan serve` does with a request's documents, in
 * the request's own process (serve_job.h, `pdpascan serve-worker`): the
 * result page, the JSON report, a redacted copy, a review copy
 * (serve_work.c). */
#ifndef PDP_SERVE_WORK_H
#define PDP_SERVE_WORK_H

#include <stdio.h>

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
    int log_fd;        /* the server's log, one line per document (never a name or value) */
} work;

/* The results res[0, n) as one report in format to out, flushed after
 * each file (the page's verdicts show while the rest is made). */
void work_report(FILE *out, const pdp_report_opts *o, const char *format, const pdp_result *res, size_t n);

/* The body for w to fd; the exit code (0, WORK_REFUSED, WORK_NO_INPUT, 1). */
int work_run(work *w, int fd);

/* w as a memory file of parameters for `pdpascan serve-worker` (its
 * descriptor, or -1), with the descriptors of its documents in keep (room
 * for UPLOAD_MAX_FILES; *nkeep set): what serve_job_start hands over. */
int work_save(const work *w, int *keep, size_t *nkeep);
/* `pdpascan serve-worker FD [--rules DIR]`: the work saved in FD, its body
 * to standard output, its log lines to standard error; exit code as
 * work_run's. */
int cmd_serve_worker(int argc, char **argv);

#endif

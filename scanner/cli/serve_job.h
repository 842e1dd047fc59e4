/* serve_job.h — one request's work on documents, done in a process of its
 * own (serve_job.c): a parser that crashes or hangs on an upload costs that
 * upload, never the server. */
#ifndef PDP_SERVE_JOB_H
#define PDP_SERVE_JOB_H

#include <stddef.h>
#include <sys/types.h>

typedef struct serve_job {
    pid_t pid;
    int fd;            /* the body, read end */
    double deadline;   /* monotonic seconds */
    int killed;        /* past the deadline */
    int gone;          /* the client hung up */
} serve_job;

/* Start `pdpascan serve-worker PARAMS [--rules DIR]` (this program run
 * again: see serve_job.c) with its standard output into the job's pipe,
 * keeping descriptors keep[0, nkeep) open in it.  -1 when it cannot be
 * started. */
int serve_job_start(serve_job *j, int params, const int *keep, size_t nkeep, const char *rules_dir, double timeout);
/* Up to n bytes of the body: > 0, 0 at its end, -1 when the job ran out of
 * time or the peer on socket `client` (>= 0; -1: none) hung up — then it
 * is killed, and j->gone says which. */
ssize_t serve_job_read(serve_job *j, void *buf, size_t n, int client);
/* Wait for the child: its exit code, or -1 with *why (static) when it
 * crashed or was killed. */
int serve_job_end(serve_job *j, const char **why);

#endif

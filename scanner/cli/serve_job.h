/* serve_job.h — one request's work on documents, done in a process of its
 * own (serve_job.c): a parser that crashes or hangs on an upload costs that
 * upload, never the server. */
#ifndef PDP_SERVE_JOB_H
#define PDP_SERVE_JOB_H

#include <stddef.h>
#include <sys/types.h>

/* What the child does: write the response body to fd; its return value is
 * the child's exit code (0: done; other codes mean what the caller says). */
typedef int (*serve_job_fn)(void *arg, int fd);

typedef struct serve_job {
    pid_t pid;
    int fd;            /* the body, read end */
    double deadline;   /* monotonic seconds */
    int killed;        /* past the deadline */
} serve_job;

/* Fork and run fn(arg, fd) in the child.  -1 when no process could be made. */
int serve_job_start(serve_job *j, serve_job_fn fn, void *arg, double timeout);
/* Up to n bytes of the body: > 0, 0 at its end, -1 when the job ran out of
 * time (then it is killed). */
ssize_t serve_job_read(serve_job *j, void *buf, size_t n);
/* Wait for the child: its exit code, or -1 with *why (static) when it
 * crashed or was killed. */
int serve_job_end(serve_job *j, const char **why);

#endif

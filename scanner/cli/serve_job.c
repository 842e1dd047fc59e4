/* serve_job.c — a request's work in a forked child (see serve_job.h).
 *
 * The server's threads only move bytes; every document is read, rendered,
 * redacted or annotated in a fork made for its request, which writes the
 * response body into a pipe and exits.  The parent reads the pipe under a
 * deadline and kills the child past it.  The child inherits the uploads'
 * memory files and the rules already loaded, so nothing is read again and
 * nothing touches the disk. */
#include "serve_job.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../util/clock.h"
#include "../util/fdio.h"

int serve_job_start(serve_job *j, serve_job_fn fn, void *arg, double timeout)
{
    int fd;
    pid_t pid = fork_piped(&fd);
    if (pid < 0) return -1;
    if (pid == 0) {
        sigset_t all;
        sigfillset(&all);
        sigprocmask(SIG_UNBLOCK, &all, NULL); /* the server waits for its stop signals; this child does not */
        signal(SIGPIPE, SIG_DFL);             /* a client gone: stop there */
        _exit(fn(arg, fd));
    }
    j->pid = pid;
    j->fd = fd;
    j->deadline = monotonic_seconds() + timeout;
    j->killed = 0;
    return 0;
}

ssize_t serve_job_read(serve_job *j, void *buf, size_t n)
{
    for (;;) {
        double left = j->deadline - monotonic_seconds();
        if (left <= 0) break;
        struct pollfd pf = { j->fd, POLLIN, 0 };
        int r = poll(&pf, 1, (int)(left * 1000) + 1);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) continue; /* the deadline is checked above */
        ssize_t k = read(j->fd, buf, n);
        if (k < 0 && errno == EINTR) continue;
        return k < 0 ? 0 : k;
    }
    kill(j->pid, SIGKILL);
    j->killed = 1;
    return -1;
}

int serve_job_end(serve_job *j, const char **why)
{
    close(j->fd);
    int st;
    while (waitpid(j->pid, &st, 0) < 0 && errno == EINTR) {
    }
    if (j->killed) {
        *why = "took longer than the time limit";
        return -1;
    }
    if (!WIFEXITED(st)) {
        *why = "a reader crashed on it";
        return -1;
    }
    return WEXITSTATUS(st);
}

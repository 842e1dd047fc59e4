/* serve_job.c — a request's work in a process of its own (see
 * serve_job.h).
 *
 * The server's threads only move bytes; every document is read, rendered,
 * redacted or annotated by `pdpascan serve-worker`, this program started
 * again for the request, which writes the response body into a pipe and
 * exits.  The server reads the pipe under a deadline and kills the worker
 * past it, or when the client hangs up.  The worker is a new program, not a
 * fork: a fork of a process with threads (libmicrohttpd's) inherits
 * whatever lock another thread held at that moment, and deadlocks on it
 * (AddressSanitizer's allocator did, under load).  posix_spawn starts it
 * from any thread safely; the uploads' memory files and a memory file of
 * parameters are handed over by descriptor, the rules come from the rule
 * cache.  Nothing touches the disk. */
#define _GNU_SOURCE /* POLLRDHUP, pipe2 */
#include "serve_job.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../util/clock.h"

extern char **environ;

int serve_job_start(serve_job *j, int params, const int *keep, size_t nkeep, const char *rules_dir, double timeout)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) return -1;
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&at);
    posix_spawn_file_actions_adddup2(&fa, p[1], STDOUT_FILENO);
    /* dup2 onto itself clears close-on-exec in the worker only */
    posix_spawn_file_actions_adddup2(&fa, params, params);
    for (size_t i = 0; i < nkeep; i++) posix_spawn_file_actions_adddup2(&fa, keep[i], keep[i]);
    sigset_t none, dflt;
    sigemptyset(&none);
    sigemptyset(&dflt);
    sigaddset(&dflt, SIGPIPE); /* the server ignores it; a worker whose reader went away stops there */
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setsigdefault(&at, &dflt);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    char fdarg[16];
    snprintf(fdarg, sizeof fdarg, "%d", params);
    char *argv[] = { "pdpascan", "serve-worker", fdarg, rules_dir ? "--rules" : NULL, (char *)rules_dir, NULL };
    pid_t pid;
    int rc = posix_spawn(&pid, "/proc/self/exe", &fa, &at, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    close(p[1]);
    if (rc != 0) {
        close(p[0]);
        return -1;
    }
    j->pid = pid;
    j->fd = p[0];
    j->deadline = monotonic_seconds() + timeout;
    j->killed = j->gone = 0;
    return 0;
}

ssize_t serve_job_read(serve_job *j, void *buf, size_t n, int client)
{
    for (;;) {
        double left = j->deadline - monotonic_seconds();
        if (left <= 0) break;
        struct pollfd pf[2] = { { j->fd, POLLIN, 0 }, { client, POLLRDHUP, 0 } };
        int r = poll(pf, client >= 0 ? 2 : 1, (int)(left * 1000) + 1);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) continue; /* the deadline is checked above */
        if (client >= 0 && (pf[1].revents & (POLLRDHUP | POLLHUP | POLLERR))) {
            j->gone = 1;
            break;
        }
        if (!pf[0].revents) continue;
        ssize_t k = read(j->fd, buf, n);
        if (k < 0 && errno == EINTR) continue;
        return k < 0 ? 0 : k;
    }
    kill(j->pid, SIGKILL);
    j->killed = !j->gone;
    return -1;
}

int serve_job_end(serve_job *j, const char **why)
{
    close(j->fd);
    int st;
    while (waitpid(j->pid, &st, 0) < 0 && errno == EINTR) {
    }
    if (j->killed || j->gone) {
        *why = j->gone ? "the client went away" : "took longer than the time limit";
        return -1;
    }
    if (!WIFEXITED(st)) {
        *why = "a reader crashed on it";
        return -1;
    }
    return WEXITSTATUS(st);
}

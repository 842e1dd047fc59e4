/* git.c — what the git pre-commit hook needs from git: the files being
 * committed with their content from the index (not the working tree), and
 * the hooks folder (core.hooksPath respected).  git runs as a child process
 * with its output read through a pipe; paths never go through a shell. */
#include "git.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../util/buf.h"
#include "../util/fdio.h"

/* Run git with argv (NULL-terminated, without "git"), stdin from in_fd (-1:
 * /dev/null); all of its standard output into out.  Returns git's exit
 * status, or -1 when it could not be run. */
static int run_git(const char *const *argv, int in_fd, buf *out)
{
    int fd;
    pid_t pid = fork_piped(&fd);
    if (pid < 0) return -1;
    if (pid == 0) {
        int nul = open("/dev/null", O_RDWR);
        dup2(in_fd >= 0 ? in_fd : nul, 0);
        dup2(fd, 1);
        dup2(nul, 2);
        close(fd);
        const char *args[32] = { "git" };
        size_t n = 1;
        for (; argv[n - 1] && n < 31; n++) args[n] = argv[n - 1];
        args[n] = NULL;
        execvp("git", (char *const *)args);
        _exit(127);
    }
    char tmp[65536];
    ssize_t k;
    while ((k = read(fd, tmp, sizeof tmp)) > 0 || (k < 0 && errno == EINTR))
        if (k > 0) buf_append(out, tmp, (size_t)k);
    close(fd);
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

char *git_hooks_dir(char **err)
{
    buf out;
    buf_init(&out);
    const char *argv[] = { "rev-parse", "--git-path", "hooks", NULL };
    if (run_git(argv, -1, &out) != 0 || !out.len) {
        buf_free(&out);
        *err = xstrdup("not inside a git repository (or git is missing)");
        return NULL;
    }
    while (out.len && (out.data[out.len - 1] == '\n' || out.data[out.len - 1] == '\r')) out.data[--out.len] = 0;
    return buf_steal(&out);
}

/* The staged paths (added, copied, modified, renamed: each once, under its
 * new name), NUL-separated in names. */
static int staged_names(buf *names, char **err)
{
    const char *argv[] = { "diff", "--cached", "--name-only", "-z", "--diff-filter=ACMRT", "-M", NULL };
    if (run_git(argv, -1, names) != 0) {
        *err = xstrdup("cannot list the staged files (not inside a git repository?)");
        return -1;
    }
    return 0;
}

/* Read the blobs of the n paths from the index with one `git cat-file
 * --batch`; requests go through a temporary file so that git's output
 * never blocks on our input. */
static int read_blobs(input_list *l, size_t first, char **err)
{
    char tmpl[] = "/tmp/pdpascan-staged-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd < 0) {
        *err = xasprintf("cannot create a temporary file: %s", strerror(errno));
        return -1;
    }
    unlink(tmpl);
    buf req;
    buf_init(&req);
    for (size_t i = first; i < l->len; i++) buf_printf(&req, ":0:%s\n", l->v[i].path);
    int ok = write(fd, req.data ? req.data : "", req.len) == (ssize_t)req.len && lseek(fd, 0, SEEK_SET) == 0;
    buf_free(&req);
    buf out;
    buf_init(&out);
    const char *argv[] = { "cat-file", "--batch", NULL };
    if (!ok || run_git(argv, fd, &out) != 0) {
        close(fd);
        buf_free(&out);
        *err = xstrdup("cannot read the staged content from the index");
        return -1;
    }
    close(fd);
    size_t at = 0;
    for (size_t i = first; i < l->len; i++) {
        const char *nl = at < out.len ? memchr(out.data + at, '\n', out.len - at) : NULL;
        if (!nl) break;
        char type[32] = "";
        unsigned long long size = 0;
        int fields = sscanf(out.data + at, "%*s %31s %llu", type, &size);
        at = (size_t)(nl - out.data) + 1;
        if (fields != 2 || strcmp(type, "blob") || size > out.len - at) { /* "missing", a submodule... */
            l->v[i].error = xstrdup("not a file in the index");
            continue;
        }
        l->v[i].data = xmalloc(size ? size : 1);
        memcpy(l->v[i].data, out.data + at, size);
        l->v[i].len = size;
        at += size + 1; /* the blob, then a newline */
    }
    buf_free(&out);
    return 0;
}

int git_staged_inputs(input_list *l, const walk_filter *f, char **err)
{
    buf names;
    buf_init(&names);
    if (staged_names(&names, err) != 0) {
        buf_free(&names);
        return -1;
    }
    size_t first = l->len;
    for (size_t at = 0; at < names.len;) {
        const char *name = names.data + at;
        size_t n = strlen(name);
        at += n + 1;
        if (n && !strchr(name, '\n') && !walk_left_out(name, f)) input_add(l, name, NULL);
    }
    buf_free(&names);
    return l->len > first ? read_blobs(l, first, err) : 0;
}

#define HOOK_MARK "# pdpascan pre-commit hook"

/* Is the file at path one of ours (or absent)? */
static int ours_or_absent(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return errno == ENOENT ? 2 : 0;
    char line[256];
    int ours = 0;
    for (int i = 0; i < 5 && fgets(line, sizeof line, f); i++)
        if (strstr(line, HOOK_MARK)) ours = 1;
    fclose(f);
    return ours;
}

int git_hook_install(const char *self, int force, char **msg)
{
    char *dir = git_hooks_dir(msg);
    if (!dir) return -1;
    mkdir(dir, 0755);
    char *path = xasprintf("%s/pre-commit", dir);
    free(dir);
    if (!ours_or_absent(path) && !force) {
        *msg = xasprintf("%s exists and is not pdpascan's; keep it, or replace it with --force", path);
        free(path);
        return -1;
    }
    FILE *f = fopen(path, "w");
    if (!f) {
        *msg = xasprintf("cannot write %s: %s", path, strerror(errno));
        free(path);
        return -1;
    }
    fprintf(f,
            "#!/bin/sh\n" HOOK_MARK " (pdpascan hook install; pdpascan hook uninstall removes it)\n"
            "# Blocks a commit that adds personal data or material the law forbids publishing.\n"
            "PDPASCAN=\"%s\"\n"
            "[ -x \"$PDPASCAN\" ] || PDPASCAN=pdpascan\n"
            "exec \"$PDPASCAN\" scan --staged --hook\n",
            self);
    int bad = fclose(f) != 0 || chmod(path, 0755) != 0;
    *msg = bad ? xasprintf("cannot write %s", path) : xasprintf("installed %s", path);
    free(path);
    return bad ? -1 : 0;
}

int git_hook_uninstall(char **msg)
{
    char *dir = git_hooks_dir(msg);
    if (!dir) return -1;
    char *path = xasprintf("%s/pre-commit", dir);
    free(dir);
    int o = ours_or_absent(path);
    int rc = 0;
    if (o == 2) *msg = xasprintf("no pre-commit hook in %s", path);
    else if (!o) {
        *msg = xasprintf("%s is not pdpascan's; left as it is", path);
        rc = -1;
    } else if (unlink(path) != 0) {
        *msg = xasprintf("cannot remove %s: %s", path, strerror(errno));
        rc = -1;
    } else {
        *msg = xasprintf("removed %s", path);
    }
    free(path);
    return rc;
}

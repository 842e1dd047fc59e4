/* walk.c — collecting inputs from files and directories (see walk.h). */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../util/buf.h"
#include "glob.h"

typedef struct walker {
    input_list *l;
    const walk_filter *f;
    GHashTable *seen;   /* "dev:ino" of directories already walked */
} walker;

input *input_add(input_list *l, const char *path, const char *error)
{
    if (l->len == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    input *x = &l->v[l->len++];
    x->path = xstrdup(path);
    x->error = error ? xstrdup(error) : NULL;
    x->data = NULL;
    x->len = 0;
    x->size = x->mtime = -1;
    return x;
}

int input_size(const input *x, uint64_t *size)
{
    struct stat st;
    if (x->error) return 0;
    if (x->data) *size = x->len;
    else if (x->size >= 0) *size = (uint64_t)x->size;
    else if (strcmp(x->path, "-") && stat(x->path, &st) == 0 && S_ISREG(st.st_mode)) *size = (uint64_t)st.st_size;
    else return 0;
    return 1;
}

static int skip_name(const char *n)
{
    return !strcmp(n, ".") || !strcmp(n, "..") || !strcmp(n, ".git") || !strcmp(n, ".hg") || !strcmp(n, ".svn");
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void walk_known(walker *w, const char *path, const struct stat *sp, int explicit);
static int any_match(char **patterns, size_t n, const char *path)
{
    for (size_t i = 0; i < n; i++)
        if (glob_match(patterns[i], path)) return 1;
    return 0;
}

static int excluded(const walker *w, const char *path) { return w->f && any_match(w->f->excludes, w->f->nexcludes, path); }

int walk_left_out(const char *path, const walk_filter *f)
{
    if (!f) return 0;
    return any_match(f->excludes, f->nexcludes, path) || (f->nincludes && !any_match(f->includes, f->nincludes, path));
}

static void walk_dir(walker *w, const char *path, const struct stat *st)
{
    char *key = xasprintf("%ju:%ju", (uintmax_t)st->st_dev, (uintmax_t)st->st_ino);
    if (g_hash_table_contains(w->seen, key)) {
        fprintf(stderr, "pdpascan: %s: directory already walked (symbolic link loop?), skipped\n", path);
        free(key);
        return;
    }
    g_hash_table_add(w->seen, key);
    DIR *d = opendir(path);
    if (!d) {
        char *e = xasprintf("cannot read directory: %s", strerror(errno));
        input_add(w->l, path, e);
        free(e);
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (skip_name(de->d_name)) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            names = xrealloc(names, cap * sizeof *names);
        }
        names[n++] = xstrdup(de->d_name);
    }
    qsort(names, n, sizeof *names, cmp_names);
    /* Each name is looked up relative to the open directory (no walk of the
     * whole path per file: a tenth of a rescan's time), and the directory
     * closed before going down, so open descriptors do not grow with depth. */
    struct stat *sts = xcalloc(n ? n : 1, sizeof *sts);
    int *ok = xcalloc(n ? n : 1, sizeof *ok); /* 1 stat, 0 none (reported), -1 excluded */
    size_t pl = strlen(path);
    int slash = pl && path[pl - 1] == '/';
    char **children = xcalloc(n ? n : 1, sizeof *children);
    for (size_t i = 0; i < n; i++) {
        children[i] = xasprintf("%s%s%s", path, slash ? "" : "/", names[i]);
        ok[i] = excluded(w, children[i]) ? -1 : fstatat(dirfd(d), names[i], &sts[i], 0) == 0;
    }
    closedir(d);
    for (size_t i = 0; i < n; i++) {
        if (ok[i] >= 0) walk_known(w, children[i], ok[i] ? &sts[i] : NULL, 0);
        free(children[i]);
        free(names[i]);
    }
    free(children);
    free(names);
    free(sts);
    free(ok);
}



/* One input found at path, with its stat (NULL: it could not be had). */
static void walk_known(walker *w, const char *path, const struct stat *sp, int explicit)
{
    if (!sp) {
        /* Missing, or a dangling link: the scan reports it with the reason. */
        input_add(w->l, path, NULL);
        return;
    }
    struct stat st = *sp;
    if (S_ISDIR(st.st_mode)) walk_dir(w, path, &st);
    else if (S_ISREG(st.st_mode)) {
        if (!explicit && w->f && w->f->nincludes && !any_match(w->f->includes, w->f->nincludes, path)) return;
        input *x = input_add(w->l, path, NULL);
        x->size = (int64_t)st.st_size; /* kept for --cache: no second stat per file */
        x->mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    } else if (explicit) {
        input_add(w->l, path, NULL);
    }
    /* Sockets, devices and pipes met inside a directory are not documents. */
}

static void walk(walker *w, const char *path, int explicit)
{
    struct stat st;
    if (!explicit && excluded(w, path)) return;
    if (strcmp(path, "-") == 0) {
        input_add(w->l, path, NULL);
        return;
    }
    walk_known(w, path, stat(path, &st) == 0 ? &st : NULL, explicit);
}

void walk_path(input_list *l, const char *path, const walk_filter *f)
{
    walker w = { l, f, g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL) };
    walk(&w, path, 1);
    g_hash_table_destroy(w.seen);
}

void input_list_free(input_list *l)
{
    for (size_t i = 0; i < l->len; i++) {
        free(l->v[i].path);
        free(l->v[i].error);
        free(l->v[i].data);
    }
    free(l->v);
    l->v = NULL;
    l->len = l->cap = 0;
}

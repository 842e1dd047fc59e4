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

typedef struct walker {
    input_list *l;
    char **excludes;
    size_t nexcludes;
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
    return x;
}

static int skip_name(const char *n)
{
    return !strcmp(n, ".") || !strcmp(n, "..") || !strcmp(n, ".git") || !strcmp(n, ".hg") || !strcmp(n, ".svn");
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void walk(walker *w, const char *path, int explicit);

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
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    size_t pl = strlen(path);
    int slash = pl && path[pl - 1] == '/';
    for (size_t i = 0; i < n; i++) {
        char *child = xasprintf("%s%s%s", path, slash ? "" : "/", names[i]);
        walk(w, child, 0);
        free(child);
        free(names[i]);
    }
    free(names);
}

int walk_excluded(const char *path, char **excludes, size_t n)
{
    const char *base = strrchr(path, '/');
    base = base && base[1] ? base + 1 : path;
    for (size_t i = 0; i < n; i++)
        if (fnmatch(excludes[i], base, 0) == 0 || fnmatch(excludes[i], path, 0) == 0) return 1;
    return 0;
}

static int excluded(const walker *w, const char *path) { return walk_excluded(path, w->excludes, w->nexcludes); }

static void walk(walker *w, const char *path, int explicit)
{
    struct stat st;
    if (!explicit && excluded(w, path)) return;
    if (strcmp(path, "-") == 0) {
        input_add(w->l, path, NULL);
        return;
    }
    if (stat(path, &st) != 0) {
        /* Missing, or a dangling link: the scan reports it with the reason. */
        input_add(w->l, path, NULL);
        return;
    }
    if (S_ISDIR(st.st_mode)) walk_dir(w, path, &st);
    else if (S_ISREG(st.st_mode) || explicit) input_add(w->l, path, NULL);
    /* Sockets, devices and pipes met inside a directory are not documents. */
}

void walk_path(input_list *l, const char *path, char **excludes, size_t n)
{
    walker w = { l, excludes, n, g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL) };
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

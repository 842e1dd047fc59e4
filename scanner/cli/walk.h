/* walk.h — turn the paths on the command line into the list of inputs.
 * Directories are walked recursively in name order, skipping .git/.hg/.svn;
 * symbolic links are followed, each directory visited once (so loops end).
 * A directory that cannot be read becomes an input with an error. */
#ifndef PDP_WALK_H
#define PDP_WALK_H

#include <stddef.h>
#include <stdint.h>

typedef struct input {
    char *path;
    char *error;   /* set: report this input as an error without opening it */
    void *data;    /* set: the content, already read (a staged blob); owned */
    size_t len;
    int64_t size, mtime; /* from the walk's stat (mtime in ns), size -1 when not known */
} input;

typedef struct input_list {
    input *v;
    size_t len, cap;
} input_list;

/* 1 and *size for an input whose size is known without reading it: bytes
 * in memory, or a regular file (the walk's stat, else one taken now); 0 for
 * an error, "-", or anything that is not a regular file. */
int input_size(const input *x, uint64_t *size);

/* Which paths a walk keeps (--exclude, --include, .pdpascan.yaml's
 * exclude), patterns as .gitignore writes them (glob.h). */
typedef struct walk_filter {
    char **excludes;   /* files and folders matching one are left out */
    size_t nexcludes;
    char **includes;   /* when any: only files matching one are kept */
    size_t nincludes;
} walk_filter;

/* Add path (a file, a directory walked recursively, or "-"), as f says
 * (NULL: everything); a path named on the command line is always kept. */
void walk_path(input_list *l, const char *path, const walk_filter *f);
/* Is the file at path left out by f? */
int walk_left_out(const char *path, const walk_filter *f);
/* Append one input (error: NULL, or why it is not scanned); returns it. */
input *input_add(input_list *l, const char *path, const char *error);
void input_list_free(input_list *l);

#endif

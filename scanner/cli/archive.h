/* archive.h — what a scan of a whole site archive needs around the scanner
 * (see archive.c): inputs from a list, a size limit, shards, progress on a
 * terminal. */
#ifndef PDP_ARCHIVE_H
#define PDP_ARCHIVE_H

#include <stdint.h>
#include <stdio.h>

#include "walk.h"
#include "../include/pdpascan.h"

/* Add the paths listed in file (- for standard input), NUL- or
 * newline-separated; 0, or -1 with *err. */
int archive_files_from(input_list *in, const char *file, const walk_filter *f, char **err);

/* Inputs larger than max bytes become errors (never clean). */
void archive_limit_size(input_list *in, uint64_t max);

/* Keep only shard k of n (1-based): a stable hash of each path decides, so
 * the same archive splits the same way on every machine. */
void archive_shard(input_list *in, unsigned k, unsigned n);

/* "50M", "2G", "1000" -> bytes; 0 when it is not a size. */
uint64_t archive_parse_size(const char *s);

/* Progress on a terminal: files done/total, MB/s, findings, ETA. */
typedef struct progress {
    int on;
    size_t total, done, findings;
    uint64_t bytes, total_bytes;
    double start, last;
} progress;
void progress_start(progress *p, const input_list *in, int on);
void progress_add(progress *p, const pdp_result *res);
/* Clear the progress line, so that a warning starts on a clean line (the
 * next progress_add draws it again). */
void progress_clear(progress *p);
void progress_end(progress *p);

#endif

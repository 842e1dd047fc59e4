/* archive.h — what a scan of a whole site archive needs around the scanner
 * (see archive.c): inputs from a list, a size limit, shards (progress on a
 * terminal: progress.h). */
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

#endif

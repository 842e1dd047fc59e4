/* jobs.h — scan a list of inputs on N threads and hand each result to a
 * callback in input order (so reports are the same whatever -j is). */
#ifndef PDP_JOBS_H
#define PDP_JOBS_H

#include "../include/pdpascan.h"
#include "walk.h"

typedef void (*result_fn)(void *ctx, pdp_result *res);

/* Scan one input (no cache): a walk error, bytes in memory, stdin ("-")
 * or a file. */
void jobs_scan_input(const pdp_rules *r, const pdp_options *opt, const input *x, pdp_result *res);

struct cache;
/* cache: results of unchanged files come from it, new ones go into it
 * (NULL: none).  A file still being read after timeout seconds (0: no
 * limit) becomes an error result and the scan goes on without it; its
 * thread cannot be stopped, so jobs_run then returns the number of such
 * files, and the caller must end the process (_exit) once its reports are
 * written instead of freeing what that thread may still read. */
size_t jobs_run(const pdp_rules *r, const pdp_options *opt, const input_list *in, int nthreads, struct cache *cache,
                double timeout, result_fn fn, void *ctx);

#endif

/* jobs.h — scan a list of inputs on N threads and hand each result to a
 * callback in input order (so reports are the same whatever -j is). */
#ifndef PDP_JOBS_H
#define PDP_JOBS_H

#include "../include/pdpascan.h"
#include "walk.h"

typedef void (*result_fn)(void *ctx, pdp_result *res);

/* Fault injection for the tests: when PDPASCAN_TEST_CRASH is set and path
 * holds its text, the process aborts here, as a broken reader would. */
void jobs_test_crash(const char *path);

struct cache;
/* cache: results of unchanged files come from it, new ones go into it
 * (NULL: none). */
void jobs_run(const pdp_rules *r, const pdp_options *opt, const input_list *in, int nthreads, struct cache *cache,
              result_fn fn, void *ctx);

#endif

/* procpool.h — scanning in worker processes that may crash or hang without
 * losing the batch (see procpool.c). */
#ifndef PDP_PROCPOOL_H
#define PDP_PROCPOOL_H

#include "jobs.h"

/* As jobs_run, on nworkers processes; a file whose worker crashes, or runs
 * longer than timeout seconds (0: no limit), becomes an error result. */
void procpool_run(const pdp_rules *r, const pdp_options *opt, const input_list *in, int nworkers, struct cache *c,
                  double timeout, result_fn fn, void *ctx);

#endif

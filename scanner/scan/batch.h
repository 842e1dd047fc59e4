/* batch.h — the two ways pdp_scan_batch reads its inputs (batch.c): worker
 * processes (batch_procs.c) and threads (batch_threads.c). */
#ifndef PDP_BATCH_H
#define PDP_BATCH_H

#include "../include/pdpascan.h"

/* One input, no cache: an error given, bytes in memory, stdin ("-") or a file. */
void batch_scan_input(const pdp_rules *r, const pdp_options *opt, const pdp_input *x, pdp_result *res);

/* Ask the cache for input i, if there is one and the input may be cached. */
int batch_lookup(const pdp_batch *b, const pdp_input *in, size_t i, pdp_result *res);
/* Keep a fresh result of input i (not an error). */
void batch_store(const pdp_batch *b, const pdp_input *in, size_t i, const pdp_result *res);

size_t batch_threads_run(const pdp_rules *r, const pdp_options *opt, const pdp_input *in, size_t n,
                         const pdp_batch *b, pdp_batch_fn fn, void *ctx);
void batch_procs_run(const pdp_rules *r, const pdp_options *opt, const pdp_input *in, size_t n,
                     const pdp_batch *b, pdp_batch_fn fn, void *ctx);

#endif

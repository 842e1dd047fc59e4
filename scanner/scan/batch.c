/* batch.c — pdp_scan_batch: many inputs, in worker processes or on threads
 * (see pdpascan.h), and what both ways share. */
#include "batch.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"

void batch_scan_input(const pdp_rules *r, const pdp_options *opt, const pdp_input *x, pdp_result *res)
{
    if (x->error) {
        pdp_result_error(res, x->path, x->error);
    } else if (x->data) {
        pdp_scan_buffer(r, x->data, x->len, x->path, opt, res);
    } else if (x->path[0] == '-' && x->path[1] == 0) {
        pdp_scan_fd(r, 0, "-", opt, res);
    } else {
        pdp_scan_file(r, x->path, NULL, opt, res);
    }
}

int batch_lookup(const pdp_batch *b, const pdp_input *in, size_t i, pdp_result *res)
{
    const pdp_input *x = &in[i];
    if (!b->lookup || x->error || x->data || !strcmp(x->path, "-")) return 0;
    return b->lookup(b->cache_ctx, i, res);
}

void batch_store(const pdp_batch *b, const pdp_input *in, size_t i, const pdp_result *res)
{
    const pdp_input *x = &in[i];
    if (!b->store || x->error || x->data || !strcmp(x->path, "-") || res->status == PDP_STATUS_ERROR) return;
    b->store(b->cache_ctx, i, res); /* errors may pass: never kept */
}

size_t pdp_scan_batch(const pdp_rules *r, const pdp_options *opt, const pdp_input *in, size_t n,
                      const pdp_batch *b, pdp_batch_fn fn, void *ctx)
{
    if (!r || (n && !in) || !b || !fn) return 0;
    /* Fewer inputs than jobs: the rest read each input's pages.  On the heap:
     * threads given up on (stuck) may still read it after the return. */
    pdp_options *o = xcalloc(1, sizeof *o);
    if (opt) *o = *opt;
    if (!o->threads && n && n < b->jobs) o->threads = b->jobs / (unsigned)n;
    size_t stuck = 0;
    if (b->threads) stuck = batch_threads_run(r, o, in, n, b, fn, ctx);
    else batch_procs_run(r, o, in, n, b, fn, ctx);
    if (!stuck) free(o);
    return stuck;
}

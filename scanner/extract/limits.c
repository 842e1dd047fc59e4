/* limits.c — what one input may cost: bytes decompressed, time, depth
 * (see extract.h).  Defaults are generous for real documents and small
 * against zip bombs and endless files. */
#include <stdlib.h>

#include "extract.h"
#include "../util/buf.h"

void limits_init(scan_limits *l, const pdp_options *opt)
{
    pdp_options z = { 0 };
    if (!opt) opt = &z;
    l->max_bytes = opt->max_bytes ? opt->max_bytes : (uint64_t)1 << 30;
    l->expand_left = opt->max_expand ? opt->max_expand : (uint64_t)2 << 30;
    l->max_ratio = opt->max_ratio ? opt->max_ratio : 200;
    l->max_members = opt->max_members ? opt->max_members : 20000;
    l->max_pages = opt->max_pages ? opt->max_pages : 20000;
    l->max_depth = opt->max_depth ? opt->max_depth : 4;
    l->members_left = l->max_members;
    l->members_out = 0;
    l->deadline = monotonic_seconds() + (opt->max_seconds > 0 ? opt->max_seconds : 300);
}

int extract_out_of_time(extract_ctx *x)
{
    if (monotonic_seconds() <= x->lim->deadline) return 0;
    result_set_status(x->res, PDP_STATUS_PARTIAL, "time limit reached; the rest was not checked");
    return 1;
}

int extract_take_bytes(extract_ctx *x, uint64_t n, const char *what)
{
    if (n <= x->lim->expand_left) {
        x->lim->expand_left -= n;
        return 1;
    }
    char *e = xasprintf("%s: decompressed size over the limit (zip bomb?); not read", what);
    result_set_status(x->res, PDP_STATUS_PARTIAL, e);
    free(e);
    x->lim->expand_left = 0;
    return 0;
}

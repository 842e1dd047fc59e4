/* limits.c — what one input may cost: bytes decompressed, time, depth,
 * documents inside it (see extract.h); and those documents handed back to
 * the scan (extract_nested).  Defaults are generous for real documents and small
 * against zip bombs and endless files; and the resolution OCR reads at. */
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

int extract_members_spent(const extract_ctx *x) { return x->lim->members_out; }

pdp_result *extract_child(extract_ctx *x, const char *name)
{
    if (!x->lim->members_left) {
        x->lim->members_out = 1;
        return NULL;
    }
    x->lim->members_left--;
    pdp_result *c = result_add_child(x->res, name);
    names_scan(x->rules, x->opt, x->res, c, name);
    return c;
}

void extract_nested(extract_ctx *x, const char *name, const unsigned char *data, size_t len)
{
    pdp_result *c = extract_child(x, name);
    if (!c) return;
    if ((unsigned)x->depth + 1 > x->lim->max_depth) {
        c->bytes = len;
        result_set_status(c, PDP_STATUS_ERROR, "documents nested deeper than the limit; not checked");
        return;
    }
    x->scan_nested(x, c, data, len);
}

void extract_page_done(const extract_ctx *x, unsigned done, unsigned total)
{
    if (x->depth == 0 && x->opt && x->opt->page_fn) x->opt->page_fn(x->opt->page_ctx, x->res->file, done, total);
}

int extract_ocr_dpi(const extract_ctx *x)
{
    if (!x->opt || !x->opt->ocr) return 0;
    return x->opt->ocr_dpi > 0 ? x->opt->ocr_dpi : 300;
}

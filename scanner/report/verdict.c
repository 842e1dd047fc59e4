/* verdict.c — one file's verdict for the person about to publish it
 * (pdp_result_verdict): do not publish, check first, may be published, or
 * could not be checked.  A file that was not read completely is never "may
 * be published"; what was found in the part that was read still says "do
 * not publish". */
#include "report_impl.h"

pdp_verdict finding_verdict(const pdp_finding *f, pdp_severity fail_on)
{
    if (f->severity >= fail_on && f->action == PDP_ACT_REDACT) return PDP_VERDICT_BLOCK;
    if (f->severity >= fail_on || (f->severity > PDP_SEV_INFO && f->action != PDP_ACT_NONE)) return PDP_VERDICT_REVIEW;
    return PDP_VERDICT_CLEAN;
}

static void worst(const pdp_result *res, pdp_severity fail_on, int *block, int *review, int *unchecked)
{
    if (res->status != PDP_STATUS_OK && !res->reviewed) *unchecked = 1;
    for (size_t i = 0; i < res->nfindings; i++) {
        pdp_verdict v = finding_verdict(&res->findings[i], fail_on);
        *block |= v == PDP_VERDICT_BLOCK;
        *review |= v == PDP_VERDICT_REVIEW;
    }
    for (size_t i = 0; i < res->nchildren; i++) worst(&res->children[i], fail_on, block, review, unchecked);
}

pdp_verdict pdp_result_verdict(const pdp_result *res, pdp_severity fail_on)
{
    int block = 0, review = 0, unchecked = 0;
    worst(res, fail_on, &block, &review, &unchecked);
    return block ? PDP_VERDICT_BLOCK : unchecked ? PDP_VERDICT_UNCHECKED : review ? PDP_VERDICT_REVIEW : PDP_VERDICT_CLEAN;
}

const char *pdp_verdict_name(pdp_verdict v)
{
    static const char *names[] = { "clean", "review", "block", "unchecked" };
    return (unsigned)v < sizeof names / sizeof *names ? names[v] : "unchecked";
}

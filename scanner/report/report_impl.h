/* report_impl.h — what each report format implements (private). */
#ifndef PDP_REPORT_IMPL_H
#define PDP_REPORT_IMPL_H

#include "report.h"

typedef struct report_vt {
    void (*file)(report *r, const pdp_result *res);
    void (*end)(report *r, const scan_summary *s);
} report_vt;

struct report {
    const report_vt *vt;
    FILE *out;
    report_opts o;
};

extern const report_vt report_jsonl_vt;
extern const report_vt report_text_vt;

#endif

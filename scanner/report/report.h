/* report.h — what the report formats share (private; the reports
 * themselves are public: pdp_report_* in pdpascan.h). */
#ifndef PDP_REPORT_H
#define PDP_REPORT_H

#include <stdio.h>

#include "../include/pdpascan.h"

/* Helpers shared by the formats. */
void json_string(FILE *f, const char *s);
/* Copy of tmpl with each {key} replaced by its value (keys/vals: n pairs). */
char *fill_template(const char *tmpl, const char *const *keys, const char *const *vals, size_t n);

#endif

/* report.h — report sinks: results in, a report out.
 *
 * A report receives each file's result in input order, then the totals.
 * Formats: "jsonl" (CONTRACT.md) and "text" (for people, Thai or English).
 * Values are shown masked in text unless show_values; mask_values masks
 * them in every format, for reports that leave the machine. */
#ifndef PDP_REPORT_H
#define PDP_REPORT_H

#include <stdio.h>

#include "../include/pdpascan.h"

typedef struct report_opts {
    const pdp_rules *rules;   /* for messages */
    pdp_lang lang;
    int color;
    int show_values;          /* text: print values as they are */
    int mask_values;          /* every format: mask match and normalized */
    pdp_severity fail_on;
} report_opts;

typedef struct scan_summary {
    size_t files, findings, errors, partial, skipped, suppressed;
    size_t cached, scanned;            /* --cache: results reused, files looked up and scanned */
    size_t blocking, files_blocking;   /* findings at or above fail_on, and their files */
    uint64_t bytes;
    double seconds;
} scan_summary;

typedef struct report report;

/* NULL with *err for an unknown format. */
report *report_new(const char *format, FILE *out, const report_opts *o, char **err);
void report_file(report *r, const pdp_result *res);
void report_end(report *r, const scan_summary *s);
void report_free(report *r);

/* Add one result to the totals. */
void summary_add(scan_summary *s, const pdp_result *res, pdp_severity fail_on);

/* Helpers shared by the formats. */
void json_string(FILE *f, const char *s);
/* Copy of tmpl with each {key} replaced by its value (keys/vals: n pairs). */
char *fill_template(const char *tmpl, const char *const *keys, const char *const *vals, size_t n);

#endif

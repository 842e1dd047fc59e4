/* report_impl.h — what each report format implements (private). */
#ifndef PDP_REPORT_IMPL_H
#define PDP_REPORT_IMPL_H

#include "report.h"

typedef struct report_vt {
    void (*file)(pdp_report *r, const pdp_result *res);
    void (*end)(pdp_report *r, const pdp_summary *s);
    /* optional: set up in pdp_report_new; -1 with *err (heap) when the
     * report cannot be made (its library missing) */
    int (*open)(pdp_report *r, char **err);
} report_vt;

struct pdp_report {
    const report_vt *vt;
    FILE *out;
    pdp_report_opts o;
    size_t nfiles;            /* files written so far (json, sarif) */
    void *state;              /* a format's own state (sarif), freed by pdp_report_free */
    struct folder_row *folders; /* exposure per folder (folders.c) */
    size_t pictures;          /* page pictures drawn (html) */
    size_t nfolders;
};

/* Per-folder totals, for the end of a report: which parts of a site hold
 * the most exposure. */
typedef struct folder_row {
    char *name;
    size_t files, findings, high;   /* findings: above info */
} folder_row;
void folders_add(pdp_report *r, const pdp_result *res);
/* The folders with findings, most first (at most max; returns how many). */
size_t folders_top(pdp_report *r, size_t max);
void folders_free(pdp_report *r);

extern const report_vt report_jsonl_vt;
extern const report_vt report_json_vt;
extern const report_vt report_text_vt;
extern const report_vt report_sarif_vt;
extern const report_vt report_csv_vt;
extern const report_vt report_html_vt;
extern const report_vt report_xlsx_vt;

/* What one finding says of its file's verdict (verdict.c): BLOCK, REVIEW,
 * or CLEAN when it decides nothing. */
pdp_verdict finding_verdict(const pdp_finding *f, pdp_severity fail_on);

/* The verdict line `key` (verdict.clean, verdict.block or
 * verdict.incomplete) filled in from s, in the report's language (heap). */
char *report_verdict(pdp_report *r, const pdp_summary *s, const char *key);

/* A document's clause summary line in the report's language: "may contain
 * OIA s.15(5) material: 3 passage(s) — …" (heap). */
char *report_clause_text(pdp_report *r, const pdp_clause *c);

/* The file name a report prints for res: its shown_file (values in member
 * and attachment names replaced) when values are masked — for_people: a
 * report for people, which masks unless show_values; otherwise with
 * mask_values. */
const char *report_file_name(const pdp_report *r, const pdp_result *res, int for_people);

/* The values found in one file, found again in a context by their first
 * bytes (context.c). */
typedef struct file_values {
    const char **v;        /* borrowed from the result, longest first */
    size_t n;
    size_t *slot;          /* hash table of the values' first VALUE_KEY bytes (or all, when
                              shorter): index + 1 into v, 0 empty; nslots a power of two */
    size_t nslots;
} file_values;
void file_values_init(file_values *fv, const pdp_result *res);
void file_values_free(file_values *fv);
/* ctx (text around a finding) with every value of fv in it masked as
 * pdp_mask_display masks it, and every other digit as X (heap). */
char *context_masked(const file_values *fv, const char *ctx);

/* Where a finding is, for people: "page 2 [metadata]", "Sheet1!B3",
 * "line 12", with the report's words (heap). */
char *report_where(const pdp_report *r, const pdp_finding *x);

/* A file's reason for not being read completely, in the report's language
 * (heap; NULL for NULL). */
char *report_reason(const pdp_report *r, const char *why);

/* match and normalized as the report may show them: masked with
 * mask_values (heap; free it). */
char *report_value(const pdp_report *r, const char *value);

#endif

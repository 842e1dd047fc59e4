/* csv.c — `--format csv`: one row per finding, one per file that could not
 * be read completely, and one per file with nothing found (status ok or
 * skipped, rule empty: the sheet shows what was checked), for Excel and
 * LibreOffice: UTF-8 with a byte
 * order mark so that Thai shows, CRLF line ends, every field quoted, and a
 * field that a spreadsheet would run as a formula (= + - @ first) made
 * text with a leading apostrophe — values come from documents. */
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"
#include "../util/buf.h"

static void field(FILE *f, const char *s, int last)
{
    fputc('"', f);
    if (s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r')) fputc('\'', f);
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == '"') fputc('"', f);
        fputc(*p, f);
    }
    fputs(last ? "\"\r\n" : "\",", f);
}

static void number(FILE *f, long v)
{
    if (v) fprintf(f, "%ld,", v);
    else fputc(',', f);
}

static const char *header[] = { "file", "format", "status", "page", "line", "part", "sheet", "cell",
                                "rule", "category", "severity", "action", "match", "normalized",
                                "suggestion", "law", "message", "fingerprint" };

static void csv_file(pdp_report *r, const pdp_result *res)
{
    FILE *f = r->out;
    if (!r->nfiles++) {
        fputs("\xEF\xBB\xBF", f);
        for (size_t i = 0; i < sizeof header / sizeof *header; i++) field(f, header[i], i + 1 == sizeof header / sizeof *header);
    }
    for (size_t i = 0; i < res->nfindings; i++) {
        const pdp_finding *x = &res->findings[i];
        field(f, report_file_name(r, res, 0), 0);
        field(f, res->format, 0);
        field(f, pdp_status_name(res->status), 0);
        number(f, x->loc.page);
        number(f, x->loc.line);
        field(f, x->loc.part, 0);
        field(f, x->loc.sheet, 0);
        field(f, x->loc.cell, 0);
        field(f, x->rule_id, 0);
        field(f, x->category, 0);
        field(f, pdp_severity_name(x->severity), 0);
        field(f, pdp_action_name(x->action), 0);
        char *m = report_value(r, x->match), *n = report_value(r, x->normalized);
        field(f, m, 0);
        field(f, n, 0);
        free(m);
        free(n);
        field(f, x->suggestion, 0);
        buf law;
        buf_init(&law);
        for (size_t k = 0; k < x->nlaw; k++) buf_printf(&law, "%s%s", k ? "; " : "", x->law[k]);
        field(f, law.data ? law.data : "", 0);
        buf_free(&law);
        field(f, r->o.lang == PDP_LANG_TH ? x->message_th : x->message_en, 0);
        field(f, x->fingerprint, 1);
    }
    int unread = res->status == PDP_STATUS_ERROR || res->status == PDP_STATUS_PARTIAL;
    if (unread || (!res->nfindings && res->file[0])) {
        field(f, report_file_name(r, res, 0), 0);
        field(f, res->format, 0);
        field(f, pdp_status_name(res->status), 0);
        fputs(",,,,,,,,,,,,,", f); /* page .. law: 13 empty fields */
        field(f, res->error, 0);
        field(f, "", 1);
    }
    /* the document-level summary: a row per legal clause touched, rule "clause" */
    pdp_clause cl[32];
    size_t n = pdp_result_clauses(res, cl, 32);
    for (size_t i = 0; i < n; i++) {
        char *t = report_clause_text(r, &cl[i]);
        field(f, report_file_name(r, res, 0), 0);
        field(f, res->format, 0);
        field(f, pdp_status_name(res->status), 0);
        fputs(",,,,,", f); /* page, line, part, sheet, cell */
        field(f, "clause", 0);
        field(f, cl[i].category, 0);
        fputs(",,,", f); /* severity, action, match */
        field(f, cl[i].clause, 0);
        fputs(",,", f); /* suggestion, law */
        field(f, t, 0);
        field(f, "", 1);
        free(t);
    }
}

static void csv_end(pdp_report *r, const pdp_summary *s)
{
    (void)s;
    if (!r->nfiles) csv_file(r, &(pdp_result){ .file = "", .format = "", .status = PDP_STATUS_OK });
    fflush(r->out);
}

const report_vt report_csv_vt = { csv_file, csv_end, NULL };

/* xlsx.c — `--format xlsx`: a real workbook for people who work in Excel or
 * LibreOffice (libxlsxwriter, opened on first use: it pulls in libcrypto,
 * which a git hook must not pay for).
 *
 * Three sheets: the summary (the verdict and totals), every file checked
 * (status, findings, why not fully checked: the sheet shows what was
 * checked, clean files included), and every finding above info (where,
 * what, the value, why and the law, the suggested replacement).  Headers in
 * the report's language, bold and frozen, with filters on; every value is a
 * text cell, so a phone keeps its leading 0 and an ID stays a string.
 * Values are masked unless --show-values, as in every report for people.
 * libxlsxwriter writes to a file: the workbook is made in a temporary file
 * and copied to the report's stream at the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "report_impl.h"
#include "../util/buf.h"
#include "../util/lazylib.h"

#define XLSX_LIB "libxlsxwriter.so.4"

static struct {
    lxw_workbook *(*workbook_new_opt)(const char *, lxw_workbook_options *);
    lxw_worksheet *(*add_worksheet)(lxw_workbook *, const char *);
    lxw_format *(*add_format)(lxw_workbook *);
    lxw_error (*close)(lxw_workbook *);
    lxw_error (*write_string)(lxw_worksheet *, lxw_row_t, lxw_col_t, const char *, lxw_format *);
    lxw_error (*write_number)(lxw_worksheet *, lxw_row_t, lxw_col_t, double, lxw_format *);
    lxw_error (*set_column)(lxw_worksheet *, lxw_col_t, lxw_col_t, double, lxw_format *);
    lxw_error (*autofilter)(lxw_worksheet *, lxw_row_t, lxw_col_t, lxw_row_t, lxw_col_t);
    void (*freeze_panes)(lxw_worksheet *, lxw_row_t, lxw_col_t);
    void (*set_bold)(lxw_format *);
    void (*set_bg_color)(lxw_format *, lxw_color_t);
    void (*set_font_color)(lxw_format *, lxw_color_t);
} x;

static const lazy_fn want[] = {
    LAZY_FN(x.workbook_new_opt, workbook_new_opt), LAZY_FN(x.add_worksheet, workbook_add_worksheet),
    LAZY_FN(x.add_format, workbook_add_format),    LAZY_FN(x.close, workbook_close),
    LAZY_FN(x.write_string, worksheet_write_string), LAZY_FN(x.write_number, worksheet_write_number),
    LAZY_FN(x.set_column, worksheet_set_column),   LAZY_FN(x.autofilter, worksheet_autofilter),
    LAZY_FN(x.freeze_panes, worksheet_freeze_panes), LAZY_FN(x.set_bold, format_set_bold),
    LAZY_FN(x.set_bg_color, format_set_bg_color),  LAZY_FN(x.set_font_color, format_set_font_color),
};
static lazy_lib lib = { XLSX_LIB, want, sizeof want / sizeof *want, 0, 0 };

typedef struct book {
    char path[64];            /* the temporary file */
    lxw_workbook *wb;
    lxw_worksheet *summary, *files, *findings;
    lxw_format *head, *bad;
    lxw_row_t nfiles, nfindings;
} book;

static const char *msg(pdp_report *r, const char *key) { return pdp_message(r->o.rules, key, r->o.lang); }

static void header(pdp_report *r, lxw_worksheet *ws, const char *const *cols, size_t n, const double *widths)
{
    book *b = r->state;
    for (size_t i = 0; i < n; i++) {
        char key[48];
        snprintf(key, sizeof key, "report.col.%s", cols[i]);
        x.write_string(ws, 0, (lxw_col_t)i, msg(r, key), b->head);
        x.set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
    }
    x.freeze_panes(ws, 1, 0);
}

static const char *file_cols[] = { "file", "format", "status", "findings", "reason" };
static const double file_widths[] = { 60, 8, 14, 10, 60 };
static const char *finding_cols[] = { "file", "where", "severity", "category", "value", "why", "suggest", "rule",
                                      "fingerprint" };
static const double finding_widths[] = { 45, 18, 9, 20, 24, 60, 18, 22, 18 };

/* Make the workbook (pdp_report_new): -1 with *err when it cannot be. */
static int xlsx_open(pdp_report *r, char **err)
{
    book *b = calloc(1, sizeof *b);
    r->state = b;
    if (!lazylib_open(&lib)) {
        *err = xstrdup("the xlsx report needs libxlsxwriter (" XLSX_LIB "), which could not be loaded");
        return -1;
    }
    const char *tmp = getenv("TMPDIR");
    snprintf(b->path, sizeof b->path, "%s/pdpascan-XXXXXX.xlsx", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    int fd = mkstemps(b->path, 5);
    if (fd < 0) {
        *err = xstrdup("cannot create a temporary file for the xlsx report");
        return -1;
    }
    close(fd);
    lxw_workbook_options o = { .constant_memory = 1, .tmpdir = NULL, .use_zip64 = 0 };
    b->wb = x.workbook_new_opt(b->path, &o);
    if (!b->wb) {
        *err = xstrdup("cannot make the xlsx workbook");
        unlink(b->path);
        return -1;
    }
    b->head = x.add_format(b->wb);
    x.set_bold(b->head);
    x.set_bg_color(b->head, 0x1D3557);
    x.set_font_color(b->head, 0xFFFFFF);
    b->bad = x.add_format(b->wb);
    x.set_bold(b->bad);
    x.set_font_color(b->bad, 0xC1121F);
    /* the summary sheet first (written at the end), then the files, the findings */
    b->summary = x.add_worksheet(b->wb, msg(r, "report.sheet.summary"));
    b->files = x.add_worksheet(b->wb, msg(r, "report.sheet.files"));
    b->findings = x.add_worksheet(b->wb, msg(r, "report.sheet.findings"));
    header(r, b->files, file_cols, 5, file_widths);
    header(r, b->findings, finding_cols, 9, finding_widths);
    return 0;
}

/* A text cell, or none for an empty string. */
static void cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *f)
{
    if (s && *s) x.write_string(ws, row, col, s, f);
}

static void finding_row(pdp_report *r, const pdp_result *res, const pdp_finding *f)
{
    book *b = r->state;
    lxw_row_t row = ++b->nfindings;
    char key[64];
    cell(b->findings, row, 0, report_file_name(r, res, 1), NULL);
    char *w = report_where(r, f);
    cell(b->findings, row, 1, w, NULL);
    free(w);
    snprintf(key, sizeof key, "severity.%s", pdp_severity_name(f->severity));
    cell(b->findings, row, 2, msg(r, key), f->severity == PDP_SEV_HIGH ? b->bad : NULL);
    snprintf(key, sizeof key, "category.%s", f->category);
    cell(b->findings, row, 3, msg(r, key), NULL);
    int show = r->o.show_values && !r->o.mask_values;
    char *v = show ? strdup(f->match ? f->match : "") : pdp_mask_display(f->match ? f->match : "");
    cell(b->findings, row, 4, v, NULL);
    free(v);
    buf why;
    buf_init(&why);
    buf_puts(&why, r->o.lang == PDP_LANG_TH ? f->message_th : f->message_en);
    for (size_t k = 0; k < f->nlaw; k++) buf_printf(&why, "%s%s", k ? ", " : " (", f->law[k]);
    if (f->nlaw) buf_putc(&why, ')');
    cell(b->findings, row, 5, why.data, NULL);
    buf_free(&why);
    cell(b->findings, row, 6, f->suggestion, NULL);
    cell(b->findings, row, 7, f->rule_id, NULL);
    cell(b->findings, row, 8, f->fingerprint, NULL);
}

static void xlsx_file(pdp_report *r, const pdp_result *res)
{
    book *b = r->state;
    size_t shown = 0;
    for (size_t i = 0; i < res->nfindings; i++)
        if (res->findings[i].severity > PDP_SEV_INFO) {
            finding_row(r, res, &res->findings[i]);
            shown++;
        }
    lxw_row_t row = ++b->nfiles;
    char key[32];
    int unread = res->status == PDP_STATUS_ERROR || res->status == PDP_STATUS_PARTIAL;
    cell(b->files, row, 0, report_file_name(r, res, 1), NULL);
    cell(b->files, row, 1, res->format, NULL);
    snprintf(key, sizeof key, "status.%s", pdp_status_name(res->status));
    cell(b->files, row, 2, msg(r, key), unread ? b->bad : NULL);
    x.write_number(b->files, row, 3, (double)shown, shown ? b->bad : NULL);
    char *why = report_reason(r, res->error);
    cell(b->files, row, 4, why, NULL);
    free(why);
}

static void summary(pdp_report *r, const pdp_summary *s)
{
    book *b = r->state;
    lxw_worksheet *ws = b->summary;
    x.set_column(ws, 0, 0, 110, NULL);
    lxw_row_t row = 0;
    const char *keys[3];
    size_t n = 0;
    if (s->blocking) keys[n++] = "verdict.block";
    if (s->errors) keys[n++] = "verdict.incomplete";
    if (!n) keys[n++] = "verdict.clean";
    for (size_t i = 0; i < n; i++) {
        char *t = report_verdict(r, s, keys[i]);
        x.write_string(ws, row++, 0, t, strcmp(keys[i], "verdict.clean") ? b->bad : b->head);
        free(t);
    }
    if (!r->o.show_values && !r->o.mask_values && s->findings) x.write_string(ws, ++row, 0, msg(r, "report.masked"), NULL);
}

/* Copy the finished workbook to the report's stream. */
static void copy_out(pdp_report *r, const char *path)
{
    FILE *in = fopen(path, "rb");
    if (!in) return;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, in)) > 0) fwrite(chunk, 1, n, r->out);
    fclose(in);
}

static void xlsx_end(pdp_report *r, const pdp_summary *s)
{
    book *b = r->state;
    x.autofilter(b->files, 0, 0, b->nfiles, 4);
    x.autofilter(b->findings, 0, 0, b->nfindings, 8);
    summary(r, s);
    if (x.close(b->wb) == LXW_NO_ERROR) copy_out(r, b->path);
    unlink(b->path);
    fflush(r->out);
}

const report_vt report_xlsx_vt = { xlsx_file, xlsx_end, xlsx_open };

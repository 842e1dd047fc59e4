/* text.c — the report for people: per file its findings with location,
 * category, masked value, reason and suggested redaction, then a one-line
 * verdict.  Thai or English (patterns/messages.yaml); colour only when asked
 * (the program asks on a terminal).  Findings of severity info (officials in
 * role, agency contacts) are counted, not listed. */
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"
#include "../util/utf8.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"

static const char *sev_color(pdp_severity s)
{
    static const char *c[] = { "\033[2m", "\033[36m", "\033[33m", "\033[1;31m" };
    return c[s];
}

static const char *msg(pdp_report *r, const char *key) { return pdp_message(r->o.rules, key, r->o.lang); }

static const char *col(pdp_report *r, const char *c) { return r->o.color ? c : ""; }

/* Text from a document (a name, a sheet, a value) as the terminal may see
 * it: control characters escaped (utf8_printable). */
static void put(FILE *f, const char *fmt, const char *text)
{
    char *safe = utf8_printable(text);
    fprintf(f, fmt, safe);
    free(safe);
}

static void where(pdp_report *r, const pdp_finding *x)
{
    char *w = report_where(r, x);
    put(r->out, "%s", w);
    free(w);
}

static void finding(pdp_report *r, const pdp_finding *x)
{
    FILE *f = r->out;
    char key[64];
    snprintf(key, sizeof key, "category.%s", x->category);
    char *shown = r->o.show_values && !r->o.mask_values ? NULL : pdp_mask_display(x->match);
    fputs("  ", f);
    where(r, x);
    snprintf(key, sizeof key, "severity.%s", pdp_severity_name(x->severity));
    fprintf(f, "  %s%s%s", col(r, sev_color(x->severity)), msg(r, key), col(r, C_RESET));
    snprintf(key, sizeof key, "category.%s", x->category);
    fprintf(f, "  %s%s%s  ", col(r, C_BOLD), msg(r, key), col(r, C_RESET));
    put(f, "%s\n", shown ? shown : x->match);
    fprintf(f, "      %s\n", r->o.lang == PDP_LANG_TH ? x->message_th : x->message_en);
    if (x->action == PDP_ACT_REDACT)
        fprintf(f, "      %s%s: %s%s\n", col(r, C_DIM), msg(r, "report.suggest"), x->suggestion, col(r, C_RESET));
    else if (x->action == PDP_ACT_REVIEW)
        fprintf(f, "      %s%s%s\n", col(r, C_DIM), msg(r, "report.review"), col(r, C_RESET));
    free(shown);
}

/* The document-level summary of legal clauses: "may contain OIA s.15(5)
 * material: 3 passages". */
static void clauses(pdp_report *r, const pdp_result *res)
{
    pdp_clause cl[32];
    size_t n = pdp_result_clauses(res, cl, 32);
    for (size_t i = 0; i < n; i++) {
        char *t = report_clause_text(r, &cl[i]);
        fprintf(r->out, "  %s%s%s\n", col(r, "\033[1;33m"), t, col(r, C_RESET));
        free(t);
    }
}

static void text_file(pdp_report *r, const pdp_result *res)
{
    FILE *f = r->out;
    size_t shown = 0;
    for (size_t i = 0; i < res->nfindings; i++)
        if (res->findings[i].severity > PDP_SEV_INFO) shown++;
    if (res->status != PDP_STATUS_OK) {
        char key[32];
        snprintf(key, sizeof key, "status.%s", pdp_status_name(res->status));
        const char *c = res->status == PDP_STATUS_SKIPPED ? C_DIM : "\033[1;35m";
        fputs(col(r, c), f);
        put(f, "%s", report_file_name(r, res, 1));
        fprintf(f, ": %s%s — ", msg(r, key), col(r, C_RESET));
        char *why = report_reason(r, res->error);
        put(f, "%s", why ? why : "");
        free(why);
        if (res->reviewed) {
            fprintf(f, " — %s: ", msg(r, "report.reviewed"));
            put(f, "%s", res->reviewed);
        }
        fputc('\n', f);
    }
    if (!shown) return;
    char n[32];
    snprintf(n, sizeof n, "%zu", shown);
    const char *k[] = { "n" }, *v[] = { n };
    char *cnt = fill_template(msg(r, "report.findings"), k, v, 1);
    fputs(col(r, C_BOLD), f);
    put(f, "%s", report_file_name(r, res, 1));
    fprintf(f, "%s  (%s)\n", col(r, C_RESET), cnt);
    free(cnt);
    clauses(r, res);
    for (size_t i = 0; i < res->nfindings; i++)
        if (res->findings[i].severity > PDP_SEV_INFO) finding(r, &res->findings[i]);
    fputc('\n', f);
}

/* Where the exposure is, when a scan covers several folders. */
static void folders(pdp_report *r)
{
    size_t n = folders_top(r, 10);
    if (n < 2) return;
    fprintf(r->out, "%s\n", msg(r, "report.folders"));
    for (size_t i = 0; i < n; i++) {
        char *name = utf8_printable(r->folders[i].name);
        fprintf(r->out, "  %-50s %6zu %6zu\n", name, r->folders[i].findings, r->folders[i].high);
        free(name);
    }
}

static void text_end(pdp_report *r, const pdp_summary *s)
{
    folders(r);
    FILE *f = r->out;
    if (!r->o.show_values && !r->o.mask_values && s->findings)
        fprintf(f, "%s(%s)%s\n", col(r, C_DIM), msg(r, "report.masked"), col(r, C_RESET));
    if (s->errors) {
        char *t = report_verdict(r, s, "verdict.incomplete");
        fprintf(f, "%s%s%s\n", col(r, "\033[1;35m"), t, col(r, C_RESET));
        free(t);
        fflush(f);
    }
    if (s->errors && !s->blocking) return; /* never "clean" when something was not read */
    char *t = report_verdict(r, s, s->blocking ? "verdict.block" : "verdict.clean");
    const char *c = s->blocking ? "\033[1;31m" : "\033[1;32m";
    fprintf(f, "%s%s%s\n", col(r, c), t, col(r, C_RESET));
    free(t);
    fflush(f);
}

const report_vt report_text_vt = { text_file, text_end, NULL };

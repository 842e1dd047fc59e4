/* html.c — `--format html`: one self-contained page a person reads (no
 * network: style and script inline).  The verdict stands at the top (CSS
 * order: it is known only at the end); then, per file, its status, the
 * clauses it touches, and a row per finding: severity, what it is, where,
 * the surrounding text with the value highlighted and masked (digits of the
 * surrounding text masked too), the law and the suggested redaction.
 * Checkboxes filter the rows by severity and category.  Values are shown
 * only with --show-values. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "report_impl.h"
#include "../extract/formats.h"
#include "../util/buf.h"

#define PICTURED_PAGES 3     /* per PDF: the first pages with findings (unless pictures_per_file) */
#define PICTURES_MAX 100     /* per report: a report of an archive stays a page a browser opens */
#define PICTURE_WIDTH 800.0  /* pixels */

static const char *msg(pdp_report *r, const char *key) { return pdp_message(r->o.rules, key, r->o.lang); }

/* s with & < > " escaped; digits (ASCII or Thai) as X when mask_digits. */
static void esc(FILE *f, const char *s, int mask_digits)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (mask_digits && *p >= '0' && *p <= '9') fputc('X', f);
        else if (mask_digits && p[0] == 0xE0 && p[1] == 0xB9 && p[2] >= 0x90 && p[2] <= 0x99) {
            fputc('X', f);
            p += 2;
        } else if (*p == '&') fputs("&amp;", f);
        else if (*p == '<') fputs("&lt;", f);
        else if (*p == '>') fputs("&gt;", f);
        else if (*p == '"') fputs("&quot;", f);
        else fputc(*p, f);
    }
}

static const char *style =
    "body{font-family:'Noto Sans Thai','Garuda',sans-serif;margin:0;display:flex;flex-direction:column;"
    "background:#f6f7f9;color:#1d2330}"
    "header{order:-2;background:#1d3557;color:#fff;padding:12px 20px}h1{font-size:20px;margin:0}"
    ".verdict{order:-1;padding:18px 20px;font-size:22px;font-weight:bold;color:#fff}"
    ".v-block{background:#c1121f}.v-clean{background:#2a9d8f}.v-incomplete{background:#7b2cbf}"
    "#filters{padding:8px 20px;background:#e9ecef}#filters label{margin-right:12px}"
    "section{background:#fff;margin:10px 20px;padding:10px 14px;border-radius:6px;box-shadow:0 1px 2px #0002}"
    "h2{font-size:16px;margin:4px 0}.status{color:#7b2cbf;font-weight:bold}.clause{color:#9d4d00}"
    "table{border-collapse:collapse;width:100%;font-size:14px}td,th{border-top:1px solid #ddd;padding:5px;"
    "vertical-align:top;text-align:left}"
    ".sev{font-weight:bold;padding:2px 6px;border-radius:4px;color:#fff;white-space:nowrap}"
    ".high{background:#c1121f}.medium{background:#e76f51}.low{background:#e9c46a;color:#333}.info{background:#adb5bd}"
    "mark{background:#ffd60a;font-weight:bold}.ctx{font-family:monospace}"
    "figure{margin:10px 0}figure img{max-width:100%;border:1px solid #ccc}figcaption{font-size:13px;color:#555}"
    ".fv{font-size:18px;margin:6px 0}.fv b{color:#fff;padding:3px 10px;border-radius:4px;margin-right:6px}"
    ".fv-block b{background:#c1121f}.fv-review b{background:#e76f51}.fv-clean b{background:#2a9d8f}"
    ".fv-unchecked b{background:#7b2cbf}";

static const char *script =
    "function f(){var s={},c={};document.querySelectorAll('#filters input').forEach(function(i){"
    "(i.dataset.k=='s'?s:c)[i.value]=i.checked});document.querySelectorAll('tr[data-s]').forEach(function(t){"
    "t.style.display=s[t.dataset.s]&&c[t.dataset.c]?'':'none'})}"
    "document.querySelectorAll('#filters input').forEach(function(i){i.onchange=f});f();";

static void html_start(pdp_report *r)
{
    FILE *f = r->out;
    /* an empty icon: a browser asks the server for none (nothing to fetch from anywhere) */
    fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>pdpascan</title>"
          "<link rel=\"icon\" href=\"data:,\"><style>", f);
    fputs(style, f);
    fputs("</style></head><body>\n<header><h1>pdpascan</h1></header>\n", f);
    if (r->o.html_top) fputs(r->o.html_top, f);
    r->state = calloc(1, sizeof(buf)); /* categories seen, for the filters */
}

static void note_category(pdp_report *r, const char *cat)
{
    buf *seen = r->state; /* "|cat|cat|" */
    char key[80];
    if (!seen->len) buf_putc(seen, '|');
    snprintf(key, sizeof key, "|%s|", cat);
    if (strstr(seen->data, key)) return;
    buf_puts(seen, cat);
    buf_putc(seen, '|');
}

static void where(pdp_report *r, const pdp_finding *x)
{
    char *w = report_where(r, x);
    esc(r->out, w, 0);
    free(w);
}

/* The text around a finding: as it is with --show-values, else with every
 * value of the file and every digit masked (context.c). */
static void context(FILE *f, const file_values *fv, const char *ctx, int show)
{
    if (show) {
        esc(f, ctx, 0);
        return;
    }
    char *m = context_masked(fv, ctx);
    esc(f, m, 0);
    free(m);
}

static void row(pdp_report *r, const file_values *fv, const pdp_finding *x)
{
    FILE *f = r->out;
    char key[64];
    note_category(r, x->category);
    fprintf(f, "<tr data-s=\"%s\" data-c=\"%s\"><td><span class=\"sev %s\">", pdp_severity_name(x->severity),
            x->category, pdp_severity_name(x->severity));
    snprintf(key, sizeof key, "severity.%s", pdp_severity_name(x->severity));
    esc(f, msg(r, key), 0);
    snprintf(key, sizeof key, "category.%s", x->category);
    fputs("</span></td><td>", f);
    esc(f, msg(r, key), 0);
    fputs("</td><td>", f);
    where(r, x);
    fputs("</td><td class=\"ctx\">", f);
    int show = r->o.show_values && !r->o.mask_values;
    context(f, fv, x->before, show);
    fputs("<mark>", f);
    char *m = show ? xstrdup(x->match) : pdp_mask_display(x->match);
    esc(f, m, 0);
    free(m);
    fputs("</mark>", f);
    context(f, fv, x->after, show);
    fputs("</td><td>", f);
    esc(f, r->o.lang == PDP_LANG_TH ? x->message_th : x->message_en, 0);
    fputs("<br><small>", f);
    for (size_t i = 0; i < x->nlaw; i++) {
        esc(f, x->law[i], 0);
        if (i + 1 < x->nlaw) fputs(", ", f);
    }
    fputs("</small></td><td>", f);
    esc(f, x->suggestion, 0);
    fputs("</td></tr>\n", f);
}

static void append_png(void *ctx, const unsigned char *data, size_t n) { buf_append(ctx, data, n); }

/* One page's picture: every finding above info on it boxed (and covered,
 * unless values are shown). */
static void picture(pdp_report *r, const pdp_result *res, const extract_fns *fns, const unsigned char *pdf,
                    size_t len, int page)
{
    size_t n = 0;
    double *boxes = xmalloc((res->nfindings ? res->nfindings : 1) * 4 * sizeof *boxes);
    for (size_t i = 0; i < res->nfindings; i++) {
        const pdp_finding *x = &res->findings[i];
        if (x->loc.page != page || !x->loc.has_bbox || x->severity == PDP_SEV_INFO) continue;
        memcpy(boxes + 4 * n++, x->loc.bbox, 4 * sizeof *boxes);
    }
    buf png;
    buf_init(&png);
    pdf_picture_out out = { append_png, &png };
    int cover = !(r->o.show_values && !r->o.mask_values);
    if (n && fns->render_pdf_page(pdf, len, page, PICTURE_WIDTH, boxes, n, cover, &out) == 0) {
        gchar *b64 = g_base64_encode((const guchar *)png.data, png.len);
        fprintf(r->out, "<figure><img alt=\"\" src=\"data:image/png;base64,%s\"><figcaption>", b64);
        esc(r->out, msg(r, "report.page"), 0);
        fprintf(r->out, " %d</figcaption></figure>\n", page);
        g_free(b64);
        r->pictures++;
    }
    buf_free(&png);
    free(boxes);
}

/* A PDF named by its path: pictures of its first pages with findings. */
static void pictures(pdp_report *r, const pdp_result *res)
{
    if (strcmp(res->format, "pdf") || strstr(res->file, "!/") || r->pictures >= PICTURES_MAX) return;
    int want = r->o.pictures_per_file ? (int)r->o.pictures_per_file : PICTURED_PAGES;
    if (want > PICTURES_MAX) want = PICTURES_MAX;
    int pages[PICTURES_MAX], npages = 0;
    for (size_t i = 0; i < res->nfindings && npages < want; i++) {
        const pdp_finding *x = &res->findings[i];
        if (!x->loc.has_bbox || x->severity == PDP_SEV_INFO) continue;
        int seen = 0;
        for (int k = 0; k < npages; k++) seen |= pages[k] == x->loc.page;
        if (!seen) pages[npages++] = x->loc.page;
    }
    const char *why = NULL;
    const extract_fns *fns = npages ? extract_formats(&why) : NULL;
    size_t len = 0;
    const unsigned char *pdf = NULL;
    unsigned char *read = NULL;
    if (fns && fns->render_pdf_page)
        pdf = r->o.source ? r->o.source(r->o.html_ctx, res->file, &len)
                          : (read = (unsigned char *)buf_read_file(res->file, &len));
    for (int k = 0; pdf && k < npages && r->pictures < PICTURES_MAX; k++) picture(r, res, fns, pdf, len, pages[k]);
    free(read);
}

/* The file's verdict (pdp_result_verdict) and why, in the report's words. */
static void file_verdict(pdp_report *r, const pdp_result *res)
{
    pdp_verdict v = pdp_result_verdict(res, r->o.fail_on);
    size_t n = 0; /* the findings that decide it */
    for (size_t i = 0; i < res->nfindings; i++) n += finding_verdict(&res->findings[i], r->o.fail_on) == v;
    char key[48], num[24];
    snprintf(num, sizeof num, "%zu", n);
    snprintf(key, sizeof key, "file.verdict.%s", pdp_verdict_name(v));
    fprintf(r->out, "<p class=\"fv fv-%s\"><b>", pdp_verdict_name(v));
    esc(r->out, msg(r, key), 0);
    fputs("</b> ", r->out);
    snprintf(key, sizeof key, "file.reason.%s", pdp_verdict_name(v));
    const char *k[] = { "n" }, *val[] = { num };
    char *why = pdp_message_fill(r->o.rules, key, r->o.lang, k, val, 1);
    esc(r->out, why, 0);
    free(why);
    fputs("</p>\n", r->out);
}

static void html_file(pdp_report *r, const pdp_result *res)
{
    if (!r->state) html_start(r);
    FILE *f = r->out;
    size_t shown = 0;
    for (size_t i = 0; i < res->nfindings; i++) shown += res->findings[i].severity > PDP_SEV_INFO;
    if (!shown && res->status == PDP_STATUS_OK && !r->o.list_clean) return; /* clean files: counted in the verdict */
    fputs("<section><h2>", f);
    esc(f, report_file_name(r, res, 1), 0);
    fputs("</h2>\n", f);
    file_verdict(r, res);
    if (res->status != PDP_STATUS_OK) {
        char key[32];
        snprintf(key, sizeof key, "status.%s", pdp_status_name(res->status));
        fputs("<p class=\"status\">", f);
        esc(f, msg(r, key), 0);
        fputs(" — ", f);
        char *why = report_reason(r, res->error);
        esc(f, why, 0);
        free(why);
        fputs("</p>\n", f);
    }
    pdp_clause cl[32];
    size_t n = pdp_result_clauses(res, cl, 32);
    for (size_t i = 0; i < n; i++) {
        char *t = report_clause_text(r, &cl[i]);
        fputs("<p class=\"clause\">", f);
        esc(f, t, 0);
        fputs("</p>\n", f);
        free(t);
    }
    if (!shown) {
        fputs("</section>\n", f);
        return;
    }
    file_values fv;
    file_values_init(&fv, res);
    fputs("<table>\n<thead><tr>", f);
    static const char *cols[] = { "severity", "category", "where", "context", "why", "suggest" };
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
        char key[32];
        snprintf(key, sizeof key, "report.col.%s", cols[i]);
        fputs("<th>", f);
        esc(f, msg(r, key), 0);
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n", f);
    for (size_t i = 0; i < res->nfindings; i++)
        if (res->findings[i].severity > PDP_SEV_INFO) row(r, &fv, &res->findings[i]);
    fputs("</table>\n", f);
    pictures(r, res);
    fputs("</section>\n", f);
    file_values_free(&fv);
}

static void filters(pdp_report *r)
{
    FILE *f = r->out;
    buf *seen = r->state;
    fputs("<div id=\"filters\">", f);
    const char *sev[] = { "high", "medium", "low" };
    for (int i = 0; i < 3; i++) {
        char key[32];
        snprintf(key, sizeof key, "severity.%s", sev[i]);
        fprintf(f, "<label><input type=\"checkbox\" data-k=\"s\" value=\"%s\" checked> ", sev[i]);
        esc(f, msg(r, key), 0);
        fputs("</label>", f);
    }
    fputs(" | ", f);
    for (char *p = seen && seen->data ? seen->data : ""; *p;) {
        char *e = strchr(p + 1, '|');
        if (!e) break;
        char cat[64], key[80];
        snprintf(cat, sizeof cat, "%.*s", (int)(e - p - 1), p + 1);
        snprintf(key, sizeof key, "category.%s", cat);
        fprintf(f, "<label><input type=\"checkbox\" data-k=\"c\" value=\"%s\" checked> ", cat);
        esc(f, msg(r, key), 0);
        fputs("</label>", f);
        p = e;
    }
    fputs("</div>\n", f);
}

/* A verdict band: key's line in class cls. */
static void band(pdp_report *r, const pdp_summary *s, const char *key, const char *cls)
{
    char *t = report_verdict(r, s, key);
    fprintf(r->out, "<div class=\"verdict %s\">", cls);
    esc(r->out, t, 0);
    fputs("</div>\n", r->out);
    free(t);
}

/* Findings to fix and files not read completely are two verdicts: a report
 * with both shows both bands ("do not publish", then "not fully checked"). */
static void html_end(pdp_report *r, const pdp_summary *s)
{
    if (!r->state) html_start(r);
    FILE *f = r->out;
    if (s->blocking) band(r, s, "verdict.block", "v-block");
    if (s->errors) band(r, s, "verdict.incomplete", "v-incomplete");
    if (!s->blocking && !s->errors) band(r, s, "verdict.clean", "v-clean");
    filters(r);
    if (r->o.html_bottom) r->o.html_bottom(r->o.html_ctx, f);
    fputs("<style>#filters{order:-1}</style><script>", f);
    fputs(script, f);
    fputs("</script></body></html>\n", f);
    buf_free(r->state);
    fflush(f);
}

const report_vt report_html_vt = { html_file, html_end, NULL };

/* report.c — report dispatch, totals and shared helpers (see report.h). */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "report_impl.h"
#include "../detect/rules.h"
#include "../util/buf.h"

/* The report formats: a new one is its writer file and a row here. */
static const struct {
    const char *name;
    const report_vt *vt;
} formats[] = {
    { "text", &report_text_vt },   { "jsonl", &report_jsonl_vt }, { "json", &report_json_vt },
    { "sarif", &report_sarif_vt }, { "csv", &report_csv_vt },     { "html", &report_html_vt },
    { "xlsx", &report_xlsx_vt },
};

pdp_report *pdp_report_new(const char *format, FILE *out, const pdp_report_opts *o, char **err)
{
    const report_vt *vt = NULL;
    for (size_t i = 0; i < sizeof formats / sizeof formats[0] && !vt; i++)
        if (strcmp(format, formats[i].name) == 0) vt = formats[i].vt;
    if (!vt) {
        *err = xasprintf("unknown report format '%s' (use text, jsonl, json, sarif, csv, html or xlsx)", format);
        return NULL;
    }
    pdp_report *r = xcalloc(1, sizeof *r);
    r->vt = vt;
    r->out = out;
    r->o = *o;
    if (vt->open && vt->open(r, err) != 0) {
        pdp_report_free(r);
        return NULL;
    }
    return r;
}

/* Documents inside a document are reported first, each as a file of its
 * own ("outer.zip!/inner.docx"), then the document itself. */
static void report_one(pdp_report *r, const pdp_result *res)
{
    for (size_t i = 0; i < res->nchildren; i++) report_one(r, &res->children[i]);
    r->vt->file(r, res);
}

void pdp_report_file(pdp_report *r, const pdp_result *res)
{
    folders_add(r, res);
    report_one(r, res);
}
void pdp_report_end(pdp_report *r, const pdp_summary *s) { r->vt->end(r, s); }
void pdp_report_free(pdp_report *r)
{
    if (!r) return;
    folders_free(r);
    free(r->state);
    free(r);
}

const char *report_file_name(const pdp_report *r, const pdp_result *res, int for_people)
{
    int mask = r->o.mask_values || (for_people && !r->o.show_values);
    return mask && res->shown_file ? res->shown_file : res->file;
}

char *report_value(const pdp_report *r, const char *value)
{
    if (!value) return xstrdup("");
    return r->o.mask_values ? pdp_mask_display(value) : xstrdup(value);
}

void pdp_summary_add(pdp_summary *s, const pdp_result *res, pdp_severity fail_on)
{
    for (size_t i = 0; i < res->nchildren; i++) pdp_summary_add(s, &res->children[i], fail_on);
    s->files++;
    s->bytes += res->bytes;
    s->findings += res->nfindings;
    s->suppressed += res->suppressed;
    /* errors: files not read completely (error or partial) — never clean,
     * unless a person read and accepted the file (pdp_allow_review) */
    if (res->reviewed) s->reviewed++;
    else if (res->status == PDP_STATUS_ERROR || res->status == PDP_STATUS_PARTIAL) s->errors++;
    if (res->status == PDP_STATUS_PARTIAL) s->partial++;
    if (res->status == PDP_STATUS_SKIPPED) s->skipped++;
    size_t b = 0;
    for (size_t i = 0; i < res->nfindings; i++)
        if (res->findings[i].severity >= fail_on) b++;
    s->blocking += b;
    if (b) s->files_blocking++;
}

void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s;; p++) {
        unsigned char c = *p;
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F) continue;
        fwrite(run, 1, (size_t)((const char *)p - run), f);
        if (!c) break;
        switch (c) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default: fprintf(f, "\\u%04x", c);
        }
        run = (const char *)p + 1;
    }
    fputc('"', f);
}

char *pdp_message_fill(const pdp_rules *r, const char *key, pdp_lang lang,
                       const char *const *keys, const char *const *vals, size_t n)
{
    return fill_template(pdp_message(r, key, lang), keys, vals, n);
}

char *fill_template(const char *tmpl, const char *const *keys, const char *const *vals, size_t n)
{
    buf b;
    buf_init(&b);
    for (const char *p = tmpl; *p;) {
        int done = 0;
        if (*p == '{') {
            for (size_t i = 0; i < n && !done; i++) {
                size_t kl = strlen(keys[i]);
                if (strncmp(p + 1, keys[i], kl) == 0 && p[1 + kl] == '}') {
                    buf_puts(&b, vals[i]);
                    p += kl + 2;
                    done = 1;
                }
            }
        }
        if (!done) buf_putc(&b, *p++);
    }
    return buf_steal(&b);
}

char *report_clause_text(pdp_report *r, const pdp_clause *c)
{
    char key[64], cnt[32];
    snprintf(key, sizeof key, "kind.%s", c->clause);
    const char *shown = pdp_message(r->o.rules, key, r->o.lang);
    if (!strcmp(shown, key)) shown = c->clause; /* no translation: as it is */
    snprintf(key, sizeof key, "summary.%s", c->category);
    snprintf(cnt, sizeof cnt, "%zu", c->passages);
    const char *k[] = { "clause", "n" }, *v[] = { shown, cnt };
    return fill_template(pdp_message(r->o.rules, key, r->o.lang), k, v, 2);
}

char *report_verdict(pdp_report *r, const pdp_summary *s, const char *key)
{
    char files[32], n[32], bad[32], level[32];
    snprintf(files, sizeof files, "%zu", s->files);
    /* {n}: files not read completely in the "incomplete" line, else findings at or above the threshold */
    snprintf(n, sizeof n, "%zu", strcmp(key, "verdict.incomplete") ? s->blocking : s->errors);
    snprintf(bad, sizeof bad, "%zu", s->files_blocking);
    snprintf(level, sizeof level, "severity.%s", pdp_severity_name(r->o.fail_on));
    const char *k[] = { "files", "n", "bad", "level" };
    const char *v[] = { files, n, bad, pdp_message(r->o.rules, level, r->o.lang) };
    return fill_template(pdp_message(r->o.rules, key, r->o.lang), k, v, 4);
}

/* The reason a file was not read completely, as the readers write it
 * (English), in the report's language: in Thai, every phrase of a
 * `reason.*` message of patterns/messages.yaml in it (the longest at each
 * place) replaced by its Thai; numbers and names stay (heap). */
char *report_reason(const pdp_report *r, const char *why)
{
    if (!why) return NULL;
    const pdp_rules *rules = r->o.rules;
    if (r->o.lang != PDP_LANG_TH || !rules) return xstrdup(why);
    buf b;
    buf_init(&b);
    for (const char *p = why; *p;) {
        const ui_message *best = NULL;
        size_t best_len = 0;
        for (size_t i = 0; i < rules->nmsgs; i++) {
            const ui_message *m = &rules->msgs[i];
            size_t l = strlen(m->en);
            if (l > best_len && strncmp(m->key, "reason.", 7) == 0 && strncmp(p, m->en, l) == 0) {
                best = m;
                best_len = l;
            }
        }
        if (best) {
            buf_puts(&b, best->th);
            p += best_len;
        } else {
            buf_putc(&b, *p++);
        }
    }
    return buf_steal(&b);
}

char *report_where(const pdp_report *r, const pdp_finding *x)
{
    buf b;
    buf_init(&b);
    if (x->loc.page) buf_printf(&b, "%s %d ", pdp_message(r->o.rules, "report.page", r->o.lang), x->loc.page);
    if (x->loc.sheet) buf_printf(&b, "%s!", x->loc.sheet);
    if (x->loc.cell) buf_printf(&b, "%s ", x->loc.cell);
    if (x->loc.part && !x->loc.cell) buf_printf(&b, "[%s] ", x->loc.part);
    /* in a word processor's part (word/document.xml, content.xml) a line is a paragraph */
    const char *line = x->loc.part && strstr(x->loc.part, ".xml") ? "report.paragraph" : "report.line";
    if (x->loc.line) buf_printf(&b, "%s %ld ", pdp_message(r->o.rules, line, r->o.lang), x->loc.line);
    if (x->row_label) buf_printf(&b, "%s %s ", pdp_message(r->o.rules, "report.row", r->o.lang), x->row_label);
    if (x->column) buf_printf(&b, "%s %s ", pdp_message(r->o.rules, "report.column", r->o.lang), x->column);
    while (b.len && b.data[b.len - 1] == ' ') b.data[--b.len] = 0;
    char *s = buf_steal(&b);
    return s ? s : xstrdup("");
}


/* jsonl.c — the JSON Lines report of CONTRACT.md (a finding record per
 * finding, a file record after each file's findings, a summary record last)
 * and `--format json`, the same records as one document:
 * {"files":[{file record..., "items":[finding records...]}...],
 *  "summary":{summary record}}. */
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"

static void key_str(FILE *f, const char *k, const char *v)
{
    fputs(",\"", f); /* (not fprintf: eleven of these a finding) */
    fputs(k, f);
    fputs("\":", f);
    json_string(f, v);
}

static void location(FILE *f, const pdp_location *l, const pdp_finding *x)
{
    fputs(",\"location\":{", f);
    int first = 1;
#define SEP() (first ? (first = 0, "") : ",")
    if (l->page) fprintf(f, "%s\"page\":%d", SEP(), l->page);
    if (l->has_bbox)
        fprintf(f, "%s\"bbox\":[%.1f,%.1f,%.1f,%.1f]", SEP(), l->bbox[0], l->bbox[1], l->bbox[2], l->bbox[3]);
    const char *names[3] = { "part", "sheet", "cell" };
    const char *vals[3] = { l->part, l->sheet, l->cell };
    for (int i = 0; i < 3; i++)
        if (vals[i]) {
            fprintf(f, "%s\"%s\":", SEP(), names[i]);
            json_string(f, vals[i]);
        }
    if (l->hidden) fprintf(f, "%s\"hidden\":true", SEP());
    if (l->part && !strcmp(l->part, "ocr")) fprintf(f, "%s\"ocr\":true", SEP()); /* read from the page's picture */
    if (l->line) fprintf(f, "%s\"line\":%ld", SEP(), l->line);
    if (x->row_label) {
        fprintf(f, "%s\"row_label\":", SEP());
        json_string(f, x->row_label);
    }
    if (x->column) {
        fprintf(f, "%s\"column\":", SEP());
        json_string(f, x->column);
    }
#undef SEP
    fputc('}', f);
}

/* One finding record, without a line break. */
static void finding(pdp_report *r, const pdp_result *res, const pdp_finding *x)
{
    FILE *f = r->out;
    fputs("{\"type\":\"finding\"", f);
    key_str(f, "file", report_file_name(r, res, 0));
    key_str(f, "format", res->format);
    location(f, &x->loc, x);
    key_str(f, "rule", x->rule_id);
    key_str(f, "category", x->category);
    key_str(f, "severity", pdp_severity_name(x->severity));
    key_str(f, "action", pdp_action_name(x->action));
    char *m = report_value(r, x->match), *n = report_value(r, x->normalized);
    key_str(f, "match", m);
    key_str(f, "normalized", n);
    free(m);
    free(n);
    fprintf(f, ",\"start\":%llu,\"end\":%llu", (unsigned long long)x->start, (unsigned long long)x->end);
    fputs(",\"law\":[", f);
    for (size_t i = 0; i < x->nlaw; i++) {
        if (i) fputc(',', f);
        json_string(f, x->law[i]);
    }
    fputc(']', f);
    key_str(f, "message", r->o.lang == PDP_LANG_TH ? x->message_th : x->message_en);
    key_str(f, "suggestion", x->suggestion);
    fprintf(f, ",\"confidence\":%.2f", x->confidence);
    if (x->role) key_str(f, "role", x->role);
    if (x->linked) fputs(",\"linked\":true", f);
    key_str(f, "fingerprint", x->fingerprint);
    fputc('}', f);
}

/* The fields of a file record after its opening brace. */
static void file_fields(pdp_report *r, const pdp_result *res)
{
    FILE *f = r->out;
    fputs("\"type\":\"file\"", f);
    key_str(f, "file", report_file_name(r, res, 0));
    key_str(f, "format", res->format);
    key_str(f, "status", pdp_status_name(res->status));
    if (res->error) key_str(f, "error", res->error);
    if (res->reviewed) key_str(f, "reviewed", res->reviewed);
    if (res->encoding) key_str(f, "encoding", res->encoding);
    fprintf(f, ",\"bytes\":%llu", (unsigned long long)res->bytes);
    if (res->pages) fprintf(f, ",\"pages\":%d", res->pages);
    fprintf(f, ",\"findings\":%zu", res->nfindings);
    if (res->suppressed) fprintf(f, ",\"suppressed\":%zu", res->suppressed);
    pdp_clause cl[32];
    size_t ncl = pdp_result_clauses(res, cl, 32);
    for (size_t i = 0; i < ncl; i++) {
        fputs(i ? ",{" : ",\"clauses\":[{", f);
        fputs("\"category\":", f);
        json_string(f, cl[i].category);
        fputs(",\"clause\":", f);
        json_string(f, cl[i].clause);
        fprintf(f, ",\"passages\":%zu}", cl[i].passages);
    }
    if (ncl) fputc(']', f);
}

static void summary(pdp_report *r, const pdp_summary *s)
{
    FILE *f = r->out;
    fprintf(f,
            "{\"type\":\"summary\",\"schema\":%d,\"files\":%zu,\"findings\":%zu,\"errors\":%zu,\"partial\":%zu,"
            "\"skipped\":%zu,\"suppressed\":%zu,\"bytes\":%llu,\"seconds\":%.3f",
            PDP_REPORT_SCHEMA, s->files, s->findings, s->errors, s->partial, s->skipped, s->suppressed,
            (unsigned long long)s->bytes, s->seconds);
    if (s->cached || s->scanned) fprintf(f, ",\"cached\":%zu", s->cached);
    if (s->reviewed) fprintf(f, ",\"reviewed\":%zu", s->reviewed);
    /* the folders holding the most findings above info (high first) */
    size_t n = folders_top(r, 20);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ",{\"folder\":" : ",\"folders\":[{\"folder\":", f);
        json_string(f, r->folders[i].name);
        fprintf(f, ",\"files\":%zu,\"findings\":%zu,\"high\":%zu}", r->folders[i].files, r->folders[i].findings,
                r->folders[i].high);
    }
    fputs(n ? "]}" : "}", f);
}

static void jsonl_file(pdp_report *r, const pdp_result *res)
{
    flockfile(r->out); /* once for the file's records, not at each write */
    for (size_t i = 0; i < res->nfindings; i++) {
        finding(r, res, &res->findings[i]);
        fputc('\n', r->out);
    }
    fputc('{', r->out);
    file_fields(r, res);
    fputs("}\n", r->out);
    funlockfile(r->out);
}

static void jsonl_end(pdp_report *r, const pdp_summary *s)
{
    summary(r, s);
    fputc('\n', r->out);
    fflush(r->out);
}

const report_vt report_jsonl_vt = { jsonl_file, jsonl_end, NULL };

static void json_file(pdp_report *r, const pdp_result *res)
{
    fputs(r->nfiles ? ",\n{" : "{\"files\":[\n{", r->out);
    r->nfiles++;
    file_fields(r, res);
    fputs(",\"items\":[", r->out);
    for (size_t i = 0; i < res->nfindings; i++) {
        if (i) fputc(',', r->out);
        finding(r, res, &res->findings[i]);
    }
    fputs("]}", r->out);
}

static void json_end(pdp_report *r, const pdp_summary *s)
{
    fputs(r->nfiles ? "],\n\"summary\":" : "{\"files\":[],\n\"summary\":", r->out);
    summary(r, s);
    fputs("}\n", r->out);
    fflush(r->out);
}

const report_vt report_json_vt = { json_file, json_end, NULL };

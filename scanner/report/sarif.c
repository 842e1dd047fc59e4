/* sarif.c — `--format sarif`: SARIF 2.1.0 for code-scanning dashboards.
 * One run; the driver lists every loaded rule (id, category, severity, law,
 * message, plain explanation); each finding is a result with its rule, level
 * (high error, medium warning, low note, info none), message, location (a
 * line region for text-like files, logical locations for pages, zip parts
 * and cells) and the fingerprint as a partial fingerprint, so that
 * dashboards follow a finding across commits.  Values go only into the
 * result's properties, masked with --mask-values.  Files that could not be
 * read completely become error notifications and make the invocation
 * unsuccessful. */
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"
#include "../util/buf.h"

typedef struct sarif_state {
    buf errors;       /* toolExecutionNotifications, comma-separated */
    buf clauses;      /* the documents' clause summaries, comma-separated */
    size_t nerrors, nresults, nclauses;
} sarif_state;

static const char *level(pdp_severity s)
{
    return s == PDP_SEV_HIGH ? "error" : s == PDP_SEV_MEDIUM ? "warning" : s == PDP_SEV_LOW ? "note" : "none";
}

/* A file path as a URI reference: unreserved bytes and / ! kept, the rest
 * percent-encoded (Thai file names included); absolute paths as file URIs. */
static void uri(FILE *f, const char *path)
{
    fputc('"', f);
    if (path[0] == '/') fputs("file://", f); /* absolute: a file URI; relative: a relative reference */
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~/!", *p))
            fputc(*p, f);
        else
            fprintf(f, "%%%02X", *p);
    }
    fputc('"', f);
}

static void rules(pdp_report *r)
{
    FILE *f = r->out;
    size_t n = pdp_rules_count(r->o.rules);
    for (size_t i = 0; i < n; i++) {
        pdp_rule_info ri;
        pdp_rules_get(r->o.rules, i, &ri);
        fputs(i ? ",\n{\"id\":" : "\n{\"id\":", f);
        json_string(f, ri.id);
        fputs(",\"shortDescription\":{\"text\":", f);
        json_string(f, r->o.lang == PDP_LANG_TH ? ri.message_th : ri.message_en);
        fputs("},\"defaultConfiguration\":{\"level\":", f);
        json_string(f, level(ri.severity));
        fputs("},\"properties\":{\"category\":", f);
        json_string(f, ri.category);
        fputs(",\"law\":[", f);
        for (size_t k = 0; k < ri.nlaw; k++) {
            if (k) fputc(',', f);
            json_string(f, ri.law[k]);
        }
        fputs("]}}", f);
    }
}

/* The README beside the rules: an installed rule set is
 * <prefix>/share/pdpascan/patterns and its README
 * <prefix>/share/doc/pdpascan/README.md; a source tree's patterns/ has it
 * in the folder above (heap; a file: URI). */
static char *readme_uri(const pdp_rules *rules)
{
    const char *dir = rules ? pdp_rules_dir(rules) : NULL;
    static const char installed[] = "/share/pdpascan/patterns";
    if (!dir || dir[0] != '/') return xstrdup("file:///usr/local/share/doc/pdpascan/README.md");
    size_t n = strlen(dir), k = sizeof installed - 1;
    while (n > 1 && dir[n - 1] == '/') n--;
    if (n >= k && strncmp(dir + n - k, installed, k) == 0)
        return xasprintf("file://%.*s/share/doc/pdpascan/README.md", (int)(n - k), dir);
    size_t up = n;
    while (up > 0 && dir[up - 1] != '/') up--;
    return xasprintf("file://%.*s/README.md", (int)(up ? up - 1 : 0), dir);
}

static void start(pdp_report *r)
{
    FILE *f = r->out;
    r->state = calloc(1, sizeof(sarif_state));
    fputs("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{"
          "\"tool\":{\"driver\":{\"name\":\"pdpascan\",\"version\":\"" PDP_VERSION "\",\"informationUri\":",
          f);
    char *uri = readme_uri(r->o.rules);
    json_string(f, uri);
    free(uri);
    fputs(",\"rules\":[", f);
    rules(r);
    fputs("]}},\n\"results\":[", f);
}

static size_t rule_index(const pdp_report *r, const char *id)
{
    size_t n = pdp_rules_count(r->o.rules);
    for (size_t i = 0; i < n; i++) {
        pdp_rule_info ri;
        pdp_rules_get(r->o.rules, i, &ri);
        if (!strcmp(ri.id, id)) return i;
    }
    return 0;
}

/* Where a finding is, as SARIF sees it. */
static void location(pdp_report *r, FILE *f, const pdp_result *res, const pdp_finding *x)
{
    fputs("\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":", f);
    uri(f, report_file_name(r, res, 0));
    fputc('}', f);
    if (x->loc.line) fprintf(f, ",\"region\":{\"startLine\":%ld}", x->loc.line);
    fputc('}', f);
    const char *part = x->loc.part;
    if (x->loc.page || part || x->loc.sheet) {
        fputs(",\"logicalLocations\":[{\"name\":", f);
        char name[512];
        if (x->loc.sheet) snprintf(name, sizeof name, "%s!%s", x->loc.sheet, x->loc.cell ? x->loc.cell : "");
        else if (part) snprintf(name, sizeof name, "%s", part);
        else snprintf(name, sizeof name, "page %d", x->loc.page);
        json_string(f, name);
        fputs(",\"kind\":", f);
        json_string(f, x->loc.sheet ? "cell" : part ? "part" : "page");
        fputs("}]", f);
    }
    fputs("}]", f);
}

static void result(pdp_report *r, const pdp_result *res, const pdp_finding *x)
{
    FILE *f = r->out;
    sarif_state *st = r->state;
    fputs(st->nresults++ ? ",\n{\"ruleId\":" : "\n{\"ruleId\":", f);
    json_string(f, x->rule_id);
    fprintf(f, ",\"ruleIndex\":%zu,\"level\":", rule_index(r, x->rule_id));
    json_string(f, level(x->severity));
    fputs(",\"message\":{\"text\":", f);
    json_string(f, r->o.lang == PDP_LANG_TH ? x->message_th : x->message_en);
    fputs("},", f);
    location(r, f, res, x);
    fputs(",\"partialFingerprints\":{\"pdpascan/v1\":", f);
    json_string(f, x->fingerprint);
    fputs("},\"properties\":{\"category\":", f);
    json_string(f, x->category);
    fputs(",\"severity\":", f);
    json_string(f, pdp_severity_name(x->severity));
    fputs(",\"action\":", f);
    json_string(f, pdp_action_name(x->action));
    char *m = report_value(r, x->match), *n = report_value(r, x->normalized);
    fputs(",\"match\":", f);
    json_string(f, m);
    fputs(",\"normalized\":", f);
    json_string(f, n);
    free(m);
    free(n);
    fputs(",\"suggestion\":", f);
    json_string(f, x->suggestion);
    fprintf(f, ",\"confidence\":%.2f}}", x->confidence);
}

/* Each document's legal clauses, for the run's properties (written at the end). */
static void clauses(pdp_report *r, const pdp_result *res)
{
    sarif_state *st = r->state;
    pdp_clause cl[32];
    size_t n = pdp_result_clauses(res, cl, 32);
    for (size_t i = 0; i < n; i++) {
        char *text = NULL, *summary = report_clause_text(r, &cl[i]);
        size_t len = 0;
        FILE *m = open_memstream(&text, &len);
        if (!m) {
            free(summary);
            return;
        }
        fputs(st->nclauses++ ? ",{\"file\":" : "{\"file\":", m);
        json_string(m, report_file_name(r, res, 0));
        fputs(",\"category\":", m);
        json_string(m, cl[i].category);
        fputs(",\"clause\":", m);
        json_string(m, cl[i].clause);
        fprintf(m, ",\"passages\":%zu,\"summary\":", cl[i].passages);
        json_string(m, summary);
        fputc('}', m);
        fclose(m);
        buf_append(&st->clauses, text, len);
        free(text);
        free(summary);
    }
}

static void sarif_file(pdp_report *r, const pdp_result *res)
{
    if (!r->state) start(r);
    for (size_t i = 0; i < res->nfindings; i++) result(r, res, &res->findings[i]);
    clauses(r, res);
    if (res->status != PDP_STATUS_ERROR && res->status != PDP_STATUS_PARTIAL) return;
    /* the notification goes out at the end; written to a memory stream now */
    sarif_state *st = r->state;
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) return;
    fputs(st->nerrors++ ? ",\n{\"level\":\"error\",\"message\":{\"text\":" : "\n{\"level\":\"error\",\"message\":{\"text\":", m);
    json_string(m, res->error ? res->error : pdp_status_name(res->status));
    fputs("},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":", m);
    uri(m, report_file_name(r, res, 0));
    fputs("}}}]}", m);
    fclose(m);
    buf_append(&st->errors, text, len);
    free(text);
}

static void sarif_end(pdp_report *r, const pdp_summary *s)
{
    (void)s;
    if (!r->state) start(r);
    sarif_state *st = r->state;
    FILE *f = r->out;
    fprintf(f, "],\n\"invocations\":[{\"executionSuccessful\":%s,\"toolExecutionNotifications\":[",
            st->nerrors ? "false" : "true");
    if (st->errors.len) fwrite(st->errors.data, 1, st->errors.len, f);
    fputs("]}],\n\"properties\":{\"clauses\":[", f);
    if (st->clauses.len) fwrite(st->clauses.data, 1, st->clauses.len, f);
    fputs("]}}]}\n", f);
    buf_free(&st->errors);
    buf_free(&st->clauses);
    fflush(f);
}

const report_vt report_sarif_vt = { sarif_file, sarif_end, NULL };

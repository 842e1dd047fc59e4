/* report.c — the public reports, as a front end (a server, a tool of an
 * agency's own) uses them: scan a document, write it as JSON Lines and as
 * the Thai text report, and check what each says.  Only pdpascan.h.
 * usage: report RULES_DIR FILE  (prints "ok"/"not ok" lines; exit 0 if all pass) */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include <pdpascan.h>
#include "check.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* The report of res in format, as a heap string. */
static char *write_report(const pdp_rules *rules, const char *format, pdp_lang lang, const pdp_result *res)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    pdp_report_opts o = { .rules = rules, .lang = lang, .fail_on = PDP_SEV_MEDIUM };
    char *err = NULL;
    pdp_report *r = pdp_report_new(format, out, &o, &err);
    if (!r) {
        fclose(out);
        free(text);
        free(err);
        return NULL;
    }
    pdp_summary s = { 0 };
    pdp_summary_add(&s, res, o.fail_on);
    pdp_report_file(r, res);
    pdp_report_end(r, &s);
    pdp_report_free(r);
    fclose(out);
    return text;
}

int main(int argc, char **argv)
{
    if (argc != 3) return 2;
    pdp_rules *rules = rules_or_exit(argv[1]);
    pdp_result res;
    pdp_scan_file(rules, argv[2], NULL, NULL, &res);
    char *jsonl = write_report(rules, "jsonl", PDP_LANG_EN, &res);
    check(jsonl && strstr(jsonl, "\"type\":\"file\"") && strstr(jsonl, "\"type\":\"summary\""), "jsonl: a file record and the summary");
    check(jsonl && strstr(jsonl, "national_id"), "jsonl: the ID finding");
    char *th = write_report(rules, "text", PDP_LANG_TH, &res);
    check(th && strstr(th, "3505260181590") == NULL, "Thai text report: the ID is masked");
    check(th && strstr(th, "\xe0\xb8") != NULL, "Thai text report: in Thai");
    pdp_report_opts o = { .rules = rules, .lang = PDP_LANG_EN, .fail_on = PDP_SEV_MEDIUM };
    char *err = NULL;
    check(pdp_report_new("docx", stdout, &o, &err) == NULL && err && strstr(err, "docx"), "an unknown format: NULL and a reason");
    const char *k[] = { "id" }, *v[] = { "no.such" };
    char *m = pdp_message_fill(rules, "explain.unknown", PDP_LANG_EN, k, v, 1);
    check(m && strstr(m, "no.such") && !strstr(m, "{id}"), "pdp_message_fill fills {id}");
    free(m);
    free(err);
    free(jsonl);
    free(th);
    pdp_result_free(&res);
    pdp_rules_free(rules);
    return failed;
}

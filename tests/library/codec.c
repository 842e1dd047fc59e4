/* codec.c — the public result codec and error results, as a program that
 * keeps results (a cache, a server) meets them: scan a document, encode the
 * result, decode it under another name, and check nothing was lost; cut or
 * corrupt bytes must be refused, never half-decoded; a PDF finding's line
 * boxes (tests/fixtures/lo_letter.pdf, from the repository root) too.
 * Only pdpascan.h.
 * usage: codec RULES_DIR FILE  (prints "ok"/"not ok" lines; exit 0 if all pass) */
#include <pdpascan.h>
#include "check.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static int same_findings(const pdp_result *a, const pdp_result *b)
{
    if (a->nfindings != b->nfindings || a->status != b->status) return 0;
    for (size_t i = 0; i < a->nfindings; i++)
        if (strcmp(a->findings[i].rule_id, b->findings[i].rule_id) ||
            a->findings[i].severity != b->findings[i].severity ||
            a->findings[i].loc.line != b->findings[i].loc.line || a->findings[i].nlines != b->findings[i].nlines ||
            (a->findings[i].nlines &&
             memcmp(a->findings[i].lines, b->findings[i].lines, a->findings[i].nlines * sizeof *a->findings[i].lines)))
            return 0;
    return 1;
}

/* A PDF whose ID runs over the end of a line: its boxes per line survive. */
static void line_boxes(const pdp_rules *rules)
{
    pdp_result res, back = { 0 };
    pdp_scan_file(rules, "tests/fixtures/lo_letter.pdf", NULL, NULL, &res);
    size_t wrapped = 0;
    for (size_t i = 0; i < res.nfindings; i++) wrapped += res.findings[i].nlines > 1;
    check(wrapped > 0, "a PDF finding over two lines has a box per line");
    size_t len;
    unsigned char *bytes = pdp_result_encode(&res, &len);
    check(bytes && pdp_result_decode(rules, bytes, len, "again.pdf", &back) == 0 && same_findings(&res, &back),
          "and keeps them through the codec");
    free(bytes);
    pdp_result_free(&back);
    pdp_result_free(&res);
}

int main(int argc, char **argv)
{
    if (argc != 3) return 2;
    pdp_rules *rules = rules_or_exit(argv[1]);
    pdp_result res, back, cut;
    pdp_scan_file(rules, argv[2], NULL, NULL, &res);
    check(res.nfindings > 0, "the document has findings to carry");
    size_t len;
    unsigned char *bytes = pdp_result_encode(&res, &len);
    check(bytes && len > 0, "pdp_result_encode gives bytes");
    check(pdp_result_decode(rules, bytes, len, "elsewhere.txt", &back) == 0, "and pdp_result_decode takes them back");
    check(same_findings(&res, &back), "with the same findings, rules, severities and lines");
    check(!strcmp(back.file, "elsewhere.txt"), "under the name given to the decoder");
    check(pdp_result_decode(rules, bytes, len - 1, "cut", &cut) == -1, "one byte short: refused");
    check(pdp_result_decode(rules, bytes, len / 2, "half", &cut) == -1, "half the bytes: refused");
    check(pdp_result_encoding() > 0, "the encoding has a version to key a cache by");
    free(bytes);
    pdp_result_free(&back);
    pdp_result_free(&res);
    pdp_result_error(&res, "gone.pdf", "vanished before it was read");
    check(res.status == PDP_STATUS_ERROR && !strcmp(res.error, "vanished before it was read") &&
          !strcmp(res.file, "gone.pdf") && res.nfindings == 0, "pdp_result_error: an error result with its reason");
    pdp_result_free(&res);
    line_boxes(rules);
    pdp_rules_free(rules);
    return failed;
}

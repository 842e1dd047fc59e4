/* test_rules.c — patterns/ as data: every rule's own examples (match /
 * no_match) hold, and a broken rule file is refused with its file and line. */
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "detect/rules.h"

/* Does rule ru report anything in text (above `floor`)? */
static int fires_above(const pdp_rule *ru, const char *text, pdp_severity floor)
{
    pdp_result r;
    pdp_scan_buffer(g_rules, text, strlen(text), "example", NULL, &r);
    assert_offsets(text, &r);
    int hit = 0;
    for (size_t i = 0; i < r.nfindings; i++)
        if (strcmp(r.findings[i].rule_id, ru->id) == 0 && (int)r.findings[i].severity > (int)floor) hit = 1;
    pdp_result_free(&r);
    return hit;
}

static int fires(const pdp_rule *ru, const char *text) { return fires_above(ru, text, (pdp_severity)-1); }

static void test_rule_examples(void **s)
{
    (void)s;
    size_t checked = 0, failed = 0;
    for (size_t i = 0; i < g_rules->nrules; i++) {
        const pdp_rule *ru = &g_rules->rules[i];
        assert_true(ru->nmust > 0 || ru->ocr_only); /* every rule shows what it is for (OCR's: on scans, test_ocr.sh) */
        for (size_t k = 0; k < ru->nmust; k++, checked++)
            if (!fires(ru, ru->must[k])) {
                fprintf(stderr, "rule %s: should match: %s\n", ru->id, ru->must[k]);
                failed++;
            }
        for (size_t k = 0; k < ru->nmust_not; k++, checked++)
            if (fires(ru, ru->must_not[k])) {
                fprintf(stderr, "rule %s: should not match: %s\n", ru->id, ru->must_not[k]);
                failed++;
            }
        for (size_t k = 0; k < ru->nquiet; k++, checked++)
            if (fires_above(ru, ru->quiet[k], PDP_SEV_INFO)) {
                fprintf(stderr, "rule %s: should stay at info: %s\n", ru->id, ru->quiet[k]);
                failed++;
            }
        for (size_t k = 0; k < ru->nflag; k++, checked++)
            if (!fires_above(ru, ru->flag[k], PDP_SEV_LOW)) {
                fprintf(stderr, "rule %s: should be medium or above: %s\n", ru->id, ru->flag[k]);
                failed++;
            }
    }
    assert_true(checked > 20);
    assert_int_equal(failed, 0);
}

static void test_rules_listing(void **s)
{
    (void)s;
    assert_true(pdp_rules_count(g_rules) >= 4);
    pdp_rule_info ri;
    int seen_id = 0;
    for (size_t i = 0; i < pdp_rules_count(g_rules); i++) {
        pdp_rules_get(g_rules, i, &ri);
        assert_non_null(ri.message_th);
        assert_non_null(ri.message_en);
        if (!strcmp(ri.id, "th.national-id")) {
            seen_id = 1;
            assert_string_equal(ri.category, "national_id");
            assert_true(ri.nlaw >= 1);
        }
    }
    assert_true(seen_id);
    assert_string_not_equal(pdp_message(g_rules, "verdict.clean", PDP_LANG_TH),
                            pdp_message(g_rules, "verdict.clean", PDP_LANG_EN));
    assert_string_equal(pdp_message(g_rules, "no.such.key", PDP_LANG_TH), "no.such.key");
}

/* Write a patterns/ tree whose one rule file is `rule` (and, when given, an
 * extra lexicon file holding `lex`), try to load it (with flags) and return the
 * error (heap) or NULL when it loaded; *out (when given) receives the loaded
 * rules, else they are freed. */
static char *load_with_files(const char *rule, const char *lex, unsigned flags, pdp_rules **out)
{
    char dir[] = "/tmp/pdpascan-rulesXXXXXX";
    assert_non_null(mkdtemp(dir));
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cp -r patterns/laws.yaml patterns/messages.yaml patterns/lexicon %s/ && mkdir %s/rules", dir, dir);
    assert_int_equal(system(cmd), 0);
    char path[256];
    snprintf(path, sizeof path, "%s/rules/bad.yaml", dir);
    FILE *f = fopen(path, "w");
    fputs(rule, f);
    fclose(f);
    if (lex) {
        snprintf(path, sizeof path, "%s/lexicon/extra.yaml", dir);
        f = fopen(path, "w");
        fputs(lex, f);
        fclose(f);
    }
    pdp_rules *r = NULL;
    char *err = NULL;
    int rc = pdp_rules_load_ex(dir, flags, &r, &err);
    if (out) *out = r;
    else pdp_rules_free(r);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
    if (rc == 0) return NULL;
    assert_non_null(err);
    return err;
}

static char *load_with_rule_ex(const char *rule, unsigned flags, pdp_rules **out)
{
    return load_with_files(rule, NULL, flags, out);
}

static char *load_with_rule(const char *rule) { return load_with_rule_ex(rule, 0, NULL); }

static void expect_error(const char *rule, const char *fragment)
{
    char *err = load_with_rule(rule);
    if (!err || !strstr(err, fragment)) fprintf(stderr, "error was: %s\n", err ? err : "(loaded)");
    assert_non_null(err);
    assert_non_null(strstr(err, "bad.yaml:"));
    assert_non_null(strstr(err, fragment));
    free(err);
}

static void test_broken_rules_refused(void **s)
{
    (void)s;
    const char *ok = "rules:\n  - id: x\n    category: email\n    pattern: 'a@b'\n";
    char *err = load_with_rule(ok);
    assert_null(err);
    expect_error("rules:\n  - id: x\n    category: email\n    pattern: '(unclosed'\n", "does not compile");
    expect_error("rules:\n  - id: x\n    category: email\n    pattern: 'a'\n    validator: nope\n", "unknown validator");
    expect_error("rules:\n  - id: x\n    category: email\n    pattern: 'a'\n    law: [no-such-law]\n", "unknown law");
    expect_error("rules:\n  - id: x\n    category: email\n    pattern: 'a'\n    severity: severe\n", "severity");
    expect_error("rules:\n  - id: x\n    category: email\n    pattern: 'a'\n    context: {positive: [nolist]}\n",
                 "unknown phrase list");
    expect_error("rules:\n  - id: x\n    category: email\n    pattern: 'a'\n  - id: x\n    category: email\n    pattern: 'b'\n",
                 "duplicate rule id");
    expect_error("rules:\n  - id: x\n   category: [\n", "bad.yaml:");
    expect_error("rules:\n  - category: email\n    pattern: 'a'\n", "needs 'id'");
    /* the keys of names and tables name lists that must exist */
    const char *head = "rules:\n  - id: x\n    category: person_name\n    pattern: 'a'\n";
    char rule[512];
    const char *bad[][2] = {
        { "    column: {pair: [given_name_headers, family_name_headers]}\n", "column needs 'header'" },
        { "    column: {header: name_headers, pair: [given_name_headers]}\n", "pair needs two phrase lists" },
        { "    column: {header: no_such_list}\n", "unknown phrase list" },
        { "    words: {end_before: no_such_list}\n", "unknown phrase list" },
        { "    words: {end_known: [no_such_list]}\n", "unknown phrase list" },
        { "    known: {first: no_such_list}\n", "unknown phrase list" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(rule, sizeof rule, "%s%s", head, bad[i][0]);
        expect_error(rule, bad[i][1]);
    }
    /* a list read from a text file that is not there */
    const char *ok_rule = "rules:\n  - id: x\n    category: email\n    pattern: 'a@b'\n";
    err = load_with_files(ok_rule, "lists:\n  gone:\n    description: x\n    file: no-such-file.txt\n", 0, NULL);
    assert_non_null(err);
    assert_non_null(strstr(err, "cannot read no-such-file.txt"));
    free(err);
}

/* Loaded for a small scan (PDP_RULES_NO_JIT), patterns are compiled on
 * first use: a broken one then makes the scan that needs it an error, never
 * a clean result; a rule set of sound patterns scans as usual. */
static void test_lazy_patterns_fail_closed(void **s)
{
    (void)s;
    pdp_rules *r = NULL;
    char *err = load_with_rule_ex("rules:\n  - id: x\n    category: email\n    pattern: '(unclosed'\n",
                                  PDP_RULES_NO_JIT, &r);
    assert_null(err);
    pdp_result res;
    const char *text = "nothing to see";
    pdp_scan_buffer(r, text, strlen(text), "x", NULL, &res);
    assert_int_equal(res.status, PDP_STATUS_ERROR);
    assert_non_null(strstr(res.error, "rule x"));
    pdp_result_free(&res);
    pdp_rules_free(r);
    err = load_with_rule_ex("rules:\n  - id: x\n    category: email\n    pattern: 'a@b\\.th'\n", PDP_RULES_NO_JIT, &r);
    assert_null(err);
    text = "mail a@b.th now";
    pdp_scan_buffer(r, text, strlen(text), "x", NULL, &res);
    assert_int_equal(res.status, PDP_STATUS_OK);
    assert_int_equal(res.nfindings, 1);
    pdp_result_free(&res);
    pdp_rules_free(r);
}

/* More phrase rules than the phrase index holds (64): the ones past it are
 * still tried, scanned plainly — a rule is never dropped for the limit. */
static void test_phrase_rules_past_the_index(void **s)
{
    (void)s;
    buf rules, lists;
    buf_init(&rules);
    buf_init(&lists);
    buf_puts(&rules, "rules:\n");
    buf_puts(&lists, "lists:\n");
    for (int k = 0; k < 70; k++) {
        char tmp[256];
        snprintf(tmp, sizeof tmp, "  - id: r%d\n    category: email\n    pattern: 'tag%d\\b'\n    requires: {phrase: l%d}\n", k, k, k);
        buf_puts(&rules, tmp);
        snprintf(tmp, sizeof tmp, "  l%d:\n    description: x\n    phrases: [tag%d]\n", k, k);
        buf_puts(&lists, tmp);
    }
    pdp_rules *r = NULL;
    char *err = load_with_files(rules.data, lists.data, 0, &r);
    assert_null(err);
    pdp_result res;
    const char *text = "tag3 and tag69";
    pdp_scan_buffer(r, text, strlen(text), "x", NULL, &res);
    assert_int_equal(res.status, PDP_STATUS_OK);
    assert_int_equal(res.nfindings, 2);
    assert_string_equal(res.findings[0].rule_id, "r3");
    assert_string_equal(res.findings[1].rule_id, "r69");
    pdp_result_free(&res);
    pdp_rules_free(r);
    buf_free(&rules);
    buf_free(&lists);
}

/* Rule and list loaded, text scanned with the phrase pass and with every
 * rule tried everywhere: both find `want` matches, at the same places. */
static void hinted_as_full(const char *rule, const char *list, const char *text, size_t want)
{
    pdp_rules *r = NULL;
    char *err = load_with_files(rule, list, 0, &r);
    assert_null(err);
    pdp_options full = { .full_scan = 1 };
    pdp_result a, b;
    pdp_scan_buffer(r, text, strlen(text), "x", NULL, &a);
    pdp_scan_buffer(r, text, strlen(text), "x", &full, &b);
    assert_int_equal(b.nfindings, want);
    assert_int_equal(a.nfindings, want);
    for (size_t i = 0; i < a.nfindings; i++) assert_int_equal(a.findings[i].start, b.findings[i].start);
    pdp_result_free(&a);
    pdp_result_free(&b);
    pdp_rules_free(r);
}

/* Phrases of one, two and three letters that may start inside a word (no
 * word_start): the phrase pass checks every letter for the short ones, the
 * three-letter one also where a run of letters ends — found wherever they
 * are glued, as trying the rule everywhere finds them. */
static void test_short_inner_phrases(void **s)
{
    (void)s;
    hinted_as_full("rules:\n  - id: short\n    category: email\n    pattern: '(?:ขา|ค|ดีต)[0-9]'\n"
                   "    requires: {phrase: shorts}\n",
                   "lists:\n  shorts:\n    description: x\n    phrases: [ขา, ค, ดีต]\n",
                   "ทดขา1 กคค2 สดีต3 ขา4 ดีต5 มาก ดีตขา", 5);
}

/* A phrase of one or two letters that may end before another letter, at
 * the start of a word of four letters or more: the check of a head's first
 * letters before the trie (may_start) must let every place through when
 * such a head exists — found as trying the rule everywhere finds it. */
static void test_short_phrase_starting_a_word(void **s)
{
    (void)s;
    hinted_as_full("rules:\n  - id: short\n    category: email\n    pattern: '(?:ขา|ค)มาก'\n"
                   "    requires: {phrase: shorts, word_start: true}\n",
                   "lists:\n  shorts:\n    description: x\n    phrases: [ขา, ค]\n", "ขามาก 1 คมากมาย", 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_examples),
        cmocka_unit_test(test_rules_listing),
        cmocka_unit_test(test_broken_rules_refused),
        cmocka_unit_test(test_lazy_patterns_fail_closed),
        cmocka_unit_test(test_phrase_rules_past_the_index),
        cmocka_unit_test(test_short_inner_phrases),
        cmocka_unit_test(test_short_phrase_starting_a_word),
    };
    return cmocka_run_group_tests_name("rules", tests, load_rules_setup, free_rules_teardown);
}

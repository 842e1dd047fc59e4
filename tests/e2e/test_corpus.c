/* test_corpus.c — scan every document in corpus/ and compare with the
 * expected findings beside it (<doc>.expect.yaml), in both directions:
 * nothing missed, nothing extra, the same status.  Prints precision and
 * recall per category.  Then the real announcements in tests/seeds/
 * (or $PDPASCAN_SEEDS) must pass with nothing above info. */
#include <dirent.h>
#include <sys/stat.h>

#include "../unit/helpers.h"
#include "detect/rules.h"
#include "util/buf.h"
#include "util/simd.h"
#include "util/yamlx.h"

typedef struct expected {
    char *member;   /* "" for the document itself, else the path inside it */
    char *category, *value;
    long line;
    int severity;   /* -1: not checked */
    int page;       /* -1: not checked */
    char *role;     /* NULL: not checked; "none": must have no role */
    char *part, *sheet, *cell;  /* NULL: not checked */
    int no_title;   /* `title: none`: a name written without a title (a name column) */
    int matched;
} expected;

static char *opt_str(yamlx_doc *d, const yamlx_node *f, const char *key)
{
    const char *v = yamlx_get_str(d, f, key, NULL);
    return v ? xstrdup(v) : NULL;
}

/* Does finding f stand where e says (only what e says is checked)? */
static int same_place(const expected *e, const pdp_finding *f)
{
    if (e->page >= 0 && e->page != f->loc.page) return 0;
    if (e->part && (!f->loc.part || strcmp(e->part, f->loc.part))) return 0;
    if (e->sheet && (!f->loc.sheet || strcmp(e->sheet, f->loc.sheet))) return 0;
    if (e->cell && (!f->loc.cell || strcmp(e->cell, f->loc.cell))) return 0;
    if (e->role && strcmp(e->role, f->role ? f->role : "none")) return 0;
    return 1;
}

typedef struct tally {
    char cat[32];
    size_t tp, fp, fn;
} tally;

static tally tallies[32];
static size_t ntallies;

static tally *tally_for(const char *cat);

/* Names are also counted by how they are written: after a title, or
 * without one (in a name column) — the two targets. */
static void tally_name(int no_title, int tp, int fp, int fn)
{
    tally *t = tally_for(no_title ? "person_name (no title)" : "person_name (title)");
    t->tp += (size_t)tp;
    t->fp += (size_t)fp;
    t->fn += (size_t)fn;
}

static int is_name(const char *category) { return !strcmp(category, "person_name"); }

/* Officials in role reported above info anywhere in the corpus (target 0). */
static size_t g_officials_above_info;

static tally *tally_for(const char *cat)
{
    for (size_t i = 0; i < ntallies; i++)
        if (!strcmp(tallies[i].cat, cat)) return &tallies[i];
    tally *t = &tallies[ntallies++];
    snprintf(t->cat, sizeof t->cat, "%s", cat);
    return t;
}

/* Document-level legal labels.  A document's `clauses:` (written by a
 * person: what a legal officer would say the document holds, e.g.
 * "oia_s15 15(5)", "sensitive_data health", "classification_mark") are
 * compared with the clauses the scanner names for it; secrecy marks count
 * by category.  Documents with `clauses: []` are ordinary documents on the
 * same topics: any clause named for them is a false alarm. */
typedef struct clause_tally {
    char key[64];
    size_t docs, found, missed, wrong;
} clause_tally;

static clause_tally g_clauses[64];
static size_t g_nclauses, g_labelled_docs, g_ordinary_docs, g_ordinary_flagged, g_label_total, g_label_found;

static clause_tally *clause_for(const char *key)
{
    for (size_t i = 0; i < g_nclauses; i++)
        if (!strcmp(g_clauses[i].key, key)) return &g_clauses[i];
    clause_tally *t = &g_clauses[g_nclauses++];
    snprintf(t->key, sizeof t->key, "%s", key);
    return t;
}

/* "category clause" (marks: the category alone) for each clause of r and
 * of the documents inside it; returns how many were written to keys. */
static size_t found_clauses(const pdp_result *r, char keys[][64], size_t n, size_t max)
{
    pdp_clause cl[32];
    size_t k = pdp_result_clauses(r, cl, 32);
    for (size_t i = 0; i < k && n < max; i++) {
        char key[64];
        if (!strcmp(cl[i].category, "classification_mark")) snprintf(key, sizeof key, "%s", cl[i].category);
        else snprintf(key, sizeof key, "%s %s", cl[i].category, cl[i].clause);
        size_t j = 0;
        while (j < n && strcmp(keys[j], key)) j++;
        if (j == n) snprintf(keys[n++], 64, "%s", key);
    }
    for (size_t i = 0; i < r->nchildren; i++) n = found_clauses(&r->children[i], keys, n, max);
    return n;
}

static void check_clauses(const char *doc, yamlx_doc *d, const yamlx_node *labels, const pdp_result *r)
{
    char found[32][64];
    size_t nf = found_clauses(r, found, 0, 32), nl = yamlx_len(labels);
    int used[32] = { 0 };
    g_labelled_docs++;
    if (!nl) {
        g_ordinary_docs++;
        if (nf) g_ordinary_flagged++;
    }
    for (size_t i = 0; i < nl; i++) {
        const char *want = yamlx_str(yamlx_item(d, labels, i));
        clause_tally *t = clause_for(want ? want : "?");
        t->docs++;
        g_label_total++;
        size_t j = 0;
        while (j < nf && strcmp(found[j], want ? want : "")) j++;
        if (j < nf) {
            used[j] = 1;
            t->found++;
            g_label_found++;
        } else {
            t->missed++;
            fprintf(stderr, "%s: clause %s not named\n", doc, want);
        }
    }
    for (size_t j = 0; j < nf; j++)
        if (!used[j]) {
            clause_for(found[j])->wrong++;
            fprintf(stderr, "%s: clause %s named wrongly\n", doc, found[j]);
        }
}

static void print_clauses(void)
{
    if (!g_labelled_docs) return;
    printf("legal clauses, per document (%zu labelled documents, %zu of them ordinary):\n", g_labelled_docs,
           g_ordinary_docs);
    printf("%-34s %5s %6s %7s %7s\n", "clause", "docs", "found", "missed", "wrong");
    for (size_t i = 0; i < g_nclauses; i++)
        printf("%-34s %5zu %6zu %7zu %7zu\n", g_clauses[i].key, g_clauses[i].docs, g_clauses[i].found,
               g_clauses[i].missed, g_clauses[i].wrong);
    printf("document-level recall %.1f%% [target >= 95%%]; ordinary documents flagged above info %zu of %zu "
           "(%.1f%%) [target <= 5%%]\n",
           g_label_total ? 100.0 * g_label_found / g_label_total : 100.0, g_ordinary_flagged, g_ordinary_docs,
           g_ordinary_docs ? 100.0 * g_ordinary_flagged / g_ordinary_docs : 0.0);
}

/* Expected statuses of documents inside the document ("members:"). */
typedef struct member_status {
    char *member, *status;
} member_status;

static member_status *g_members;
static size_t g_nmembers;

static void load_members(yamlx_doc *d, const yamlx_node *root)
{
    const yamlx_node *m = yamlx_get(d, root, "members");
    g_nmembers = yamlx_map_len(m);
    g_members = calloc(g_nmembers ? g_nmembers : 1, sizeof *g_members);
    for (size_t i = 0; i < g_nmembers; i++) {
        g_members[i].member = xstrdup(yamlx_map_key(d, m, i));
        g_members[i].status = xstrdup(yamlx_str(yamlx_map_val(d, m, i)) ? yamlx_str(yamlx_map_val(d, m, i)) : "?");
    }
}

static const char *member_expected_status(const char *member)
{
    for (size_t i = 0; i < g_nmembers; i++)
        if (!strcmp(g_members[i].member, member)) return g_members[i].status;
    return "ok";
}

static void free_members(void)
{
    for (size_t i = 0; i < g_nmembers; i++) {
        free(g_members[i].member);
        free(g_members[i].status);
    }
    free(g_members);
    g_members = NULL;
    g_nmembers = 0;
}

/* Read <doc>.expect.yaml; returns the number of expected findings or -1. */
static long load_expected(const char *doc, char **status, expected **out)
{
    char *path = xasprintf("%s.expect.yaml", doc), *err = NULL;
    yamlx_doc d;
    if (yamlx_open(&d, path, &err) != 0) {
        fprintf(stderr, "%s: no expectations: %s\n", doc, err);
        free(err);
        free(path);
        return -1;
    }
    free(path);
    const yamlx_node *root = yamlx_root(&d), *fs = yamlx_get(&d, root, "findings");
    *status = xstrdup(yamlx_get_str(&d, root, "status", "ok"));
    load_members(&d, root);
    size_t n = yamlx_len(fs);
    *out = calloc(n ? n : 1, sizeof **out);
    for (size_t i = 0; i < n; i++) {
        const yamlx_node *f = yamlx_item(&d, fs, i);
        expected *e = &(*out)[i];
        e->member = xstrdup(yamlx_get_str(&d, f, "member", ""));
        e->category = xstrdup(yamlx_get_str(&d, f, "category", "?"));
        e->value = xstrdup(yamlx_get_str(&d, f, "value", ""));
        e->line = atol(yamlx_get_str(&d, f, "line", "0"));
        e->page = atoi(yamlx_get_str(&d, f, "page", "-1"));
        e->part = opt_str(&d, f, "part");
        e->sheet = opt_str(&d, f, "sheet");
        e->cell = opt_str(&d, f, "cell");
        e->role = opt_str(&d, f, "role");
        e->no_title = !strcmp(yamlx_get_str(&d, f, "title", "yes"), "none");
        pdp_severity sv;
        const char *sev = yamlx_get_str(&d, f, "severity", NULL);
        e->severity = sev && pdp_severity_parse(sev, &sv) == 0 ? (int)sv : -1;
    }
    yamlx_close(&d);
    return (long)n;
}

/* Match the findings of res (member path `member`) against exp, then the
 * documents inside it; returns the number of differences. */
static size_t check_result(const char *doc, const char *member, const pdp_result *r, expected *exp, long n)
{
    size_t diffs = 0;
    for (size_t i = 0; i < r->nchildren; i++) {
        const pdp_result *c = &r->children[i];
        const char *inner = c->file + strlen(doc) + 2; /* past "doc!/" */
        const char *want = member_expected_status(inner);
        if (strcmp(pdp_status_name(c->status), want) != 0) {
            fprintf(stderr, "%s!/%s: status %s, expected %s (%s)\n", doc, inner, pdp_status_name(c->status), want,
                    c->error ? c->error : "");
            diffs++;
        }
        diffs += check_result(doc, inner, c, exp, n);
    }
    for (size_t i = 0; i < r->nfindings; i++) {
        const pdp_finding *f = &r->findings[i];
        if (f->role && !strcmp(f->role, "official") && f->severity > PDP_SEV_INFO) g_officials_above_info++;
        expected *hit = NULL;
        for (long k = 0; k < n && !hit; k++)
            if (!exp[k].matched && !strcmp(exp[k].member, member) && !strcmp(exp[k].category, f->category) &&
                !strcmp(exp[k].value, f->normalized) && exp[k].line == f->loc.line && same_place(&exp[k], f))
                hit = &exp[k];
        if (!hit) {
            fprintf(stderr, "%s%s%s:%ld: extra %s %s (%s)\n", doc, *member ? "!/" : "", member, f->loc.line,
                    f->category, f->normalized, pdp_severity_name(f->severity));
            tally_for(f->category)->fp++;
            if (is_name(f->category)) tally_name(!strcmp(f->rule_id, "th.person-name-column"), 0, 1, 0);
            diffs++;
            continue;
        }
        hit->matched = 1;
        tally_for(f->category)->tp++;
        if (is_name(f->category)) tally_name(hit->no_title, 1, 0, 0);
        if (hit->severity >= 0 && hit->severity != (int)f->severity) {
            fprintf(stderr, "%s:%ld: %s %s is %s, expected %s\n", doc, f->loc.line, f->category, f->normalized,
                    pdp_severity_name(f->severity), pdp_severity_name((pdp_severity)hit->severity));
            diffs++;
        }
    }
    return diffs;
}

/* Compare one document; returns the number of differences. */
static size_t check_doc(const char *doc)
{
    char *status = NULL;
    expected *exp = NULL;
    long n = load_expected(doc, &status, &exp);
    if (n < 0) return 1;
    pdp_result r;
    pdp_options opt = { .ocr = 1 }; /* as the program scans: scans and images read by OCR */
    pdp_scan_file(g_rules, doc, NULL, &opt, &r);
    size_t diffs = 0;
    if (strcmp(pdp_status_name(r.status), status) != 0) {
        fprintf(stderr, "%s: status %s, expected %s (%s)\n", doc, pdp_status_name(r.status), status,
                r.error ? r.error : "");
        diffs++;
    }
    diffs += check_result(doc, "", &r, exp, n);
    char *path = xasprintf("%s.expect.yaml", doc), *err = NULL;
    yamlx_doc d;
    if (yamlx_open(&d, path, &err) == 0) {
        const yamlx_node *labels = yamlx_get(&d, yamlx_root(&d), "clauses");
        if (labels) check_clauses(doc, &d, labels, &r);
        yamlx_close(&d);
    }
    free(err);
    free(path);
    for (long k = 0; k < n; k++) {
        if (!exp[k].matched) {
            fprintf(stderr, "%s%s%s:%ld: missed %s %s\n", doc, *exp[k].member ? "!/" : "", exp[k].member, exp[k].line,
                    exp[k].category, exp[k].value);
            tally_for(exp[k].category)->fn++;
            if (is_name(exp[k].category)) tally_name(exp[k].no_title, 0, 0, 1);
            diffs++;
        }
        free(exp[k].member);
        free(exp[k].part);
        free(exp[k].sheet);
        free(exp[k].cell);
        free(exp[k].role);
        free(exp[k].category);
        free(exp[k].value);
    }
    free(exp);
    free(status);
    free_members();
    pdp_result_free(&r);
    return diffs;
}

static double precision(const tally *t) { return t->tp + t->fp ? 100.0 * t->tp / (t->tp + t->fp) : 100.0; }
static double recall(const tally *t) { return t->tp + t->fn ? 100.0 * t->tp / (t->tp + t->fn) : 100.0; }

static void test_corpus_matches_expectations(void **s)
{
    (void)s;
    size_t ndocs;
    char **docs = corpus_files("corpus", &ndocs);
    assert_true(ndocs >= 10);
    size_t diffs = 0;
    for (size_t i = 0; i < ndocs; i++) diffs += check_doc(docs[i]);
    printf("corpus: %zu documents\n%-24s %6s %6s %6s %9s %6s\n", ndocs, "category", "tp", "fp", "fn", "precision",
           "recall");
    for (size_t i = 0; i < ntallies; i++) {
        tally *t = &tallies[i];
        printf("%-24s %6zu %6zu %6zu %8.1f%% %5.1f%%\n", t->cat, t->tp, t->fp, t->fn, precision(t), recall(t));
    }
    const tally *titled = tally_for("person_name (title)"), *plain = tally_for("person_name (no title)");
    const tally *addr = tally_for("address");
    printf("targets: names with a title recall %.1f%% [>= 98%%] precision %.1f%% [>= 95%%]; names without a title "
           "recall %.1f%% [>= 90%%]; addresses recall %.1f%% [>= 90%%]; officials in role above info %zu [0]\n",
           recall(titled), precision(titled), recall(plain), recall(addr), g_officials_above_info);
    print_clauses();
    corpus_files_free(docs, ndocs);
    assert_int_equal(diffs, 0);
    assert_true(recall(titled) >= 98 && precision(titled) >= 95 && recall(plain) >= 90 && recall(addr) >= 90);
    assert_true(plain->tp >= 20); /* the no-title target is measured on enough names */
    assert_int_equal(g_officials_above_info, 0);
    /* the targets, on the labelled documents */
    assert_true(g_label_total == 0 || g_label_found * 100 >= 95 * g_label_total);
    assert_true(g_ordinary_flagged * 100 <= 5 * (g_ordinary_docs ? g_ordinary_docs : 1));
}

/* Rules' `requires` hints only skip text where they cannot match: scanning
 * with them and without them finds exactly the same. */
static void same_findings(const pdp_result *a, const pdp_result *b, const char *what)
{
    if (a->nfindings != b->nfindings) fprintf(stderr, "%s: %zu findings with hints, %zu without\n", what, a->nfindings, b->nfindings);
    assert_int_equal(a->nfindings, b->nfindings);
    for (size_t i = 0; i < a->nfindings; i++) {
        assert_int_equal(a->findings[i].start, b->findings[i].start);
        assert_string_equal(a->findings[i].rule_id, b->findings[i].rule_id);
        assert_string_equal(a->findings[i].normalized, b->findings[i].normalized);
    }
}

/* A file (or text t) scanned as the rules stand, then with opt and the
 * phrase pass's letter stream read the way `way` says: the same findings. */
static void same_both_ways(const char *path, const char *t, const pdp_options *opt, int way)
{
    letter_keys *k = &g_rules->phrases.keys;
    int was = k->way;
    pdp_result a, b;
    for (int pass = 0; pass < 2; pass++) {
        k->way = pass ? way : was;
        if (t) pdp_scan_buffer(g_rules, t, strlen(t), "x", pass ? opt : NULL, pass ? &b : &a);
        else pdp_scan_file(g_rules, path, NULL, pass ? opt : NULL, pass ? &b : &a);
    }
    k->way = was;
    same_findings(&a, &b, t ? t : path);
    pdp_result_free(&a);
    pdp_result_free(&b);
}

/* Every corpus document and every rule's examples, both ways. */
static void same_findings_with(const pdp_options *opt, int way)
{
    size_t ndocs;
    char **docs = corpus_files("corpus", &ndocs);
    for (size_t i = 0; i < ndocs; i++) same_both_ways(docs[i], NULL, opt, way);
    corpus_files_free(docs, ndocs);
    for (size_t i = 0; i < g_rules->nrules; i++)
        for (size_t k = 0; k < g_rules->rules[i].nmust; k++)
            same_both_ways(NULL, g_rules->rules[i].must[k], opt, way);
}

static void test_requires_hints_change_nothing(void **s)
{
    (void)s;
    pdp_options full = { .full_scan = 1 };
    same_findings_with(&full, g_rules->phrases.keys.way);
}

/* The phrase pass's letter stream read 64 bytes at a time (AVX-512) or
 * 32 (AVX2), as this processor allows, finds what it finds one character
 * at a time. */
static void test_letter_stream_every_way(void **s)
{
    (void)s;
    if (!pdp_has_avx2()) skip();
    same_findings_with(NULL, LETTERS_CHARS);
    same_findings_with(NULL, LETTERS_AVX2);
}

static void test_seeds_pass_clean(void **s)
{
    (void)s;
    const char *dir = getenv("PDPASCAN_SEEDS");
    if (!dir) dir = "tests/seeds";
    DIR *d = opendir(dir);
    if (!d) fprintf(stderr, "seeds: %s not present\n", dir);
    assert_non_null(d);
    struct dirent *de;
    size_t docs = 0, above = 0;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".txt")) continue;
        char *path = xasprintf("%s/%s", dir, de->d_name);
        pdp_result r;
        pdp_scan_file(g_rules, path, NULL, NULL, &r);
        assert_int_equal(r.status, PDP_STATUS_OK);
        for (size_t i = 0; i < r.nfindings; i++)
            if (r.findings[i].severity > PDP_SEV_INFO) {
                fprintf(stderr, "%s:%ld: %s (%s) above info in a clean announcement\n", path,
                        r.findings[i].loc.line, r.findings[i].category, pdp_severity_name(r.findings[i].severity));
                above++;
            }
        pdp_result_free(&r);
        free(path);
        docs++;
    }
    closedir(d);
    printf("seeds: %zu documents, %zu findings above info\n", docs, above);
    assert_true(docs >= 5);
    assert_int_equal(above, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_matches_expectations),
        cmocka_unit_test(test_requires_hints_change_nothing),
        cmocka_unit_test(test_letter_stream_every_way),
        cmocka_unit_test(test_seeds_pass_clean),
    };
    return cmocka_run_group_tests_name("corpus", tests, load_rules_setup, free_rules_teardown);
}

/* test_rule_cache.c — the parsed rule files kept on disk: yamlx's flat
 * blocks (round trip, damaged blocks refused) and the rule cache (the same
 * rules as parsing, a changed file parsed again whatever its size and time
 * say, a damaged, foreign or unwritable cache never trusted or fatal). */
#include <fcntl.h>
#include <glib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "detect/rules.h"
#include "util/yamlx.h"

static const char *sample =
    "rules:\n"
    "  - id: th.one\n"
    "    message: {th: เลขประจำตัวประชาชน, en: \"ID\"}\n"
    "    phrases: [นาย, นาง, 'a b']\n"
    "  - id: two\n"
    "    empty: ''\n"
    "    nested: {list: [[1, 2], {k: v}]}\n";

/* a and b hold the same tree below na and nb. */
static void same_tree(const yamlx_doc *a, const yamlx_node *na, const yamlx_doc *b, const yamlx_node *nb)
{
    assert_int_equal(yamlx_line(na), yamlx_line(nb));
    assert_int_equal(yamlx_len(na), yamlx_len(nb));
    assert_int_equal(yamlx_map_len(na), yamlx_map_len(nb));
    if (yamlx_str(na)) assert_string_equal(yamlx_str(na), yamlx_str(nb));
    else assert_null(yamlx_str(nb));
    for (size_t i = 0; i < yamlx_len(na); i++) same_tree(a, yamlx_item(a, na, i), b, yamlx_item(b, nb, i));
    for (size_t i = 0; i < yamlx_map_len(na); i++) {
        assert_string_equal(yamlx_map_key(a, na, i), yamlx_map_key(b, nb, i));
        same_tree(a, yamlx_map_val(a, na, i), b, yamlx_map_val(b, nb, i));
    }
}

static void test_block_round_trip(void **s)
{
    (void)s;
    yamlx_doc d, copy;
    char *err = NULL;
    assert_int_equal(yamlx_parse(&d, "sample.yaml", sample, strlen(sample), &err), 0);
    const yamlx_node *rules = yamlx_get(&d, yamlx_root(&d), "rules");
    assert_int_equal(yamlx_len(rules), 2);
    const yamlx_node *one = yamlx_item(&d, rules, 0);
    assert_string_equal(yamlx_get_str(&d, yamlx_get(&d, one, "message"), "th", NULL), "เลขประจำตัวประชาชน");
    assert_string_equal(yamlx_str(yamlx_item(&d, yamlx_get(&d, one, "phrases"), 2)), "a b");
    assert_int_equal(yamlx_line(yamlx_item(&d, rules, 1)), 5);
    assert_string_equal(yamlx_get_str(&d, yamlx_item(&d, rules, 1), "empty", "x"), "");
    size_t size;
    const void *block = yamlx_block(&d, &size);
    assert_int_equal(yamlx_from_block(&copy, block, size), 0);
    same_tree(&d, yamlx_root(&d), &copy, yamlx_root(&copy));
    yamlx_close(&copy);
    yamlx_close(&d);
    /* what parsing refuses names the file and line */
    assert_int_equal(yamlx_parse(&d, "bad.yaml", "a: [\n  b\n", 9, &err), -1);
    assert_non_null(strstr(err, "bad.yaml:"));
    free(err);
    assert_int_equal(yamlx_parse(&d, "empty.yaml", "", 0, &err), -1);
    assert_non_null(strstr(err, "empty document"));
    free(err);
}

/* Walk a block accepted from damaged bytes: every node reached is one of
 * its nodes and every text ends inside the block (depth-bounded: a damaged
 * block may loop). */
static void walk_inside(const yamlx_doc *d, const yamlx_node *n, int depth)
{
    if (depth > 8) return;
    const char *at = (const char *)n; /* the nodes lie before the children's numbers */
    assert_true(at >= (const char *)d->nodes && at < (const char *)d->kids);
    const char *t = yamlx_str(n), *b = d->block;
    if (t) {
        assert_true(t >= b && t < b + d->size);
        assert_non_null(memchr(t, 0, (size_t)(b + d->size - t)));
    }
    for (size_t i = 0; i < yamlx_len(n); i++) walk_inside(d, yamlx_item(d, n, i), depth + 1);
    for (size_t i = 0; i < yamlx_map_len(n); i++) {
        const char *k = yamlx_map_key(d, n, i);
        if (k) assert_true(k >= b && k < b + d->size);
        walk_inside(d, yamlx_map_val(d, n, i), depth + 1);
    }
}

/* Every byte of a block set to 0, 0xFF or with its low or high bit flipped:
 * yamlx_from_block either refuses it or gives a document whose every node
 * and text lies inside it; a block cut short or grown is refused. */
static void test_damaged_blocks_refused(void **s)
{
    (void)s;
    yamlx_doc d, bad;
    char *err = NULL;
    assert_int_equal(yamlx_parse(&d, "sample.yaml", sample, strlen(sample), &err), 0);
    size_t size, refused = 0, tried = 0;
    const unsigned char *block = yamlx_block(&d, &size);
    unsigned char *b = malloc(size + 1);
    for (size_t i = 0; i < size; i++)
        for (int k = 0; k < 4; k++) {
            memcpy(b, block, size);
            b[i] = k == 0 ? 0 : k == 1 ? 0xFF : (unsigned char)(b[i] ^ (k == 2 ? 0x01 : 0x80));
            if (b[i] == block[i]) continue;
            tried++;
            if (yamlx_from_block(&bad, b, size) != 0) {
                refused++;
                continue;
            }
            walk_inside(&bad, yamlx_root(&bad), 0);
            yamlx_close(&bad);
        }
    assert_true(refused > tried / 4); /* the header, node kinds, offsets and counts are checked */
    memcpy(b, block, size);
    assert_int_equal(yamlx_from_block(&bad, b, size - 1), -1);
    b[size] = 0;
    assert_int_equal(yamlx_from_block(&bad, b, size + 1), -1);
    assert_int_equal(yamlx_from_block(&bad, b, 3), -1);
    free(b);
    yamlx_close(&d);
}

static char g_tmp[64];

/* A fresh temporary directory for the cache ($PDPASCAN_CACHE_DIR) and
 * another holding a copy of patterns/. */
static void fresh_dirs(char *cache, char *pat)
{
    strcpy(g_tmp, "/tmp/pdpascan-rcXXXXXX");
    assert_non_null(mkdtemp(g_tmp));
    sprintf(cache, "%s/cache", g_tmp);
    sprintf(pat, "%s/patterns", g_tmp);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "cp -r patterns %s", pat);
    assert_int_equal(system(cmd), 0);
    setenv("PDPASCAN_CACHE_DIR", cache, 1);
}

static void remove_dirs(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", g_tmp);
    assert_int_equal(system(cmd), 0);
    unsetenv("PDPASCAN_CACHE_DIR");
}

/* Load dir with the cache; returns the rules and how many files came from
 * the cache (of *files). */
static pdp_rules *load_cached(const char *dir, size_t *cached, size_t *files)
{
    pdp_rules *r = NULL;
    char *err = NULL;
    if (pdp_rules_load_ex(dir, PDP_RULES_CACHE, &r, &err) != 0) fail_msg("load: %s", err);
    assert_non_null(pdp_rules_cache(r, cached, files));
    return r;
}

static void same_strs(char **a, size_t na, char **b, size_t nb)
{
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) assert_string_equal(a[i], b[i]);
}

/* Two loads of one rule set hold the same rules, lists and patterns. */
static void same_rules(const pdp_rules *a, const pdp_rules *b)
{
    assert_int_equal(a->nrules, b->nrules);
    for (size_t i = 0; i < a->nrules; i++) {
        const pdp_rule *x = &a->rules[i], *y = &b->rules[i];
        assert_string_equal(x->id, y->id);
        assert_string_equal(x->category, y->category);
        assert_string_equal(x->msg_th, y->msg_th);
        assert_string_equal(x->pat.src, y->pat.src);
        same_strs(x->must, x->nmust, y->must, y->nmust);
        same_strs(x->must_not, x->nmust_not, y->must_not, y->nmust_not);
    }
    assert_int_equal(a->nlex, b->nlex);
    for (size_t i = 0; i < a->nlex; i++) same_strs(a->lex[i].phrases, a->lex[i].n, b->lex[i].phrases, b->lex[i].n);
    assert_int_equal(a->nctx, b->nctx);
    for (size_t i = 0; i < a->nctx; i++) assert_string_equal(a->ctx[i]->re.src, b->ctx[i]->re.src);
    assert_int_equal(a->nmsgs, b->nmsgs);
}

static void test_cache_gives_the_same_rules(void **s)
{
    (void)s;
    char cache[96], pat[96];
    size_t cached, files;
    fresh_dirs(cache, pat);
    pdp_rules *first = load_cached(pat, &cached, &files);
    assert_int_equal(cached, 0); /* parsed, and the cache written */
    assert_true(files >= 10);
    pdp_rules *again = load_cached(pat, &cached, &files);
    assert_int_equal(cached, files);
    same_rules(g_rules, again);
    same_rules(first, again);
    const char *text = "นาย สมชาย ใจดี เลขประจำตัวประชาชน 3505260181590 โทร. 081-234-5678";
    pdp_result x, y;
    pdp_scan_buffer(g_rules, text, strlen(text), "t", NULL, &x);
    pdp_scan_buffer(again, text, strlen(text), "t", NULL, &y);
    assert_true(x.nfindings >= 2);
    assert_int_equal(x.nfindings, y.nfindings);
    for (size_t i = 0; i < x.nfindings; i++) assert_string_equal(x.findings[i].rule_id, y.findings[i].rule_id);
    pdp_result_free(&x);
    pdp_result_free(&y);
    pdp_rules_free(first);
    pdp_rules_free(again);
    remove_dirs();
}

/* messages.yaml rewritten with one message changed, the same size and the
 * same modification time: the cache must not serve the old one. */
static void test_changed_file_parsed_again(void **s)
{
    (void)s;
    char cache[96], pat[96], path[128];
    size_t cached, files;
    fresh_dirs(cache, pat);
    pdp_rules_free(load_cached(pat, &cached, &files));
    snprintf(path, sizeof path, "%s/messages.yaml", pat);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    gchar *text = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(path, &text, &len, NULL));
    const char *en = pdp_message(g_rules, "verdict.clean", PDP_LANG_EN);
    char *at = strstr(text, en);
    assert_non_null(at);
    at[0] = at[0] == 'X' ? 'Y' : 'X';
    assert_true(g_file_set_contents(path, text, (gssize)len, NULL));
    struct timespec times[2] = { st.st_atim, st.st_mtim };
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
    pdp_rules *r = load_cached(pat, &cached, &files);
    assert_int_equal(cached, files - 1);
    assert_int_equal(pdp_message(r, "verdict.clean", PDP_LANG_EN)[0], at[0]);
    pdp_rules_free(r);
    r = load_cached(pat, &cached, &files); /* and the cache now holds the new bytes */
    assert_int_equal(cached, files);
    assert_int_equal(pdp_message(r, "verdict.clean", PDP_LANG_EN)[0], at[0]);
    pdp_rules_free(r);
    g_free(text);
    remove_dirs();
}

/* The one cache file under cache/. */
static void cache_file(const char *cache, char *out, size_t n)
{
    char cmd[160];
    snprintf(cmd, sizeof cmd, "ls %s/rules-*.bin", cache);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    assert_non_null(fgets(out, (int)n, p));
    out[strcspn(out, "\n")] = 0;
    pclose(p);
}

static void flip_byte(const char *path, long at)
{
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, at, SEEK_SET);
    int c = fgetc(f);
    fseek(f, at, SEEK_SET);
    fputc(c ^ 0x20, f);
    fclose(f);
}

/* A cache file damaged (one byte, or cut short) or writable by others is
 * not used, and the rules load as parsed; an unwritable cache directory
 * costs nothing but the cache; an empty $PDPASCAN_CACHE_DIR turns it off. */
static void test_bad_cache_never_trusted(void **s)
{
    (void)s;
    char cache[96], pat[96], file[256];
    size_t cached, files;
    fresh_dirs(cache, pat);
    pdp_rules_free(load_cached(pat, &cached, &files));
    cache_file(cache, file, sizeof file);
    struct stat st;
    assert_int_equal(stat(file, &st), 0);
    long where[] = { 20, 150, (long)st.st_size / 2, (long)st.st_size - 1 };
    for (size_t i = 0; i < sizeof where / sizeof *where; i++) {
        flip_byte(file, where[i]);
        pdp_rules *r = load_cached(pat, &cached, &files);
        assert_int_equal(cached, 0);
        same_rules(g_rules, r);
        pdp_rules_free(r);
        pdp_rules_free(load_cached(pat, &cached, &files)); /* rewritten whole */
        assert_int_equal(cached, files);
    }
    assert_int_equal(truncate(file, st.st_size - 7), 0);
    pdp_rules_free(load_cached(pat, &cached, &files));
    assert_int_equal(cached, 0);
    assert_int_equal(chmod(file, 0666), 0);
    pdp_rules_free(load_cached(pat, &cached, &files));
    assert_int_equal(cached, 0);
    setenv("PDPASCAN_CACHE_DIR", "/proc/self/no-such-dir", 1);
    pdp_rules *r = load_cached(pat, &cached, &files);
    assert_int_equal(cached, 0);
    same_rules(g_rules, r);
    pdp_rules_free(r);
    setenv("PDPASCAN_CACHE_DIR", "", 1);
    char *err = NULL;
    assert_int_equal(pdp_rules_load_ex(pat, PDP_RULES_CACHE, &r, &err), 0);
    assert_null(pdp_rules_cache(r, &cached, &files));
    pdp_rules_free(r);
    remove_dirs();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_block_round_trip),
        cmocka_unit_test(test_damaged_blocks_refused),
        cmocka_unit_test(test_cache_gives_the_same_rules),
        cmocka_unit_test(test_changed_file_parsed_again),
        cmocka_unit_test(test_bad_cache_never_trusted),
    };
    return cmocka_run_group_tests_name("rule cache", tests, load_rules_setup, free_rules_teardown);
}

/* test_regress.c — replay tests/regress/: inputs that crashed an extractor
 * once (from `make fuzz`) or are built to be hostile.  Each must scan to a
 * well-formed result: a status, a reason when not ok, sane offsets. */
#include <dirent.h>

#include "helpers.h"
#include "util/buf.h"

static void check_result(const pdp_result *r)
{
    assert_true(r->status <= PDP_STATUS_ERROR);
    if (r->status == PDP_STATUS_PARTIAL || r->status == PDP_STATUS_ERROR) assert_non_null(r->error);
    for (size_t i = 0; i < r->nfindings; i++) {
        assert_true(r->findings[i].start <= r->findings[i].end);
        assert_non_null(r->findings[i].normalized);
    }
    for (size_t i = 0; i < r->nchildren; i++) check_result(&r->children[i]);
}

/* Is name listed in tests/regress/library-crashes.txt (a crash inside a
 * Debian library, which only worker processes contain)? */
static int library_crash(const char *name)
{
    FILE *f = fopen("tests/regress/library-crashes.txt", "r");
    assert_non_null(f);
    char line[1024];
    int found = 0;
    while (!found && fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\t");
        found = line[0] != '#' && n == strlen(name) && !strncmp(line, name, n);
    }
    fclose(f);
    return found;
}

static void test_replay_regress_inputs(void **s)
{
    (void)s;
    DIR *d = opendir("tests/regress");
    assert_non_null(d);
    struct dirent *de;
    size_t n = 0;
    pdp_options opt = { .max_seconds = 30 };
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.' || !strcmp(de->d_name, "README.md") || !strcmp(de->d_name, "library-crashes.txt") ||
            library_crash(de->d_name))
            continue;
        char *path = xasprintf("tests/regress/%s", de->d_name);
        pdp_result r;
        assert_int_equal(pdp_scan_file(g_rules, path, NULL, &opt, &r), 0);
        check_result(&r);
        pdp_result_free(&r);
        free(path);
        n++;
    }
    closedir(d);
    assert_true(n >= 5);
}

/* What the hand-made ones must give. */
static void test_known_hostile_inputs(void **s)
{
    (void)s;
    pdp_result r;
    pdp_scan_file(g_rules, "tests/regress/pdf-garbage-after-header.pdf", NULL, NULL, &r);
    assert_int_equal(r.status, PDP_STATUS_ERROR);
    pdp_result_free(&r);
    pdp_scan_file(g_rules, "tests/regress/zip-lying-size.docx", NULL, NULL, &r);
    assert_int_not_equal(r.status, PDP_STATUS_OK); /* a damaged member is never clean */
    pdp_result_free(&r);
    pdp_scan_file(g_rules, "tests/regress/html-deep-nesting.html", NULL, NULL, &r);
    assert_int_equal(r.status, PDP_STATUS_PARTIAL);
    pdp_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replay_regress_inputs),
        cmocka_unit_test(test_known_hostile_inputs),
    };
    return cmocka_run_group_tests_name("regress", tests, load_rules_setup, free_rules_teardown);
}

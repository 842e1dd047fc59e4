/* helpers.h — shared by the cmocka tests: load the real rules from patterns/,
 * scan a string, and check the invariants every finding must keep.
 * Tests run from the repository root (tests/run.sh does that). */
#ifndef PDP_TEST_HELPERS_H
#define PDP_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fnmatch.h>
#include <ftw.h>

#include "include/pdpascan.h"

static pdp_rules *g_rules __attribute__((unused));

static inline int load_rules_setup(void **state)
{
    (void)state;
    char *err = NULL;
    if (pdp_rules_load("patterns", &g_rules, &err) != 0) {
        fprintf(stderr, "cannot load rules: %s\n", err);
        free(err);
        return -1;
    }
    return 0;
}

static inline int free_rules_teardown(void **state)
{
    (void)state;
    pdp_rules_free(g_rules);
    g_rules = NULL;
    return 0;
}

/* Every finding's match is exactly the extracted text at [start, end). For
 * text input the extracted text is the input itself when it is UTF-8. */
static inline void assert_offsets(const char *text, const pdp_result *res)
{
    for (size_t i = 0; i < res->nfindings; i++) {
        const pdp_finding *f = &res->findings[i];
        assert_true(f->end > f->start);
        assert_true(f->end <= strlen(text));
        assert_int_equal(f->end - f->start, strlen(f->match));
        assert_memory_equal(text + f->start, f->match, f->end - f->start);
    }
}

/* The documents under a folder of test documents, sorted: every regular
 * file but the expectations beside them (*.expect.yaml) and README.md.
 * corpus_files(dir, &n) returns a heap array of heap paths; free it with
 * corpus_files_free. */
static char **g_corpus_v;
static size_t g_corpus_n;

static inline int corpus_visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    const char *base = path + ftw->base;
    if (type != FTW_F || fnmatch("*.expect.yaml", base, 0) == 0 || strcmp(base, "README.md") == 0) return 0;
    g_corpus_v = realloc(g_corpus_v, (g_corpus_n + 1) * sizeof *g_corpus_v);
    g_corpus_v[g_corpus_n++] = strdup(path);
    return 0;
}

static inline int corpus_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static inline char **corpus_files(const char *dir, size_t *n)
{
    g_corpus_v = NULL;
    g_corpus_n = 0;
    assert_int_equal(nftw(dir, corpus_visit, 16, FTW_PHYS), 0);
    qsort(g_corpus_v, g_corpus_n, sizeof *g_corpus_v, corpus_cmp);
    *n = g_corpus_n;
    return g_corpus_v;
}

static inline void corpus_files_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

/* A number below `below` from a fixed sequence (seed): random test input
 * that is the same in every run. */
static inline unsigned test_random(unsigned *seed, unsigned below)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) % below;
}

/* Scan a UTF-8 string; the result must be freed. Offsets are checked. */
static inline void scan_str(const char *text, pdp_result *res)
{
    assert_int_equal(pdp_scan_buffer(g_rules, text, strlen(text), "test", NULL, res), 0);
    assert_int_equal(res->status, PDP_STATUS_OK);
    assert_offsets(text, res);
}

/* Number of findings of a category (NULL: any). */
static inline size_t count_cat(const pdp_result *res, const char *cat)
{
    size_t n = 0;
    for (size_t i = 0; i < res->nfindings; i++)
        if (!cat || strcmp(res->findings[i].category, cat) == 0) n++;
    return n;
}

/* The only finding of the scan; fails unless there is exactly one. */
static inline const pdp_finding *only(const pdp_result *res)
{
    if (res->nfindings != 1) {
        for (size_t i = 0; i < res->nfindings; i++)
            fprintf(stderr, "  finding %zu: %s %s\n", i, res->findings[i].category, res->findings[i].normalized);
    }
    assert_int_equal(res->nfindings, 1);
    return &res->findings[0];
}

#endif

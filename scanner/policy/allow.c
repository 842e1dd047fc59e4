/* allow.c — suppression done right: an allowlist (values, patterns, paths,
 * rule ids — each with a reason) and a baseline (fingerprints of findings
 * accepted earlier), applied to a document's findings when its scan ends.
 *
 * Allowlist YAML (`.pdpascan-allow`, or `allow:` in `.pdpascan.yaml`):
 *   allow:
 *     - {value: "053-123-456", reason: "the health centre's published number"}
 *     - {pattern: "^02141", reason: "...", rule: th.phone}
 *     - {path: "archive/2019/<any>", reason: "..."}   (a glob)
 *     - {rule: th.person-name, path: "minutes/<any>", reason: "..."}
 * Every field given must hold; an entry with only `rule` turns the rule off.
 * Baseline: one finding a line, "fingerprint<TAB>rule<TAB>file" (the file is
 * for people; a fingerprint depends only on rule and value, so it survives
 * moves of other text and renames). */
#include "allow.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "../util/buf.h"
#include "../util/yamlx.h"

typedef struct allow_entry {
    char *value, *path, *rule, *reason;
    pcre2_code *pattern;
} allow_entry;

struct pdp_allow {
    allow_entry *v;
    size_t n;
    char **prints;      /* baseline fingerprints, sorted */
    size_t nprints;
};

pdp_allow *pdp_allow_new(void) { return xcalloc(1, sizeof(pdp_allow)); }

void pdp_allow_free(pdp_allow *a)
{
    if (!a) return;
    for (size_t i = 0; i < a->n; i++) {
        free(a->v[i].value);
        free(a->v[i].path);
        free(a->v[i].rule);
        free(a->v[i].reason);
        pcre2_code_free(a->v[i].pattern);
    }
    free(a->v);
    for (size_t i = 0; i < a->nprints; i++) free(a->prints[i]);
    free(a->prints);
    free(a);
}

static char *opt_dup(yamlx_doc *d, const yamlx_node *n, const char *key)
{
    const char *s = yamlx_get_str(d, n, key, NULL);
    return s && *s ? xstrdup(s) : NULL;
}

/* One entry of an `allow:` list; -1 with *err when it is wrong. */
static int add_entry(pdp_allow *a, yamlx_doc *d, const yamlx_node *n, const char *path, char **err)
{
    allow_entry e = { opt_dup(d, n, "value"), opt_dup(d, n, "path"), opt_dup(d, n, "rule"), opt_dup(d, n, "reason"), NULL };
    const char *pat = yamlx_get_str(d, n, "pattern", NULL);
    const char *why = NULL;
    if (!e.reason) why = "every allowlist entry needs a 'reason'";
    else if (!e.value && !e.path && !e.rule && !pat) why = "an allowlist entry needs value, pattern, path or rule";
    if (!why && pat) {
        int ec;
        PCRE2_SIZE eo;
        e.pattern = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &ec, &eo, NULL);
        if (!e.pattern) why = "an allowlist pattern does not compile";
    }
    if (why) {
        *err = xasprintf("%s:%zu: %s", path, yamlx_line(n), why);
        free(e.value);
        free(e.path);
        free(e.rule);
        free(e.reason);
        return -1;
    }
    a->v = xrealloc(a->v, (a->n + 1) * sizeof *a->v);
    a->v[a->n++] = e;
    return 0;
}

int pdp_allow_load(pdp_allow *a, const char *path, char **err)
{
    yamlx_doc d;
    if (yamlx_open(&d, path, err) != 0) return -1;
    const yamlx_node *list = yamlx_get(&d, yamlx_root(&d), "allow");
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < yamlx_len(list); i++) rc = add_entry(a, &d, yamlx_item(&d, list, i), path, err);
    yamlx_close(&d);
    return rc;
}

void pdp_allow_add_rule(pdp_allow *a, const char *rule, const char *reason)
{
    a->v = xrealloc(a->v, (a->n + 1) * sizeof *a->v);
    a->v[a->n++] = (allow_entry){ NULL, NULL, xstrdup(rule), xstrdup(reason), NULL };
}

static int cmp_str(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }

int pdp_allow_load_baseline(pdp_allow *a, const char *path, char **err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        *err = xasprintf("%s: %s", path, strerror(errno));
        return -1;
    }
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') continue;
        size_t k = strcspn(line, "\t\r\n ");
        if (k != 16) continue; /* not a fingerprint line */
        a->prints = xrealloc(a->prints, (a->nprints + 1) * sizeof *a->prints);
        a->prints[a->nprints++] = xstrndup(line, k);
    }
    fclose(f);
    qsort(a->prints, a->nprints, sizeof *a->prints, cmp_str);
    return 0;
}

static int path_matches(const char *glob, const char *file)
{
    const char *base = strrchr(file, '/');
    return fnmatch(glob, file, 0) == 0 || (base && fnmatch(glob, base + 1, 0) == 0);
}

static int entry_matches(const allow_entry *e, const char *file, const pdp_finding *f)
{
    if (e->rule && strcmp(e->rule, f->rule_id)) return 0;
    if (e->path && !path_matches(e->path, file)) return 0;
    if (e->value && strcmp(e->value, f->match) && strcmp(e->value, f->normalized ? f->normalized : "")) return 0;
    if (e->pattern) {
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(e->pattern, NULL);
        int hit = pcre2_match(e->pattern, (PCRE2_SPTR)f->normalized, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) >= 0 ||
                  pcre2_match(e->pattern, (PCRE2_SPTR)f->match, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) >= 0;
        pcre2_match_data_free(md);
        if (!hit) return 0;
    }
    return 1;
}

int pdp_allow_match(const pdp_allow *a, const char *file, const pdp_finding *f)
{
    if (!a) return 0;
    const char *fp = f->fingerprint;
    if (a->nprints && bsearch(&fp, a->prints, a->nprints, sizeof *a->prints, cmp_str)) return 1;
    for (size_t i = 0; i < a->n; i++)
        if (entry_matches(&a->v[i], file, f)) return 1;
    return 0;
}

void pdp_baseline_write(FILE *out, const pdp_result *res)
{
    for (size_t i = 0; i < res->nchildren; i++) pdp_baseline_write(out, &res->children[i]);
    for (size_t i = 0; i < res->nfindings; i++) {
        const pdp_finding *f = &res->findings[i];
        if (f->severity > PDP_SEV_INFO) fprintf(out, "%s\t%s\t%s\n", f->fingerprint, f->rule_id, res->file);
    }
}

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
 *     - {path: "scans/order.pdf", sha256: "<64 hex>", reason: "read by eye"}
 * Every field given must hold; an entry with only `rule` turns the rule off.
 * An entry with `sha256` is a person's review of a file pdpascan could not
 * read completely (a scanned page): that file, with exactly that content,
 * no longer counts as not checked (pdp_allow_review).
 * Baseline: one finding a line, "fingerprint<TAB>rule<TAB>file" (the file is
 * for people; a fingerprint depends only on rule and value, so it survives
 * moves of other text and renames). */
#include "allow.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <nettle/sha2.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "../util/buf.h"
#include "../util/yamlx.h"

typedef struct allow_entry {
    char *value, *path, *rule, *reason, *sha256;
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
        free(a->v[i].sha256);
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
    allow_entry e = { opt_dup(d, n, "value"), opt_dup(d, n, "path"), opt_dup(d, n, "rule"), opt_dup(d, n, "reason"),
                      opt_dup(d, n, "sha256"), NULL };
    const char *pat = yamlx_get_str(d, n, "pattern", NULL);
    const char *why = NULL;
    if (!e.reason) why = "every allowlist entry needs a 'reason'";
    else if (e.sha256 && (!e.path || strlen(e.sha256) != 64 || strspn(e.sha256, "0123456789abcdef") != 64))
        why = "a reviewed file needs its path and its sha256 (64 lowercase hex digits: sha256sum FILE)";
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
        free(e.sha256);
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
    a->v[a->n++] = (allow_entry){ NULL, NULL, xstrdup(rule), xstrdup(reason), NULL, NULL };
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
    if (e->sha256) return 0; /* a reviewed file: pdp_allow_review */
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

/* The SHA-256 of the file at path as 64 hex digits in hex; -1 when it
 * cannot be read. */
static int file_sha256(const char *path, char hex[65])
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    struct sha256_ctx c;
    sha256_init(&c);
    uint8_t chunk[65536];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0) sha256_update(&c, (size_t)n, chunk);
    close(fd);
    if (n < 0) return -1;
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(&c, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++) snprintf(hex + 2 * i, 3, "%02x", d[i]);
    return 0;
}

const char *allow_reviewed(const pdp_allow *a, const char *file, const char *path)
{
    if (!a || !path || !strcmp(path, "-")) return NULL;
    char hex[65] = "";
    for (size_t i = 0; i < a->n; i++) {
        const allow_entry *e = &a->v[i];
        if (!e->sha256 || !path_matches(e->path, file)) continue;
        if (!hex[0] && file_sha256(path, hex) != 0) return NULL;
        if (!strcmp(hex, e->sha256)) return e->reason;
    }
    return NULL;
}

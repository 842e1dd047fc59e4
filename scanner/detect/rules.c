/* rules.c — pdp_rules: finding patterns/, loading it in order, freeing it,
 * and describing the loaded rules (see rules.h). */
#include "rules.h"

#include <dirent.h>
#include <glib.h>
#include <pthread.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rule_cache.h"
#include "../util/yamlx.h"

#ifndef PDP_DATADIR
#define PDP_DATADIR "/usr/local/share/pdpascan/patterns"
#endif

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* patterns/ next to the program (build tree or PREFIX/share), then the
 * compiled-in data directory.  Returns a heap string or NULL. */
static char *default_dir(void)
{
    const char *env = getenv("PDPASCAN_RULES");
    if (env && *env) return xstrdup(env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) *slash = 0;
        const char *rel[] = { "/../share/pdpascan/patterns", "/../patterns", "/patterns" };
        for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
            char *p = xasprintf("%s%s", exe, rel[i]);
            char *real = realpath(p, NULL);
            free(p);
            if (real && is_dir(real)) return real;
            free(real);
        }
    }
    return is_dir(PDP_DATADIR) ? xstrdup(PDP_DATADIR) : NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.yaml files of dir/sub in name order (heap), or NULL with *err. */
static char **list_yaml(const char *dir, const char *sub, size_t *count, char **err)
{
    char *path = xasprintf("%s/%s", dir, sub);
    DIR *dp = opendir(path);
    if (!dp) {
        *err = xasprintf("%s: cannot open rule directory", path);
        free(path);
        return NULL;
    }
    char **names = xcalloc(1, sizeof *names);
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
        size_t l = strlen(de->d_name);
        if (l > 5 && strcmp(de->d_name + l - 5, ".yaml") == 0) {
            names = xrealloc(names, (n + 1) * sizeof *names);
            names[n++] = xasprintf("%s/%s", path, de->d_name);
        }
    }
    closedir(dp);
    free(path);
    qsort(names, n, sizeof *names, cmp_str);
    *count = n;
    return names;
}

/* Every YAML file of the rule set, in loading order (heap; *n of them). */
static char **rule_set_paths(const char *dir, size_t *n)
{
    char **paths = xcalloc(2, sizeof *paths);
    paths[0] = xasprintf("%s/laws.yaml", dir);
    paths[1] = xasprintf("%s/messages.yaml", dir);
    *n = 2;
    const char *subs[2] = { "lexicon", "rules" };
    for (int k = 0; k < 2; k++) {
        size_t m = 0;
        char *e = NULL, **names = list_yaml(dir, subs[k], &m, &e);
        free(e); /* a missing folder is reported again by the loader */
        if (!names) continue;
        paths = xrealloc(paths, (*n + m) * sizeof *paths);
        memcpy(paths + *n, names, m * sizeof *names);
        *n += m;
        free(names);
    }
    return paths;
}

/* The rule set's version: a hash of the program's version and every file
 * of the rule set, so that a cache never serves results of other rules.
 * Computed when first asked for (only --cache needs it), under a lock. */
static void version_of(pdp_rules *r)
{
    GChecksum *h = g_checksum_new(G_CHECKSUM_SHA1);
    g_checksum_update(h, (const guchar *)PDP_VERSION, -1);
    const char *files[2] = { "laws.yaml", "messages.yaml" }, *subs[2] = { "lexicon", "rules" };
    for (int k = 0; k < 4; k++) {
        size_t n = 1;
        char *err = NULL, **names;
        if (k < 2) {
            names = xcalloc(1, sizeof *names);
            names[0] = xasprintf("%s/%s", r->dir, files[k]);
        } else if (!(names = list_yaml(r->dir, subs[k - 2], &n, &err))) {
            free(err);
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            gchar *data = NULL;
            gsize len = 0;
            g_checksum_update(h, (const guchar *)names[i] + strlen(r->dir), -1);
            if (g_file_get_contents(names[i], &data, &len, NULL)) g_checksum_update(h, (const guchar *)data, (gssize)len);
            g_free(data);
            free(names[i]);
        }
        free(names);
    }
    /* and every list's phrases, those read from text files (`file:`) too */
    for (size_t i = 0; i < r->nlex; i++)
        for (size_t k = 0; k < r->lex[i].n; k++) g_checksum_update(h, (const guchar *)r->lex[i].phrases[k], -1);
    snprintf(r->version, sizeof r->version, "%s", g_checksum_get_string(h));
    g_checksum_free(h);
}

/* The fewest digits a rule needs whose windows are not also decided by a
 * `then` phrase (0 when none does): detect_run finds their zones among the
 * zones with that many. */
static unsigned zone_floor(const pdp_rules *r)
{
    unsigned floor = 0;
    for (size_t i = 0; i < r->nrules; i++) {
        const pdp_rule *ru = &r->rules[i];
        if (ru->req_digits && !ru->req_then && !ru->col_header && (!floor || ru->req_digits < floor))
            floor = ru->req_digits;
    }
    return floor;
}

/* Load every *.yaml of dir/sub in name order with fn. */
static int load_all(pdp_rules *r, const char *dir, const char *sub,
                    int (*fn)(pdp_rules *, const char *, char **), char **err)
{
    size_t n = 0;
    char **names = list_yaml(dir, sub, &n, err);
    if (!names) return -1;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (rc == 0) rc = fn(r, names[i], err);
        free(names[i]);
    }
    free(names);
    return rc;
}

int pdp_rules_load(const char *dir, pdp_rules **out, char **err) { return pdp_rules_load_ex(dir, 0, out, err); }

int pdp_rules_load_ex(const char *dir, unsigned flags, pdp_rules **out, char **err)
{
    *out = NULL;
    char *d = dir ? xstrdup(dir) : default_dir();
    if (!d) {
        *err = xstrdup("cannot find the patterns/ directory (use --rules DIR or PDPASCAN_RULES)");
        return -1;
    }
    pdp_rules *r = xcalloc(1, sizeof *r);
    pthread_mutex_init(&r->version_lock, NULL);
    r->dir = d;
    r->no_jit = (flags & PDP_RULES_NO_JIT) != 0;
    size_t npaths = 0;
    char **paths = rule_set_paths(d, &npaths);
    if (flags & PDP_RULES_CACHE) r->cache_path = rule_cache_path(d);
    r->preload = rule_files_read(d, paths, npaths, r->cache_path);
    r->cached_files = rule_files_cached(r->preload, &r->nfiles);
    char *laws = xasprintf("%s/laws.yaml", d), *msgs = xasprintf("%s/messages.yaml", d);
    int rc = laws_load(r, laws, err);
    if (rc == 0) rc = messages_load(r, msgs, err);
    if (rc == 0) rc = load_all(r, d, "lexicon", lexicon_load_file, err);
    if (rc == 0) rc = load_all(r, d, "rules", rules_load_file, err);
    if (rc == 0 && r->nrules == 0) {
        *err = xasprintf("%s/rules: no rules found", d);
        rc = -1;
    }
    free(laws);
    free(msgs);
    rule_files_free(r->preload);
    r->preload = NULL;
    if (rc == 0) {
        phrase_index_build(r);
        r->zone_floor = zone_floor(r);
    }
    if (rc != 0) {
        pdp_rules_free(r);
        return -1;
    }
    *out = r;
    return 0;
}

static void free_strs(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

static void free_rule(pdp_rule *ru)
{
    free(ru->id);
    free(ru->category);
    free(ru->file);
    free(ru->validator_name);
    lazy_re_free(&ru->pat);
    free(ru->fixed_normalized);
    free(ru->mask_label);
    free_strs(ru->law, ru->nlaw);
    free(ru->msg_th);
    free(ru->msg_en);
    ctx_effect *eff[4] = { &ru->on_pos, &ru->on_neg, &ru->on_role, &ru->on_tie };
    free(ru->explain_th);
    free(ru->explain_en);
    free(ru->todo_th);
    free(ru->todo_en);
    free(ru->cue_lists);
    free(ru->pos_lists);
    free(ru->neg_lists);
    for (int i = 0; i < 4; i++) {
        free(eff[i]->role);
        free(eff[i]->category);
        free(eff[i]->msg_th);
        free(eff[i]->msg_en);
    }
    if (ru->req_phrase) prefix_set_free(ru->req_phrase);
    if (ru->req_then) prefix_set_free(ru->req_then);
    free(ru->req_then);
    free(ru->req_phrase);
    free_strs(ru->must, ru->nmust);
    free_strs(ru->must_not, ru->nmust_not);
    free_strs(ru->quiet, ru->nquiet);
    free_strs(ru->flag, ru->nflag);
    free_strs(ru->quiets, ru->nquiets);
}

void pdp_rules_free(pdp_rules *r)
{
    if (!r) return;
    pthread_mutex_destroy(&r->version_lock);
    phrase_index_free(&r->phrases);
    for (size_t i = 0; i < r->nrules; i++) free_rule(&r->rules[i]);
    free(r->rules);
    for (size_t i = 0; i < r->nlex; i++) {
        free(r->lex[i].name);
        if (r->lex[i].norm) free_strs(r->lex[i].norm, r->lex[i].n);
        free(r->lex[i].alt);
        if (r->lex[i].block) free(r->lex[i].phrases);
        else free_strs(r->lex[i].phrases, r->lex[i].n);
        g_free(r->lex[i].block);
    }
    free(r->lex);
    for (size_t i = 0; i < r->nctx; i++) {
        free(r->ctx[i]->key);
        lazy_re_free(&r->ctx[i]->re);
        free(r->ctx[i]);
    }
    free(r->ctx);
    for (size_t i = 0; i < r->nsets; i++) word_set_free(r->sets[i]);
    free(r->sets);
    for (size_t i = 0; i < r->nlaws; i++) {
        free(r->laws[i].id);
        free(r->laws[i].cite);
        free(r->laws[i].th);
        free(r->laws[i].en);
    }
    free(r->laws);
    for (size_t i = 0; i < r->nmsgs; i++) {
        free(r->msgs[i].key);
        free(r->msgs[i].th);
        free(r->msgs[i].en);
    }
    free(r->msgs);
    free(r->cache_path);
    free(r->dir);
    free(r);
}

const char *pdp_rules_dir(const pdp_rules *r) { return r->dir; }

const char *pdp_rules_cache(const pdp_rules *r, size_t *from_cache, size_t *files)
{
    *from_cache = r->cached_files;
    *files = r->nfiles;
    return r->cache_path;
}

size_t pdp_rules_count(const pdp_rules *r) { return r->nrules; }
const char *pdp_rules_version(const pdp_rules *r)
{
    pdp_rules *w = (pdp_rules *)r; /* the version is filled in once, under the lock */
    pthread_mutex_lock(&w->version_lock);
    if (!w->version[0]) version_of(w);
    pthread_mutex_unlock(&w->version_lock);
    return r->version;
}

const pdp_rule *rules_by_id(const pdp_rules *r, const char *id)
{
    if (!id) return NULL;
    /* findings hold the rule's own id string: pointers first, names second */
    for (size_t i = 0; i < r->nrules; i++)
        if (r->rules[i].id == id) return &r->rules[i];
    for (size_t i = 0; i < r->nrules; i++)
        if (!strcmp(r->rules[i].id, id)) return &r->rules[i];
    return NULL;
}

void pdp_rules_get(const pdp_rules *r, size_t i, pdp_rule_info *out)
{
    const pdp_rule *ru = &r->rules[i];
    out->id = ru->id;
    out->category = ru->category;
    out->validator = ru->validator_name;
    out->file = ru->file;
    out->severity = ru->severity;
    out->action = ru->action;
    out->law = (const char *const *)ru->law;
    out->nlaw = ru->nlaw;
    out->message_th = ru->msg_th;
    out->message_en = ru->msg_en;
}

/* rule_files.c — every YAML file of a rule set, read and parsed ahead of
 * the loaders: taken from the on-disk cache when its bytes are unchanged
 * (rule_cache.h), else parsed on all cores, and the cache rewritten. */
#include "rules.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rule_cache.h"

struct yaml_preload {
    rule_file *files;
    size_t n;
    int *taken;
    size_t cached;
};

/* f's bytes and digest, or job.rc -1 with the reason. */
static void read_one(rule_file *f)
{
    gchar *text = NULL;
    gsize len = 0;
    GError *ge = NULL;
    if (!g_file_get_contents(f->job.name, &text, &len, &ge)) {
        f->job.rc = -1;
        f->job.err = xstrdup(ge->message);
        g_error_free(ge);
        return;
    }
    f->job.text = text;
    f->job.len = len;
    rule_digest(text, len, f->digest);
}

/* Parse the readable files the cache did not hold; returns how many. */
static size_t parse_rest(yaml_preload *p)
{
    yamlx_job **todo = xcalloc(p->n ? p->n : 1, sizeof *todo);
    size_t n = 0;
    for (size_t i = 0; i < p->n; i++)
        if (p->files[i].job.text && !p->files[i].cached) todo[n++] = &p->files[i].job;
    if (n) { /* (all from the cache: not even the processor count is read) */
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        yamlx_parse_many(todo, n, cpus > 4 ? 4 : cpus < 1 ? 1 : (int)cpus);
    }
    free(todo);
    return n;
}

static int all_parsed(const yaml_preload *p)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->files[i].job.rc != 0) return 0;
    return 1;
}

yaml_preload *rule_files_read(const char *dir, char **paths, size_t n, const char *cache)
{
    yaml_preload *p = xcalloc(1, sizeof *p);
    p->n = n;
    p->files = xcalloc(n ? n : 1, sizeof *p->files);
    p->taken = xcalloc(n ? n : 1, sizeof *p->taken);
    size_t dl = strlen(dir);
    for (size_t i = 0; i < n; i++) {
        rule_file *f = &p->files[i];
        f->job.name = paths[i];
        f->rel = paths[i] + (strncmp(paths[i], dir, dl) == 0 && paths[i][dl] == '/' ? dl + 1 : 0);
        read_one(f);
    }
    free(paths); /* the strings now belong to the files */
    if (cache) p->cached = rule_cache_get(cache, p->files, n);
    size_t parsed = parse_rest(p);
    if (cache && parsed && all_parsed(p)) rule_cache_put(cache, p->files, n);
    for (size_t i = 0; i < n; i++) {
        g_free((char *)p->files[i].job.text);
        p->files[i].job.text = NULL;
    }
    return p;
}

size_t rule_files_cached(const yaml_preload *p, size_t *files)
{
    *files = p->n;
    return p->cached;
}

void rule_files_free(yaml_preload *p)
{
    if (!p) return;
    for (size_t i = 0; i < p->n; i++) {
        if (!p->taken[i]) {
            yamlx_close(&p->files[i].job.doc);
            free(p->files[i].job.err);
        }
        free((char *)p->files[i].job.name);
    }
    free(p->files);
    free(p->taken);
    free(p);
}

int rules_yaml_open(pdp_rules *r, yamlx_doc *d, const char *path, char **err)
{
    yaml_preload *p = r->preload;
    for (size_t i = 0; p && i < p->n; i++) {
        yamlx_job *j = &p->files[i].job;
        if (!p->taken[i] && !strcmp(j->name, path)) {
            p->taken[i] = 1;
            *d = j->doc;
            if (j->rc) *err = j->err;
            else free(j->err);
            return j->rc;
        }
    }
    return yamlx_open(d, path, err);
}

int rules_yaml_open_map(pdp_rules *r, yamlx_doc *d, const char *path, const char *key, const yamlx_node **out,
                        char **err)
{
    if (rules_yaml_open(r, d, path, err) != 0) return -1;
    *out = yamlx_get(d, yamlx_root(d), key);
    if (!yamlx_map_len(*out)) {
        *err = xasprintf("%s: expected a top-level '%s' mapping", path, key);
        yamlx_close(d);
        return -1;
    }
    return 0;
}

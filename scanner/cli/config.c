/* config.c — `.pdpascan.yaml`: a site's defaults, so that the hook, the
 * nightly scan and a person at the terminal agree:
 *
 *   fail_on: medium              # as --fail-on
 *   format: text                 # as --format
 *   lang: th                     # as --lang
 *   mask_values: true            # as --mask-values
 *   exclude: ["*.bak"]           # as --exclude (globs)
 *   baseline: .pdpascan-baseline # as --baseline (relative to this file)
 *   rules: {disable: [en.person-name]}
 *   allow:                       # allowlist entries (see policy/allow.c)
 *     - {value: "053-123-456", reason: "the health centre's published number"}
 *
 * Options given on the command line win. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/buf.h"
#include "../util/yamlx.h"

char *config_find(const char *start, const char *name)
{
    char dir[PATH_MAX];
    if (!realpath(start && *start && strcmp(start, "-") ? start : ".", dir)) return NULL;
    struct stat st;
    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        char *slash = strrchr(dir, '/');
        if (slash) *(slash == dir ? slash + 1 : slash) = 0;
    }
    for (;;) {
        char *p = xasprintf("%s/%s", strcmp(dir, "/") ? dir : "", name);
        if (access(p, R_OK) == 0) return p;
        free(p);
        char *slash = strrchr(dir, '/');
        if (!slash || slash == dir) {
            if (!strcmp(dir, "/")) return NULL;
            strcpy(dir, "/");
        } else {
            *slash = 0;
        }
    }
}

static char *opt_dup(yamlx_doc *d, const yamlx_node *n, const char *key)
{
    const char *s = yamlx_get_str(d, n, key, NULL);
    return s ? xstrdup(s) : NULL;
}

/* A path written in the configuration, relative to the file's folder. */
static char *beside(const char *config_path, const char *p)
{
    if (p[0] == '/') return xstrdup(p);
    const char *slash = strrchr(config_path, '/');
    return slash ? xasprintf("%.*s/%s", (int)(slash - config_path), config_path, p) : xstrdup(p);
}

int config_load(const char *path, config *c, pdp_allow *a, char **err)
{
    yamlx_doc d;
    if (yamlx_open(&d, path, err) != 0) return -1;
    const yamlx_node *root = yamlx_root(&d);
    c->fail_on = opt_dup(&d, root, "fail_on");
    c->format = opt_dup(&d, root, "format");
    c->lang = opt_dup(&d, root, "lang");
    const char *bl = yamlx_get_str(&d, root, "baseline", NULL);
    if (bl) c->baseline = beside(path, bl);
    const char *mv = yamlx_get_str(&d, root, "mask_values", NULL);
    c->mask_values = mv ? !strcmp(mv, "true") : -1;
    const yamlx_node *ex = yamlx_get(&d, root, "exclude");
    for (size_t i = 0; i < yamlx_len(ex); i++) {
        const char *s = yamlx_str(yamlx_item(&d, ex, i));
        if (!s) continue;
        c->exclude = xrealloc(c->exclude, (c->nexclude + 1) * sizeof *c->exclude);
        c->exclude[c->nexclude++] = xstrdup(s);
    }
    const yamlx_node *off = yamlx_get(&d, yamlx_get(&d, root, "rules"), "disable");
    for (size_t i = 0; i < yamlx_len(off); i++) {
        const char *s = yamlx_str(yamlx_item(&d, off, i));
        if (s) pdp_allow_add_rule(a, s, "turned off in .pdpascan.yaml");
    }
    yamlx_close(&d);
    return pdp_allow_load(a, path, err);
}

void config_free(config *c)
{
    free(c->fail_on);
    free(c->format);
    free(c->lang);
    free(c->baseline);
    for (size_t i = 0; i < c->nexclude; i++) free(c->exclude[i]);
    free(c->exclude);
}

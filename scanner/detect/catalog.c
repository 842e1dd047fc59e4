/* catalog.c — law citations (patterns/laws.yaml) and user-interface
 * messages (patterns/messages.yaml).
 *
 *   laws:
 *     pdpa-27: {cite: "PDPA s.27", th: "...", en: "..."}
 *   messages:
 *     verdict.clean: {th: "...", en: "..."}                          */
#include <string.h>

#include "rules.h"
#include "../util/yamlx.h"

static int open_map(pdp_rules *r, yamlx_doc *d, const char *path, const char *key, const yamlx_node **out, char **err)
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

int catalog_load_laws(pdp_rules *r, const char *path, char **err)
{
    yamlx_doc d;
    const yamlx_node *m;
    if (open_map(r, &d, path, "laws", &m, err) != 0) return -1;
    size_t n = yamlx_map_len(m);
    r->laws = xcalloc(n, sizeof *r->laws);
    for (size_t i = 0; i < n; i++) {
        const yamlx_node *v = yamlx_map_val(&d, m, i);
        const char *cite = yamlx_get_str(&d, v, "cite", NULL);
        if (!cite) {
            *err = xasprintf("%s:%zu: law needs 'cite'", path, yamlx_line(v));
            yamlx_close(&d);
            return -1;
        }
        law_cite *l = &r->laws[r->nlaws++];
        l->id = xstrdup(yamlx_map_key(&d, m, i));
        l->cite = xstrdup(cite);
        l->th = xstrdup(yamlx_get_str(&d, v, "th", cite));
        l->en = xstrdup(yamlx_get_str(&d, v, "en", cite));
    }
    yamlx_close(&d);
    return 0;
}

int catalog_load_messages(pdp_rules *r, const char *path, char **err)
{
    yamlx_doc d;
    const yamlx_node *m;
    if (open_map(r, &d, path, "messages", &m, err) != 0) return -1;
    size_t n = yamlx_map_len(m);
    r->msgs = xcalloc(n, sizeof *r->msgs);
    for (size_t i = 0; i < n; i++) {
        const yamlx_node *v = yamlx_map_val(&d, m, i);
        const char *en = yamlx_get_str(&d, v, "en", NULL);
        if (!en) {
            *err = xasprintf("%s:%zu: message needs 'en'", path, yamlx_line(v));
            yamlx_close(&d);
            return -1;
        }
        ui_message *u = &r->msgs[r->nmsgs++];
        u->key = xstrdup(yamlx_map_key(&d, m, i));
        u->en = xstrdup(en);
        u->th = xstrdup(yamlx_get_str(&d, v, "th", en));
    }
    yamlx_close(&d);
    return 0;
}

const char *pdp_message(const pdp_rules *r, const char *key, pdp_lang lang)
{
    for (size_t i = 0; r && i < r->nmsgs; i++)
        if (strcmp(r->msgs[i].key, key) == 0) return lang == PDP_LANG_TH ? r->msgs[i].th : r->msgs[i].en;
    return key;
}

const law_cite *catalog_law(const pdp_rules *r, const char *id)
{
    for (size_t i = 0; i < r->nlaws; i++)
        if (strcmp(r->laws[i].id, id) == 0) return &r->laws[i];
    return NULL;
}

/* laws.c — the law citations of patterns/laws.yaml, which rules name by id:
 *
 *   laws:
 *     pdpa-27: {cite: "PDPA s.27", th: "...", en: "..."}                */
#include <string.h>

#include "rules.h"
#include "../util/yamlx.h"

int laws_load(pdp_rules *r, const char *path, char **err)
{
    yamlx_doc d;
    const yamlx_node *m;
    if (rules_yaml_open_map(r, &d, path, "laws", &m, err) != 0) return -1;
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

const law_cite *law_find(const pdp_rules *r, const char *id)
{
    for (size_t i = 0; i < r->nlaws; i++)
        if (strcmp(r->laws[i].id, id) == 0) return &r->laws[i];
    return NULL;
}

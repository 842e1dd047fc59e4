/* messages.c — the words of the user interface, in Thai and English, from
 * patterns/messages.yaml (verdicts, report headings, explanations):
 *
 *   messages:
 *     verdict.clean: {th: "...", en: "..."}                              */
#include <string.h>

#include "rules.h"
#include "../util/yamlx.h"

int messages_load(pdp_rules *r, const char *path, char **err)
{
    yamlx_doc d;
    const yamlx_node *m;
    if (rules_yaml_open_map(r, &d, path, "messages", &m, err) != 0) return -1;
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

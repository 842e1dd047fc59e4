/* yamlx.c — libyaml document helpers (see yamlx.h). */
#include "yamlx.h"

#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "buf.h"

int yamlx_open(yamlx_doc *d, const char *path, char **err)
{
    d->loaded = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = xasprintf("%s: %s", path, strerror(errno));
        return -1;
    }
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_file(&p, f);
    int ok = yaml_parser_load(&p, &d->doc);
    if (!ok) {
        *err = xasprintf("%s:%zu: %s", path, p.problem_mark.line + 1,
                         p.problem ? p.problem : "YAML syntax error");
    } else if (!yaml_document_get_root_node(&d->doc)) {
        yaml_document_delete(&d->doc);
        *err = xasprintf("%s: empty document", path);
        ok = 0;
    }
    yaml_parser_delete(&p);
    fclose(f);
    if (!ok) return -1;
    d->loaded = 1;
    return 0;
}

void yamlx_close(yamlx_doc *d)
{
    if (d->loaded) yaml_document_delete(&d->doc);
    d->loaded = 0;
}

yaml_node_t *yamlx_root(yamlx_doc *d) { return yaml_document_get_root_node(&d->doc); }

const char *yamlx_str(yaml_node_t *n)
{
    if (!n || n->type != YAML_SCALAR_NODE) return NULL;
    return (const char *)n->data.scalar.value;
}

size_t yamlx_map_len(yaml_node_t *map)
{
    if (!map || map->type != YAML_MAPPING_NODE) return 0;
    return (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
}

const char *yamlx_map_key(yamlx_doc *d, yaml_node_t *map, size_t i)
{
    yaml_node_pair_t *p = map->data.mapping.pairs.start + i;
    return yamlx_str(yaml_document_get_node(&d->doc, p->key));
}

yaml_node_t *yamlx_map_val(yamlx_doc *d, yaml_node_t *map, size_t i)
{
    yaml_node_pair_t *p = map->data.mapping.pairs.start + i;
    return yaml_document_get_node(&d->doc, p->value);
}

yaml_node_t *yamlx_get(yamlx_doc *d, yaml_node_t *map, const char *key)
{
    size_t n = yamlx_map_len(map);
    for (size_t i = 0; i < n; i++) {
        const char *k = yamlx_map_key(d, map, i);
        if (k && strcmp(k, key) == 0) return yamlx_map_val(d, map, i);
    }
    return NULL;
}

const char *yamlx_get_str(yamlx_doc *d, yaml_node_t *map, const char *key, const char *dflt)
{
    const char *s = yamlx_str(yamlx_get(d, map, key));
    return s ? s : dflt;
}

size_t yamlx_len(yaml_node_t *seq)
{
    if (!seq || seq->type != YAML_SEQUENCE_NODE) return 0;
    return (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
}

yaml_node_t *yamlx_item(yamlx_doc *d, yaml_node_t *seq, size_t i)
{
    return yaml_document_get_node(&d->doc, seq->data.sequence.items.start[i]);
}

size_t yamlx_line(yaml_node_t *n) { return n ? n->start_mark.line + 1 : 0; }

typedef struct open_job {
    const char *const *paths;
    size_t n;
    atomic_size_t next;
    yamlx_doc *docs;
    char **errs;
    int *rcs;
} open_job;

static void *open_worker(void *arg)
{
    open_job *j = arg;
    for (size_t i; (i = atomic_fetch_add(&j->next, 1)) < j->n;) {
        j->errs[i] = NULL;
        j->rcs[i] = yamlx_open(&j->docs[i], j->paths[i], &j->errs[i]);
    }
    return NULL;
}

void yamlx_open_many(const char *const *paths, size_t n, int threads, yamlx_doc *docs, char **errs, int *rcs)
{
    open_job j = { paths, n, 0, docs, errs, rcs };
    pthread_t t[8];
    int started = 0;
    for (int k = 1; k < threads && k < 8 && (size_t)k < n; k++)
        if (pthread_create(&t[started], NULL, open_worker, &j) == 0) started++;
    open_worker(&j); /* this thread works too; with no helper it does everything */
    for (int k = 0; k < started; k++) pthread_join(t[k], NULL);
}

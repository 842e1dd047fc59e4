/* yamlx.c — YAML documents parsed with libyaml into one flat block, the
 * block's checks, and reading it (see yamlx.h).
 *
 * A block is a header, the nodes, the children's node numbers, then every
 * scalar's text (NUL-terminated).  It holds offsets, never pointers: a
 * scalar's text lies `at` bytes after its node; a sequence's items and a
 * mapping's key/value pairs start at kids[at]. */
#include "yamlx.h"

#include <glib.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buf.h"

#define BLOCK_MAGIC 0x31584d59u /* "YMX1" */

enum { KIND_SCALAR = 1, KIND_SEQ, KIND_MAP };

struct yamlx_node {
    uint32_t kind, line, n, at;
};

typedef struct block_head {
    uint32_t magic, nnodes, nkids, nstrs;
} block_head;

/* Point d's arrays into its block (whose sizes are known good). */
static void bind(yamlx_doc *d)
{
    const block_head *h = d->block;
    d->nnodes = h->nnodes;
    d->nkids = h->nkids;
    d->nodes = (const yamlx_node *)(h + 1);
    d->kids = (const uint32_t *)(d->nodes + d->nnodes);
}

/* Kids and text bytes the libyaml document needs; 0 when it is too big for
 * a block's 32-bit counts. */
static int count(const yaml_document_t *doc, size_t *nkids, size_t *nstrs)
{
    *nkids = *nstrs = 0;
    for (const yaml_node_t *y = doc->nodes.start; y < doc->nodes.top; y++) {
        if (y->type == YAML_SCALAR_NODE) *nstrs += y->data.scalar.length + 1;
        else if (y->type == YAML_SEQUENCE_NODE) *nkids += (size_t)(y->data.sequence.items.top - y->data.sequence.items.start);
        else if (y->type == YAML_MAPPING_NODE) *nkids += 2 * (size_t)(y->data.mapping.pairs.top - y->data.mapping.pairs.start);
    }
    size_t nn = (size_t)(doc->nodes.top - doc->nodes.start);
    return nn < UINT32_MAX / sizeof(yamlx_node) && *nkids < UINT32_MAX / 4 && *nstrs < UINT32_MAX / 2;
}

/* The libyaml document as a block into d (libyaml numbers nodes from 1). */
static int from_libyaml(yamlx_doc *d, const yaml_document_t *doc)
{
    size_t nn = (size_t)(doc->nodes.top - doc->nodes.start), nk, ns;
    if (!count(doc, &nk, &ns)) return -1;
    d->size = sizeof(block_head) + nn * sizeof(yamlx_node) + nk * sizeof(uint32_t) + ns;
    d->block = xmalloc(d->size);
    *(block_head *)d->block = (block_head){ BLOCK_MAGIC, (uint32_t)nn, (uint32_t)nk, (uint32_t)ns };
    bind(d);
    yamlx_node *out = (yamlx_node *)d->nodes;
    uint32_t *kids = (uint32_t *)d->kids, k = 0;
    char *strs = (char *)(kids + nk), *s = strs;
    for (size_t i = 0; i < nn; i++) {
        const yaml_node_t *y = &doc->nodes.start[i];
        yamlx_node *o = &out[i];
        o->line = (uint32_t)y->start_mark.line + 1;
        o->at = k;
        if (y->type == YAML_SCALAR_NODE) {
            o->kind = KIND_SCALAR;
            o->n = (uint32_t)y->data.scalar.length;
            o->at = (uint32_t)(s - (char *)o);
            memcpy(s, y->data.scalar.value, o->n);
            s[o->n] = 0;
            s += o->n + 1;
        } else if (y->type == YAML_SEQUENCE_NODE) {
            o->kind = KIND_SEQ;
            o->n = (uint32_t)(y->data.sequence.items.top - y->data.sequence.items.start);
            for (uint32_t j = 0; j < o->n; j++) kids[k++] = (uint32_t)y->data.sequence.items.start[j] - 1;
        } else {
            o->kind = KIND_MAP;
            o->n = (uint32_t)(y->data.mapping.pairs.top - y->data.mapping.pairs.start);
            for (uint32_t j = 0; j < o->n; j++) {
                kids[k++] = (uint32_t)y->data.mapping.pairs.start[j].key - 1;
                kids[k++] = (uint32_t)y->data.mapping.pairs.start[j].value - 1;
            }
        }
    }
    return 0;
}

int yamlx_parse(yamlx_doc *d, const char *name, const char *text, size_t len, char **err)
{
    memset(d, 0, sizeof *d);
    yaml_parser_t p;
    yaml_document_t doc;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    int ok = yaml_parser_load(&p, &doc);
    if (!ok) {
        *err = xasprintf("%s:%zu: %s", name, p.problem_mark.line + 1, p.problem ? p.problem : "YAML syntax error");
        yaml_parser_delete(&p);
        return -1;
    }
    yaml_parser_delete(&p);
    int rc = 0;
    if (!yaml_document_get_root_node(&doc)) {
        *err = xasprintf("%s: empty document", name);
        rc = -1;
    } else if (from_libyaml(d, &doc) != 0) {
        *err = xasprintf("%s: document too large", name);
        rc = -1;
    }
    yaml_document_delete(&doc);
    return rc;
}

int yamlx_open(yamlx_doc *d, const char *path, char **err)
{
    memset(d, 0, sizeof *d);
    gchar *text = NULL;
    gsize len = 0;
    GError *ge = NULL;
    if (!g_file_get_contents(path, &text, &len, &ge)) {
        *err = xstrdup(ge->message);
        g_error_free(ge);
        return -1;
    }
    int rc = yamlx_parse(d, path, text, len, err);
    g_free(text);
    return rc;
}

void yamlx_close(yamlx_doc *d)
{
    free(d->block);
    memset(d, 0, sizeof *d);
}

const void *yamlx_block(const yamlx_doc *d, size_t *size)
{
    *size = d->size;
    return d->block;
}

/* Every node's children and text inside the block; every child a node. */
static int block_ok(const yamlx_doc *d)
{
    const char *b = d->block;
    size_t strs = (size_t)((const char *)(d->kids + d->nkids) - b);
    for (size_t i = 0; i < d->nkids; i++)
        if (d->kids[i] >= d->nnodes) return 0;
    for (size_t i = 0; i < d->nnodes; i++) {
        const yamlx_node *n = &d->nodes[i];
        size_t t = (size_t)((const char *)n - b) + n->at; /* offsets, not pointers: no overflow */
        if (n->kind == KIND_SCALAR) {
            if (t < strs || t >= d->size || n->n >= d->size - t || b[t + n->n]) return 0;
        } else if (n->kind == KIND_SEQ || n->kind == KIND_MAP) {
            size_t want = (size_t)n->n * (n->kind == KIND_MAP ? 2 : 1);
            if (n->at > d->nkids || want > d->nkids - n->at) return 0;
        } else {
            return 0;
        }
    }
    return 1;
}

void yamlx_format(char *out, size_t n)
{
    snprintf(out, n, "YMX1 node %zu libyaml %s", sizeof(yamlx_node), yaml_get_version_string());
}

int yamlx_from_block(yamlx_doc *d, const void *block, size_t size)
{
    memset(d, 0, sizeof *d);
    block_head h;
    if (size < sizeof h) return -1;
    memcpy(&h, block, sizeof h);
    size_t need = sizeof h + (size_t)h.nnodes * sizeof(yamlx_node) + (size_t)h.nkids * sizeof(uint32_t) + h.nstrs;
    if (h.magic != BLOCK_MAGIC || !h.nnodes || need != size) return -1;
    d->block = xmalloc(size);
    d->size = size;
    memcpy(d->block, block, size);
    bind(d);
    if (block_ok(d)) return 0;
    yamlx_close(d);
    return -1;
}

const yamlx_node *yamlx_root(const yamlx_doc *d) { return d->nnodes ? &d->nodes[0] : NULL; }

const char *yamlx_str(const yamlx_node *n)
{
    if (!n || n->kind != KIND_SCALAR) return NULL;
    return (const char *)n + n->at;
}

size_t yamlx_map_len(const yamlx_node *map) { return map && map->kind == KIND_MAP ? map->n : 0; }

const char *yamlx_map_key(const yamlx_doc *d, const yamlx_node *map, size_t i)
{
    return yamlx_str(&d->nodes[d->kids[map->at + 2 * i]]);
}

const yamlx_node *yamlx_map_val(const yamlx_doc *d, const yamlx_node *map, size_t i)
{
    return &d->nodes[d->kids[map->at + 2 * i + 1]];
}

const yamlx_node *yamlx_get(const yamlx_doc *d, const yamlx_node *map, const char *key)
{
    size_t n = yamlx_map_len(map);
    for (size_t i = 0; i < n; i++) {
        const char *k = yamlx_map_key(d, map, i);
        if (k && strcmp(k, key) == 0) return yamlx_map_val(d, map, i);
    }
    return NULL;
}

const char *yamlx_get_str(const yamlx_doc *d, const yamlx_node *map, const char *key, const char *dflt)
{
    const char *s = yamlx_str(yamlx_get(d, map, key));
    return s ? s : dflt;
}

size_t yamlx_len(const yamlx_node *seq) { return seq && seq->kind == KIND_SEQ ? seq->n : 0; }

const yamlx_node *yamlx_item(const yamlx_doc *d, const yamlx_node *seq, size_t i)
{
    return &d->nodes[d->kids[seq->at + i]];
}

size_t yamlx_line(const yamlx_node *n) { return n ? n->line : 0; }

typedef struct parse_work {
    yamlx_job *const *jobs;
    size_t n;
    atomic_size_t next;
} parse_work;

static void *parse_worker(void *arg)
{
    parse_work *w = arg;
    for (size_t i; (i = atomic_fetch_add(&w->next, 1)) < w->n;) {
        yamlx_job *j = w->jobs[i];
        j->err = NULL;
        j->rc = yamlx_parse(&j->doc, j->name, j->text, j->len, &j->err);
    }
    return NULL;
}

void yamlx_parse_many(yamlx_job *const *jobs, size_t n, int threads)
{
    parse_work w = { jobs, n, 0 };
    pthread_t t[8];
    int started = 0;
    for (int k = 1; k < threads && k < 8 && (size_t)k < n; k++)
        if (pthread_create(&t[started], NULL, parse_worker, &w) == 0) started++;
    parse_worker(&w); /* this thread works too; with no helper it does everything */
    for (int k = 0; k < started; k++) pthread_join(t[k], NULL);
}

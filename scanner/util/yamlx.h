/* yamlx.h — read-only YAML documents, each held in one flat block.
 *
 * patterns/ is YAML so that a legal officer can read and extend it; this is
 * the one place that knows libyaml.  A parsed document becomes one block of
 * memory (its nodes, their children, their text) that holds no pointers, so
 * the rule set's cache can keep it on disk and hand it back without parsing
 * again (rule_files.c).  A yamlx_doc owns its block; node pointers stay
 * valid until yamlx_close(). */
#ifndef PDP_YAMLX_H
#define PDP_YAMLX_H

#include <stddef.h>
#include <stdint.h>

typedef struct yamlx_node yamlx_node;

typedef struct yamlx_doc {
    void *block;              /* owned; NULL when closed */
    size_t size;
    const yamlx_node *nodes;  /* into block; the root is nodes[0] */
    const uint32_t *kids;     /* into block: children's node numbers */
    size_t nnodes, nkids;
} yamlx_doc;

/* Read and parse a file; on failure returns -1 with *err set to a heap
 * message that names the file, line and problem. */
int yamlx_open(yamlx_doc *d, const char *path, char **err);
/* Parse text[0, len) (its first document), named `name` in messages. */
int yamlx_parse(yamlx_doc *d, const char *name, const char *text, size_t len, char **err);
void yamlx_close(yamlx_doc *d);

/* A document to parse for yamlx_parse_many: name, text and len in; doc,
 * rc and err out (as yamlx_parse). */
typedef struct yamlx_job {
    const char *name, *text;
    size_t len;
    yamlx_doc doc;
    char *err;
    int rc;
} yamlx_job;
/* yamlx_parse for n jobs at once, on up to `threads` threads. */
void yamlx_parse_many(yamlx_job *const *jobs, size_t n, int threads);

/* The document's block, to store elsewhere, and a document made from a
 * copy of such a block: 0, or -1 when the bytes are not a well-formed
 * block (a damaged cache file is never trusted). */
const void *yamlx_block(const yamlx_doc *d, size_t *size);
int yamlx_from_block(yamlx_doc *d, const void *block, size_t size);
/* What a block's bytes depend on (its layout and libyaml's version), for a
 * cache to compare with what it stored: a NUL-terminated name in out[n]. */
void yamlx_format(char *out, size_t n);

const yamlx_node *yamlx_root(const yamlx_doc *d);
/* Value of key in a mapping node, or NULL. */
const yamlx_node *yamlx_get(const yamlx_doc *d, const yamlx_node *map, const char *key);
/* Scalar text of a node, or NULL when it is not a scalar. */
const char *yamlx_str(const yamlx_node *n);
/* Scalar value of key, or dflt. */
const char *yamlx_get_str(const yamlx_doc *d, const yamlx_node *map, const char *key, const char *dflt);
/* Number of items of a sequence node (0 for anything else) and item i. */
size_t yamlx_len(const yamlx_node *seq);
const yamlx_node *yamlx_item(const yamlx_doc *d, const yamlx_node *seq, size_t i);
/* Mapping entry i (key and value); count with yamlx_map_len. */
size_t yamlx_map_len(const yamlx_node *map);
const char *yamlx_map_key(const yamlx_doc *d, const yamlx_node *map, size_t i);
const yamlx_node *yamlx_map_val(const yamlx_doc *d, const yamlx_node *map, size_t i);
/* 1-based line of a node, for error messages. */
size_t yamlx_line(const yamlx_node *n);

#endif

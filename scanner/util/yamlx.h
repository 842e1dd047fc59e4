/* yamlx.h — read-only helpers over libyaml's document tree.
 *
 * patterns/ is YAML so that a legal officer can read and extend it; this is
 * the one place that knows how libyaml represents nodes.  A yamlx_doc owns
 * the parsed document; node pointers stay valid until yamlx_close(). */
#ifndef PDP_YAMLX_H
#define PDP_YAMLX_H

#include <stddef.h>
#include <yaml.h>

typedef struct yamlx_doc {
    yaml_document_t doc;
    int loaded;
} yamlx_doc;

/* Parse a file; on failure returns -1 with *err set to a heap message that
 * names the file, line and problem. */
int yamlx_open(yamlx_doc *d, const char *path, char **err);
void yamlx_close(yamlx_doc *d);
/* yamlx_open for n files at once, on up to `threads` threads (parsing is
 * most of the start-up time); rcs[i], docs[i] and errs[i] as yamlx_open. */
void yamlx_open_many(const char *const *paths, size_t n, int threads, yamlx_doc *docs, char **errs, int *rcs);

yaml_node_t *yamlx_root(yamlx_doc *d);
/* Value of key in a mapping node, or NULL. */
yaml_node_t *yamlx_get(yamlx_doc *d, yaml_node_t *map, const char *key);
/* Scalar text of a node, or NULL when it is not a scalar. */
const char *yamlx_str(yaml_node_t *n);
/* Scalar value of key, or dflt. */
const char *yamlx_get_str(yamlx_doc *d, yaml_node_t *map, const char *key, const char *dflt);
/* Number of items of a sequence node (0 for anything else) and item i. */
size_t yamlx_len(yaml_node_t *seq);
yaml_node_t *yamlx_item(yamlx_doc *d, yaml_node_t *seq, size_t i);
/* Mapping entry i (key and value); count with yamlx_map_len. */
size_t yamlx_map_len(yaml_node_t *map);
const char *yamlx_map_key(yamlx_doc *d, yaml_node_t *map, size_t i);
yaml_node_t *yamlx_map_val(yamlx_doc *d, yaml_node_t *map, size_t i);
/* 1-based line of a node, for error messages. */
size_t yamlx_line(yaml_node_t *n);

#endif

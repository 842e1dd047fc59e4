/* config.h — `.pdpascan.yaml`, the per-site configuration, and the
 * `.pdpascan-allow` allowlist, both found by walking up from the scanned
 * path (see config.c). */
#ifndef PDP_CONFIG_H
#define PDP_CONFIG_H

#include <stddef.h>

#include "../include/pdpascan.h"

typedef struct config {
    char *fail_on, *format, *lang, *baseline;
    int mask_values;          /* -1: not set */
    char **exclude;
    size_t nexclude;
} config;

/* dir/name in start's folder or the nearest one above it, or NULL (heap). */
char *config_find(const char *start, const char *name);

/* Read a configuration file into c, and its `allow:` entries and
 * `rules: {disable: [...]}` into a.  0, or -1 with *err. */
int config_load(const char *path, config *c, pdp_allow *a, char **err);
void config_free(config *c);

#endif

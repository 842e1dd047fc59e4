/* cache.h — the result cache of `pdpascan scan --cache FILE` (see cache.c). */
#ifndef PDP_CACHE_H
#define PDP_CACHE_H

#include <stdint.h>

#include "../include/pdpascan.h"
#include "walk.h"

typedef struct cache cache;

/* What a lookup learnt about a file, for storing its result afterwards. */
typedef struct cache_key {
    int usable;          /* 0: nothing to store (unchanged, or unreadable) */
    int64_t size, mtime; /* mtime in nanoseconds */
    char hash[41];       /* SHA-1 of the content, hex */
} cache_key;

/* NULL with *err when the database cannot be opened.  version: the rule
 * set's (pdp_rules_version), borrowed. */
cache *cache_open(const char *path, const char *version, char **err);
void cache_close(cache *c);
/* 1 and *res filled (under the name path) when a result of this content and
 * rule set is known; 0 otherwise, with *k ready for cache_put.  size and
 * mtime (ns) are the file's from the walk's stat, or size -1 to stat it here;
 * a file changed since is caught by its content hash when the key is stored. */
int cache_get(cache *c, const pdp_rules *r, const char *path, int64_t size, int64_t mtime, pdp_result *res, cache_key *k);
void cache_put(cache *c, const char *path, const cache_key *k, const pdp_result *res);
void cache_stats(const cache *c, size_t *hits, size_t *misses);

/* The cache as pdp_batch's lookup and store for the inputs of a walk: a
 * result known by path and stat, or by content, is reused (and kept under a
 * new path); a new one is kept.  ctx is a cache_batch; keys has a slot per
 * input. */
typedef struct cache_batch {
    cache *c;
    const pdp_rules *rules;
    const input_list *in;
    cache_key *keys;
} cache_batch;
int cache_batch_lookup(void *ctx, size_t i, pdp_result *res);
void cache_batch_store(void *ctx, size_t i, const pdp_result *res);

#endif

/* rule_cache.h — the rule set's YAML files kept parsed on disk.
 *
 * Parsing patterns/ is most of a small scan's start-up (a git hook's).  The
 * cache holds each file's parsed document (yamlx's flat block) under the
 * file's name and the SHA-256 of its bytes: a file whose bytes changed in
 * any way is parsed again, whatever its size or time stamp say.  The cache
 * is only ever a shortcut: a missing, damaged, foreign or unwritable cache
 * file means parsing, never an error.  See docs/DESIGN.md "Start-up". */
#ifndef PDP_RULE_CACHE_H
#define PDP_RULE_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "../util/yamlx.h"

#define RULE_DIGEST 32

/* One YAML file of the rule set: read by the loader (job.text, job.len,
 * or job.rc -1 and job.err when unreadable), then parsed or cached. */
typedef struct rule_file {
    yamlx_job job;                 /* name = the file's path */
    const char *rel;               /* the path inside the rule directory */
    uint8_t digest[RULE_DIGEST];   /* SHA-256 of job.text */
    int cached;                    /* job.doc came from the cache */
} rule_file;

/* The SHA-256 of p[0, n): a rule file's digest, and the cache body's. */
void rule_digest(const void *p, size_t n, uint8_t out[RULE_DIGEST]);

/* The cache file for rule directory dir (heap), or NULL when caching is off
 * ($PDPASCAN_CACHE_DIR set empty) or there is nowhere to keep it:
 * $PDPASCAN_CACHE_DIR, else $XDG_CACHE_HOME/pdpascan, else
 * $HOME/.cache/pdpascan; one file per rule directory. */
char *rule_cache_path(const char *dir);
/* Give every readable file that the cache at path holds with the same name
 * and digest its document (cached = 1); returns how many. */
size_t rule_cache_get(const char *path, rule_file *files, size_t n);
/* Write files (all parsed) as the cache at path, atomically (a temporary
 * file renamed); 0, or -1 when it could not be written. */
int rule_cache_put(const char *path, const rule_file *files, size_t n);

#endif

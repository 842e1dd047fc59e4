/* rule_cache.c — the parsed rule files on disk (see rule_cache.h).
 *
 * The file is a header, then one entry per YAML file:
 *   header: magic, the blocks' format (yamlx_format), the entry count, the
 *           size of the rest (the body) and the body's SHA-256;
 *   entry:  the name's length, the block's size, the file's digest, the
 *           name with its NUL, the block.
 * It is read whole and checked (owner and mode, size, the body's digest,
 * every entry's bounds, every block by yamlx_from_block) before anything
 * in it is used. */
#include "rule_cache.h"

#include <fcntl.h>
#include <glib.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/buf.h"
#include "../util/fdio.h"

#define MAGIC "PDPRULC1"
#define CACHE_MAX (64u << 20) /* patterns/ parses to a few hundred KB */

typedef struct cache_head {
    char magic[8];
    char format[56];
    uint64_t count, body;
    uint8_t digest[RULE_DIGEST];
} cache_head;

typedef struct entry_head {
    uint64_t name_len, block_len;
    uint8_t digest[RULE_DIGEST];
} entry_head;

void rule_digest(const void *p, size_t n, uint8_t out[RULE_DIGEST])
{
    struct sha256_ctx c;
    sha256_init(&c);
    sha256_update(&c, n, p);
    sha256_digest(&c, RULE_DIGEST, out);
}

static char *cache_dir(void)
{
    const char *env = getenv("PDPASCAN_CACHE_DIR");
    if (env) return *env ? xstrdup(env) : NULL;
    const char *xdg = getenv("XDG_CACHE_HOME");
    if (xdg && xdg[0] == '/') return xasprintf("%s/pdpascan", xdg);
    const char *home = getenv("HOME");
    if (home && home[0] == '/') return xasprintf("%s/.cache/pdpascan", home);
    return NULL;
}

char *rule_cache_path(const char *dir)
{
    char *cd = cache_dir();
    if (!cd) return NULL;
    char *real = realpath(dir, NULL);
    const char *key = real ? real : dir;
    uint8_t h[RULE_DIGEST];
    rule_digest(key, strlen(key), h);
    free(real);
    char *path = xasprintf("%s/rules-%02x%02x%02x%02x%02x%02x%02x%02x.bin", cd, h[0], h[1], h[2], h[3], h[4], h[5],
                           h[6], h[7]);
    free(cd);
    return path;
}

/* The cache file's bytes, or NULL when it is missing, not a regular file
 * of ours that only we can write, or of an impossible size. */
static uint8_t *read_cache(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return NULL;
    struct stat st;
    uint8_t *data = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() && !(st.st_mode & 022) &&
        (size_t)st.st_size >= sizeof(cache_head) && (size_t)st.st_size <= CACHE_MAX) {
        *len = (size_t)st.st_size;
        data = xmalloc(*len);
        if (fd_read_all(fd, data, *len) != 0) {
            free(data);
            data = NULL;
        }
    }
    close(fd);
    return data;
}

/* The header is ours, of this format, and the body is whole. */
static int head_ok(const uint8_t *data, size_t len)
{
    cache_head h;
    char fmt[sizeof h.format] = { 0 };
    uint8_t d[RULE_DIGEST];
    memcpy(&h, data, sizeof h);
    yamlx_format(fmt, sizeof fmt);
    if (memcmp(h.magic, MAGIC, sizeof h.magic) || memcmp(h.format, fmt, sizeof fmt) || h.body != len - sizeof h)
        return 0;
    rule_digest(data + sizeof h, len - sizeof h, d);
    return memcmp(d, h.digest, RULE_DIGEST) == 0;
}

/* The file of that name and digest still waiting for its document. */
static rule_file *wanted(rule_file *files, size_t n, const char *name, const uint8_t *digest)
{
    for (size_t i = 0; i < n; i++)
        if (!files[i].cached && files[i].job.text && !strcmp(files[i].rel, name) &&
            !memcmp(files[i].digest, digest, RULE_DIGEST))
            return &files[i];
    return NULL;
}

size_t rule_cache_get(const char *path, rule_file *files, size_t n)
{
    size_t len = 0, got = 0;
    uint8_t *data = read_cache(path, &len);
    if (!data) return 0;
    if (!head_ok(data, len)) {
        free(data);
        return 0;
    }
    cache_head h;
    memcpy(&h, data, sizeof h);
    size_t at = sizeof h;
    for (uint64_t e = 0; e < h.count && len - at >= sizeof(entry_head); e++) {
        entry_head eh;
        memcpy(&eh, data + at, sizeof eh);
        at += sizeof eh;
        if (eh.name_len >= len - at || eh.block_len > len - at - eh.name_len - 1) break;
        const char *name = (const char *)data + at;
        const uint8_t *block = data + at + eh.name_len + 1;
        at += eh.name_len + 1 + eh.block_len;
        if (name[eh.name_len] || strlen(name) != eh.name_len) break;
        rule_file *f = wanted(files, n, name, eh.digest);
        if (f && yamlx_from_block(&f->job.doc, block, eh.block_len) == 0) {
            f->cached = 1;
            got++;
        }
    }
    free(data);
    return got;
}

/* Write head and body to a new file beside path, then rename it there. */
static int replace_file(const char *path, const cache_head *h, const buf *body)
{
    char *dir = g_path_get_dirname(path), *tmp = xasprintf("%s.XXXXXX", path);
    int rc = -1;
    if (g_mkdir_with_parents(dir, 0700) == 0) {
        int fd = mkstemp(tmp);
        if (fd >= 0) {
            rc = fd_write_all(fd, h, sizeof *h) == 0 && fd_write_all(fd, body->data, body->len) == 0 ? 0 : -1;
            if (close(fd) != 0) rc = -1;
            if (rc == 0 && rename(tmp, path) != 0) rc = -1;
            if (rc != 0) unlink(tmp);
        }
    }
    g_free(dir);
    free(tmp);
    return rc;
}

int rule_cache_put(const char *path, const rule_file *files, size_t n)
{
    buf body;
    buf_init(&body);
    cache_head h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, MAGIC, sizeof h.magic);
    yamlx_format(h.format, sizeof h.format);
    for (size_t i = 0; i < n; i++) {
        size_t size = 0;
        const void *block = yamlx_block(&files[i].job.doc, &size);
        if (!block) continue;
        entry_head eh = { strlen(files[i].rel), size, { 0 } };
        memcpy(eh.digest, files[i].digest, RULE_DIGEST);
        buf_append(&body, &eh, sizeof eh);
        buf_append(&body, files[i].rel, eh.name_len + 1);
        buf_append(&body, block, eh.block_len);
        h.count++;
    }
    h.body = body.len;
    rule_digest(body.data, body.len, h.digest);
    int rc = replace_file(path, &h, &body);
    buf_free(&body);
    return rc;
}

/* archive.c — scanning a whole site archive: inputs from a list
 * (--files-from), a per-file size limit (--max-file-size), shards for
 * several machines (--shard K/N). */
#include "archive.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../util/buf.h"

int archive_files_from(input_list *in, const char *file, const walk_filter *filter, char **err)
{
    FILE *f = strcmp(file, "-") ? fopen(file, "rb") : stdin;
    if (!f) {
        *err = xasprintf("--files-from %s: %s", file, strerror(errno));
        return -1;
    }
    buf b;
    buf_init(&b);
    int bad = buf_read_stream(&b, f) != 0;
    if (f != stdin) fclose(f);
    if (bad) {
        buf_free(&b);
        *err = xasprintf("--files-from %s: read error", file);
        return -1;
    }
    char sep = b.len && memchr(b.data, 0, b.len) ? 0 : '\n'; /* find -print0 or one per line */
    for (size_t at = 0; at < b.len;) {
        const char *s = b.data + at, *e = memchr(s, sep, b.len - at);
        size_t len = e ? (size_t)(e - s) : b.len - at;
        at += len + 1;
        if (sep == '\n' && len && s[len - 1] == '\r') len--;
        if (!len) continue;
        char *path = xstrndup(s, len);
        walk_path(in, path, filter);
        free(path);
    }
    buf_free(&b);
    return 0;
}

void archive_limit_size(input_list *in, uint64_t max)
{
    for (size_t i = 0; max && i < in->len; i++) {
        input *x = &in->v[i];
        uint64_t size;
        if (!input_size(x, &size) || size <= max) continue;
        x->error = xasprintf("larger than --max-file-size (%llu bytes): not checked", (unsigned long long)max);
        free(x->data);
        x->data = NULL;
    }
}

static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

void archive_shard(input_list *in, unsigned k, unsigned n)
{
    size_t kept = 0;
    for (size_t i = 0; i < in->len; i++) {
        if (fnv1a(in->v[i].path) % n == k - 1) {
            in->v[kept++] = in->v[i];
            continue;
        }
        free(in->v[i].path);
        free(in->v[i].error);
        free(in->v[i].data);
    }
    in->len = kept;
}

uint64_t archive_parse_size(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || v <= 0) return 0;
    switch (*end) {
    case 'k': case 'K': v *= 1024; end++; break;
    case 'm': case 'M': v *= 1024.0 * 1024; end++; break;
    case 'g': case 'G': v *= 1024.0 * 1024 * 1024; end++; break;
    default: break;
    }
    if (*end == 'B' || *end == 'b') end++;
    return *end ? 0 : (uint64_t)v;
}

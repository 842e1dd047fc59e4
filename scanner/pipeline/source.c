/* source.c — chunked reading of one input (see source.h). */
#include "source.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

void source_init_fd(source *s, int fd)
{
    memset(s, 0, offsetof(source, head));
    s->fd = fd;
    s->headlen = s->headpos = 0;
    s->total = 0;
    s->err = 0;
}

void source_init_mem(source *s, const void *data, size_t len)
{
    source_init_fd(s, -1);
    s->mem = data;
    s->memlen = len;
}

static ssize_t raw_read(source *s, void *out, size_t n)
{
    if (s->fd < 0) {
        size_t k = s->memlen - s->mempos < n ? s->memlen - s->mempos : n;
        memcpy(out, s->mem + s->mempos, k);
        s->mempos += k;
        return (ssize_t)k;
    }
    for (;;) {
        ssize_t k = read(s->fd, out, n);
        if (k >= 0) return k;
        if (errno != EINTR) {
            s->err = errno;
            return -1;
        }
    }
}

size_t source_peek(source *s)
{
    while (s->headlen < SOURCE_HEAD_MAX) {
        ssize_t k = raw_read(s, s->head + s->headlen, SOURCE_HEAD_MAX - s->headlen);
        if (k <= 0) break;
        s->headlen += (size_t)k;
        s->total += (uint64_t)k;
    }
    return s->headlen;
}

ssize_t source_read(source *s, void *out, size_t n)
{
    if (s->headpos < s->headlen) {
        size_t k = s->headlen - s->headpos < n ? s->headlen - s->headpos : n;
        memcpy(out, s->head + s->headpos, k);
        s->headpos += k;
        return (ssize_t)k;
    }
    if (s->err) return -1;
    ssize_t k = raw_read(s, out, n);
    if (k > 0) s->total += (uint64_t)k;
    return k;
}

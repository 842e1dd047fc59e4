/* source.h — the bytes of one input: a file descriptor or a memory buffer,
 * with the first bytes kept for format sniffing.  Reads never load a whole
 * file: extractors pull it in chunks. */
#ifndef PDP_SOURCE_H
#define PDP_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define SOURCE_HEAD_MAX (64 * 1024)

typedef struct source {
    int fd;                       /* -1: memory */
    const unsigned char *mem;
    size_t memlen, mempos;
    unsigned char head[SOURCE_HEAD_MAX];
    size_t headlen, headpos;      /* peeked bytes, and how many were read back */
    uint64_t total;               /* bytes read from the source so far */
    int err;                      /* errno of a failed read, else 0 */
} source;

void source_init_fd(source *s, int fd);
void source_init_mem(source *s, const void *data, size_t len);
/* Fill head with the first bytes (up to SOURCE_HEAD_MAX); returns headlen. */
size_t source_peek(source *s);
/* Read up to n bytes; 0 at the end, -1 on error (s->err set). */
ssize_t source_read(source *s, void *out, size_t n);

#endif

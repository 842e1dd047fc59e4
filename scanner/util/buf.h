/* buf.h — growable byte buffer and checked allocation helpers.
 *
 * Every allocation in libpdpascan goes through xmalloc/xrealloc: running out
 * of memory aborts with a message (as redis' zmalloc does) instead of
 * returning NULL into code that cannot recover.  A buf owns its bytes; the
 * bytes are always NUL-terminated so they can be handed to C string APIs. */
#ifndef PDP_BUF_H
#define PDP_BUF_H

#include <stddef.h>
#include <stdio.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new heap string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

typedef struct buf {
    char *data;   /* NUL-terminated, owned */
    size_t len;
    size_t cap;
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
void buf_reserve(buf *b, size_t extra);
void buf_append(buf *b, const void *p, size_t n);
/* One byte (inline: byte-at-a-time writers — the normalizer, the JSON
 * writer, the lexicon's pattern builder — call it millions of times). */
static inline void buf_putc(buf *b, char c)
{
    if (b->len + 2 > b->cap) buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = 0;
}
void buf_puts(buf *b, const char *s);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Remove the first n bytes, keeping the rest. */
void buf_consume(buf *b, size_t n);
void buf_clear(buf *b);
/* Hand the bytes to the caller (who frees them); b becomes empty. */
char *buf_steal(buf *b);
/* Append the rest of stream f to b: 0, or -1 on a read error (b then holds
 * what was read). */
int buf_read_stream(buf *b, FILE *f);
/* The whole file at path (heap, NUL-terminated, *len bytes), or NULL with
 * errno set. */
char *buf_read_file(const char *path, size_t *len);

#endif

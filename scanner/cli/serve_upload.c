/* serve_upload.c — a request's documents in memory files (see
 * serve_upload.h).
 *
 * memfd_create gives a file that lives in memory only: it is never written
 * to a disk, disappears with its last descriptor, and can be handed to a
 * forked child and mapped there like any file.  Uploads stream into it as
 * the body arrives, so a document is held once, not in pieces. */
#define _GNU_SOURCE /* memfd_create */
#include "serve_upload.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../util/buf.h"
#include "../util/fdio.h"

void upload_init(upload *u, uint64_t max_bytes)
{
    memset(u, 0, sizeof *u);
    u->max_bytes = max_bytes;
}

void upload_free(upload *u)
{
    for (size_t i = 0; i < u->n; i++) {
        if (u->docs[i].data && u->docs[i].len) munmap((void *)u->docs[i].data, u->docs[i].len);
        if (u->docs[i].fd >= 0) close(u->docs[i].fd);
        free(u->docs[i].name);
    }
    memset(u, 0, sizeof *u);
}

/* The base name of what a browser sent (some send a whole path). */
static char *base_name(const char *name)
{
    const char *s = name && *name ? name : "upload";
    for (const char *p = s; *p; p++)
        if (*p == '/' || *p == '\\') s = p + 1;
    char *n = xstrdup(*s ? s : "upload");
    for (unsigned char *p = (unsigned char *)n; *p; p++)
        if (*p < 0x20 || *p == 0x7F) *p = '_'; /* a name is one line (and never a terminal's command) */
    return n;
}

static int taken(const upload *u, const char *name)
{
    for (size_t i = 0; i < u->n; i++)
        if (!strcmp(u->docs[i].name, name)) return 1;
    return 0;
}

/* name, or "name (2)"... when a document of the request has it already:
 * results, pictures and copies are found by name (takes name). */
static char *unique_name(const upload *u, char *name)
{
    char *try = name;
    for (int k = 2; taken(u, try); k++) {
        if (try != name) free(try);
        try = xasprintf("%s (%d)", name, k);
    }
    if (try != name) free(name);
    return try;
}

upload_fault upload_add(upload *u, const char *name, int first, const char *data, size_t n)
{
    if (u->fault) return u->fault;
    if (first || !u->n) {
        if (u->n == UPLOAD_MAX_FILES) return u->fault = UPLOAD_TOO_MANY;
        int fd = memfd_create("pdpascan-upload", MFD_CLOEXEC);
        if (fd < 0) return u->fault = UPLOAD_NO_MEMORY;
        u->docs[u->n] = (upload_doc){ unique_name(u, base_name(name)), fd, 0, NULL };
        u->n++;
    }
    if (u->bytes + n > u->max_bytes) return u->fault = UPLOAD_TOO_BIG;
    upload_doc *d = &u->docs[u->n - 1];
    if (n && fd_write_all(d->fd, data, n) != 0) return u->fault = UPLOAD_NO_MEMORY;
    d->len += n;
    u->bytes += n;
    return UPLOAD_OK;
}

void upload_field(upload *u, const char *key)
{
    if (!strcmp(key, "show")) u->show = 1;
    if (!strcmp(key, "copies")) u->copies = 1;
}

int upload_map(upload *u)
{
    for (size_t i = 0; i < u->n; i++) {
        upload_doc *d = &u->docs[i];
        if (!d->len) {
            d->data = "";
            continue;
        }
        void *p = mmap(NULL, d->len, PROT_READ, MAP_PRIVATE, d->fd, 0);
        if (p == MAP_FAILED) return -1;
        d->data = p;
    }
    return 0;
}

char *upload_copy_name(const char *name, const char *suffix)
{
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name) return xasprintf("%s-%s", name, suffix);
    return xasprintf("%.*s-%s%s", (int)(dot - name), name, suffix, dot);
}

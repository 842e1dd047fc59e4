/* serve_upload.h — the documents of one request, held in anonymous memory
 * files (memfd: never on disk), from a multipart/form-data body or from a
 * raw body (serve_upload.c). */
#ifndef PDP_SERVE_UPLOAD_H
#define PDP_SERVE_UPLOAD_H

#include <stddef.h>
#include <stdint.h>

#define UPLOAD_MAX_FILES 20 /* files in one request */

typedef struct upload_doc {
    char *name;         /* the name the client gave (no path) */
    int fd;             /* its memory file */
    size_t len;
    const void *data;   /* mapped when upload_map was called, else NULL */
} upload_doc;

typedef enum upload_fault {
    UPLOAD_OK = 0,
    UPLOAD_TOO_BIG,     /* over max_bytes in all */
    UPLOAD_TOO_MANY,    /* over UPLOAD_MAX_FILES */
    UPLOAD_NO_MEMORY,   /* no memory file could be made or grown */
} upload_fault;

typedef struct upload {
    upload_doc docs[UPLOAD_MAX_FILES];
    size_t n;
    uint64_t bytes, max_bytes;
    upload_fault fault;
    int show;           /* the form asked to show values (field "show") */
    int copies;         /* ... and for the copies (field "copies") */
} upload;

void upload_init(upload *u, uint64_t max_bytes);
void upload_free(upload *u);
/* Append bytes to the last document, or to a new one named name when first
 * is set (or there is none yet): UPLOAD_OK or the fault, kept in u. */
upload_fault upload_add(upload *u, const char *name, int first, const char *data, size_t n);
/* A form field other than a file, by its name: the two choices the page
 * offers are on when sent (their values do not matter). */
void upload_field(upload *u, const char *key);
/* Map every document for reading (in the child); -1 when one cannot be. */
int upload_map(upload *u);
/* The name of a copy of name: "name-suffix.ext" (heap). */
char *upload_copy_name(const char *name, const char *suffix);

#endif

/* formats.h — the readers of whole-file formats (PDF, ZIP-based Office and
 * ODF files, HTML), reached through one table.
 *
 * They pull in poppler, libxml2 and libzip, which take longer to load than a
 * git hook may spend.  The library links them in (pdp_formats_table); the
 * pdpascan program instead loads them as the plugin pdpascan-formats.so the
 * first time it meets such a document (formats_dlopen.c), so scanning text
 * starts in a few milliseconds. */
#ifndef PDP_FORMATS_H
#define PDP_FORMATS_H

#include "extract.h"

typedef void (*extract_fn)(extract_ctx *x, const unsigned char *data, size_t len);

/* The readers of the registry (formats.def). */
#define FORMAT(id, name, reader, signature, what) void reader(extract_ctx *x, const unsigned char *data, size_t len);
#include "formats.def"
#undef FORMAT

/* The plugin's interface version: the registry's rows, the table below,
 * extract_ctx and every program function the readers call (docscan,
 * results, limits, rules).  Raise it with any of them: a plugin of another
 * version is refused (and one whose table has another number of readers). */
#define PDP_FORMATS_ABI 3

typedef struct extract_fns {
    unsigned abi;           /* PDP_FORMATS_ABI of the build that made the table */
    const char *version;    /* PDP_VERSION likewise (for the error) */
    size_t nreaders;        /* KIND_READERS */
    const extract_fn *read; /* read[kind - KIND_READER] */
} extract_fns;

/* Defined by the format readers themselves. */
const extract_fns *pdp_formats_table(void);

/* The readers, or NULL with *why (a static string) when they cannot be had. */
const extract_fns *extract_formats(const char **why);

#endif

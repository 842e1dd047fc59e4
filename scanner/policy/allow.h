/* allow.h — allowlist and baseline (see allow.c; the API is in pdpascan.h). */
#ifndef PDP_ALLOW_H
#define PDP_ALLOW_H

#include "../include/pdpascan.h"

/* The reason of the entry {path, sha256, reason} naming file whose sha256
 * is that of the file at path, or NULL (pdp_allow_review). */
const char *allow_reviewed(const pdp_allow *a, const char *file, const char *path);

#endif

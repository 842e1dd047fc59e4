/* redact.h — redacted copies (redact.c), private helpers. */
#ifndef PDP_REDACT_H
#define PDP_REDACT_H

#include "../include/pdpascan.h"

void redacted_count(pdp_redacted *d, const char *category);
void redacted_free(pdp_redacted *d);

#endif

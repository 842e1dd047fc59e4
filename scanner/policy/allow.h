/* allow.h — allowlist and baseline (see allow.c; the API is in pdpascan.h). */
#ifndef PDP_ALLOW_H
#define PDP_ALLOW_H

#include "../include/pdpascan.h"

#endif

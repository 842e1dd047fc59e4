/* fuzz_common.h — the body of every libFuzzer harness: load the real rules
 * once, make sure the input reaches the extractor under test (its magic
 * bytes in front), scan it through the public API with tight limits. */
#ifndef PDP_FUZZ_COMMON_H
#define PDP_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../scanner/include/pdpascan.h"

static pdp_rules *rules;

/* The rules: $PDPASCAN_RULES, else patterns/ here (make fuzz), else
 * patterns/ beside the harness (ClusterFuzzLite copies them to $OUT). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    char *err = NULL, beside[4096] = "patterns";
    const char *dir = getenv("PDPASCAN_RULES"), *slash = strrchr((*argv)[0], '/');
    if (!dir && slash && access("patterns", R_OK) != 0)
        snprintf(beside, sizeof beside, "%.*s/patterns", (int)(slash - (*argv)[0]), (*argv)[0]);
    if (pdp_rules_load(dir ? dir : beside, &rules, &err) != 0) {
        fprintf(stderr, "fuzz: %s\n", err);
        exit(1);
    }
    return 0;
}

/* Scan data, with `magic` put in front unless it is already there. */
static int fuzz_scan(const uint8_t *data, size_t size, const char *magic)
{
    size_t ml = strlen(magic);
    uint8_t *buf = NULL;
    const uint8_t *in = data;
    size_t n = size;
    if (ml && (size < ml || memcmp(data, magic, ml) != 0)) {
        buf = malloc(size + ml);
        memcpy(buf, magic, ml);
        memcpy(buf + ml, data, size);
        in = buf;
        n = size + ml;
    }
    pdp_options opt = { .max_seconds = 10, .max_expand = 64u << 20, .max_findings = 1000 };
    pdp_result r;
    pdp_scan_buffer(rules, in, n, "fuzz", &opt, &r);
    /* Findings must point into the text they came from. */
    for (size_t i = 0; i < r.nfindings; i++)
        if (r.findings[i].end < r.findings[i].start) abort();
    pdp_result_free(&r);
    free(buf);
    return 0;
}

#endif

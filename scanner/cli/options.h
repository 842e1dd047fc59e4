/* options.h — the command line of `pdpascan scan` (see options.c). */
#ifndef PDP_OPTIONS_H
#define PDP_OPTIONS_H

#include <stdint.h>

#include "../include/pdpascan.h"
#include "walk.h"

typedef struct scan_cfg {
    const char *format, *output, *rules_dir;
    pdp_severity fail_on;
    int jobs, show_values, mask_values, color; /* color: -1 auto */
    pdp_lang lang;
    walk_filter filter; /* --exclude, --include (and the configuration's exclude) */
    int staged;   /* --staged: what is being committed, from the git index */
    int hook;     /* --hook: run by the pre-commit hook (text report, advice when blocked) */
    int fail_on_set, lang_set, no_config;
    const char *baseline, *write_baseline, *allow, *config;
    const char *files_from, *cache;
    int isolate;              /* -1: documents and several inputs in worker processes (needs_worker) */
    double file_timeout;
    uint64_t max_file_size;
    size_t max_findings;      /* --max-findings: per file; 0 the library's default */
    int ocr;                  /* --ocr auto (1, the default) | never (0) */
    int ocr_dpi;              /* --ocr-dpi: 0 the library's default (300) */
    unsigned shard_k, shard_n;
} scan_cfg;

/* --help in lang (usage.c). */
const char *usage_text(pdp_lang lang);
/* Print a usage error (fmt with one %s) and the hint; returns 2. */
int usage_error(const char *fmt, const char *arg);
/* "pdpascan: NAME: WHAT" on stderr, both made printable (a document's name
 * or reason may hold control characters). */
void say_about(const char *name, const char *what);
/* th or en from LC_ALL, LC_MESSAGES, LANG. */
pdp_lang lang_from_env(void);
/* Parse scan's options into c (defaults set by the caller); 0, or an exit code. */
int parse_scan(int argc, char **argv, scan_cfg *c);

#endif

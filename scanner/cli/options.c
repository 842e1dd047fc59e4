/* options.c — the command line of `pdpascan scan`: the usage text and the
 * option parser (defaults and the site configuration are applied by main.c). */
#include "options.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive.h"
#include "shard.h"
#include "../util/buf.h"
#include "../util/utf8.h"

void say_about(const char *name, const char *what)
{
    char *n = utf8_printable(name), *w = utf8_printable(what);
    fprintf(stderr, "pdpascan: %s: %s\n", n, w);
    free(n);
    free(w);
}

int usage_error(const char *fmt, const char *arg)
{
    fputs("pdpascan: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'pdpascan --help'.\n", stderr);
    return 2;
}

pdp_lang lang_from_env(void)
{
    const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) return strncmp(v, "th", 2) == 0 ? PDP_LANG_TH : PDP_LANG_EN;
    }
    return PDP_LANG_EN;
}


int parse_scan(int argc, char **argv, scan_cfg *c)
{
    enum { O_FAIL = 256, O_RULES, O_LANG, O_SHOW, O_MASK, O_COLOR, O_EXCL, O_STAGED, O_HOOK,
           O_BASELINE, O_WBASELINE, O_ALLOW, O_CONFIG, O_NOCONFIG, O_FROM, O_MAXSIZE, O_SHARD, O_CACHE,
           O_ISOLATE, O_NOISOLATE, O_TIMEOUT, O_INCL, O_MAXFIND, O_OCR, O_OCRDPI };
    static const struct option lo[] = {
        { "format", required_argument, 0, 'f' }, { "output", required_argument, 0, 'o' },
        { "fail-on", required_argument, 0, O_FAIL }, { "jobs", required_argument, 0, 'j' },
        { "rules", required_argument, 0, O_RULES }, { "lang", required_argument, 0, O_LANG },
        { "show-values", no_argument, 0, O_SHOW }, { "mask-values", no_argument, 0, O_MASK },
        { "color", required_argument, 0, O_COLOR }, { "exclude", required_argument, 0, O_EXCL },
        { "include", required_argument, 0, O_INCL },
        { "staged", no_argument, 0, O_STAGED }, { "hook", no_argument, 0, O_HOOK },
        { "baseline", required_argument, 0, O_BASELINE }, { "write-baseline", required_argument, 0, O_WBASELINE },
        { "allow", required_argument, 0, O_ALLOW }, { "config", required_argument, 0, O_CONFIG },
        { "no-config", no_argument, 0, O_NOCONFIG }, { "files-from", required_argument, 0, O_FROM },
        { "max-file-size", required_argument, 0, O_MAXSIZE }, { "shard", required_argument, 0, O_SHARD },
        { "max-findings", required_argument, 0, O_MAXFIND },
        { "ocr", required_argument, 0, O_OCR }, { "ocr-dpi", required_argument, 0, O_OCRDPI },
        { "cache", required_argument, 0, O_CACHE }, { "isolate", no_argument, 0, O_ISOLATE },
        { "no-isolate", no_argument, 0, O_NOISOLATE }, { "file-timeout", required_argument, 0, O_TIMEOUT },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 },
    };
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "f:o:j:h", lo, NULL)) != -1) {
        switch (o) {
        case 'f': c->format = optarg; break;
        case 'o': c->output = optarg; break;
        case 'j':
            c->jobs = atoi(optarg);
            if (c->jobs < 1 || c->jobs > 1024) return usage_error("--jobs needs a number from 1 to 1024, not '%s'", optarg);
            break;
        case O_FAIL:
            if (pdp_severity_parse(optarg, &c->fail_on) != 0)
                return usage_error("--fail-on takes high, medium, low or info, not '%s'", optarg);
            c->fail_on_set = 1;
            break;
        case O_RULES: c->rules_dir = optarg; break;
        case O_LANG:
            if (strcmp(optarg, "th") && strcmp(optarg, "en")) return usage_error("--lang takes th or en, not '%s'", optarg);
            c->lang = optarg[0] == 't' ? PDP_LANG_TH : PDP_LANG_EN;
            c->lang_set = 1;
            break;
        case O_SHOW: c->show_values = 1; break;
        case O_MASK: c->mask_values = 1; break;
        case O_COLOR:
            if (!strcmp(optarg, "always")) c->color = 1;
            else if (!strcmp(optarg, "never")) c->color = 0;
            else if (!strcmp(optarg, "auto")) c->color = -1;
            else return usage_error("--color takes auto, always or never, not '%s'", optarg);
            break;
        case O_INCL:
            c->filter.includes = xrealloc(c->filter.includes, (c->filter.nincludes + 1) * sizeof(char *));
            c->filter.includes[c->filter.nincludes++] = optarg;
            break;
        case O_EXCL:
            c->filter.excludes = xrealloc(c->filter.excludes, (c->filter.nexcludes + 1) * sizeof(char *));
            c->filter.excludes[c->filter.nexcludes++] = optarg;
            break;
        case O_STAGED: c->staged = 1; break;
        case O_BASELINE: c->baseline = optarg; break;
        case O_WBASELINE: c->write_baseline = optarg; break;
        case O_ALLOW: c->allow = optarg; break;
        case O_CONFIG: c->config = optarg; break;
        case O_NOCONFIG: c->no_config = 1; break;
        case O_FROM: c->files_from = optarg; break;
        case O_CACHE: c->cache = optarg; break;
        case O_ISOLATE: c->isolate = 1; break;
        case O_NOISOLATE: c->isolate = 0; break;
        case O_TIMEOUT:
            c->file_timeout = atof(optarg);
            if (c->file_timeout <= 0) return usage_error("--file-timeout takes seconds (> 0), not '%s'", optarg);
            break;
        case O_MAXSIZE:
            if (!(c->max_file_size = archive_parse_size(optarg)))
                return usage_error("--max-file-size takes a size such as 50M or 2G, not '%s'", optarg);
            break;
        case O_MAXFIND: {
            char *end;
            unsigned long long v = strtoull(optarg, &end, 10);
            if (*end || !v || optarg[0] == '-' || v > 1000000000ULL)
                return usage_error("--max-findings takes a number from 1 to 1000000000, not '%s'", optarg);
            c->max_findings = (size_t)v;
            break;
        }
        case O_OCR:
            if (strcmp(optarg, "auto") && strcmp(optarg, "never"))
                return usage_error("--ocr takes auto or never, not '%s'", optarg);
            c->ocr = optarg[0] == 'a';
            break;
        case O_OCRDPI:
            c->ocr_dpi = atoi(optarg);
            if (c->ocr_dpi < 100 || c->ocr_dpi > 600)
                return usage_error("--ocr-dpi takes a resolution from 100 to 600, not '%s'", optarg);
            break;
        case O_SHARD: {
            char *why = NULL;
            if (shard_parse(optarg, &c->shard_k, &c->shard_n, &why) != 0) {
                usage_error("%s", why);
                free(why);
                return 2;
            }
            break;
        }
        case O_HOOK: c->hook = c->staged = 1; break;
        case 'h': fputs(usage_text(lang_from_env()), stdout); exit(0);
        default: return 2;
        }
    }
    if (optind >= argc && !c->staged && !c->files_from)
        return usage_error("%s", "scan needs at least one PATH (use '-' for standard input, --files-from or --staged)");
    if (c->hook && !c->format) c->format = "text";
    if (c->write_baseline && c->baseline) return usage_error("%s", "--write-baseline and --baseline do not go together");
    static const char *formats[] = { "text", "jsonl", "json", "sarif", "csv", "html", "xlsx" };
    int known = !c->format;
    for (size_t i = 0; i < sizeof formats / sizeof *formats && !known; i++) known = !strcmp(c->format, formats[i]);
    if (!known) return usage_error("unknown format '%s' (use text, jsonl, json, sarif, csv, html or xlsx)", c->format);
    if (c->format && !strcmp(c->format, "xlsx") && !c->output && isatty(STDOUT_FILENO))
        return usage_error("%s", "--format xlsx writes a workbook: give it a file with -o report.xlsx");
    return 0;
}


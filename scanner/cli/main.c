/* main.c — the pdpascan program: its commands, each a call of the library.
 *
 *   pdpascan scan [OPTIONS] PATH...    scan files and directories ('-' = stdin),
 *                                      or --staged (options: options.c)
 *   pdpascan rules [--rules DIR]       list the loaded rules
 *   pdpascan explain RULE-ID           what one rule looks for
 *   pdpascan hook install|uninstall    the git pre-commit hook (git.c)
 *   pdpascan annotate [--show-values] FILE.pdf -o REVIEW.pdf
 *   pdpascan redact [--level redact|review] FILE... -o OUT
 *   pdpascan text [--normalized] FILE...
 *   pdpascan version | -V | --version
 *   pdpascan --help
 *
 * Exit codes (CONTRACT.md): 0 nothing at or above --fail-on; 1 findings at or
 * above it; 2 usage error or an input not scanned completely (2 wins). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../include/pdpascan.h"
#include "../util/clock.h"
#include "archive.h"
#include "progress.h"
#include "cache.h"
#include "config.h"
#include "git.h"
#include "../util/buf.h"
#include "../util/utf8.h"
#include "walk.h"
#include "options.h"
#include "shard.h"
#include "annotate_cmd.h"
#include "redact_cmd.h"
#include "serve_cmd.h"
#include "serve_work.h"
#include "text_cmd.h"

/* The program always keeps the parsed rule files cached (docs/DESIGN.md "Start-up"). */
static int load_rules_flags(const char *dir, unsigned flags, pdp_rules **r)
{
    char *err = NULL;
    if (pdp_rules_load_ex(dir, flags | PDP_RULES_CACHE, r, &err) != 0) {
        fprintf(stderr, "pdpascan: rules: %s\n", err);
        free(err);
        return 2;
    }
    return 0;
}

static int load_rules(const char *dir, pdp_rules **r) { return load_rules_flags(dir, 0, r); }

/* The format of input x from its first bytes (pdp_sniff_format), or NULL
 * when they cannot be read here (standard input, a special file). */
static const char *input_format(const input *x)
{
    unsigned char head[64];
    size_t n = 0;
    if (x->data) {
        n = x->len < sizeof head ? x->len : sizeof head;
        memcpy(head, x->data, n);
    } else if (x->size >= 0 && !x->error) { /* a regular file (the walk's stat) */
        int fd = open(x->path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) return NULL;
        ssize_t k = read(fd, head, sizeof head);
        close(fd);
        n = k > 0 ? (size_t)k : 0;
    } else {
        return NULL;
    }
    return pdp_sniff_format(head, n);
}

/* A few small regular files (a git hook's commit, one upload): start-up
 * without JIT compilation is faster than the matching it would speed up.
 * A compressed document (a PDF, an Office file) holds several times its
 * size in text: it counts eight times. */
#define SMALL_SCAN_BYTES (512 * 1024)
#define COMPRESSED_WEIGHT 8
static unsigned flags_for(const input_list *in)
{
    uint64_t total = 0;
    for (size_t i = 0; i < in->len; i++) {
        uint64_t size;
        if (in->v[i].error) continue;
        if (!input_size(&in->v[i], &size)) return 0;
        if (size > SMALL_SCAN_BYTES) return 0;
        const char *f = input_format(&in->v[i]);
        total += f && !strcmp(f, "text") ? size : size * COMPRESSED_WEIGHT;
        if (total > SMALL_SCAN_BYTES) return 0;
    }
    return PDP_RULES_NO_JIT;
}

typedef struct run_ctx {
    pdp_report *rep;
    pdp_summary sum;
    pdp_severity fail_on;
    FILE *baseline;   /* --write-baseline, or NULL */
    progress prog;
    int show_values;  /* --show-values (and no --mask-values): names shown as they are */
    size_t warned, unwarned; /* inputs not read completely: said on stderr, and only counted */
    const pdp_allow *allow;  /* for files a person reviewed */
} run_ctx;

/* Problems also go to stderr as one line naming the file, never its data:
 * the name as the text report shows it (values in member names masked,
 * control characters escaped), at most MAX_PROBLEM_LINES for one input and
 * then a line that counts the rest (a nested archive may hold thousands).
 * After MAX_WARNED_INPUTS inputs with problems, the others are only counted,
 * and one line at the end says how many (an archive may hold thousands of
 * scans; the report lists each). */
#define MAX_PROBLEM_LINES 5
#define MAX_WARNED_INPUTS 10
static void warn_problems(const pdp_result *res, int show_values, size_t *said)
{
    for (size_t i = 0; i < res->nchildren; i++) warn_problems(&res->children[i], show_values, said);
    if (res->status != PDP_STATUS_ERROR && res->status != PDP_STATUS_PARTIAL) return;
    if ((*said)++ >= MAX_PROBLEM_LINES) return;
    char *name = utf8_printable(!show_values && res->shown_file ? res->shown_file : res->file);
    char *why = utf8_printable(res->error ? res->error : pdp_status_name(res->status));
    fprintf(stderr, "pdpascan: %s: %s\n", name, why);
    free(name);
    free(why);
}

static void warn_input_problems(const pdp_result *res, int show_values)
{
    size_t said = 0;
    warn_problems(res, show_values, &said);
    if (said <= MAX_PROBLEM_LINES) return;
    char *name = utf8_printable(res->file);
    fprintf(stderr, "pdpascan: %s: %zu more documents inside it not read completely (the report lists them)\n", name,
            said - MAX_PROBLEM_LINES);
    free(name);
}

static int has_problems(const pdp_result *res)
{
    if (res->reviewed) return 0;
    for (size_t i = 0; i < res->nchildren; i++)
        if (has_problems(&res->children[i])) return 1;
    return res->status == PDP_STATUS_ERROR || res->status == PDP_STATUS_PARTIAL;
}

static void on_result(void *ctx, pdp_result *res)
{
    run_ctx *c = ctx;
    pdp_allow_review(c->allow, res, res->file);
    if (c->baseline) pdp_baseline_write(c->baseline, res);
    pdp_report_file(c->rep, res);
    pdp_summary_add(&c->sum, res, c->fail_on);
    if (has_problems(res) && c->warned++ < MAX_WARNED_INPUTS) {
        progress_clear(&c->prog);
        warn_input_problems(res, c->show_values);
    } else if (has_problems(res)) {
        c->unwarned++;
    }
    progress_add(&c->prog, res);
}

/* The site's configuration (.pdpascan.yaml, walking up from the first
 * PATH, or --config) fills what the command line left unset, and the
 * allowlist (.pdpascan-allow beside it or above, --allow, the config's
 * `allow:`) and the baseline (--baseline, the config's, or
 * .pdpascan-baseline beside it or above: where the hook's advice writes it)
 * go into *allow.
 * 0, or 2 with a message on stderr. */
static int apply_config(scan_cfg *c, const char *first, config *cf, pdp_allow *allow)
{
    char *err = NULL, *path = c->config ? xstrdup(c->config) : c->no_config ? NULL : config_find(first, ".pdpascan.yaml");
    int rc = 0;
    if (path && config_load(path, cf, allow, &err) != 0) rc = 2;
    free(path);
    if (!rc && !c->fail_on_set && cf->fail_on && pdp_severity_parse(cf->fail_on, &c->fail_on) != 0) {
        err = xasprintf(".pdpascan.yaml: fail_on takes high, medium, low or info, not '%s'", cf->fail_on);
        rc = 2;
    }
    if (!c->format && cf->format) c->format = cf->format;
    if (!c->lang_set && cf->lang) c->lang = cf->lang[0] == 't' ? PDP_LANG_TH : PDP_LANG_EN;
    if (!c->mask_values && cf->mask_values == 1) c->mask_values = 1;
    for (size_t i = 0; i < cf->nexclude; i++) {
        walk_filter *f = &c->filter;
        f->excludes = xrealloc(f->excludes, (f->nexcludes + 1) * sizeof *f->excludes);
        f->excludes[f->nexcludes++] = cf->exclude[i];
    }
    char *allow_file = c->no_config ? NULL : config_find(first, ".pdpascan-allow");
    if (!rc && allow_file && pdp_allow_load(allow, allow_file, &err) != 0) rc = 2;
    free(allow_file);
    if (!rc && c->allow && pdp_allow_load(allow, c->allow, &err) != 0) rc = 2;
    char *found = NULL;
    const char *bl = c->baseline ? c->baseline : c->write_baseline ? NULL : cf->baseline;
    if (!bl && !c->write_baseline && !c->no_config) bl = found = config_find(first, ".pdpascan-baseline");
    if (!rc && bl && pdp_allow_load_baseline(allow, bl, &err) != 0) rc = 2;
    free(found);
    if (rc) {
        fprintf(stderr, "pdpascan: %s\n", err);
        free(err);
    }
    return rc;
}

/* The inputs: PATHs walked, and with --staged what is being committed. */
static int gather_inputs(scan_cfg *c, int argc, char **argv, input_list *in)
{
    for (int i = optind; i < argc; i++) walk_path(in, argv[i], &c->filter);
    char *err = NULL;
    if (c->files_from && archive_files_from(in, c->files_from, &c->filter, &err) != 0) {
        fprintf(stderr, "pdpascan: %s\n", err);
        free(err);
        return 2;
    }
    if (c->staged && git_staged_inputs(in, &c->filter, &err) != 0) {
        fprintf(stderr, "pdpascan: --staged: %s\n", err);
        free(err);
        return 2;
    }
    if (c->shard_n) archive_shard(in, c->shard_k, c->shard_n);
    archive_limit_size(in, c->max_file_size);
    return 0;
}

static int finish_output(FILE *out)
{
    int write_failed = ferror(out);
    if (out != stdout) write_failed |= fclose(out) != 0;
    if (write_failed) fputs("pdpascan: error writing the report\n", stderr);
    return write_failed;
}

/* Worker processes by default, except for one plain text file (read by
 * pdpascan's own streaming code, not a format library that a hostile file
 * could crash): that one is read on a thread, under the same time limit,
 * with no second copy of its findings on the way back from a worker (a
 * 1 GB text file's 100,000 findings). */
static int needs_worker(const input_list *in)
{
    if (in->len != 1) return in->len > 1;
    const char *f = input_format(&in->v[0]);
    return !f || strcmp(f, "text") != 0;
}

/* Scan the inputs (pdp_scan_batch), the cache answering what it knows;
 * returns the number of inputs given up on while a thread still reads them. */
static size_t scan_inputs(const pdp_rules *rules, const pdp_options *opt, const input_list *in, const scan_cfg *c,
                          cache *results, run_ctx *ctx)
{
    pdp_input *v = xcalloc(in->len ? in->len : 1, sizeof *v);
    for (size_t i = 0; i < in->len; i++)
        v[i] = (pdp_input){ in->v[i].path, in->v[i].data, in->v[i].len, in->v[i].error };
    cache_batch cb = { results, rules, in, xcalloc(in->len ? in->len : 1, sizeof(cache_key)) };
    pdp_batch b = { (unsigned)(c->jobs > 0 ? c->jobs : 1), c->file_timeout,
                    !(c->isolate == 1 || (c->isolate < 0 && needs_worker(in))),
                    results ? cache_batch_lookup : NULL, results ? cache_batch_store : NULL, &cb };
    size_t stuck = pdp_scan_batch(rules, opt, v, in->len, &b, on_result, ctx);
    if (stuck) return stuck; /* the threads still reading may use v and the keys */
    free(cb.keys);
    free(v);
    return 0;
}

/* Close the --write-baseline file; 1 (said on stderr) when it could not be
 * written whole (a full disk). */
static int close_baseline(FILE *wb, const char *path)
{
    int bad = ferror(wb);
    bad |= fclose(wb) != 0;
    if (bad) fprintf(stderr, "pdpascan: cannot write the baseline %s: %s\n", path, strerror(errno ? errno : EIO));
    return bad;
}

/* A shard's report (-o with --shard): written beside its place, renamed in
 * when whole, then marked done, so that a rerun of the job array skips it.
 * shard_begin: 1 when a run already finished it (*rc its exit code). */
typedef struct shard_report {
    char *path, *tmp, *cache; /* cache: --cache with its {K} replaced */
} shard_report;

static int shard_begin(scan_cfg *c, shard_report *s, int *rc)
{
    memset(s, 0, sizeof *s);
    if (c->shard_n && c->cache) c->cache = s->cache = shard_output(c->cache, c->shard_k);
    if (!c->shard_n || !c->output) return 0;
    s->path = shard_output(c->output, c->shard_k);
    if (shard_done(s->path, rc)) {
        char *n = utf8_printable(s->path);
        fprintf(stderr, "pdpascan: shard %u/%u already done (%s.done): not scanned again\n", c->shard_k, c->shard_n, n);
        free(n);
        free(s->path);
        free(s->cache);
        s->path = s->cache = NULL;
        return 1;
    }
    s->tmp = xasprintf("%s.pdpascan-tmp", s->path);
    c->output = s->tmp;
    return 0;
}

/* The run ended (finished: its report is whole): the report in place and
 * marked, or the partial one removed. */
static int shard_end(shard_report *s, int finished, int rc)
{
    free(s->cache);
    s->cache = NULL;
    if (!s->tmp) return rc;
    if (finished && rename(s->tmp, s->path) == 0 && shard_mark_done(s->path, rc) == 0) {
        /* done */
    } else {
        if (finished) fprintf(stderr, "pdpascan: cannot finish %s: %s\n", s->path, strerror(errno ? errno : EIO));
        unlink(s->tmp);
        if (finished) rc = 2;
    }
    free(s->tmp);
    free(s->path);
    memset(s, 0, sizeof *s);
    return rc;
}

static int cmd_scan(int argc, char **argv)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    scan_cfg c = { .ocr = 1, .fail_on = PDP_SEV_MEDIUM, .jobs = ncpu > 0 ? (int)ncpu : 1, .color = -1, .lang = lang_from_env(),
                   .isolate = -1, .file_timeout = 600 };
    config cf = { NULL, NULL, NULL, NULL, -1, NULL, 0 };
    pdp_allow *allow = pdp_allow_new();
    input_list in = { 0 };
    pdp_rules *rules = NULL;
    cache *results = NULL;
    FILE *out = stdout, *wb = NULL;
    double t0 = monotonic_seconds();
    int rc = parse_scan(argc, argv, &c), finished = 0;
    if (!rc) rc = apply_config(&c, optind < argc ? argv[optind] : ".", &cf, allow);
    shard_report sr = { 0 };
    if (!rc && shard_begin(&c, &sr, &rc)) {
        free(c.filter.excludes);
        free(c.filter.includes);
        config_free(&cf);
        pdp_allow_free(allow);
        return rc;
    }
    if (!rc && c.output && !(out = fopen(c.output, "w"))) {
        fprintf(stderr, "pdpascan: cannot write %s: %s\n", c.output, strerror(errno));
        out = stdout;
        rc = 2;
    }
    if (!rc && c.write_baseline && !(wb = fopen(c.write_baseline, "w"))) {
        fprintf(stderr, "pdpascan: cannot write %s: %s\n", c.write_baseline, strerror(errno));
        rc = 2;
    }
    if (!rc) rc = gather_inputs(&c, argc, argv, &in);
    if (!rc) rc = load_rules_flags(c.rules_dir, flags_for(&in), &rules);
    int tty = !c.output && isatty(STDOUT_FILENO);
    if (!c.format) c.format = tty ? "text" : "jsonl";
    /* the HTML report shows the text around each finding; the others do not
     * need it, and it is most of a finding's memory */
    int with_context = !strcmp(c.format, "html");
    char *cerr = NULL, *version = rc || !c.cache ? NULL
                                                 : xasprintf("%s%s/findings%zu/ocr%d", pdp_rules_version(rules),
                                                             with_context ? "/context" : "", c.max_findings,
                                                             c.ocr ? (c.ocr_dpi ? c.ocr_dpi : 300) : 0);
    if (!rc && c.cache && !(results = cache_open(c.cache, version, &cerr))) {
        fprintf(stderr, "pdpascan: %s\n", cerr);
        free(cerr);
        rc = 2;
    }
    free(version);
    if (rc) goto done;
    if (c.color < 0) c.color = tty && !getenv("NO_COLOR");
    pdp_report_opts ro = { .rules = rules, .lang = c.lang, .color = c.color, .show_values = c.show_values,
                           .mask_values = c.mask_values, .fail_on = c.fail_on };
    char *err = NULL;
    run_ctx ctx = { pdp_report_new(c.format, out, &ro, &err), { 0 }, c.fail_on, wb, { 0 }, c.show_values && !c.mask_values, 0, 0, allow };
    if (!ctx.rep) { /* the format's library is missing (xlsx) */
        fprintf(stderr, "pdpascan: %s\n", err);
        free(err);
        rc = 2;
        goto done;
    }
    pdp_options opt = { 0 };
    opt.allow = allow;
    opt.with_context = with_context;
    opt.max_findings = c.max_findings;
    opt.ocr = c.ocr;
    opt.ocr_dpi = c.ocr_dpi;
    progress_start(&ctx.prog, &in, isatty(STDERR_FILENO) && !c.hook);
    if (ctx.prog.allowed) {
        opt.page_fn = progress_page;
        opt.page_ctx = &ctx.prog;
    }
    size_t stuck = scan_inputs(rules, &opt, &in, &c, results, &ctx);
    progress_end(&ctx.prog);
    if (ctx.unwarned)
        fprintf(stderr, "pdpascan: %zu more files not read completely (the report lists each)\n", ctx.unwarned);
    if (results) cache_stats(results, &ctx.sum.cached, &ctx.sum.scanned);
    ctx.sum.seconds = monotonic_seconds() - t0;
    pdp_report_end(ctx.rep, &ctx.sum);
    pdp_report_free(ctx.rep);
    if (c.hook && (ctx.sum.errors || ctx.sum.blocking)) fprintf(out, "\n%s\n", pdp_message(rules, "hook.blocked", c.lang));
    rc = ctx.sum.errors ? 2 : ctx.sum.blocking ? 1 : 0;
    finished = 1;
    if (stuck) { /* a thread is still reading a file given up on: end here, freeing nothing it may read */
        cache_close(results);
        if (wb && close_baseline(wb, c.write_baseline)) rc = 2;
        if (finish_output(out)) rc = 2, finished = 0;
        rc = shard_end(&sr, finished, rc);
        fflush(NULL);
        _exit(rc);
    }
done:
    cache_close(results);
    if (wb && close_baseline(wb, c.write_baseline)) rc = 2;
    if (finish_output(out)) rc = 2, finished = 0;
    rc = shard_end(&sr, finished, rc);
    input_list_free(&in);
    pdp_rules_free(rules);
    pdp_allow_free(allow);
    free(c.filter.excludes);
    free(c.filter.includes);
    config_free(&cf);
    return rc;
}

/* pdpascan hook install [--force] | hook uninstall */
static int cmd_hook(int argc, char **argv)
{
    char *msg = NULL;
    int rc;
    if (argc >= 2 && !strcmp(argv[1], "install") && (argc == 2 || (argc == 3 && !strcmp(argv[2], "--force")))) {
        char self[4096];
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        self[n > 0 ? n : 0] = 0;
        rc = git_hook_install(n > 0 ? self : "pdpascan", argc == 3, &msg);
    } else if (argc == 2 && !strcmp(argv[1], "uninstall")) {
        rc = git_hook_uninstall(&msg);
    } else {
        return usage_error("%s", "hook: use 'hook install [--force]' or 'hook uninstall'");
    }
    fprintf(rc ? stderr : stdout, "pdpascan: %s\n", msg);
    free(msg);
    return rc ? 2 : 0;
}

/* The arguments of a command that takes only --rules DIR (argv[0] is the
 * command): 0, or -1 after saying what is wrong. */
static int rules_dir_only(int argc, char **argv, const char **dir)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--rules") && i + 1 < argc) *dir = argv[++i];
        else if (!strncmp(argv[i], "--rules=", 8)) *dir = argv[i] + 8;
        else {
            char *what = xasprintf("%s: unknown argument '%%s'", argv[0]);
            usage_error(what, argv[i]);
            free(what);
            return -1;
        }
    }
    return 0;
}

/* pdpascan version | -V | --version [--rules DIR]: the program's version,
 * and the rule set's (the hash results and caches are keyed by). */
static int cmd_version(int argc, char **argv)
{
    const char *dir = NULL;
    if (rules_dir_only(argc, argv, &dir) != 0) return 2;
    printf("pdpascan %s\n", PDP_VERSION);
    pdp_rules *r;
    char *err = NULL;
    if (pdp_rules_load_ex(dir, PDP_RULES_CACHE | PDP_RULES_NO_JIT, &r, &err) != 0) {
        printf("rules: not loaded (%s)\n", err);
        free(err);
        return 2;
    }
    printf("rules %s (%zu rules from %s)\n", pdp_rules_version(r), pdp_rules_count(r), pdp_rules_dir(r));
    pdp_rules_free(r);
    return 0;
}

static int cmd_rules(int argc, char **argv)
{
    const char *dir = NULL;
    if (rules_dir_only(argc, argv, &dir) != 0) return 2;
    pdp_rules *r;
    int rc = load_rules(dir, &r);
    if (rc) return rc;
    pdp_lang lang = lang_from_env();
    printf("# %zu rules from %s\n", pdp_rules_count(r), pdp_rules_dir(r));
    size_t cached, files;
    const char *kept = pdp_rules_cache(r, &cached, &files);
    if (kept) printf("# %zu rule files, %zu of them parsed before (cache %s)\n", files, cached, kept);
    for (size_t i = 0; i < pdp_rules_count(r); i++) {
        pdp_rule_info ri;
        pdp_rules_get(r, i, &ri);
        printf("%-24s %-16s %-6s %-6s %s\n", ri.id, ri.category, pdp_severity_name(ri.severity),
               pdp_action_name(ri.action), lang == PDP_LANG_TH ? ri.message_th : ri.message_en);
    }
    pdp_rules_free(r);
    return 0;
}

static int cmd_explain(int argc, char **argv)
{
    const char *dir = NULL, *id = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--rules") && i + 1 < argc) dir = argv[++i];
        else if (!strncmp(argv[i], "--rules=", 8)) dir = argv[i] + 8;
        else if (argv[i][0] != '-' && !id) id = argv[i];
        else return usage_error("explain: unknown argument '%s'", argv[i]);
    }
    if (!id) return usage_error("explain: which rule? %s", "(pdpascan rules lists them)");
    pdp_rules *r;
    int rc = load_rules(dir, &r);
    if (rc) return rc;
    pdp_lang lang = lang_from_env();
    char *text = pdp_rule_explain(r, id, lang);
    if (!text) {
        const char *k[] = { "id" }, *v[] = { id };
        char *t = pdp_message_fill(r, "explain.unknown", lang, k, v, 1);
        fprintf(stderr, "pdpascan: %s\n", t);
        free(t);
        pdp_rules_free(r);
        return 2;
    }
    fputs(text, stdout);
    free(text);
    pdp_rules_free(r);
    return 0;
}

int main(int argc, char **argv)
{
#ifdef __GLIBC__
    /* Each file's scan allocates and frees the same few large buffers: keep
     * them in the heap instead of returning them to the kernel each time
     * (measured: -j 2 went from 1.68x to 1.84x of -j 1, see bench/). */
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
    if (argc < 2) {
        fputs(usage_text(lang_from_env()), stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        fputs(usage_text(lang_from_env()), stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V") || !strcmp(cmd, "version")) return cmd_version(argc - 1, argv + 1);
    if (!strcmp(cmd, "scan")) return cmd_scan(argc - 1, argv + 1);
    if (!strcmp(cmd, "rules")) return cmd_rules(argc - 1, argv + 1);
    if (!strcmp(cmd, "explain")) return cmd_explain(argc - 1, argv + 1);
    if (!strcmp(cmd, "text")) return cmd_text(argc - 1, argv + 1);
    if (!strcmp(cmd, "annotate")) return cmd_annotate(argc - 1, argv + 1);
    if (!strcmp(cmd, "redact")) return cmd_redact(argc - 1, argv + 1);
    if (!strcmp(cmd, "serve")) return cmd_serve(argc - 1, argv + 1);
    if (!strcmp(cmd, "serve-worker")) return cmd_serve_worker(argc - 1, argv + 1); /* serve's own, not for people */
    if (!strcmp(cmd, "hook")) return cmd_hook(argc - 1, argv + 1);
    return usage_error("unknown command '%s'", cmd);
}

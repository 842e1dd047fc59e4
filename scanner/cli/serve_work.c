/* serve_work.c — a request's documents read and answered, in the request's
 * own process (see serve_work.h).
 *
 * The result page is the HTML report (one section per file, clean ones too,
 * each with its verdict in plain words, PDF pages as pictures with the
 * findings boxed), with the server's controls at its top.  It is written
 * file by file and flushed, so the verdicts show while the copies to
 * download are still being made; those come last, as data: links (the
 * server keeps no document after the response, so a copy is made now or
 * never).  Every document is a memory file (serve_upload.h): a review copy
 * is written to another one, through its /proc/self/fd name. */
#define _GNU_SOURCE /* memfd_create */
#include "serve_work.h"

#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../util/buf.h"
#include "../util/clock.h"
#include "../util/fdio.h"

/* Every page with a finding is pictured, up to this many a file (and the
 * report's own limit of 100 a page). */
#define PAGE_PICTURES 50

typedef struct scanned {
    work *w;
    pdp_result *res; /* one per upload */
    FILE *out;
} scanned;

/* One log line per document: when, its size, format, verdict and how long
 * it took; never its name or anything found in it. */
static void log_line(const work *w, const char *what, unsigned long long bytes, const char *how, double seconds)
{
    char when[32];
    utc_stamp(when, sizeof when);
    dprintf(w->log_fd, "%s %s %llu bytes, %s, %.2f s\n", when, what, bytes, how, seconds);
}

static void log_doc(const work *w, const pdp_result *res, double seconds)
{
    char how[64];
    snprintf(how, sizeof how, "%s, %s", res->format, pdp_verdict_name(pdp_result_verdict(res, PDP_SEV_MEDIUM)));
    log_line(w, "document", (unsigned long long)res->bytes, how, seconds);
}

static void scan_all(work *w, pdp_result *res)
{
    /* a scan reads scanned pages and images by OCR, as `pdpascan scan` does;
     * the copies, as `redact` and `annotate` do, do not */
    pdp_options opt = { .with_context = w->kind == WORK_PAGE, .ocr = w->kind == WORK_PAGE || w->kind == WORK_JSON };
    for (size_t i = 0; i < w->up->n; i++) {
        const upload_doc *d = &w->up->docs[i];
        double t = monotonic_seconds();
        pdp_scan_buffer(w->rules, d->data, d->len, d->name, &opt, &res[i]);
        log_doc(w, &res[i], monotonic_seconds() - t);
    }
}

/* {"error": why} to fd, and code. */
static int refuse(int fd, const char *why, int code)
{
    gchar *e = g_strescape(why, NULL);
    dprintf(fd, "{\"error\":\"%s\"}\n", e);
    g_free(e);
    return code;
}

/* html pictures: a result's bytes, by its name. */
static const void *source(void *ctx, const char *file, size_t *len)
{
    scanned *s = ctx;
    for (size_t i = 0; i < s->w->up->n; i++)
        if (!strcmp(s->w->up->docs[i].name, file)) {
            *len = s->w->up->docs[i].len;
            return s->w->up->docs[i].data;
        }
    return NULL;
}

/* A download link: name, type and bytes as a data: URL. */
static void link_to(FILE *out, const char *label, const char *name, const char *type, const void *data, size_t len)
{
    gchar *b64 = g_base64_encode(data, len), *n = g_markup_escape_text(name, -1), *l = g_markup_escape_text(label, -1);
    fprintf(out, "<a class=\"dl\" download=\"%s\" href=\"data:%s;base64,%s\">%s</a>\n", n, type, b64, l);
    g_free(b64);
    g_free(n);
    g_free(l);
}

void work_report(FILE *out, const pdp_report_opts *o, const char *format, const pdp_result *res, size_t n)
{
    char *err = NULL;
    pdp_report *r = pdp_report_new(format, out, o, &err);
    free(err); /* the formats asked for are the ones reports have */
    if (!r) return;
    pdp_summary sum = { 0 };
    for (size_t i = 0; i < n; i++) {
        pdp_report_file(r, &res[i]);
        pdp_summary_add(&sum, &res[i], o->fail_on);
        fflush(out); /* a page's verdicts show while the rest is made */
    }
    pdp_report_end(r, &sum);
    pdp_report_free(r);
}

/* The report of every file in format (csv, json, html), in memory. */
static void report_link(scanned *s, const char *format, const char *label, const char *type)
{
    char *data = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&data, &len);
    if (!m) return;
    pdp_report_opts o = { .rules = s->w->rules, .lang = s->w->lang, .show_values = s->w->show_values,
                          .mask_values = !s->w->show_values, .fail_on = PDP_SEV_MEDIUM };
    work_report(m, &o, format, s->res, s->w->up->n);
    fclose(m);
    char *name = xasprintf("pdpascan-report.%s", format);
    if (len) link_to(s->out, label, name, type, data, len);
    free(name);
    free(data);
}

static const char *type_of(const pdp_result *res)
{
    return !strcmp(res->format, "pdf") ? "application/pdf" : "application/octet-stream";
}

/* The redacted copy of upload i (pdp_redact_buffer). */
static int redacted(const work *w, size_t i, pdp_redacted *done, void **copy, size_t *len, char **err)
{
    const upload_doc *d = &w->up->docs[i];
    pdp_options opt = { .ocr = 1 }; /* as the page read it: a scan's findings painted over */
    return pdp_redact_buffer(w->rules, d->data, d->len, d->name, &opt, PDP_ACT_REDACT, done, copy, len, err);
}

/* A link to the redacted copy of upload i, when it has something to redact. */
static void redacted_link(scanned *s, size_t i, const char *label)
{
    const upload_doc *d = &s->w->up->docs[i];
    pdp_redacted done;
    void *copy = NULL;
    size_t len = 0;
    char *err = NULL;
    if (redacted(s->w, i, &done, &copy, &len, &err) == 0) {
        char *n = upload_copy_name(d->name, "redacted");
        if (done.total) link_to(s->out, label, n, type_of(&s->res[i]), copy, len);
        free(n);
        free(copy);
        pdp_redacted_free(&done);
        return;
    }
    gchar *e = g_markup_escape_text(err ? err : "", -1);
    fprintf(s->out, "<span class=\"nocopy\">%s</span>\n", e);
    g_free(e);
    free(err);
}

/* The review copy (pdp_annotate) of upload i into a new memory file; its
 * descriptor, or -1 with *err. */
static int annotated(const work *w, size_t i, const pdp_result *res, char **err)
{
    int out = memfd_create("pdpascan-review", MFD_CLOEXEC);
    if (out < 0) {
        *err = xstrdup("no memory for the copy");
        return -1;
    }
    char *in_path = xasprintf("/proc/self/fd/%d", w->up->docs[i].fd), *out_path = xasprintf("/proc/self/fd/%d", out);
    size_t notes = 0;
    int rc = pdp_annotate(w->rules, res, in_path, out_path, w->lang, w->show_values, &notes, err);
    free(in_path);
    free(out_path);
    if (rc != 0) {
        close(out);
        return -1;
    }
    return out;
}

/* Bytes of a memory file (mapped; munmap when done), or NULL. */
static void *map_all(int fd, size_t *len)
{
    off_t end = lseek(fd, 0, SEEK_END);
    if (end <= 0) return NULL;
    void *p = mmap(NULL, (size_t)end, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) return NULL;
    *len = (size_t)end;
    return p;
}

static void review_link(scanned *s, size_t i, const char *label)
{
    char *err = NULL;
    int fd = annotated(s->w, i, &s->res[i], &err);
    free(err);
    if (fd < 0) return; /* a format with no review copy: nothing to offer */
    size_t len = 0;
    void *p = map_all(fd, &len);
    if (p) {
        char *n = upload_copy_name(s->w->up->docs[i].name, "review");
        link_to(s->out, label, n, type_of(&s->res[i]), p, len);
        free(n);
        munmap(p, len);
    }
    close(fd);
}

/* html_bottom: what to download — the report, and per file its copies. */
static void downloads(void *ctx, FILE *out)
{
    scanned *s = ctx;
    const pdp_rules *r = s->w->rules;
    pdp_lang l = s->w->lang;
    fputs("<section id=\"downloads\"><h2>", out);
    fputs(pdp_message(r, "serve.downloads", l), out);
    fputs("</h2><p>", out);
    report_link(s, "csv", pdp_message(r, "serve.report_csv", l), "text/csv");
    report_link(s, "json", pdp_message(r, "serve.report_json", l), "application/json");
    report_link(s, "html", pdp_message(r, "serve.report_html", l), "text/html");
    fputs("</p>\n", out);
    for (size_t i = 0; s->w->copies && i < s->w->up->n; i++) {
        pdp_verdict v = pdp_result_verdict(&s->res[i], PDP_SEV_MEDIUM);
        if (v != PDP_VERDICT_BLOCK && v != PDP_VERDICT_REVIEW) continue;
        gchar *n = g_markup_escape_text(s->w->up->docs[i].name, -1);
        fprintf(out, "<p><b>%s</b> ", n);
        g_free(n);
        fflush(out);
        redacted_link(s, i, pdp_message(r, "serve.redacted", l));
        review_link(s, i, pdp_message(r, "serve.review", l));
        fputs("</p>\n", out);
    }
    fputs("</section>\n", out);
}

static int page(work *w, pdp_result *res, FILE *out)
{
    scanned s = { w, res, out };
    pdp_report_opts o = { .rules = w->rules, .lang = w->lang, .show_values = w->show_values, .fail_on = PDP_SEV_MEDIUM,
                          .list_clean = 1, .pictures_per_file = PAGE_PICTURES, .html_top = w->top, .html_bottom = downloads, .html_ctx = &s,
                          .source = source };
    work_report(out, &o, "html", res, w->up->n);
    return 0;
}

static int json(work *w, pdp_result *res, FILE *out)
{
    pdp_report_opts o = { .rules = w->rules, .lang = w->lang, .fail_on = PDP_SEV_MEDIUM };
    work_report(out, &o, "json", res, w->up->n);
    return 0;
}

static int redact(work *w, int fd)
{
    pdp_redacted done;
    void *copy = NULL;
    size_t len = 0;
    char *err = NULL;
    double t = monotonic_seconds();
    if (redacted(w, 0, &done, &copy, &len, &err) != 0) {
        int rc = refuse(fd, err, WORK_REFUSED);
        free(err);
        return rc;
    }
    char how[48];
    snprintf(how, sizeof how, "%zu replaced", done.total);
    log_line(w, "redacted copy", (unsigned long long)len, how, monotonic_seconds() - t);
    int bad = fd_write_all(fd, copy, len);
    free(copy);
    pdp_redacted_free(&done);
    return bad ? 1 : 0;
}

static int annotate(work *w, pdp_result *res, int fd)
{
    char *err = NULL;
    int out = annotated(w, 0, &res[0], &err);
    if (out < 0) {
        int rc = refuse(fd, err, WORK_REFUSED);
        free(err);
        return rc;
    }
    size_t len = 0;
    void *p = map_all(out, &len);
    int bad = !p || fd_write_all(fd, p, len);
    if (p) munmap(p, len);
    close(out);
    return bad ? 1 : 0;
}

int work_run(work *w, int fd)
{
    w->log_fd = dup(w->log_fd); /* the log stays; the libraries' messages go */
    fd_quiet_stderr();
    if (!w->up->n || ((w->kind == WORK_REDACT || w->kind == WORK_ANNOTATE) && w->up->n != 1))
        return refuse(fd, w->up->n ? "one document at a time" : "no document in the request", WORK_NO_INPUT);
    if (upload_map(w->up) != 0) return refuse(fd, "the upload could not be read back from memory", 1);
    if (w->kind == WORK_REDACT) return redact(w, fd);
    pdp_result *res = xcalloc(w->up->n, sizeof *res);
    scan_all(w, res);
    FILE *out = fdopen(fd, "w");
    int rc = !out ? 1 : w->kind == WORK_PAGE ? page(w, res, out) : w->kind == WORK_JSON ? json(w, res, out) : annotate(w, res, fd);
    if (out && fclose(out) != 0) rc = 1;
    for (size_t i = 0; i < w->up->n; i++) pdp_result_free(&res[i]);
    free(res);
    return rc;
}

int work_save(const work *w, int *keep, size_t *nkeep)
{
    int fd = memfd_create("pdpascan-work", MFD_CLOEXEC);
    if (fd < 0) return -1;
    FILE *f = fdopen(dup(fd), "w");
    if (!f) {
        close(fd);
        return -1;
    }
    fprintf(f, "pdpascan-serve-work 1\nkind %d\nlang %d\nshow %d\ncopies %d\n", (int)w->kind, (int)w->lang,
            w->show_values, w->copies);
    *nkeep = 0;
    for (size_t i = 0; i < w->up->n; i++) {
        const upload_doc *d = &w->up->docs[i];
        fprintf(f, "doc %d %zu %s\n", d->fd, d->len, d->name);
        keep[(*nkeep)++] = d->fd;
    }
    fprintf(f, "top\n%s", w->top ? w->top : "");
    if (fclose(f) != 0 || lseek(fd, 0, SEEK_SET) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* The work saved in fd (work_save) into w and up; -1 when it is not that. */
static int work_load(int fd, work *w, upload *up)
{
    FILE *f = fdopen(fd, "r");
    if (!f) return -1;
    char line[1024];
    int kind = -1, lang = 0, ok = fgets(line, sizeof line, f) && !strcmp(line, "pdpascan-serve-work 1\n");
    buf top;
    buf_init(&top);
    while (ok && fgets(line, sizeof line, f)) {
        int dfd, n = 0;
        size_t len;
        if (sscanf(line, "kind %d", &kind) == 1 || sscanf(line, "lang %d", &lang) == 1 ||
            sscanf(line, "show %d", &w->show_values) == 1 || sscanf(line, "copies %d", &w->copies) == 1)
            continue;
        if (sscanf(line, "doc %d %zu %n", &dfd, &len, &n) == 2 && n && up->n < UPLOAD_MAX_FILES) {
            line[strcspn(line, "\n")] = 0;
            up->docs[up->n++] = (upload_doc){ xstrdup(line + n), dfd, len, NULL };
            continue;
        }
        if (strcmp(line, "top\n")) ok = 0;
        size_t k;
        while (ok && (k = fread(line, 1, sizeof line, f)) > 0) buf_append(&top, line, k);
        break;
    }
    fclose(f);
    if (!ok || kind < WORK_PAGE || kind > WORK_ANNOTATE) {
        buf_free(&top);
        return -1;
    }
    w->kind = (work_kind)kind;
    w->lang = lang ? PDP_LANG_TH : PDP_LANG_EN;
    w->top = top.data; /* the worker's until it exits */
    w->up = up;
    w->log_fd = STDERR_FILENO;
    return 0;
}

int cmd_serve_worker(int argc, char **argv)
{
    if (argc < 2) return 2;
    const char *rules_dir = argc >= 4 && !strcmp(argv[2], "--rules") ? argv[3] : NULL;
    work w = { 0 };
    upload up;
    upload_init(&up, 0);
    if (work_load(atoi(argv[1]), &w, &up) != 0) {
        upload_free(&up);
        return refuse(STDOUT_FILENO, "the worker's parameters are damaged", 1);
    }
    pdp_rules *r;
    char *err = NULL;
    if (pdp_rules_load_ex(rules_dir, PDP_RULES_CACHE, &r, &err) != 0) {
        int rc = refuse(STDOUT_FILENO, err, 1);
        free(err);
        upload_free(&up);
        free((char *)w.top);
        return rc;
    }
    w.rules = r;
    int rc = work_run(&w, STDOUT_FILENO);
    pdp_rules_free(r);
    upload_free(&up);
    free((char *)w.top);
    /* ended as the scan's workers end (batch_procs.c): what the format
     * libraries keep for the process's life (poppler's annotations) is not
     * reported as leaked by a sanitizer build */
    fflush(NULL);
    _exit(rc);
}

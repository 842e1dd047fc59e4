/* annotate_cmd.c — `pdpascan annotate [OPTIONS] FILE -o REVIEW`: a PDF with
 * one highlight per finding, or a Word document with one comment per
 * finding (pdp_annotate), for a data owner or legal officer to open in any
 * PDF reader, or in Word or LibreOffice.
 *
 * The document is read (scanned, then copied with its highlights) by
 * poppler in a child process, as `scan` reads documents in workers: a PDF
 * that crashes the reader costs this run an error, never a half-written
 * copy.  The copy is written beside OUT and renamed into place when whole;
 * the input is never written over.  Exit codes as `scan`: 0 nothing at or
 * above --fail-on, 1 findings, 2 an error or a file not read completely. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../include/pdpascan.h"
#include "../util/buf.h"
#include "../util/utf8.h"
#include "annotate_cmd.h"
#include "options.h"

typedef struct annotate_args {
    const char *in, *out, *rules;
    int show_values;
    pdp_lang lang;
    pdp_severity fail_on;
} annotate_args;

static int parse(int argc, char **argv, annotate_args *a)
{
    a->lang = lang_from_env();
    a->fail_on = PDP_SEV_MEDIUM;
    for (int i = 1; i < argc; i++) {
        const char *v = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        if ((!strcmp(v, "-o") || !strcmp(v, "--output")) && next) a->out = argv[++i];
        else if (!strcmp(v, "--rules") && next) a->rules = argv[++i];
        else if (!strcmp(v, "--lang") && next) a->lang = !strcmp(argv[++i], "th") ? PDP_LANG_TH : PDP_LANG_EN;
        else if (!strcmp(v, "--fail-on") && next) {
            if (pdp_severity_parse(argv[++i], &a->fail_on) != 0) return usage_error("annotate: --fail-on takes high, medium, low or info, not '%s'", argv[i]);
        } else if (!strcmp(v, "--show-values")) a->show_values = 1;
        else if (v[0] != '-' && !a->in) a->in = v;
        else return usage_error("annotate: unknown argument '%s'", v);
    }
    if (!a->in || !a->out) return usage_error("%s", "annotate: pdpascan annotate FILE.pdf|FILE.docx -o REVIEW");
    struct stat si, so;
    if (stat(a->in, &si) == 0 && stat(a->out, &so) == 0 && si.st_dev == so.st_dev && si.st_ino == so.st_ino)
        return usage_error("annotate: %s is the input; the review copy never writes over it", a->out);
    return 0;
}

/* In the child: scan, write the copy beside out, rename it into place. */
static int annotate_child(const annotate_args *a)
{
    pdp_rules *r;
    char *err = NULL;
    if (pdp_rules_load_ex(a->rules, PDP_RULES_CACHE, &r, &err) != 0) {
        say_about("rules", err);
        free(err);
        return 2;
    }
    pdp_result res;
    pdp_options opt = { .ocr = 1 }; /* a scanned page is read, and its findings marked on it */
    pdp_scan_file(r, a->in, NULL, &opt, &res);
    int rc = res.status == PDP_STATUS_ERROR || res.status == PDP_STATUS_PARTIAL ? 2 : 0;
    if (res.status != PDP_STATUS_OK) say_about(a->in, res.error ? res.error : pdp_status_name(res.status));
    size_t blocking = 0, notes = 0;
    for (size_t i = 0; i < res.nfindings; i++) blocking += res.findings[i].severity >= a->fail_on;
    char *tmp = xasprintf("%s.pdpascan-%ld.tmp", a->out, (long)getpid());
    if (res.status != PDP_STATUS_ERROR) {
        if (pdp_annotate(r, &res, a->in, tmp, a->lang, a->show_values, &notes, &err) != 0) {
            say_about(a->in, err);
            free(err);
            unlink(tmp);
            rc = 2;
        } else if (rename(tmp, a->out) != 0) {
            say_about(a->out, strerror(errno));
            unlink(tmp);
            rc = 2;
        } else {
            printf("pdpascan: %s: %zu %s in %s\n", a->in, notes, strcmp(res.format, "docx") ? "highlight(s)" : "comment(s)",
                   a->out);
        }
    }
    if (!rc && blocking) rc = 1;
    free(tmp);
    pdp_result_free(&res);
    pdp_rules_free(r);
    return rc;
}

int cmd_annotate(int argc, char **argv)
{
    annotate_args a = { 0 };
    if (parse(argc, argv, &a) != 0) return 2;
    /* The child says its exit code through a pipe as its last act: a child
     * that ends without saying it crashed (a sanitizer's report of a crash
     * exits 1, which alone would read as "findings"). */
    int fds[2];
    if (pipe(fds) != 0) {
        say_about("annotate", strerror(errno));
        return 2;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        say_about("annotate", strerror(errno));
        return 2;
    }
    if (pid == 0) {
        close(fds[0]);
        unsigned char rc = (unsigned char)annotate_child(&a);
        fflush(NULL);
        ssize_t w = write(fds[1], &rc, 1);
        _exit(w == 1 ? rc : 2);
    }
    close(fds[1]);
    unsigned char said = 0;
    ssize_t got;
    while ((got = read(fds[0], &said, 1)) < 0 && errno == EINTR) {
    }
    close(fds[0]);
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
    if (got == 1 && WIFEXITED(st)) return said;
    char *tmp = xasprintf("%s.pdpascan-%ld.tmp", a.out, (long)pid);
    unlink(tmp); /* a copy cut short */
    free(tmp);
    say_about(a.in, "the reader crashed on this file: no review copy written");
    return 2;
}

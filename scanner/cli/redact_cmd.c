/* redact_cmd.c — `pdpascan redact [OPTIONS] FILE... -o OUT`: a redacted
 * copy of each file (pdp_redact_buffer), OUT a file for one input or a
 * folder for several (keeping each input's path under it).
 *
 * It prints what it replaced per file, by category and count, never the
 * values (--scrub-metadata: and that author fields were cleared); never writes over an input; writes each copy beside its place and
 * renames it in when whole.  A file whose copy cannot be made or fails its
 * check gets none.  Exit 0 when every copy was written; 2 when any input
 * could not be read or any copy was refused. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../include/pdpascan.h"
#include "../util/buf.h"
#include "../util/fdio.h"
#include "../util/utf8.h"
#include "options.h"
#include "redact_cmd.h"

/* Make the folders of path. */
static void make_dirs(const char *path)
{
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = 0;
            mkdir(p, 0777);
            *s = '/';
        }
    free(p);
}

static int write_whole(const char *path, const void *data, size_t len)
{
    make_dirs(path);
    char *tmp = xasprintf("%s.pdpascan-%ld.tmp", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    int ok = f && fwrite(data, 1, len, f) == len;
    if (f && fclose(f) != 0) ok = 0;
    if (ok && rename(tmp, path) != 0) ok = 0;
    if (!ok) unlink(tmp);
    free(tmp);
    return ok ? 0 : -1;
}

static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* One input to its copy at out: 0 written, 2 not. */
static int redact_one(const pdp_rules *r, const char *in, const char *out, pdp_action level, const pdp_options *opt)
{
    if (same_file(in, out)) {
        say_about(out, "is the input; a redacted copy never writes over it");
        return 2;
    }
    size_t len;
    unsigned char *data = (unsigned char *)buf_read_file(in, &len);
    if (!data) {
        say_about(in, strerror(errno));
        return 2;
    }
    pdp_redacted done;
    void *copy;
    size_t copy_len;
    char *err = NULL;
    int rc = 0;
    if (pdp_redact_buffer(r, data, len, in, opt, level, &done, &copy, &copy_len, &err) != 0) {
        say_about(in, err);
        free(err);
        rc = 2;
    } else {
        if (write_whole(out, copy, copy_len) != 0) {
            say_about(out, strerror(errno ? errno : EIO));
            rc = 2;
        } else {
            char *n = utf8_printable(in);
            printf("%s: ", n);
            free(n);
            if (!done.total) printf(opt->scrub_metadata ? "nothing to redact" : "nothing to redact, copied unchanged");
            for (size_t i = 0; i < done.ncategories; i++)
                printf("%s%s %zu", i ? ", " : "", done.categories[i].category, done.categories[i].count);
            if (opt->scrub_metadata) printf("; author and last-modified-by cleared");
            if (done.pages_as_pictures)
                printf("; %zu page%s redacted as a picture (no text layer)", done.pages_as_pictures,
                       done.pages_as_pictures == 1 ? "" : "s");
            printf("\n");
        }
        free(copy);
        pdp_redacted_free(&done);
    }
    free(data);
    return rc;
}

int cmd_redact(int argc, char **argv)
{
    const char *out = NULL, *dir = NULL;
    pdp_action level = PDP_ACT_REDACT;
    pdp_options opt = { .ocr = 1 }; /* a scanned page is read, and its findings painted over */
    char **in = xcalloc((size_t)argc, sizeof *in);
    int nin = 0;
    for (int i = 1; i < argc; i++) {
        const char *v = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        if ((!strcmp(v, "-o") || !strcmp(v, "--output")) && next) out = argv[++i];
        else if (!strcmp(v, "--rules") && next) dir = argv[++i];
        else if (!strcmp(v, "--scrub-metadata")) opt.scrub_metadata = 1;
        else if (!strcmp(v, "--level") && next) {
            const char *l = argv[++i];
            if (!strcmp(l, "review")) level = PDP_ACT_REVIEW;
            else if (strcmp(l, "redact")) return free(in), usage_error("redact: --level takes redact or review, not '%s'", l);
        } else if (v[0] != '-') in[nin++] = argv[i];
        else return free(in), usage_error("redact: unknown argument '%s'", v);
    }
    if (!nin || !out) return free(in), usage_error("%s", "redact: pdpascan redact FILE... -o OUT");
    pdp_rules *r;
    char *err = NULL;
    if (pdp_rules_load_ex(dir, PDP_RULES_CACHE, &r, &err) != 0) {
        say_about("rules", err);
        free(err);
        free(in);
        return 2;
    }
    int rc = 0;
    for (int i = 0; i < nin; i++) {
        /* several inputs: OUT is a folder holding each under its own path */
        char *dest = nin == 1 ? xstrdup(out) : xasprintf("%s/%s", out, in[i] + (in[i][0] == '/'));
        if (redact_one(r, in[i], dest, level, &opt) != 0) rc = 2;
        free(dest);
    }
    pdp_rules_free(r);
    free(in);
    return rc;
}

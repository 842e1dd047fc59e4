/* text_cmd.c — `pdpascan text [--normalized] FILE...`: the text of each
 * document exactly as the detectors read it, like pdftotext, so that a user
 * or a rule writer can see why something was found or missed.
 *
 * The library hands the text over piece by piece (pdp_options.text_fn):
 * each piece with its location — a heading line marks a new document
 * inside the file, a new page, sheet or part — and cells of one table row
 * joined by tabs, as the detectors see them.  --normalized prints it after
 * the Thai normalizer.  Control characters are escaped: nothing from a
 * document reaches the terminal raw.  The documents are read in this
 * process (no worker): it is a tool for looking at one file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../include/pdpascan.h"
#include "../util/utf8.h"
#include "options.h"
#include "text_cmd.h"

typedef struct shown {
    int normalized;
    char *file, *part, *sheet;
    int page;
    int at_line_start;
} shown;

/* Did a changed to b (NULL-safe)? */
static int changed(const char *a, const char *b)
{
    if (!a || !b) return a != b;
    return strcmp(a, b) != 0;
}

static void heading(shown *s, const char *fmt, const char *what, long n)
{
    if (!s->at_line_start) putchar('\n');
    char *p = what ? utf8_printable(what) : NULL;
    if (p) printf(fmt, p);
    else printf(fmt, n);
    putchar('\n');
    free(p);
    s->at_line_start = 1;
}

static void replace(char **slot, const char *v)
{
    free(*slot);
    *slot = v ? strdup(v) : NULL;
}

static void on_piece(shown *s, const char *file, const pdp_location *loc, const char *sep)
{
    int head = 0;
    if (changed(s->file, file)) {
        heading(s, "==> %s <==", file, 0);
        replace(&s->file, file);
        s->page = 0;
        replace(&s->part, NULL);
        replace(&s->sheet, NULL);
        head = 1;
    }
    if (loc->page && loc->page != s->page) {
        heading(s, "--- page %ld ---", NULL, loc->page);
        s->page = loc->page;
        head = 1;
    }
    if (loc->sheet && changed(s->sheet, loc->sheet)) {
        heading(s, "--- sheet %s ---", loc->sheet, 0);
        replace(&s->sheet, loc->sheet);
        head = 1;
    } else if (!loc->sheet && changed(s->part, loc->part)) {
        heading(s, "--- %s ---", loc->part ? loc->part : "text", 0); /* no part: the document's own text */
        replace(&s->part, loc->part);
        head = 1;
    }
    if (!head || strcmp(sep, "\n")) {
        fputs(sep, stdout);
        s->at_line_start = !strcmp(sep, "\n");
    }
}

/* text with its line breaks and tabs as they are, the rest made printable. */
static void put_text(shown *s, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && text[j] != '\n' && text[j] != '\t') j++;
        if (j > i) {
            char *run = strndup(text + i, j - i), *p = utf8_printable(run);
            fputs(p, stdout);
            free(p);
            free(run);
            s->at_line_start = 0;
        }
        if (j < len) {
            putchar(text[j]);
            s->at_line_start = text[j] == '\n';
        }
        i = j + 1;
    }
}

static void on_text(void *ctx, const char *file, const pdp_location *loc, const char *sep, const char *text,
                    size_t len)
{
    shown *s = ctx;
    if (!text) {
        on_piece(s, file, loc, sep);
        return;
    }
    if (!s->normalized) {
        put_text(s, text, len);
        return;
    }
    size_t n;
    char *norm = pdp_normalize(text, len, &n);
    put_text(s, norm, n);
    free(norm);
}

int cmd_text(int argc, char **argv)
{
    const char *dir = NULL;
    shown s = { .at_line_start = 1 };
    int nfiles = 0, rc = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--normalized")) s.normalized = 1;
        else if (!strcmp(argv[i], "--rules") && i + 1 < argc) dir = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1]) return usage_error("text: unknown argument '%s'", argv[i]);
        else nfiles++;
    }
    if (!nfiles) return usage_error("text: which file? %s", "(pdpascan text FILE...)");
    pdp_rules *r;
    char *err = NULL;
    if (pdp_rules_load_ex(dir, PDP_RULES_CACHE | PDP_RULES_NO_JIT, &r, &err) != 0) {
        fprintf(stderr, "pdpascan: rules: %s\n", err);
        free(err);
        return 2;
    }
    pdp_options opt = { .text_fn = on_text, .text_ctx = &s, .ocr = 1 };
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1]) {
            if (!strcmp(argv[i], "--rules")) i++;
            continue;
        }
        pdp_result res;
        pdp_scan_file(r, argv[i], NULL, &opt, &res);
        if (!s.at_line_start) putchar('\n');
        s.at_line_start = 1;
        if (res.status == PDP_STATUS_ERROR || res.status == PDP_STATUS_PARTIAL) {
            say_about(argv[i], res.error ? res.error : "");
            rc = 2;
        }
        pdp_result_free(&res);
        replace(&s.file, NULL);
    }
    free(s.file);
    free(s.part);
    free(s.sheet);
    pdp_rules_free(r);
    return rc;
}

/* redact_boxes.c — pdpascan's PDF redaction alone, on boxes given, for
 * comparison with PyMuPDF's apply_redactions on the same boxes
 * (bench/redact.sh, bench/redact_boxes.py).
 *
 *   redact_boxes LIST OUT_DIR
 *
 * LIST has one line per file, "PDF<TAB>BOXES", BOXES a file of lines
 * "page x0 y0 x1 y1" (PDF points, origin top-left: the findings' boxes).
 * Each PDF is redacted in this process (glyphs out, black boxes, image
 * pixels, the copy written whole and read back for the byte check) and
 * written to OUT_DIR under its base name.  No metadata scrub: PyMuPDF's
 * redaction does none. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../scanner/extract/formats.h"
#include "../scanner/util/buf.h"

static int never(void *arg, const char *text, size_t n)
{
    (void)arg, (void)text, (void)n;
    return 0;
}

static pdf_cut *read_boxes(const char *path, size_t *n)
{
    FILE *f = fopen(path, "r");
    pdf_cut *c = NULL;
    *n = 0;
    if (!f) return NULL;
    pdf_cut k = { 0 };
    while (fscanf(f, "%d %lf %lf %lf %lf", &k.page, &k.bbox[0], &k.bbox[1], &k.bbox[2], &k.bbox[3]) == 5) {
        k.label = "X-XXXX-XXXXX-XX-X";
        c = xrealloc(c, (*n + 1) * sizeof *c);
        c[(*n)++] = k;
    }
    fclose(f);
    return c;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: redact_boxes LIST OUT_DIR\n");
        return 2;
    }
    FILE *list = fopen(argv[1], "r");
    if (!list) return perror(argv[1]), 2;
    char line[4096];
    int rc = 0;
    while (fgets(line, sizeof line, list)) {
        line[strcspn(line, "\n")] = 0;
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = 0;
        size_t len, n;
        unsigned char *pdf = (unsigned char *)buf_read_file(line, &len);
        pdf_cut *cuts = read_boxes(tab + 1, &n);
        pdf_redaction rd = { cuts, n, never, NULL, NULL, 0, 0 };
        pdf_redacted out;
        char *err = NULL;
        if (!pdf || pdf_redact(pdf, len, &rd, &out, &err) != 0) {
            fprintf(stderr, "%s: %s\n", line, err ? err : "cannot read");
            rc = 1;
        } else {
            char *dest = xasprintf("%s/%s", argv[2], basename(line));
            FILE *o = fopen(dest, "wb");
            if (!o || fwrite(out.data, 1, out.len, o) != out.len) rc = 1;
            if (o) fclose(o);
            free(dest);
            free(out.data);
            free(out.view);
            free(out.image_pages);
        }
        free(err);
        free(cuts);
        free(pdf);
    }
    fclose(list);
    return rc;
}

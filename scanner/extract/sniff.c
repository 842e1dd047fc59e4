/* sniff.c — what an input is, from its first bytes (see extract.h). */
#include <string.h>
#include <strings.h>

#include "extract.h"

typedef struct magic {
    const char *bytes;
    size_t len;
    doc_kind kind;
    const char *format, *what;
} magic;

static const magic magics[] = {
    { "%PDF-", 5, KIND_PDF, "pdf", "PDF document" },
    { "PK\x03\x04", 4, KIND_ZIP, "zip", "ZIP container" },
    { "PK\x05\x06", 4, KIND_ZIP, "zip", "empty ZIP container" },
    { "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, KIND_OLE, "ole", "legacy Office document (DOC/XLS/PPT)" },
    { "{\\rtf", 5, KIND_TEXT, "text", NULL },
    { "\x89PNG", 4, KIND_OTHER, "image", "PNG image" },
    { "\xFF\xD8\xFF", 3, KIND_OTHER, "image", "JPEG image" },
    { "GIF8", 4, KIND_OTHER, "image", "GIF image" },
    { "II*\0", 4, KIND_OTHER, "image", "TIFF image" },
    { "MM\0*", 4, KIND_OTHER, "image", "TIFF image" },
    { "\x7F" "ELF", 4, KIND_OTHER, "binary", "program (ELF)" },
    { "\x1F\x8B", 2, KIND_OTHER, "binary", "gzip archive" },
    { "7z\xBC\xAF", 4, KIND_OTHER, "binary", "7-Zip archive" },
    { "Rar!", 4, KIND_OTHER, "binary", "RAR archive" },
};

/* Share of bytes that never occur in text. */
static int looks_binary(const unsigned char *h, size_t n)
{
    size_t probe = n < 8192 ? n : 8192, nul = 0, ctl = 0, nul_even = 0, nul_odd = 0;
    for (size_t i = 0; i < probe; i++) {
        unsigned char c = h[i];
        if (c == 0) {
            nul++;
            if (i % 2) nul_odd++;
            else nul_even++;
        } else if ((c < 0x09) || (c > 0x0D && c < 0x20 && c != 0x1B) || c == 0x7F) {
            ctl++;
        }
    }
    if (!probe) return 0;
    /* UTF-16 without a BOM: NULs in every other byte. */
    if (nul > probe / 4 && (nul_even < probe / 40 || nul_odd < probe / 40)) return 0;
    return nul * 10 > probe || (nul + ctl) * 20 > probe;
}

/* HTML: after a BOM and white space, one of the tags a page starts with. */
static int looks_html(const unsigned char *h, size_t n)
{
    size_t i = 0;
    if (n >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF) i = 3;
    while (i < n && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' || h[i] == '\n')) i++;
    static const char *starts[] = { "<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<!--" };
    for (size_t k = 0; k < sizeof starts / sizeof *starts; k++) {
        size_t l = strlen(starts[k]);
        if (n - i >= l && strncasecmp((const char *)h + i, starts[k], l) == 0) {
            if (k < 6) return 1;
            /* A comment first: HTML only if a tag of a page follows soon. */
            for (size_t j = i; j + 5 < n && j < i + 4096; j++)
                if (strncasecmp((const char *)h + j, "<html", 5) == 0 || strncasecmp((const char *)h + j, "<body", 5) == 0)
                    return 1;
        }
    }
    return 0;
}

void sniff(const unsigned char *head, size_t n, sniff_result *out)
{
    for (size_t i = 0; i < sizeof magics / sizeof *magics; i++) {
        const magic *m = &magics[i];
        if (n >= m->len && memcmp(head, m->bytes, m->len) == 0) {
            out->kind = m->kind;
            out->format = m->format;
            out->what = m->what;
            return;
        }
    }
    int bom = n >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF));
    if (!bom && looks_binary(head, n)) {
        out->kind = KIND_OTHER;
        out->format = "binary";
        out->what = "binary file";
        return;
    }
    int html = looks_html(head, n);
    out->kind = html ? KIND_HTML : KIND_TEXT;
    out->format = html ? "html" : "text";
    out->what = NULL;
}

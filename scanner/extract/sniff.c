/* sniff.c — what an input is, from its first bytes (see extract.h). */
#include <string.h>

#include "extract.h"

typedef struct magic {
    const char *bytes;
    size_t len;
    doc_kind kind;
    const char *format, *what;
} magic;

static const magic magics[] = {
    { "%PDF-", 5, KIND_DOCUMENT, "pdf", "PDF document" },
    { "PK\x03\x04", 4, KIND_DOCUMENT, "zip", "ZIP container (DOCX, XLSX, ODT, ZIP...)" },
    { "PK\x05\x06", 4, KIND_DOCUMENT, "zip", "empty ZIP container" },
    { "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, KIND_DOCUMENT, "ole", "legacy Office document (DOC/XLS/PPT)" },
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
    out->kind = KIND_TEXT;
    out->format = "text";
    out->what = NULL;
}

/* sniff.c — what an input is, from its first bytes (see extract.h).
 *
 * Only a known signature makes an input something other than a document:
 * images other than PNG, JPEG and TIFF (which OCR reads: formats.def),
 * programs, media, fonts, databases and compressed streams that are not
 * opened.  Bytes with no known signature are read as
 * text, however many NULs or control bytes they hold (a NUL-padded export is
 * text): a file is never passed as clean because it looked binary. */
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
#define FORMAT(id, name, reader, signature, what) { signature, sizeof signature - 1, KIND_##id, name, what },
#include "formats.def"
#undef FORMAT
    { "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, KIND_OLE, "ole", "legacy Office document (DOC/XLS/PPT)" },
    { "{\\rtf", 5, KIND_TEXT, "text", NULL },
    { "GIF8", 4, KIND_OTHER, "image", "GIF image" },
    { "\x7F" "ELF", 4, KIND_OTHER, "binary", "program (ELF)" },
    { "\x1F\x8B", 2, KIND_OTHER, "binary", "gzip archive" },
    { "7z\xBC\xAF", 4, KIND_OTHER, "binary", "7-Zip archive" },
    { "Rar!", 4, KIND_OTHER, "binary", "RAR archive" },
    { "\xFD" "7zXZ\0", 6, KIND_OTHER, "binary", "xz archive" },
    { "BZh", 3, KIND_OTHER, "binary", "bzip2 archive" },
    { "\x28\xB5\x2F\xFD", 4, KIND_OTHER, "binary", "zstd archive" },
    { "SQLite format 3\0", 16, KIND_OTHER, "binary", "SQLite database" },
    { "\xCA\xFE\xBA\xBE", 4, KIND_OTHER, "binary", "program (Java class or Mach-O)" },
    { "\xCF\xFA\xED\xFE", 4, KIND_OTHER, "binary", "program (Mach-O)" },
    { "\0asm", 4, KIND_OTHER, "binary", "program (WebAssembly)" },
    { "wOFF", 4, KIND_OTHER, "binary", "font (WOFF)" },
    { "wOF2", 4, KIND_OTHER, "binary", "font (WOFF2)" },
    { "OTTO", 4, KIND_OTHER, "binary", "font (OpenType)" },
    { "\0\x01\0\0\0", 5, KIND_OTHER, "binary", "font (TrueType)" },
    { "ID3", 3, KIND_OTHER, "binary", "audio (MP3)" },
    { "OggS", 4, KIND_OTHER, "binary", "audio or video (Ogg)" },
    { "fLaC", 4, KIND_OTHER, "binary", "audio (FLAC)" },
    { "\x1A\x45\xDF\xA3", 4, KIND_OTHER, "binary", "video (Matroska/WebM)" },
    { "8BPS", 4, KIND_OTHER, "image", "Photoshop image" },
    { "\0\0\1\0", 4, KIND_OTHER, "image", "icon (ICO)" },
};

/* Signatures that do not stand at the first byte: RIFF containers (WAV,
 * AVI, WebP) and ISO media (MP4, MOV, HEIC, AVIF: "ftyp" at byte 4). */
static int media_at_4(const unsigned char *h, size_t n, sniff_result *out)
{
    if (n >= 12 && !memcmp(h, "RIFF", 4)) {
        out->format = memcmp(h + 8, "WEBP", 4) ? "binary" : "image";
        out->what = memcmp(h + 8, "WEBP", 4) ? "audio or video (RIFF)" : "WebP image";
    } else if (n >= 12 && !memcmp(h + 4, "ftyp", 4)) {
        int still = !memcmp(h + 8, "heic", 4) || !memcmp(h + 8, "heix", 4) || !memcmp(h + 8, "avif", 4) ||
                    !memcmp(h + 8, "mif1", 4);
        out->format = still ? "image" : "binary";
        out->what = still ? "HEIC/AVIF image" : "video (MP4/QuickTime)";
    } else {
        return 0;
    }
    out->kind = KIND_OTHER;
    return 1;
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
        if (m->len && n >= m->len && memcmp(head, m->bytes, m->len) == 0) {
            out->kind = m->kind;
            out->format = m->format;
            out->what = m->what;
            return;
        }
    }
    if (media_at_4(head, n, out)) return;
    int html = looks_html(head, n);
    out->kind = html ? KIND_HTML : KIND_TEXT;
    out->format = html ? "html" : "text";
    out->what = html ? "HTML page" : NULL;
}

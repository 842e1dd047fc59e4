/* ocr.c — Thai OCR of page images with Tesseract (see ocr.h).
 *
 * Tesseract's C API and the few Leptonica calls that decode image files are
 * bound through lazylib.h.  OpenMP inside Tesseract is held to one thread
 * (OMP_THREAD_LIMIT, set before the library is loaded, unless the user set
 * it): pages are read in parallel by the PDF reader's threads, and
 * Tesseract's own threads on top of them cost twice the CPU for the same
 * time (measured: 5.9 s user + 5.2 s system against 2.5 s for one A4 page). */
#include "ocr.h"

#include <leptonica/allheaders.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#include "../util/buf.h"
#include "../util/lazylib.h"
#include "../util/utf8.h"
#include "ocr_digits.h"

#define TESS_LIB "libtesseract.so.5"
#define LEPT_LIB "liblept.so.5"
#define LANG "tha"

/* The largest image decoded for OCR: an A3 page at 400 dpi.  A picture
 * that claims more (a decompression bomb) is not decoded. */
#define MAX_IMAGE_PIXELS (4677L * 6614L)

/* Below this mean word confidence a page is not trusted (ocr_page_unreadable). */
#define MIN_PAGE_CONF 60.0f

static struct {
    TessBaseAPI *(*create)(void);
    void (*del)(TessBaseAPI *);
    int (*init3)(TessBaseAPI *, const char *, const char *);
    BOOL (*set_variable)(TessBaseAPI *, const char *, const char *);
    void (*set_psm)(TessBaseAPI *, TessPageSegMode);
    void (*set_image)(TessBaseAPI *, const unsigned char *, int, int, int, int);
    void (*set_image2)(TessBaseAPI *, struct Pix *);
    void (*set_resolution)(TessBaseAPI *, int);
    int (*recognize)(TessBaseAPI *, ETEXT_DESC *);
    TessResultIterator *(*iterator)(TessBaseAPI *);
    void (*clear)(TessBaseAPI *);
    void (*end)(TessBaseAPI *);
    TessPageIterator *(*page_iter)(TessResultIterator *);
    BOOL (*box)(const TessPageIterator *, TessPageIteratorLevel, int *, int *, int *, int *);
    char *(*text)(const TessResultIterator *, TessPageIteratorLevel);
    float (*confidence)(const TessResultIterator *, TessPageIteratorLevel);
    BOOL (*next)(TessResultIterator *, TessPageIteratorLevel);
    void (*iter_delete)(TessResultIterator *);
    void (*delete_text)(const char *);
    BOOL (*at_beginning)(const TessPageIterator *, TessPageIteratorLevel);
    struct Pix *(*thresholded)(TessBaseAPI *);
} tess;

static struct {
    PIX *(*read_mem)(const l_uint8 *, size_t);
    PIX *(*read_mem_tiff)(const l_uint8 *, size_t, l_int32);
    void (*destroy)(PIX **);
    l_int32 (*xres)(const PIX *);
    l_int32 (*severity)(l_int32);
    l_ok (*header)(const l_uint8 *, size_t, l_int32 *, l_int32 *, l_int32 *, l_int32 *, l_int32 *, l_int32 *);
    l_ok (*tiff_header)(const l_uint8 *, size_t, l_int32, l_int32 *, l_int32 *, l_int32 *, l_int32 *, l_int32 *,
                        l_int32 *, l_int32 *);
    l_int32 (*width)(const PIX *);
    l_int32 (*height)(const PIX *);
    l_int32 (*depth)(const PIX *);
    l_int32 (*wpl)(const PIX *);
    l_uint32 *(*data)(PIX *);
} lept;

static const lazy_fn tess_fns[] = {
    LAZY_FN(tess.create, TessBaseAPICreate),
    LAZY_FN(tess.del, TessBaseAPIDelete),
    LAZY_FN(tess.init3, TessBaseAPIInit3),
    LAZY_FN(tess.set_variable, TessBaseAPISetVariable),
    LAZY_FN(tess.set_psm, TessBaseAPISetPageSegMode),
    LAZY_FN(tess.set_image, TessBaseAPISetImage),
    LAZY_FN(tess.set_image2, TessBaseAPISetImage2),
    LAZY_FN(tess.set_resolution, TessBaseAPISetSourceResolution),
    LAZY_FN(tess.recognize, TessBaseAPIRecognize),
    LAZY_FN(tess.iterator, TessBaseAPIGetIterator),
    LAZY_FN(tess.clear, TessBaseAPIClear),
    LAZY_FN(tess.end, TessBaseAPIEnd),
    LAZY_FN(tess.page_iter, TessResultIteratorGetPageIterator),
    LAZY_FN(tess.box, TessPageIteratorBoundingBox),
    LAZY_FN(tess.text, TessResultIteratorGetUTF8Text),
    LAZY_FN(tess.confidence, TessResultIteratorConfidence),
    LAZY_FN(tess.next, TessResultIteratorNext),
    LAZY_FN(tess.iter_delete, TessResultIteratorDelete),
    LAZY_FN(tess.delete_text, TessDeleteText),
    LAZY_FN(tess.at_beginning, TessPageIteratorIsAtBeginningOf),
    LAZY_FN(tess.thresholded, TessBaseAPIGetThresholdedImage),
};
static const lazy_fn lept_fns[] = {
    LAZY_FN(lept.read_mem, pixReadMem),
    LAZY_FN(lept.read_mem_tiff, pixReadMemTiff),
    LAZY_FN(lept.destroy, pixDestroy),
    LAZY_FN(lept.xres, pixGetXRes),
    LAZY_FN(lept.severity, setMsgSeverity),
    LAZY_FN(lept.header, pixReadHeaderMem),
    LAZY_FN(lept.tiff_header, readHeaderMemTiff),
    LAZY_FN(lept.width, pixGetWidth),
    LAZY_FN(lept.height, pixGetHeight),
    LAZY_FN(lept.depth, pixGetDepth),
    LAZY_FN(lept.wpl, pixGetWpl),
    LAZY_FN(lept.data, pixGetData),
};
static lazy_lib tess_lib = { TESS_LIB, tess_fns, sizeof tess_fns / sizeof *tess_fns, 0, 0 };
static lazy_lib lept_lib = { LEPT_LIB, lept_fns, sizeof lept_fns / sizeof *lept_fns, 0, 0 };

static const char *const MISSING =
    "OCR is not installed (" TESS_LIB " and the Thai model: Debian packages libtesseract5, tesseract-ocr-tha)";

static pthread_once_t env_once = PTHREAD_ONCE_INIT;
static void one_omp_thread(void) { setenv("OMP_THREAD_LIMIT", "1", 0); }

/* PDPASCAN_OCR_LIB names another library to open instead (the tests make
 * OCR missing with a name that does not exist). */
static int libs_open(void)
{
    pthread_once(&env_once, one_omp_thread);
    const char *other = getenv("PDPASCAN_OCR_LIB");
    if (other && *other) tess_lib.soname = other;
    if (!lazylib_open(&tess_lib) || !lazylib_open(&lept_lib)) return 0;
    lept.severity(L_SEVERITY_NONE); /* Leptonica's messages (a TIFF's last page passed) are not ours */
    return 1;
}

/* The engine of this thread, ended when the thread ends. */
static pthread_key_t engine_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void engine_end(void *p)
{
    tess.end(p);
    tess.del(p);
}

static void key_make(void) { pthread_key_create(&engine_key, engine_end); }

static TessBaseAPI *engine(const char **why)
{
    if (!libs_open()) {
        *why = MISSING;
        return NULL;
    }
    pthread_once(&key_once, key_make);
    TessBaseAPI *api = pthread_getspecific(engine_key);
    if (api) return api;
    api = tess.create();
    /* Tesseract prints warnings (resolution, empty pages) on stderr: not for our users */
    tess.set_variable(api, "debug_file", "/dev/null");
    if (tess.init3(api, NULL, LANG) != 0) {
        tess.del(api);
        *why = "OCR is installed but its Thai model is not (Debian package tesseract-ocr-tha)";
        return NULL;
    }
    tess.set_psm(api, PSM_AUTO);
    pthread_setspecific(engine_key, api);
    return api;
}

int ocr_ready(const char **why) { return engine(why) ? 0 : -1; }

/* Is the code point a Thai mark that rides on a letter? */
static int thai_mark(uint32_t cp) { return cp_is_thai(cp) && thai_index_combining(cp - 0x0E00); }

/* Tesseract's words in a line it read: pieces separated by spaces. */
static size_t count_words(const char *t)
{
    size_t n = 0;
    for (int in = 0; *t; t++) {
        int sp = *t == ' ' || *t == '\n';
        n += !sp && !in;
        in = !sp;
    }
    return n;
}

/* The boxes of one line's digits (and letters that may be misread digits:
 * ocr_digit_like), in the order they stand in its text. */
typedef struct line_digits {
    lbox *box;
    size_t n, cap;
    int thai; /* how many of them are Thai digits */
} line_digits;

/* The digit-like characters of a symbol Tesseract read, each with the
 * symbol's box. */
static void add_digits(line_digits *ld, const char *sym, lbox box)
{
    size_t len = strlen(sym);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)sym + i, len - i, &cp);
        if (!k) break;
        i += k;
        if (!ocr_digit_like(cp)) continue;
        if (ld->n == ld->cap) {
            ld->cap = ld->cap ? 2 * ld->cap : 16;
            ld->box = xrealloc(ld->box, ld->cap * sizeof *ld->box);
        }
        ld->box[ld->n++] = box;
        ld->thai += cp_is_thai_digit(cp);
    }
}

/* Start a line at the iterator's place: 1 when it has words (and is kept). */
static int start_line(TessResultIterator *it, TessPageIterator *pi, ocr_page *out, size_t *cap, double *sum)
{
    int l, t, r, b, kept = 0;
    char *line = tess.text(it, RIL_TEXTLINE);
    if (line && tess.box(pi, RIL_TEXTLINE, &l, &t, &r, &b)) {
        size_t len = strlen(line), words;
        while (len && (line[len - 1] == '\n' || line[len - 1] == ' ')) line[--len] = 0;
        if ((words = count_words(line))) {
            if (out->n == *cap) {
                *cap = *cap ? 2 * *cap : 64;
                out->lines = xrealloc(out->lines, *cap * sizeof *out->lines);
            }
            out->lines[out->n++] = (ocr_line){ xstrdup(line), { l, t, r, b } };
            out->words += words;
            *sum += tess.confidence(it, RIL_TEXTLINE) * (double)words;
            kept = 1;
        }
    }
    if (line) tess.delete_text(line);
    return kept;
}

/* The page picture as Tesseract thresholded it, a byte a pixel, 1 for ink;
 * px NULL when there is none to be had. */
static bitmap thresholded(TessBaseAPI *api)
{
    bitmap bm = { 0 };
    PIX *pix = tess.thresholded(api);
    if (!pix) return bm;
    if (lept.depth(pix) == 1) {
        int w = lept.width(pix), h = lept.height(pix), wpl = lept.wpl(pix);
        const l_uint32 *d = lept.data(pix);
        unsigned char *px = xmalloc((size_t)w * (size_t)h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) px[(size_t)y * w + x] = d[(size_t)y * wpl + (x >> 5)] >> (31 - (x & 31)) & 1;
        bm = (bitmap){ px, w, h, w };
    }
    lept.destroy(&pix);
    return bm;
}

/* Lines with Thai digits read again by the Thai-digit reader (ocr_digits.h). */
static void reread_digits(TessBaseAPI *api, ocr_page *out, line_digits *ld)
{
    bitmap bm = { 0 };
    for (size_t i = 0; i < out->n; i++) {
        if (!ld[i].thai) continue;
        if (!bm.px && !(bm = thresholded(api)).px) return;
        ocr_digits_reread(&out->lines[i].text, ld[i].box, ld[i].n, &bm);
    }
    free((void *)bm.px);
}

/* What Tesseract read, line by line, symbol by symbol (for the digits'
 * places). */
static void collect(TessBaseAPI *api, ocr_page *out)
{
    memset(out, 0, sizeof *out);
    out->conf = -1;
    TessResultIterator *it = tess.iterator(api);
    if (!it) return;
    TessPageIterator *pi = tess.page_iter(it);
    double sum = 0;
    size_t cap = 0, ld_cap = 0;
    line_digits *ld = NULL; /* one for each of out->lines */
    int in_line = 0;
    do {
        if (tess.at_beginning(pi, RIL_TEXTLINE)) in_line = start_line(it, pi, out, &cap, &sum);
        if (cap > ld_cap) {
            ld = xrealloc(ld, cap * sizeof *ld);
            memset(ld + ld_cap, 0, (cap - ld_cap) * sizeof *ld);
            ld_cap = cap;
        }
        int l, t, r, b;
        char *sym = in_line ? tess.text(it, RIL_SYMBOL) : NULL;
        if (sym && tess.box(pi, RIL_SYMBOL, &l, &t, &r, &b)) add_digits(&ld[out->n - 1], sym, (lbox){ l, t, r, b });
        if (sym) tess.delete_text(sym);
    } while (tess.next(it, RIL_SYMBOL));
    tess.iter_delete(it);
    if (out->words) out->conf = (float)(sum / (double)out->words);
    reread_digits(api, out, ld);
    for (size_t i = 0; i < ld_cap; i++) free(ld[i].box);
    free(ld);
}

int ocr_gray(const unsigned char *px, int w, int h, int stride, int dpi, ocr_page *out, const char **why)
{
    memset(out, 0, sizeof *out);
    TessBaseAPI *api = engine(why);
    if (!api) return -1;
    tess.set_image(api, px, w, h, 1, stride);
    tess.set_resolution(api, dpi);
    if (tess.recognize(api, NULL) != 0) {
        tess.clear(api);
        *why = "OCR failed on the page image";
        return -1;
    }
    collect(api, out);
    tess.clear(api);
    return 0;
}

int ocr_image(const unsigned char *data, size_t len, int tiff, int no, ocr_page *out, int *dpi, const char **why)
{
    memset(out, 0, sizeof *out);
    *dpi = 0;
    TessBaseAPI *api = engine(why);
    if (!api) return -1;
    if (!tiff && no > 0) return 1;
    l_int32 w = 0, h = 0, bps, spp, res, cmap, format;
    int head = tiff ? lept.tiff_header(data, len, no, &w, &h, &bps, &spp, &res, &cmap, &format)
                    : lept.header(data, len, &format, &w, &h, &bps, &spp, &cmap);
    if (head != 0) {
        if (tiff && no > 0) return 1; /* past the last page */
        *why = "the image could not be decoded";
        return -1;
    }
    if (w <= 0 || h <= 0 || (long)w * (long)h > MAX_IMAGE_PIXELS) {
        *why = "the image is too large to read by OCR (over 30 million pixels)";
        return -1;
    }
    PIX *pix = tiff ? lept.read_mem_tiff(data, len, no) : lept.read_mem(data, len);
    if (!pix) {
        if (tiff && no > 0) return 1;
        *why = "the image could not be decoded";
        return -1;
    }
    *dpi = lept.xres(pix);
    tess.set_image2(api, pix);
    if (*dpi < 70 || *dpi > 2400) tess.set_resolution(api, 300); /* unknown: Tesseract's own guess warns */
    int rc = tess.recognize(api, NULL);
    if (rc == 0) collect(api, out);
    tess.clear(api);
    lept.destroy(&pix);
    if (rc != 0) *why = "OCR failed on the image";
    return rc ? -1 : 0;
}

int ocr_page_unreadable(const ocr_page *p) { return p->words && p->conf < MIN_PAGE_CONF; }

/* --- the page's text from its lines --- */

static double height(const lbox *b) { return b->y2 - b->y1; }

/* Do lines a and b share most of the lower one's height (one row)? */
static int same_row(const lbox *a, const lbox *b)
{
    double top = a->y1 > b->y1 ? a->y1 : b->y1, bottom = a->y2 < b->y2 ? a->y2 : b->y2;
    double h = height(a) < height(b) ? height(a) : height(b);
    return h > 0 && bottom - top >= 0.5 * h;
}

static _Thread_local const ocr_line *sort_lines; /* qsort's context */
static int by_top(const void *x, const void *y)
{
    const lbox *a = &sort_lines[*(const size_t *)x].box, *b = &sort_lines[*(const size_t *)y].box;
    double ca = a->y1 + a->y2, cb = b->y1 + b->y2;
    return ca < cb ? -1 : ca > cb;
}
static int by_left(const void *x, const void *y)
{
    const lbox *a = &sort_lines[*(const size_t *)x].box, *b = &sort_lines[*(const size_t *)y].box;
    return a->x1 < b->x1 ? -1 : a->x1 > b->x1;
}

static void put(page_layout *out, const char *s, size_t k, lbox b)
{
    if (out->nboxes == out->cap) {
        out->cap = out->cap ? 2 * out->cap : 1024;
        out->boxes = xrealloc(out->boxes, out->cap * sizeof *out->boxes);
    }
    buf_append(&out->text, s, k);
    out->boxes[out->nboxes++] = b;
}

/* Line l's characters, its box (scaled) cut into a slice per letter. */
static void put_line(page_layout *out, const ocr_line *l, double scale)
{
    const char *t = l->text;
    size_t len = strlen(t), letters = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)t + i, len - i, &cp);
        if (!k) return;
        letters += !thai_mark(cp);
        i += k;
    }
    double x = l->box.x1 * scale, step = letters ? (l->box.x2 - l->box.x1) * scale / (double)letters : 0;
    lbox slice = { x, l->box.y1 * scale, x, l->box.y2 * scale };
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)t + i, len - i, &cp);
        if (!thai_mark(cp)) {
            slice.x1 = slice.x2;
            slice.x2 = slice.x1 + step;
        }
        put(out, t + i, k, slice);
        i += k;
    }
}

void ocr_to_layout(const ocr_page *p, double scale, page_layout *out)
{
    memset(out, 0, sizeof *out);
    buf_init(&out->text);
    size_t *ord = xmalloc((p->n ? p->n : 1) * sizeof *ord);
    for (size_t i = 0; i < p->n; i++) ord[i] = i;
    sort_lines = p->lines;
    qsort(ord, p->n, sizeof *ord, by_top);
    static const lbox none = { 0, 0, 0, 0 };
    for (size_t from = 0; from < p->n;) {
        size_t to = from + 1;
        while (to < p->n && same_row(&p->lines[ord[from]].box, &p->lines[ord[to]].box)) to++;
        qsort(ord + from, to - from, sizeof *ord, by_left);
        if (from) put(out, "\n", 1, none);
        for (size_t j = from; j < to; j++) {
            const ocr_line *l = &p->lines[ord[j]];
            if (j > from) {
                const lbox *prev = &p->lines[ord[j - 1]].box;
                put(out, l->box.x1 - prev->x2 > height(&l->box) ? "\t" : " ", 1, none);
            }
            put_line(out, l, scale);
        }
        from = to;
    }
    free(ord);
}

void ocr_page_free(ocr_page *p)
{
    for (size_t i = 0; i < p->n; i++) free(p->lines[i].text);
    free(p->lines);
    memset(p, 0, sizeof *p);
}

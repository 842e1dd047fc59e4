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
#include "ocr_cells.h"
#include "ocr_digits.h"
#include "ocr_latin.h"
#include "ocr_rules.h"
#include "ocr_tidy.h"

#define TESS_LIB "libtesseract.so.5"
#define LEPT_LIB "liblept.so.5"
#define LANG "tha"

/* The largest image decoded for OCR: an A3 page at 400 dpi.  A picture
 * that claims more (a decompression bomb) is not decoded. */
#define MAX_IMAGE_PIXELS (4677L * 6614L)

/* A pixel darker than this is ink when looking for a table's borders. */
#define INK_BELOW 128

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
    void (*orientation)(TessPageIterator *, TessOrientation *, TessWritingDirection *, TessTextlineOrder *, float *);
    void (*set_rectangle)(TessBaseAPI *, int, int, int, int);
    char *(*utf8_text)(TessBaseAPI *);
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
    PIX *(*convert_to8)(PIX *, l_int32);
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
    LAZY_FN(tess.orientation, TessPageIteratorOrientation),
    LAZY_FN(tess.set_rectangle, TessBaseAPISetRectangle),
    LAZY_FN(tess.utf8_text, TessBaseAPIGetUTF8Text),
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
    LAZY_FN(lept.convert_to8, pixConvertTo8),
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

/* The engines of this thread (Thai; English, for what the Thai model
 * cannot read: ocr_latin.h), ended when the thread ends. */
enum { THAI, LATIN, ENGINES };
static pthread_key_t engine_key[ENGINES];
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static _Thread_local int latin_missing; /* this thread found no English model */

static void engine_end(void *p)
{
    tess.end(p);
    tess.del(p);
}

static void key_make(void)
{
    for (int k = 0; k < ENGINES; k++) pthread_key_create(&engine_key[k], engine_end);
}

/* This thread's engine k, reading lang, or NULL when its model is missing. */
static TessBaseAPI *engine_of(int k, const char *lang)
{
    pthread_once(&key_once, key_make);
    TessBaseAPI *api = pthread_getspecific(engine_key[k]);
    if (api) return api;
    api = tess.create();
    /* Tesseract prints warnings (resolution, empty pages) on stderr: not for our users */
    tess.set_variable(api, "debug_file", "/dev/null");
    if (tess.init3(api, NULL, lang) != 0) {
        tess.del(api);
        return NULL;
    }
    tess.set_psm(api, k == THAI ? PSM_AUTO : PSM_SINGLE_LINE);
    pthread_setspecific(engine_key[k], api);
    return api;
}

static TessBaseAPI *engine(const char **why)
{
    if (!libs_open()) {
        *why = MISSING;
        return NULL;
    }
    TessBaseAPI *api = engine_of(THAI, LANG);
    if (!api) *why = "OCR is installed but its Thai model is not (Debian package tesseract-ocr-tha)";
    return api;
}

int ocr_ready(const char **why) { return engine(why) ? 0 : -1; }

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

/* The digit-like characters of a symbol Tesseract read, each with the
 * symbol's box. */
static void add_digits(ocr_line_boxes *ld, const char *sym, lbox box)
{
    size_t len = strlen(sym);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)sym + i, len - i, &cp);
        if (!k) break;
        i += k;
        if (!ocr_digit_like(cp)) continue;
        if (ld->ndigits == ld->dcap) {
            ld->dcap = ld->dcap ? 2 * ld->dcap : 16;
            ld->digit = xrealloc(ld->digit, ld->dcap * sizeof *ld->digit);
        }
        ld->digit[ld->ndigits++] = box;
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

/* Lines with Thai digits read again by the Thai-digit reader (ocr_digits.h),
 * on Tesseract's thresholded picture (made for a page that has some). */
static void reread_digits(TessBaseAPI *api, ocr_page *out, const ocr_line_boxes *lb)
{
    bitmap bm = { 0 };
    for (size_t i = 0; i < out->n; i++) {
        if (!lb[i].thai) continue;
        if (!bm.px && !(bm = thresholded(api)).px) return;
        ocr_digits_reread(&out->lines[i].text, lb[i].digit, lb[i].ndigits, &bm);
    }
    free((void *)bm.px);
}

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The median height of the page's lines. */
static double median_height(const ocr_page *p)
{
    double *h = xmalloc((p->n ? p->n : 1) * sizeof *h);
    for (size_t i = 0; i < p->n; i++) h[i] = p->lines[i].box.y2 - p->lines[i].box.y1;
    qsort(h, p->n, sizeof *h, by_double);
    double m = p->n ? h[p->n / 2] : 0;
    free(h);
    return m;
}

/* A table's borders: lines longer than 2.5 text lines (no letter's stroke
 * is), thinner than a quarter of one.  Found in the page's own picture:
 * Tesseract's thresholded one has had them taken out. */
static void find_rules(ocr_page *out, const bitmap *bm)
{
    double h = median_height(out);
    if (!bm->px || h <= 0) return;
    int min_len = (int)(2.5 * h), max_w = h / 4 > 3 ? (int)(h / 4) : 3;
    out->nrules = ocr_vertical_rules(bm, min_len, max_w, &out->rules);
    if (out->nrules >= 2) out->nhrules = ocr_horizontal_rules(bm, min_len, max_w, &out->hrules);
}

/* Dark pixels of an 8-bit grey picture as ink (a byte a pixel, 1 for ink). */
static bitmap ink_of_gray(const unsigned char *px, int w, int h, int stride)
{
    unsigned char *ink = xmalloc((size_t)w * (size_t)h);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) ink[(size_t)y * w + x] = px[(size_t)y * stride + x] < INK_BELOW;
    return (bitmap){ ink, w, h, w };
}

/* The same for a Leptonica picture of any depth (none when it cannot be
 * made grey). */
static bitmap ink_of_pix(PIX *pix)
{
    bitmap bm = { 0 };
    PIX *g = lept.convert_to8(pix, 0);
    if (!g) return bm;
    int w = lept.width(g), h = lept.height(g), wpl = lept.wpl(g);
    const l_uint32 *d = lept.data(g);
    unsigned char *ink = xmalloc((size_t)w * (size_t)h);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) ink[(size_t)y * w + x] = (d[(size_t)y * wpl + (x >> 2)] >> (8 * (3 - (x & 3))) & 0xff) < INK_BELOW;
    lept.destroy(&g);
    return (bitmap){ ink, w, h, w };
}

/* The boxes of the word or symbol at the iterator's place, and its text
 * (heap, Tesseract's) when it has one. */
static char *piece(TessResultIterator *it, TessPageIterator *pi, TessPageIteratorLevel level, lbox *box)
{
    int l, t, r, b;
    char *s = tess.text(it, level);
    if (s && !tess.box(pi, level, &l, &t, &r, &b)) {
        tess.delete_text(s);
        return NULL;
    }
    if (s) *box = (lbox){ l, t, r, b };
    return s;
}

/* What Tesseract read, line by line, word by word (to find a table's
 * cells) and symbol by symbol (for the digits' places). */
static void collect(TessBaseAPI *api, ocr_page *out, const bitmap *ink)
{
    memset(out, 0, sizeof *out);
    out->conf = -1;
    TessResultIterator *it = tess.iterator(api);
    if (!it) return;
    TessPageIterator *pi = tess.page_iter(it);
    TessOrientation o;
    TessWritingDirection wd;
    TessTextlineOrder tlo;
    tess.orientation(pi, &o, &wd, &tlo, &out->skew); /* of the first block: a scan is turned as one sheet */
    double sum = 0;
    size_t cap = 0, lb_cap = 0;
    ocr_line_boxes *lb = NULL; /* one for each of out->lines */
    int in_line = 0;
    do {
        if (tess.at_beginning(pi, RIL_TEXTLINE)) in_line = start_line(it, pi, out, &cap, &sum);
        if (cap > lb_cap) {
            lb = xrealloc(lb, cap * sizeof *lb);
            memset(lb + lb_cap, 0, (cap - lb_cap) * sizeof *lb);
            lb_cap = cap;
        }
        if (!in_line) continue;
        ocr_line_boxes *line = &lb[out->n - 1];
        lbox box;
        char *s;
        if (tess.at_beginning(pi, RIL_WORD) && (s = piece(it, pi, RIL_WORD, &box))) {
            ocr_cells_word(line, out->lines[out->n - 1].text, s, box);
            tess.delete_text(s);
        }
        if ((s = piece(it, pi, RIL_SYMBOL, &box))) {
            ocr_cells_symbol(line, s, box);
            add_digits(line, s, box);
            tess.delete_text(s);
        }
    } while (tess.next(it, RIL_SYMBOL));
    tess.iter_delete(it);
    if (out->words) out->conf = (float)(sum / (double)out->words);
    if (ink) find_rules(out, ink);
    ocr_cells_split(out, &lb, &lb_cap, out->rules, out->nrules);
    reread_digits(api, out, lb);
    for (size_t i = 0; i < out->n; i++) ocr_line_tidy(out->lines[i].text);
    ocr_line_boxes_free(lb, lb_cap);
}

/* The page picture OCR read: grey pixels, or Leptonica's picture. */
typedef struct page_source {
    const unsigned char *px;
    int w, h, stride, dpi;
    PIX *pix;
} page_source;

/* Lines holding an @ read again in Latin script (ocr_latin.h), the English
 * engine shown the page once; without the English model they stay. */
static void reread_latin(const page_source *src, ocr_page *out)
{
    TessBaseAPI *eng = NULL;
    for (size_t i = 0; i < out->n; i++) {
        ocr_line *l = &out->lines[i];
        if (!strchr(l->text, '@')) continue;
        if (!eng) {
            if (latin_missing || !(eng = engine_of(LATIN, "eng"))) {
                latin_missing = 1;
                return;
            }
            if (src->pix) tess.set_image2(eng, src->pix);
            else tess.set_image(eng, src->px, src->w, src->h, 1, src->stride);
            tess.set_resolution(eng, src->dpi >= 70 && src->dpi <= 2400 ? src->dpi : 300);
        }
        int pad = (int)((l->box.y2 - l->box.y1) / 4);
        int x = (int)l->box.x1 - pad, y = (int)l->box.y1 - pad;
        x = x < 0 ? 0 : x;
        y = y < 0 ? 0 : y;
        tess.set_rectangle(eng, x, y, (int)l->box.x2 + pad - x, (int)l->box.y2 + pad - y);
        char *latin = tess.utf8_text(eng);
        if (latin) ocr_latin_swap(&l->text, latin);
        if (latin) tess.delete_text(latin);
    }
    if (eng) tess.clear(eng);
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
    bitmap ink = ink_of_gray(px, w, h, stride);
    collect(api, out, &ink);
    free((void *)ink.px);
    tess.clear(api);
    reread_latin(&(page_source){ px, w, h, stride, dpi, NULL }, out);
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
    if (rc == 0) {
        bitmap ink = ink_of_pix(pix);
        collect(api, out, &ink);
        free((void *)ink.px);
    }
    tess.clear(api);
    if (rc == 0) reread_latin(&(page_source){ NULL, 0, 0, 0, *dpi, pix }, out);
    lept.destroy(&pix);
    if (rc != 0) *why = "OCR failed on the image";
    return rc ? -1 : 0;
}

int ocr_page_unreadable(const ocr_page *p) { return p->words && p->conf < MIN_PAGE_CONF; }

void ocr_page_free(ocr_page *p)
{
    for (size_t i = 0; i < p->n; i++) free(p->lines[i].text);
    free(p->lines);
    free(p->rules);
    free(p->hrules);
    memset(p, 0, sizeof *p);
}

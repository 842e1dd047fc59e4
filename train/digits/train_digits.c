/* train_digits.c — make the Thai-digit reader's model at build time.
 *
 *   train_digits MODEL.c REPORT.txt
 *
 * Renders the Thai digits ๐..๙, the Arabic digits, a slash and Thai letters
 * (the class "other") in the Thai fonts Debian ships (SOURCES), each many times as a scanner gives them (scan_render.h), cuts
 * each glyph out as the reader does (digit_glyphs) and trains the network
 * of digit_net.h on them.  Four font families are held out of training;
 * the report says how the model reads glyphs and whole runs of digits
 * (IDs, phone numbers, dates) in those fonts, at 300 and 200 dpi.
 * MODEL.c gets the weights as C arrays.  Everything is seeded: the same
 * fonts give the same model.  TRAIN_DIGITS_DEBUG=1 prints the runs read
 * wrong, the classes confused and some glyphs read wrong, for tuning. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../scanner/formats/digit_net.h"
#include "../../scanner/formats/digit_reader.h"
#include "net_train.h"
#include "scan_render.h"

#define MAX_FONTS 128

/* The Thai fonts Debian ships (fonts-thai-tlwg, fonts-arundina,
 * fonts-freefont-ttf, fonts-noto-core): a directory and the start of the
 * file names wanted there. */
static const char *const SOURCES[][2] = {
    { "/usr/share/fonts/truetype/tlwg", "" },
    { "/usr/share/fonts/truetype/arundina", "Arundina" },
    { "/usr/share/fonts/truetype/freefont", "FreeSerif" },
    { "/usr/share/fonts/truetype/noto", "NotoSansThai" },
    { "/usr/share/fonts/truetype/noto", "NotoSerifThai" },
    { "/usr/share/fonts/truetype/noto", "NotoLoopedThai" },
};

/* Families the model never sees in training: the report's test. */
static const char *const HELD_OUT[] = { "Kinnari", "Sawasdee", "TlwgTypist", "ArundinaSerif" };

/* Letters for the class "other": what stands next to digits in a line. */
static const char *const OTHER[] = {
    "ก", "ข", "ค", "ง", "จ", "ฉ", "ช", "ซ", "ญ", "ฎ", "ฏ", "ฐ", "ฑ", "ฒ", "ณ", "ด", "ต", "ถ",
    "ท", "ธ", "น", "บ", "ป", "ผ", "ฝ", "พ", "ฟ", "ภ", "ม", "ย", "ร", "ล", "ว", "ศ", "ษ", "ส",
    "ห", "ฬ", "อ", "ฮ", "ะ", "า", "เ", "แ", "โ", "ใ", "ไ", "ๆ", "ฯ", "(", ")", "%", "A", "B",
};
#define N_OTHER (sizeof OTHER / sizeof *OTHER)

typedef struct font_file {
    char path[512];
    int held_out;
} font_file;

static int by_path(const void *a, const void *b) { return strcmp(((const font_file *)a)->path, ((const font_file *)b)->path); }

/* The font files of one source into out (room for MAX_FONTS - n more). */
static int list_dir(const char *dir, const char *prefix, font_file *out, int n)
{
    DIR *d = opendir(dir);
    if (!d) return n;
    for (struct dirent *e; (e = readdir(d)) && n < MAX_FONTS;) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".ttf") || strncmp(e->d_name, prefix, strlen(prefix))) continue;
        snprintf(out[n].path, sizeof out[n].path, "%s/%s", dir, e->d_name);
        out[n].held_out = 0;
        for (size_t i = 0; i < sizeof HELD_OUT / sizeof *HELD_OUT; i++)
            if (!strncmp(e->d_name, HELD_OUT[i], strlen(HELD_OUT[i]))) out[n].held_out = 1;
        n++;
    }
    closedir(d);
    return n;
}

static int list_fonts(font_file *out)
{
    int n = 0;
    for (size_t i = 0; i < sizeof SOURCES / sizeof *SOURCES; i++) n = list_dir(SOURCES[i][0], SOURCES[i][1], out, n);
    qsort(out, (size_t)n, sizeof *out, by_path);
    return n;
}

/* A class's text to draw: a digit, the slash, or a random letter. */
static const char *class_text(int c, rng *r)
{
    return c == CLASS_OTHER ? OTHER[rng_int(r, (int)N_OTHER)] : digit_class_text(c);
}

/* One sample of class c in font f: its features into x; 0 when the glyph
 * did not come out as ink (it is then skipped). */
static int sample(scan_font *f, double digit_h, int c, rng *r, float *x)
{
    scan_look look = scan_look_random(r);
    const char *text = class_text(c, r);
    if (!scan_font_has(f, text)) return 0; /* Noto's Thai fonts have no Latin */
    bitmap bm;
    scan_render(f, text, &look, r, &bm);
    double gh = digit_h * look.em;
    int box[8][4];
    digit_region whole = { 0, 0, bm.w, bm.h, 0, bm.w, gh, 0 };
    size_t n = digit_glyphs(&bm, &whole, box, 8);
    if (n == 0 || n > 8) {
        free((void *)bm.px);
        return 0;
    }
    size_t big = 0; /* the glyph: the largest piece (the others are noise) */
    for (size_t i = 1; i < n; i++)
        if ((box[i][2] - box[i][0]) * (box[i][3] - box[i][1]) > (box[big][2] - box[big][0]) * (box[big][3] - box[big][1])) big = i;
    int *b = box[big], ok = b[3] - b[1] >= gh * 0.5 && b[3] - b[1] <= gh * 2; /* else the render broke it up: not a sample */
    if (ok) glyph_features(&bm, b[0], b[1], b[2], b[3], gh, x);
    free((void *)bm.px);
    return ok;
}

/* How many samples of class c each font gives. */
static int per_font(int c) { return c < CLASS_ARABIC0 ? 60 : c < CLASS_SLASH ? 20 : c == CLASS_SLASH ? 20 : 160; }

static void make_samples(font_file *fonts, int nf, int held_out, rng *r, samples *s)
{
    for (int i = 0; i < nf; i++) {
        if (fonts[i].held_out != held_out) continue;
        scan_font *f = scan_font_open(fonts[i].path);
        if (!f) continue;
        double dh = scan_font_digit_height(f);
        for (int c = 0; c < NET_CLASSES; c++)
            for (int k = 0; k < per_font(c) / (held_out ? 2 : 1); k++) {
                float *x = samples_next(s);
                if (sample(f, dh, c, r, x)) samples_keep(s, c);
            }
        scan_font_close(f);
    }
}

/* Random digits of a run's shape: "d dddd ddddd dd d", "ddd-ddd-dddd" or "dd/dd/dddd". */
static void random_run(rng *r, char *out, char *digits)
{
    static const char *const shapes[] = { "d dddd ddddd dd d", "ddd-ddd-dddd", "dd/dd/dddd", "ddddddddddddd" };
    const char *s = shapes[rng_int(r, 4)];
    char *o = out, *dg = digits;
    for (; *s; s++) {
        if (*s != 'd') {
            *o++ = *s;
            continue;
        }
        int d = rng_int(r, 10);
        *o++ = (char)0xE0, *o++ = (char)0xB9, *o++ = (char)(0x90 + d);
        *dg++ = (char)('0' + d);
    }
    *o = 0, *dg = 0;
}

/* The digits' values in what the reader wrote (Thai or Arabic). */
static void values(const char *t, char *out)
{
    for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
        if (*p >= '0' && *p <= '9') *out++ = (char)*p;
        else if (p[0] == 0xE0 && p[1] == 0xB9 && p[2] >= 0x90 && p[2] <= 0x99) *out++ = (char)('0' + p[2] - 0x90), p += 2;
    }
    *out = 0;
}

static int edit_distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b), d[64][64];
    if (la > 63 || lb > 63) return la > lb ? la : lb;
    for (int i = 0; i <= la; i++) d[i][0] = i;
    for (int j = 0; j <= lb; j++) d[0][j] = j;
    for (int i = 1; i <= la; i++)
        for (int j = 1; j <= lb; j++) {
            int m = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < m) m = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < m) m = d[i][j - 1] + 1;
            d[i][j] = m;
        }
    return d[la][lb];
}

/* Runs of Thai digits in the held-out fonts, drawn at em sizes [lo, hi]
 * and read by digit_read: digits read right of digits written. */
static double run_accuracy(font_file *fonts, int nf, double lo, double hi, rng *r, int *runs, int *runs_right)
{
    long total = 0, wrong = 0;
    *runs = *runs_right = 0;
    for (int i = 0; i < nf; i++) {
        if (!fonts[i].held_out) continue;
        scan_font *f = scan_font_open(fonts[i].path);
        if (!f) continue;
        double dh = scan_font_digit_height(f);
        for (int k = 0; k < 40; k++) {
            char text[128], truth[32], got[64];
            random_run(r, text, truth);
            scan_look look = scan_look_random(r);
            look.em = rng_uniform(r, lo, hi);
            look.blur = rng_uniform(r, 0, 0.3) * look.em / 20;
            bitmap bm;
            scan_render(f, text, &look, r, &bm);
            buf out;
            buf_init(&out);
            /* thai_only 0: read as a run Tesseract read partly in Arabic digits, the harder case */
            digit_region whole = { 0, 0, bm.w, bm.h, 0, bm.w, dh * look.em, 0 };
            digit_read(&bm, &whole, &out);
            values(out.data ? out.data : "", got);
            int e = edit_distance(truth, got);
            if (getenv("TRAIN_DIGITS_DEBUG") && e) fprintf(stderr, "%s em=%.0f: %s -> %s\n", fonts[i].path, look.em, truth, out.data ? out.data : "");
            total += (long)strlen(truth), wrong += e;
            (*runs)++, *runs_right += e == 0;
            buf_free(&out);
            free((void *)bm.px);
        }
        scan_font_close(f);
    }
    return total ? 1.0 - (double)wrong / (double)total : 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: train_digits MODEL.c REPORT.txt\n");
        return 2;
    }
    font_file fonts[MAX_FONTS];
    int nf = list_fonts(fonts), held = 0;
    for (int i = 0; i < nf; i++) held += fonts[i].held_out;
    if (nf - held < 10 || held < 3) {
        fprintf(stderr, "train_digits: too few Thai fonts (Debian packages fonts-thai-tlwg, fonts-arundina, "
                        "fonts-freefont-ttf, fonts-noto-core)\n");
        return 1;
    }
    rng r = { 0x9E3779B97F4A7C15ULL };
    samples train = { 0 }, test = { 0 };
    make_samples(fonts, nf, 0, &r, &train);
    make_samples(fonts, nf, 1, &r, &test);
    net_train(&train, 14, &r);
    FILE *rep = fopen(argv[2], "w");
    if (!rep || net_write_c(argv[1]) != 0) {
        fprintf(stderr, "train_digits: cannot write %s or %s\n", argv[1], argv[2]);
        return 1;
    }
    int runs, right;
    fprintf(rep, "fonts_trained=%d fonts_held_out=%d samples=%zu\n", nf - held, held, train.n);
    fprintf(rep, "train_glyph_accuracy=%.4f\n", net_accuracy(&train, NULL));
    double digits_held, held_all = net_accuracy(&test, &digits_held);
    fprintf(rep, "held_out_glyph_accuracy=%.4f held_out_digit_glyph_accuracy=%.4f\n", held_all, digits_held);
    double a300 = run_accuracy(fonts, nf, 40, 70, &r, &runs, &right);
    fprintf(rep, "held_out_runs_300dpi: digits_right=%.4f runs=%d runs_right=%d\n", a300, runs, right);
    double a200 = run_accuracy(fonts, nf, 27, 47, &r, &runs, &right);
    fprintf(rep, "held_out_runs_200dpi: digits_right=%.4f runs=%d runs_right=%d\n", a200, runs, right);
    if (getenv("TRAIN_DIGITS_DEBUG")) net_confusions(&train, stderr), fprintf(stderr, "held:\n"), net_confusions(&test, stderr), net_dump_wrong(&train, stderr, 12);
    fclose(rep);
    samples_free(&train);
    samples_free(&test);
    return 0;
}

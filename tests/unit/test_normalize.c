/* test_normalize.c — the Thai normalizer's repairs (THAI-REFERENCE.md
 * section 3) and the offset map that leads every normalized byte back to its
 * source. */
#include "helpers.h"
#include "normalize/normalize.h"
#include "normalize/fast_path.h"
#include "util/simd.h"
#include "util/utf8.h"

/* Normalize src and compare with want; then check the map: every code point
 * boundary of the output maps to a code point boundary of the source, in
 * order, ends map to ends. */
static void norm_is(const char *src, const char *want)
{
    buf out;
    offmap map;
    buf_init(&out);
    offmap_init(&map);
    thai_normalize(src, strlen(src), &out, &map);
    if (strcmp(out.data, want) != 0) fprintf(stderr, "normalize(%s) = %s, want %s\n", src, out.data, want);
    assert_string_equal(out.data, want);
    assert_int_equal(offmap_start(&map, 0), 0);
    assert_int_equal(offmap_end(&map, out.len), strlen(src));
    size_t prev = 0;
    for (size_t n = 0; n <= out.len; n++) {
        if (n < out.len && ((unsigned char)out.data[n] & 0xC0) == 0x80) continue;
        size_t r = offmap_start(&map, n);
        assert_true(r >= prev);
        assert_true(r <= strlen(src));
        assert_true(r == strlen(src) || ((unsigned char)src[r] & 0xC0) != 0x80);
        prev = r;
    }
    buf_free(&out);
    offmap_free(&map);
}

static void test_digits(void **s)
{
    (void)s;
    norm_is("๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑", "1-2345-67890-12-1");
    norm_is("໑໒", "12");                  /* Lao digits */
    norm_is("１２３", "123");             /* full-width */
    norm_is("abc 123", "abc 123");
}

static void test_digit_offsets(void **s)
{
    (void)s;
    const char *src = "โทร ๐๘๑";
    buf out;
    offmap map;
    buf_init(&out);
    offmap_init(&map);
    thai_normalize(src, strlen(src), &out, &map);
    assert_string_equal(out.data, "โทร 081");
    size_t n0 = strlen("โทร ");
    assert_int_equal(offmap_start(&map, n0), n0);          /* '0' starts where ๐ starts */
    assert_int_equal(offmap_end(&map, n0 + 1), n0 + 3);    /* and ends where ๐ ends */
    assert_int_equal(offmap_start(&map, n0 + 2), n0 + 6);
    assert_int_equal(offmap_end(&map, n0 + 3), strlen(src));
    for (size_t r = 0; r <= strlen(src) + 1; r++) { /* the first normalized offset at or past each source offset */
        size_t want = 0;
        while (want < out.len && offmap_start(&map, want) < r) want++;
        assert_int_equal(offmap_first_at(&map, out.len, r), want);
    }
    assert_int_equal(offmap_first_at(&map, out.len, n0 + 4), n0 + 2); /* inside ๘: the digit after it */
    buf_free(&out);
    offmap_free(&map);
}

static void test_invisible_and_spaces(void **s)
{
    (void)s;
    norm_is("ก\u200bข\u200c\ufeffค\u00adง", "กขคง");
    norm_is("a\u00a0b\u2003c", "a b c");
    norm_is("081\u2013234\u2014567\u2212", "081-234-567-");
    norm_is("ต \u0e49องการ", "ต\u0e49องการ");          /* space before a tone mark */
    norm_is("a \u0e49", "a \u0e49");                     /* not after Thai: kept */
}

static void test_pua(void **s)
{
    (void)s;
    norm_is("โทรศ\uf710พท\uf70e", "โทรศ\u0e31พท\u0e4c");  /* Windows PUA */
    norm_is("ก\uf88b", "ก\u0e48");                         /* Mac PUA */
    norm_is("ก\uf89e", "ก\u0e10");
    norm_is("\uf700", "\uf700");                           /* alone: an Apple key code */
    norm_is("x\uf701y", "x\uf701y");
}

static void test_sara_am_and_order(void **s)
{
    (void)s;
    norm_is("ก\u0e4d\u0e32", "ก\u0e33");                  /* decomposed SARA AM */
    norm_is("น\u0e4d\u0e49\u0e32", "น\u0e49\u0e33");      /* NIKHAHIT tone AA */
    norm_is("น\u0e49\u0e4d\u0e32", "น\u0e49\u0e33");      /* tone NIKHAHIT AA */
    norm_is("ก\u0e33\u0e32", "ก\u0e33");                  /* doubled */
    norm_is("\u0e40\u0e40ก", "\u0e41ก");                  /* เเ -> แ */
    norm_is("ก\u0e48\u0e34", "ก\u0e34\u0e48");            /* tone before upper vowel */
    norm_is("ก\u0e48\u0e38", "ก\u0e38\u0e48");            /* tone before lower vowel */
    norm_is("ก\u0e32\u0e48", "ก\u0e48\u0e32");            /* AA before tone */
    norm_is("ก\u0e45", "ก\u0e32");                        /* ๅ after a consonant */
    norm_is("\u0e24\u0e45", "\u0e24\u0e45");              /* ฤๅ stays */
    norm_is("น\u0e49\u0e33", "น\u0e49\u0e33");            /* already right: unchanged (never NFKC) */
}

/* What the repairs make of the Thai pair a b (THAI-REFERENCE.md section 3),
 * written out independently of the normalizer's own tables. */
static int is_tone(unsigned c) { return c >= 0x48 && c <= 0x4B; }
static void ref_pair(unsigned a, unsigned b, unsigned out[2], int *n)
{
    *n = 2;
    out[0] = a;
    out[1] = b;
    if (a == 0x40 && b == 0x40) {
        out[0] = 0x41;
        *n = 1;
    } else if (a == 0x33 && b == 0x32) {
        *n = 1;
    } else if ((is_tone(a) && (b == 0x31 || (b >= 0x34 && b <= 0x3A))) ||
               ((a == 0x30 || a == 0x32 || a == 0x33) && is_tone(b))) {
        out[0] = b;
        out[1] = a;
    }
}

/* Every pair of Thai letters after a consonant: the fast path that copies
 * untouched text must hand every pair that needs a repair to the repairs. */
static void test_every_pair(void **s)
{
    (void)s;
    for (unsigned a = 0x01; a <= 0x5B; a++)
        for (unsigned b = 0x01; b <= 0x5B; b++) {
            int skip_a = (a >= 0x3B && a <= 0x3E) || a == 0x45 || a == 0x4D || (a >= 0x50 && a <= 0x59);
            int skip_b = (b >= 0x3B && b <= 0x3E) || b == 0x45 || b == 0x4D || (b >= 0x50 && b <= 0x59);
            if (skip_a || skip_b) continue;
            char src[16], want[16];
            unsigned r[2];
            int n;
            char *p = src;
            p += utf8_encode(0x0E01, p);
            p += utf8_encode(0x0E00 + a, p);
            p += utf8_encode(0x0E00 + b, p);
            *p = 0;
            ref_pair(a, b, r, &n);
            p = want;
            p += utf8_encode(0x0E01, p);
            for (int k = 0; k < n; k++) p += utf8_encode(0x0E00 + r[k], p);
            *p = 0;
            norm_is(src, want);
        }
}

static void test_lao_lookalikes(void **s)
{
    (void)s;
    norm_is("โพນໂກ", "โพนโก");             /* Lao letters inside a Thai word */
    norm_is("ສະບາຍດີ", "ສະບາຍດີ");         /* Lao text alone stays Lao */
}

/* The fast path from i, the given way, into out and map (emptied first). */
static size_t copy_way(const unsigned char *s, size_t n, size_t i, fast_path_way way, buf *out, offmap *map)
{
    buf_clear(out);
    offmap_clear(map);
    return fast_path_copy_by(s, n, i, out, map, way);
}

/* The same stop, the same text written and the same offset map. */
static void assert_same_copy(size_t j, const buf *out, const offmap *map, size_t want_j, const buf *want,
                             const offmap *want_map)
{
    assert_int_equal(j, want_j);
    assert_int_equal(out->len, want->len);
    assert_memory_equal(out->data, want->data, want->len + 1); /* (with the NUL) */
    assert_int_equal(map->len, want_map->len);
    for (size_t k = 0; k < map->len; k++) {
        assert_int_equal(map->v[k].n, want_map->v[k].n);
        assert_int_equal(map->v[k].r, want_map->v[k].r);
        assert_int_equal(map->v[k].nl, want_map->v[k].nl);
        assert_int_equal(map->v[k].rl, want_map->v[k].rl);
    }
}

/* The fast path in 32-byte blocks (SSSE3, and AVX2 where this machine has
 * it) and in 64-byte ones (AVX-512 where it has that: fast_path_best) stops
 * exactly where the character-by-character one stops and writes the same
 * text and offset map, wherever block edges fall: random mixes of
 * clean Thai and ASCII with every kind of place to repair (each pair of
 * repair_thai, ๅ, ํ, runs of Thai digits, a space before a mark, non-Thai
 * characters: punctuation, a Lao letter beside the Thai block), from every
 * start.  The stop is never a Thai digit, and the text before it needs no
 * repair (fast_path_one_by_one over what the digits left). */
static void test_fast_path_blocks(void **st)
{
    (void)st;
    static const char *clean[] = { "ก", "ข", "ว่", "า", "ที่", "เก", "ะ", "ั", "ิ", "a", "1", " ", "ำ", "เ" };
    static const char *repair[] = { "า่", "ะ้", "ำ๊", "ำา", "เเ", "่ิ", "้ั", "ุ๋", "่ํ", "ๅ", "ํ", "๑", "๒๕๖๗", "๑๒๓๔๕๖๗๘๙๐๑๒๓",
                                    " ่", "“", "\xE0\xB9\xBF", "ສ" };
    unsigned seed = 777;
    unsigned char s[400];
    buf want, out;
    offmap want_map, map;
    buf_init(&want);
    buf_init(&out);
    offmap_init(&want_map);
    offmap_init(&map);
    for (int round = 0; round < 3000; round++) {
        size_t n = 0;
        while (n < 300) {
            unsigned r = test_random(&seed, 1000);
            const char *piece = r < 960 || round % 4 == 0 ? clean[r % 14] : repair[r % 18];
            size_t l = strlen(piece);
            memcpy(s + n, piece, l);
            n += l;
        }
        for (size_t i = 0; i < n;) {
            size_t j = copy_way(s, n, i, FAST_PATH_CHARS, &want, &want_map);
            assert_false(j + 2 < n && s[j] == 0xE0 && s[j + 1] == 0xB9 && s[j + 2] >= 0x90 && s[j + 2] <= 0x99);
            const offmap_seg *lastseg = want_map.len ? &want_map.v[want_map.len - 1] : NULL;
            assert_int_equal(fast_path_one_by_one(s, n, lastseg ? lastseg->r + lastseg->rl : i), j);
            assert_same_copy(copy_way(s, n, i, FAST_PATH_SSSE3, &out, &map), &out, &map, j, &want, &want_map);
            if (pdp_has_avx2())
                assert_same_copy(copy_way(s, n, i, FAST_PATH_AVX2, &out, &map), &out, &map, j, &want, &want_map);
            assert_same_copy(copy_way(s, n, i, fast_path_best(), &out, &map), &out, &map, j, &want, &want_map);
            i = j + 1;
            while (i < n && (s[i] & 0xC0) == 0x80) i++;
        }
    }
    buf_free(&want);
    buf_free(&out);
    offmap_free(&map);
    offmap_free(&want_map);
}

/* Invalid UTF-8 at every block edge: runs of stray continuation bytes
 * (0x85 is "…" in windows-874; 37 and more once moved a block's back-up
 * before what it had copied: a write before the buffer, then no progress),
 * a lone lead byte and a cut Thai character, put at every offset of a
 * digit-free text.  Every way copies s[i, j) as it is (j > i or a stop the
 * character path takes), and the whole normalizer ends with a sane map. */
static void test_invalid_utf8_at_every_edge(void **st)
{
    (void)st;
    static const char *bad[] = { "\x85", "\x85\x85\x85", "\xE0\xB8", "\xE0", "\xC3", "\xF0\x9F\x98", "\xFF" };
    static const size_t runs[] = { 1, 2, 3, 4, 36, 37, 64, 70, 130 };
    unsigned char s[600];
    buf out, norm;
    offmap map;
    buf_init(&out);
    buf_init(&norm);
    offmap_init(&map);
    const char *text = "ประกาศ abc เทศบาลตำบล ที่ว่าการ xyz ";
    for (size_t b = 0; b < sizeof bad / sizeof *bad + sizeof runs / sizeof *runs; b++) {
        for (size_t at = 0; at < 200; at++) {
            size_t n = at, l = strlen(text);
            for (size_t k = 0; k < at; k++) s[k] = (unsigned char)text[k % l]; /* (maybe cut inside a character) */
            if (b < sizeof bad / sizeof *bad) {
                memcpy(s + n, bad[b], strlen(bad[b]));
                n += strlen(bad[b]);
            } else {
                memset(s + n, 0x85, runs[b - sizeof bad / sizeof *bad]);
                n += runs[b - sizeof bad / sizeof *bad];
            }
            for (size_t k = 0; n < 400; k++) s[n++] = (unsigned char)text[k % l];
            for (fast_path_way way = FAST_PATH_CHARS; way <= FAST_PATH_AVX512; way++) {
                if (way == FAST_PATH_AVX2 && !pdp_has_avx2()) continue;
                if (way == FAST_PATH_AVX512 && fast_path_best() != FAST_PATH_AVX512) continue;
                for (size_t i = 0; i < n; i += 7) {
                    size_t j = copy_way(s, n, i, way, &out, &map);
                    assert_true(j >= i && j <= n);
                    assert_int_equal(out.len, j - i);
                    assert_memory_equal(out.data, s + i, j - i);
                }
            }
            thai_normalize((const char *)s, n, &norm, &map);
            assert_true(norm.len > 0);
            for (size_t k = 0; k < map.len; k++) assert_true(map.v[k].r + map.v[k].rl <= n);
        }
    }
    buf_free(&out);
    buf_free(&norm);
    offmap_free(&map);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digits),
        cmocka_unit_test(test_digit_offsets),
        cmocka_unit_test(test_invisible_and_spaces),
        cmocka_unit_test(test_pua),
        cmocka_unit_test(test_sara_am_and_order),
        cmocka_unit_test(test_lao_lookalikes),
        cmocka_unit_test(test_every_pair),
        cmocka_unit_test(test_fast_path_blocks),
        cmocka_unit_test(test_invalid_utf8_at_every_edge),
    };
    return cmocka_run_group_tests_name("normalize", tests, NULL, NULL);
}

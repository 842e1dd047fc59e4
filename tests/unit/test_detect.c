/* test_detect.c — detectors through the public API: every written form of a
 * national ID and phone number in THAI-REFERENCE.md, the numbers that must
 * not be flagged, context words, offsets, masking and fingerprints. */
#include "helpers.h"

#include "detect/headtrie.h"
#include "detect/rules.h"
#include "util/simd.h"
#include "detect/digit_zones.h"

/* Scan text and expect exactly one finding of cat with this value. */
static void one(const char *text, const char *cat, const char *value, pdp_severity sev)
{
    pdp_result r;
    scan_str(text, &r);
    const pdp_finding *f = only(&r);
    assert_string_equal(f->category, cat);
    assert_string_equal(f->normalized, value);
    assert_int_equal(f->severity, sev);
    pdp_result_free(&r);
}

static void none(const char *text)
{
    pdp_result r;
    scan_str(text, &r);
    if (r.nfindings) fprintf(stderr, "unexpected finding in: %s\n", text);
    assert_int_equal(count_cat(&r, NULL), 0);
    pdp_result_free(&r);
}

static void test_national_id_written_forms(void **s)
{
    (void)s;
    const char *forms[] = {
        "เลขประจำตัวประชาชน 1234567890121",
        "เลขประจำตัวประชาชน 1-2345-67890-12-1",
        "เลขประจำตัวประชาชน 1 2345 67890 12 1",
        "เลขประจำตัวประชาชน 1.2345.67890.12.1",
        "เลขประจำตัวประชาชน ๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑",
        "เลขประจำตัวประชาชน๑๒๓๔๕๖๗๘๙๐๑๒๑",
        "เลขประจำตัวประชาชน1234567890121",
        "เลขประจำตัวประชาชน 1-2345-67890-\n12-1",
        "| นายสมชาย ใจดี | 1 2345 67890 12 1 | 081-234-5678 |",
        "ID 1 – 2345 – 67890 – 12 – 1",
    };
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        pdp_result r;
        scan_str(forms[i], &r);
        assert_int_equal(count_cat(&r, "national_id"), 1);
        for (size_t k = 0; k < r.nfindings; k++)
            if (!strcmp(r.findings[k].category, "national_id")) {
                assert_string_equal(r.findings[k].normalized, "1234567890121");
                assert_int_equal(r.findings[k].severity, PDP_SEV_HIGH);
                assert_int_equal(r.findings[k].action, PDP_ACT_REDACT);
            }
        pdp_result_free(&r);
    }
}

static void test_national_id_not_flagged(void **s)
{
    (void)s;
    none("เลข 1234567890122");               /* check digit */
    none("เลข 12345678901210");              /* inside a longer run */
    none("เลข 01234567890121");
    none("รหัส 9234567890127");              /* first digit 9 */
    none("1111111111111");
    none("ที่ 12-1234567890121");
    none("SN1234567890121");
    none("0.1234567890121");
}

static void test_context_lowers_and_raises(void **s)
{
    (void)s;
    pdp_result r;
    scan_str("เลขที่ใบเสร็จ 1234567890121", &r);
    const pdp_finding *f = only(&r);
    assert_int_equal(f->severity, PDP_SEV_LOW);
    assert_int_equal(f->action, PDP_ACT_REVIEW);
    pdp_result_free(&r);

    scan_str("บัตรประชาชน 1234567890121", &r);
    double labelled = only(&r)->confidence;
    pdp_result_free(&r);
    scan_str("ข้อมูล 1234567890121", &r);
    assert_true(labelled > only(&r)->confidence);
    pdp_result_free(&r);

    /* A label in the next paragraph does not belong to the number. */
    scan_str("รายการ 1234567890121\n\nเลขที่ใบเสร็จ ตามแนบ", &r);
    assert_int_equal(only(&r)->severity, PDP_SEV_HIGH);
    pdp_result_free(&r);
}

static void test_zero_ids(void **s)
{
    (void)s;
    one("บริษัท ตัวอย่าง จำกัด เลขประจำตัวผู้เสียภาษี 0105536112014", "tax_id", "0105536112014", PDP_SEV_LOW);
    one("0-1055-36112-01-4", "tax_id", "0105536112014", PDP_SEV_LOW);
    one("0-10-5-536-11201-4", "tax_id", "0105536112014", PDP_SEV_LOW);
    one("ผู้ไร้สัญชาติ เลขประจำตัว 0088599528904", "national_id", "0088599528904", PDP_SEV_HIGH);
    /* A person's title before a company number of a company does not win over
     * the company's own words right next to it. */
    one("นายกเทศมนตรี ลงนามสัญญากับ บริษัท ก จำกัด 0105536112014", "tax_id", "0105536112014", PDP_SEV_LOW);
}

static void test_phone_written_forms(void **s)
{
    (void)s;
    one("โทร. 081-234-5678", "phone", "0812345678", PDP_SEV_MEDIUM);
    one("มือถือ 08 1234 5678", "phone", "0812345678", PDP_SEV_MEDIUM);
    one("0812345678", "phone", "0812345678", PDP_SEV_MEDIUM);
    one("โทร ๐๘๑-๒๓๔-๕๖๗๘", "phone", "0812345678", PDP_SEV_MEDIUM);
    one("Tel. +66 81 234 5678", "phone", "0812345678", PDP_SEV_MEDIUM);
    one("+66(0)81 234 5678", "phone", "0812345678", PDP_SEV_MEDIUM);
    one("(66) 2 123 4567", "phone", "021234567", PDP_SEV_MEDIUM);
    one("โทรศัพท์ 02-123-4567", "phone", "021234567", PDP_SEV_MEDIUM);
    one("โทรศัพท์ 0-2123-4567", "phone", "021234567", PDP_SEV_MEDIUM);
    one("โทรศัพท์ 0 5371 1333", "phone", "053711333", PDP_SEV_MEDIUM);
    one("โทรศัพท์ (053) 711-333", "phone", "053711333", PDP_SEV_MEDIUM);
    one("โทร 081-234-5678 ต่อ 123", "phone", "0812345678", PDP_SEV_MEDIUM);
    one("VoIP 060-123-4567", "phone", "0601234567", PDP_SEV_MEDIUM);
}

static void test_phone_not_flagged(void **s)
{
    (void)s;
    none("โทร 01-234-5678");
    none("เลข 08123456789");
    none("มท ๐๘๐๘.๒/ว ๑๒๓๔");
    none("จำนวน ๑,๒๓๔,๕๖๗ บาท");
    none("สายด่วน 1669 หรือ 1111");
    none("วันที่ 12-01-2567 และ ๑๒ มกราคม ๒๕๖๗");
    none("รหัสไปรษณีย์ ๑๐๒๐๐");
    none("ครุภัณฑ์เลขที่ 416-59-0012");
}

static void test_phone_negative_context(void **s)
{
    (void)s;
    one("เลขที่สัญญา 0812345678", "phone", "0812345678", PDP_SEV_LOW);
}

static void test_email(void **s)
{
    (void)s;
    one("ติดต่อ Somchai.J@Gmail.com ได้", "email", "somchai.j@gmail.com", PDP_SEV_MEDIUM);
    none("ภาพ logo@2x.png");
}

static void test_offsets_lines_and_suggestion(void **s)
{
    (void)s;
    const char *text = "บรรทัดแรก\nสอง ๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑ และ\u200b 081-234-5678\nสาม";
    pdp_result r;
    scan_str(text, &r); /* checks match == text[start:end] */
    assert_int_equal(r.nfindings, 2);
    assert_int_equal(r.findings[0].loc.line, 2);
    assert_string_equal(r.findings[0].match, "๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑");
    assert_string_equal(r.findings[0].suggestion, "X-XXXX-XXXXX-XX-X");
    assert_string_equal(r.findings[1].match, "081-234-5678");
    assert_string_equal(r.findings[1].suggestion, "XXX-XXX-XXXX");
    assert_int_equal(r.findings[1].loc.line, 2);
    pdp_result_free(&r);
}

static void test_fingerprint_stable_across_moves(void **s)
{
    (void)s;
    pdp_result a, b;
    scan_str("บัตรประชาชน 1234567890121", &a);
    scan_str("ย่อหน้าใหม่ที่เพิ่มเข้ามา\n\n\nบัตรประชาชน 1-2345-67890-12-1 ท้าย", &b);
    assert_string_equal(only(&a)->fingerprint, only(&b)->fingerprint);
    assert_int_equal(strlen(a.findings[0].fingerprint), 16);
    pdp_result_free(&b);
    scan_str("บัตรประชาชน 3100600445635", &b);
    assert_string_not_equal(only(&a)->fingerprint, only(&b)->fingerprint);
    pdp_result_free(&a);
    pdp_result_free(&b);
}

/* Fingerprints are HMAC-SHA256(key, rule id, NUL, value), first 16 hex
 * digits (the values below computed apart, with Python's hmac); baselines
 * depend on them not changing.  PDPASCAN_FINGERPRINT_KEY replaces the key. */
static void test_fingerprint_known_values(void **s)
{
    (void)s;
    pdp_result r;
    scan_str("บัตรประชาชน 1234567890121", &r);
    assert_string_equal(only(&r)->fingerprint, "f2ac2c4c251b57bb");
    pdp_result_free(&r);
    setenv("PDPASCAN_FINGERPRINT_KEY", "other", 1);
    scan_str("บัตรประชาชน 1234567890121", &r);
    unsetenv("PDPASCAN_FINGERPRINT_KEY");
    assert_string_equal(only(&r)->fingerprint, "bdef7205dc6eff17");
    pdp_result_free(&r);
}

static void test_mask_display(void **s)
{
    (void)s;
    char *m = pdp_mask_display("1-2345-67890-12-1");
    assert_string_equal(m, "1-XXXX-XXXXX-X2-1");
    free(m);
    m = pdp_mask_display("somchai@example.com");
    assert_string_equal(m, "sXXXXXX@example.com");
    free(m);
    m = pdp_mask_display("๐๘๑-๒๓๔-๕๖๗๘");
    assert_string_equal(m, "๐XX-XXX-XX๗๘");
    free(m);
    /* a short number keeps no digit: "80" of "80 ม.1" is the house */
    m = pdp_mask_display("80 ม.1");
    assert_string_equal(m, "XX ม.X");
    free(m);
    m = pdp_mask_display("13/6/2483");
    assert_string_equal(m, "XX/X/XXXX");
    free(m);
}

/* The text around a finding is kept only when asked for (the HTML report):
 * it is most of a finding's memory. */
static void test_context_on_demand(void **s)
{
    (void)s;
    const char *t = "ผู้ร้อง โทร. 081-234-5678 ในวันทำการ";
    pdp_result r;
    pdp_options with = { .with_context = 1 };
    pdp_scan_buffer(g_rules, t, strlen(t), "x", &with, &r);
    assert_int_equal(r.nfindings >= 1, 1);
    const pdp_finding *f = &r.findings[r.nfindings - 1];
    assert_string_equal(f->category, "phone");
    assert_string_equal(f->before, "ผู้ร้อง โทร. ");
    assert_string_equal(f->after, " ในวันทำการ");
    pdp_result_free(&r);
    scan_str(t, &r);
    for (size_t i = 0; i < r.nfindings; i++) assert_true(!r.findings[i].before && !r.findings[i].after);
    pdp_result_free(&r);
}

/* The phrase heads' trie: which rules' phrases begin at a position — heads
 * that begin one another, a head cut at a space and at eight characters, a
 * phrase starting outside ASCII and Thai (tried everywhere). */
static uint64_t heads_at(const headtrie *t, const char *s) { return headtrie_match(t, (const unsigned char *)s, strlen(s), 0); }

static void test_phrase_heads(void **s)
{
    (void)s;
    headtrie_builder b = { 0 };
    headtrie_add(&b, "นาย", 0);
    headtrie_add(&b, "นางสาว", 1);
    headtrie_add(&b, "นาง", 2);
    headtrie_add(&b, "ผู้ร้อง เรียน", 3);     /* the head stops at the space */
    headtrie_add(&b, "ข้อมูลส่วนบุคคลของ", 4); /* eight characters kept */
    headtrie_add(&b, "DNA", 5);
    headtrie t;
    headtrie_build(&t, &b);
    assert_int_equal(heads_at(&t, "นายสมชาย"), 1u << 0);
    assert_int_equal(heads_at(&t, "นางสาวสมศรี"), 1u << 1 | 1u << 2);
    assert_int_equal(heads_at(&t, "นางมาลี"), 1u << 2);
    assert_int_equal(heads_at(&t, "นา"), 0);
    assert_int_equal(heads_at(&t, "นคร"), 0);
    assert_int_equal(heads_at(&t, "ผู้ร้องทุกข์"), 1u << 3);
    assert_int_equal(heads_at(&t, "ข้อมูลส่วนบุคคลทั้งหมด"), 1u << 4); /* past eight: not compared */
    assert_int_equal(heads_at(&t, "ข้อมูลสา"), 0); /* the eighth differs */
    assert_int_equal(heads_at(&t, "DNA test"), 1u << 5);
    assert_int_equal(heads_at(&t, "dna"), 0);
    assert_int_equal(t.any, 0);
    headtrie_free(&t);
    headtrie_add(&b, "“quoted”", 7);
    headtrie_add(&b, "นาย", 0);
    headtrie_build(&t, &b);
    assert_int_equal(t.any, 1u << 7);
    assert_int_equal(heads_at(&t, "นายก"), 1u << 0 | 1u << 7);
    assert_int_equal(heads_at(&t, "x"), 1u << 7);
    headtrie_free(&t);
}

/* Text of phrases glued into runs of Thai letters at every offset, at a
 * run's start and end, after ASCII: n bytes or a piece more into text. */
static size_t glued_text(char *text, size_t n, unsigned *seed)
{
    static const char *filler[] = { "ก", "ขอ", "ที่", "ว่า", "การ", "นา", "ใน", "ความ", " ", "1", "a", ".", "ด" };
    static const char *phrase[] = { "ผู้ป่วย", "มะเร็ง", "นาย", "นางสาว", "ด.ญ.", "อายุ", "HIV", "ศาสนา:", "เอดส์",
                                    "โรคจิต", "ข้อสอบ", "ลับมาก", "วัณโรค", "ตาบอด" };
    size_t len = 0;
    while (len < n) {
        unsigned r = test_random(seed, 100);
        const char *piece = r < 85 ? filler[r % 13] : phrase[r % 14];
        memcpy(text + len, piece, strlen(piece));
        len += strlen(piece);
    }
    return len;
}

/* The findings of text[0, n) as scanned, and with every rule tried
 * everywhere: the same.  Returns how many. */
static size_t same_as_everywhere(const char *text, size_t n)
{
    pdp_options full = { .full_scan = 1 };
    pdp_result a, b;
    pdp_scan_buffer(g_rules, text, n, "x", NULL, &a);
    pdp_scan_buffer(g_rules, text, n, "x", &full, &b);
    assert_int_equal(a.nfindings, b.nfindings);
    for (size_t i = 0; i < a.nfindings; i++) {
        assert_int_equal(a.findings[i].start, b.findings[i].start);
        assert_string_equal(a.findings[i].rule_id, b.findings[i].rule_id);
    }
    size_t found = a.nfindings;
    pdp_result_free(&a);
    pdp_result_free(&b);
    return found;
}

/* The phrase pass looks only where a head's key is (phrase.c, letter_stream.c):
 * random text with phrases glued into runs of letters must give what
 * trying every rule everywhere gives — short texts, and texts of several
 * of the pass's stretches (32 KiB), whose cuts must split no run. */
static void test_phrase_pass_skips_no_start(void **s)
{
    (void)s;
    static char text[120000];
    unsigned seed = 99;
    size_t total = 0;
    for (int round = 0; round < 300; round++) total += same_as_everywhere(text, glued_text(text, 500, &seed));
    assert_true(total > 300); /* the phrases were found */
    for (int round = 0; round < 3; round++) total += same_as_everywhere(text, glued_text(text, 110000, &seed));
    assert_true(total > 3000);
}

/* The letter stream (letter_stream.c) 64 bytes at a time with AVX-512 and 32
 * with AVX2 (those the processor has) against one character at a time:
 * the same entries, offsets and hits, for random text of Thai letters,
 * ASCII that begins heads, the ends of short heads (ด.), characters
 * outside ASCII and the Thai block (Lao, quotes), at every alignment and
 * length. */
static void test_letter_stream_every_way(void **s)
{
    (void)s;
    if (!pdp_has_avx2()) skip();
    static const char *pieces[] = { "ก", "ผู้ป่วย", "นาย", "ด", ".", " ", "\n", "HIV", "DNA", "a", "1", "ກ", "“", "”",
                                    "ข้อมูลส่วนบุคคล", "ศาสนา", "ํ", "ำ" };
    letter_keys k = g_rules->phrases.keys;
    letter_stream one = { 0 }, wide = { 0 };
    unsigned seed = 7;
    char text[400];
    for (int round = 0; round < 3000; round++) {
        size_t from = test_random(&seed, 64), n = from;
        size_t want = from + test_random(&seed, 300);
        while (n < want) {
            const char *p = pieces[test_random(&seed, sizeof pieces / sizeof *pieces)];
            memcpy(text + n, p, strlen(p));
            n += strlen(p);
        }
        text[n++] = ' '; /* (a stretch ends after ASCII) */
        k.way = LETTERS_CHARS;
        letters_scan(&k, (const unsigned char *)text, from, n, &one);
        for (int way = LETTERS_AVX2; way <= (pdp_has_avx512() ? LETTERS_AVX512 : LETTERS_AVX2); way++) {
            k.way = way;
            letters_scan(&k, (const unsigned char *)text, from, n, &wide);
            assert_int_equal(one.len, wide.len);
            assert_memory_equal(one.v, wide.v, one.len + 4);
            assert_memory_equal(one.pos + 1, wide.pos + 1, one.len * sizeof *one.pos);
            assert_int_equal(one.nhits, wide.nhits);
            assert_memory_equal(one.hits, wide.hits, one.nhits * sizeof *one.hits);
        }
    }
    letter_stream_free(&one);
    letter_stream_free(&wide);
}

/* Digit zones: digits joined by short runs of separators, each with its
 * count; zones_select keeps those with at least so many, in order. */
static void test_zones_select(void **s)
{
    (void)s;
    const char *text = "ปี 2567 โทร 081-234-5678 เลข 1 2345 67890 12 1 งบ 12,500,000 บาท";
    zone_vec all = { 0 }, big = { 0 };
    zones_find_digits(text, strlen(text), &all);
    assert_int_equal(all.len, 6); /* 2567 | 081-234-5678 | 1 2345 67890 12 1 | 12 | 500 | 000 */
    assert_int_equal(all.v[1].digits, 10);
    assert_int_equal(all.v[2].digits, 13);
    zones_select(&all, 6, &big);
    assert_int_equal(big.len, 2);
    assert_int_equal(big.v[0].start, all.v[1].start);
    assert_int_equal(big.v[1].end, all.v[2].end);
    zones_select(&all, 14, &big);
    assert_int_equal(big.len, 0);
    zone_vec_free(&all);
    zone_vec_free(&big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_national_id_written_forms),
        cmocka_unit_test(test_national_id_not_flagged),
        cmocka_unit_test(test_context_lowers_and_raises),
        cmocka_unit_test(test_zero_ids),
        cmocka_unit_test(test_phone_written_forms),
        cmocka_unit_test(test_phone_not_flagged),
        cmocka_unit_test(test_phone_negative_context),
        cmocka_unit_test(test_email),
        cmocka_unit_test(test_offsets_lines_and_suggestion),
        cmocka_unit_test(test_fingerprint_stable_across_moves),
        cmocka_unit_test(test_fingerprint_known_values),
        cmocka_unit_test(test_mask_display),
        cmocka_unit_test(test_context_on_demand),
        cmocka_unit_test(test_phrase_heads),
        cmocka_unit_test(test_phrase_pass_skips_no_start),
        cmocka_unit_test(test_letter_stream_every_way),
        cmocka_unit_test(test_zones_select),
    };
    return cmocka_run_group_tests_name("detect", tests, load_rules_setup, free_rules_teardown);
}

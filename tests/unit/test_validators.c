/* test_validators.c — check digits, the numbering plan, Luhn and e-mail
 * canonical forms (THAI-REFERENCE.md sections 1, 2, 6). */
#include "helpers.h"
#include "detect/rules.h"

static int check(const char *validator, const char *in, const char *want)
{
    pdp_validator_fn fn = pdp_validator_find(validator);
    assert_non_null(fn);
    buf b;
    buf_init(&b);
    int ok = fn(in, strlen(in), &b);
    if (ok && want) assert_string_equal(b.data, want);
    buf_free(&b);
    return ok;
}

static void test_thai_id_reference_examples(void **s)
{
    (void)s;
    assert_true(check("thai_id_person", "1234567890121", "1234567890121"));
    assert_true(check("thai_id_person", "3100600445635", "3100600445635"));
    assert_true(check("thai_id_person", "1112034563562", "1112034563562"));
    assert_true(check("thai_id_person", "1-2345-67890-12-1", "1234567890121"));
    assert_true(check("thai_id_zero", "0105536112014", "0105536112014"));
    assert_true(check("thai_id_zero", "0994000617721", "0994000617721"));
}

/* An ID OCR misread (a ๔ read as ๕): repaired when exactly one reading of
 * its misread-prone digits is valid; otherwise a possible ID, as read. */
static void test_thai_id_ocr_repairs(void **s)
{
    (void)s;
    assert_true(check("thai_id_ocr_repair", "6-5068-90199-40-1", "6406890199401"));
    assert_true(check("thai_id_ocr_repair", "4899950698017", "4899940698017"));
    assert_false(check("thai_id_ocr_repair", "6406890199401", NULL));   /* valid as read: th.national-id's */
    assert_false(check("thai_id_ocr_possible", "6506890199401", NULL)); /* repaired, so not merely possible */
    /* ๓ ๑๐๐๖ ๐๐๔๔๕ ๖๓ ๕ as Tesseract read it (๓ ๑๐๐๒ ๐๐๕๕๕ ๒๓ ๕): many readings
     * are valid, none is chosen */
    assert_false(check("thai_id_ocr_repair", "3100200555235", NULL));
    assert_true(check("thai_id_ocr_possible", "3 1002 00555 23 5", "3100200555235"));
    assert_false(check("thai_id_ocr_possible", "1234567890121", NULL)); /* valid: not a possible one */
    /* twelve misread-prone digits (more readings than the 4096 tried): a possible ID, never a repair */
    assert_false(check("thai_id_ocr_repair", "5555555555558", NULL));
    assert_true(check("thai_id_ocr_possible", "5555555555558", "5555555555558"));
}

static void test_thai_id_rejects(void **s)
{
    (void)s;
    assert_false(check("thai_id_person", "1234567890122", NULL));   /* check digit */
    assert_false(check("thai_id_person", "9234567890127", NULL));   /* 9 reserved */
    assert_false(check("thai_id_person", "0105536112014", NULL));   /* 0 is not a person rule */
    assert_false(check("thai_id_zero", "1234567890121", NULL));
    assert_false(check("thai_id_person", "1001234567898", NULL));   /* province 00 */
    assert_false(check("thai_id_person", "123456789012", NULL));    /* 12 digits */
    assert_false(check("thai_id_person", "12345678901210", NULL));  /* 14 digits */
    /* all-same numbers, whatever their check digit says */
    for (char c = '1'; c <= '8'; c++) {
        char d[14];
        memset(d, c, 13);
        d[13] = 0;
        assert_false(check("thai_id_person", d, NULL));
    }
}

static void test_phone_numbering_plan(void **s)
{
    (void)s;
    assert_true(check("phone_th", "0812345678", "0812345678"));     /* mobile */
    assert_true(check("phone_th", "0612345678", "0612345678"));     /* 6[1-6] mobile */
    assert_true(check("phone_th", "0671012345", "0671012345"));     /* 671x */
    assert_false(check("phone_th", "0679012345", NULL));            /* 679 unassigned */
    assert_true(check("phone_th", "0601234567", "0601234567"));     /* VoIP */
    assert_true(check("phone_th", "021234567", "021234567"));       /* Bangkok */
    assert_true(check("phone_th", "053711333", "053711333"));       /* Chiang Mai */
    assert_false(check("phone_th", "012345678", NULL));             /* 12 not a fixed prefix */
    assert_false(check("phone_th", "031234567", NULL));             /* 31 not assigned */
    assert_false(check("phone_th", "08123456789", NULL));           /* 11 digits */
    assert_false(check("phone_th", "081234567", NULL));             /* mobile too short */
    assert_true(check("phone_th", "+66 81 234 5678", "0812345678"));
    assert_true(check("phone_th", "+66(0)81 234 5678", "0812345678"));
    assert_true(check("phone_th", "(66) 2 123 4567", "021234567"));
    assert_true(check("phone_th", "66 2 123 4567", "021234567"));
    assert_false(check("phone_th", "+1 212 555 0100", NULL));
}

static void test_luhn_and_email(void **s)
{
    (void)s;
    assert_true(check("luhn", "4111 1111 1111 1111", "4111111111111111"));
    assert_false(check("luhn", "4111 1111 1111 1112", NULL));
    assert_false(check("luhn", "9111 1111 1111 1115", NULL));       /* unknown issuer */
    assert_true(check("email", "Somchai.J@Example.CO.TH", "somchai.j@example.co.th"));
    assert_false(check("email", "logo@2x.png", NULL));
    assert_false(check("email", "a@b.c", NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thai_id_reference_examples),
        cmocka_unit_test(test_thai_id_rejects),
        cmocka_unit_test(test_thai_id_ocr_repairs),
        cmocka_unit_test(test_phone_numbering_plan),
        cmocka_unit_test(test_luhn_and_email),
    };
    return cmocka_run_group_tests_name("validators", tests, NULL, NULL);
}

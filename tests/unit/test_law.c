/* test_law.c — the law rules at the level of a document: a document about
 * the law (read from its title block) keeps its discussion of the clauses
 * at info unless a person named in it is tied to the protected material;
 * pseudonyms tie to nothing; a list's s.26 columns (issue 25). */
#include "helpers.h"
#include "util/buf.h"

/* The highest severity of the findings of category cat (-1: none). */
static int top_of(const pdp_result *r, const char *cat)
{
    int top = -1;
    for (size_t i = 0; i < r->nfindings; i++)
        if (!strcmp(r->findings[i].category, cat) && (int)r->findings[i].severity > top)
            top = (int)r->findings[i].severity;
    return top;
}

/* The highest severity of category cat when `body` follows `head`. */
static int top_after(const char *head, const char *body, const char *cat)
{
    char *text = xasprintf("%s%s", head, body);
    pdp_result r;
    scan_str(text, &r);
    int top = top_of(&r, cat);
    pdp_result_free(&r);
    free(text);
    return top;
}

static const char *const OIC = "คำวินิจฉัยของคณะกรรมการวินิจฉัยการเปิดเผยข้อมูลข่าวสาร\nที่ สค ๑๒/๒๕๖๖\n";
static const char *const MEMO = "บันทึกข้อความ\nส่วนราชการ สำนักปลัด\n";

/* The same passage: at review in a memo, info in an OIC decision. */
static void test_about_law_quiets_discussion(void **s)
{
    (void)s;
    const char *passage = "ส่งสำนวนการสอบสวนพร้อมความเห็นของคณะกรรมการสอบสวนไปยังผู้มีอำนาจ";
    assert_true(top_after(MEMO, passage, "oia_s15") >= PDP_SEV_MEDIUM);
    assert_int_equal(top_after(OIC, passage, "oia_s15"), PDP_SEV_INFO);
    const char *judgment = "คำพิพากษาศาลปกครองสูงสุด\nคดีหมายเลขดำที่ อ. ๑/๒๕๖๕\n";
    assert_int_equal(top_after(judgment, passage, "oia_s15"), PDP_SEV_INFO);
}

/* A real name tied to the protected material stays high; a pseudonym does not tie. */
static void test_about_law_named_person_still_high(void **s)
{
    (void)s;
    assert_int_equal(top_after(OIC, "นายสมหวัง ทองแท้ ป่วยเป็นโรคเบาหวาน", "sensitive_data"), PDP_SEV_HIGH);
    assert_int_equal(top_after(OIC, "นาย ก. ป่วยเป็นโรคเบาหวาน", "sensitive_data"), PDP_SEV_INFO);
    assert_int_equal(top_after(MEMO, "เด็กชายเอ ป่วยเป็นโรคซึมเศร้า", "sensitive_data"), PDP_SEV_INFO);
    assert_int_equal(top_after(MEMO, "เด็กชายเอ ป่วยเป็นโรคซึมเศร้า", "person_name"), -1);
    /* personal data is reported in a document about the law as anywhere */
    assert_int_equal(top_after(OIC, "เลขประจำตัวประชาชน 1101700230708", "national_id"), PDP_SEV_HIGH);
}

/* The kind is read from the title block only: the same title after 400
 * characters of text, or inside a sentence, is not the document's kind. */
static void test_title_block_only(void **s)
{
    (void)s;
    const char *passage = "\nส่งสำนวนการสอบสวนพร้อมความเห็นของคณะกรรมการสอบสวน";
    buf head;
    buf_init(&head);
    for (int i = 0; i < 60; i++) buf_puts(&head, "ข้อความ "); /* 480 characters */
    buf_puts(&head, "\n");
    buf_puts(&head, OIC);
    assert_true(top_after(head.data, passage, "oia_s15") >= PDP_SEV_MEDIUM);
    assert_int_equal(top_after(head.data, passage, "document_kind"), -1);
    buf_free(&head);
    assert_true(top_after("ตามที่คณะกรรมการวินิจฉัยการเปิดเผยข้อมูลข่าวสารมีคำวินิจฉัย", passage, "oia_s15") >=
                PDP_SEV_MEDIUM);
}

/* A religion column: high in a list of people, info in a table of counts. */
static void test_s26_columns(void **s)
{
    (void)s;
    assert_int_equal(top_after("ที่\tชื่อ-สกุล\tศาสนา\n", "1\tนายดลเลาะ สาแม\tอิสลาม\n2\tนางพร ใจงาม\tพุทธ", "sensitive_data"),
                     PDP_SEV_HIGH);
    assert_int_equal(top_after("ศาสนา\tจำนวน\n", "อิสลาม\t40\nพุทธ\t120", "sensitive_data"), PDP_SEV_INFO);
    assert_int_equal(top_after("ที่\tชื่อ-สกุล\tโรคประจำตัว\n", "1\tนายดลเลาะ สาแม\tไม่มี", "sensitive_data"), -1);
}

/* Overlapping cues: one clause gives one finding (the stronger rule's), two
 * clauses give both, and none hides personal data. */
static void test_overlapping_cues(void **s)
{
    (void)s;
    pdp_result r;
    scan_str("เอกสารนี้เป็นเอกสารลับ ห้ามทำสำเนา", &r);
    assert_int_equal(count_cat(&r, "classification_mark"), 1);
    assert_int_equal(top_of(&r, "classification_mark"), PDP_SEV_HIGH);
    pdp_result_free(&r);
    scan_str("นายสมหวัง ทองแท้ ป่วยเป็นโรคซึมเศร้า", &r);
    assert_int_equal(top_of(&r, "oia_s15"), PDP_SEV_HIGH);      /* 15(5): ป่วยเป็นโรค */
    assert_int_equal(top_of(&r, "sensitive_data"), PDP_SEV_HIGH); /* s.26: the same words, and ซึมเศร้า */
    assert_int_equal(count_cat(&r, "sensitive_data"), 2);
    pdp_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_about_law_quiets_discussion),
        cmocka_unit_test(test_about_law_named_person_still_high),
        cmocka_unit_test(test_title_block_only),
        cmocka_unit_test(test_s26_columns),
        cmocka_unit_test(test_overlapping_cues),
    };
    return cmocka_run_group_tests_name("law", tests, load_rules_setup, free_rules_teardown);
}

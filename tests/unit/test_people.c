/* test_people.c — names after titles, glued to other words and in name
 * columns, officials in role, linked records, agency contacts, addresses,
 * birth dates and ages (issue 4). */
#include "helpers.h"

/* The findings of category cat in text (at most 8), via out; returns count. */
static size_t cat_of(const char *text, const char *cat, pdp_result *r)
{
    scan_str(text, r);
    return count_cat(r, cat);
}

static const pdp_finding *first_cat(const pdp_result *r, const char *cat)
{
    for (size_t i = 0; i < r->nfindings; i++)
        if (!strcmp(r->findings[i].category, cat)) return &r->findings[i];
    fail();
    return NULL;
}

static void name_is(const char *text, const char *want, pdp_severity sev, const char *role)
{
    pdp_result r;
    if (cat_of(text, "person_name", &r) != 1) fprintf(stderr, "in: %s\n", text);
    assert_int_equal(count_cat(&r, "person_name"), 1);
    const pdp_finding *f = first_cat(&r, "person_name");
    assert_string_equal(f->normalized, want);
    assert_int_equal(f->severity, sev);
    if (role) assert_string_equal(f->role, role);
    else assert_null(f->role);
    pdp_result_free(&r);
}

static void no_name(const char *text)
{
    pdp_result r;
    if (cat_of(text, "person_name", &r)) fprintf(stderr, "unexpected name in: %s\n", text);
    assert_int_equal(count_cat(&r, "person_name"), 0);
    pdp_result_free(&r);
}

static void test_names_after_titles(void **s)
{
    (void)s;
    name_is("ผู้ร้อง นางสาวพิมพ์ชนก วงศ์ใหญ่", "พิมพ์ชนก วงศ์ใหญ่", PDP_SEV_MEDIUM, NULL);
    name_is("ผู้ร้อง นางสาว พิมพ์ชนก  วงศ์ใหญ่", "พิมพ์ชนก วงศ์ใหญ่", PDP_SEV_MEDIUM, NULL);
    name_is("รายชื่อ นางสาวฟ้า ใส", "ฟ้า ใส", PDP_SEV_MEDIUM, NULL);      /* not นาง + สาวฟ้า */
    name_is("ม.ร.ว.สุขุมพันธุ์ ณ อยุธยา", "สุขุมพันธุ์ ณ อยุธยา", PDP_SEV_MEDIUM, NULL);
    name_is("ผู้ร้อง พ.ต.ท.สมชาย ใจดี", "สมชาย ใจดี", PDP_SEV_MEDIUM, NULL);
    name_is("Applicant: Mr. Somchai Jaidee", "Somchai Jaidee", PDP_SEV_MEDIUM, NULL);
    no_name("นายกเทศมนตรีตำบลธาตุทอง");
    no_name("จึงรายงานนายกองค์การบริหารส่วนตำบลโพนโก เพื่อทราบ");
    no_name("ตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. ๒๕๔๐");
    no_name("อำเภอนางรอง จังหวัดบุรีรัมย์");
    no_name("ระหว่างนายจ้าง และลูกจ้าง");
}

/* Thai word breaking: a title glued to the word before it, a family name
 * glued to the word after it. */
static void test_names_glued(void **s)
{
    (void)s;
    name_is("กรณีนายสมศักดิ์ รักดี ร้องเรียนเรื่องถนน", "สมศักดิ์ รักดี", PDP_SEV_MEDIUM, NULL);
    name_is("ตามที่นางสาวพิมพ์ใจ ศรีสุข ได้ยื่นคำขอ", "พิมพ์ใจ ศรีสุข", PDP_SEV_MEDIUM, NULL);
    name_is("นายสมชาย ใจดีเป็นผู้ยื่นคำร้อง", "สมชาย ใจดี", PDP_SEV_MEDIUM, NULL);
    name_is("ลงชื่อนายสมชาย ใจดีนายกเทศมนตรีตำบลบ้านกลาง", "สมชาย ใจดี", PDP_SEV_INFO, "official");
    name_is("๒. นางสาวนาง คำ ผู้ไร้สัญชาติ", "นาง คำ", PDP_SEV_MEDIUM, NULL);
    no_name("โปรแกรมทำนายสมการ ผลลัพธ์ที่ได้");
    no_name("เรียนท่านนายกเทศมนตรี ได้โปรดพิจารณา");
    /* a family name that runs on past 30 letters with no word to end it is
     * not a name (words: max_last) */
    no_name("นายสมชาย ใจดีมีสุขสบายสดชื่นรื่นเริงบันเทิงใจสว่างไสวงดงาม ไปเที่ยว");
    /* the romanised form beside the Thai one is a name too */
    pdp_result r;
    assert_int_equal(cat_of("ผู้ขอ นายสมชาย ใจดี (Somchai Jaidee)", "person_name", &r), 2);
    assert_string_equal(r.findings[0].normalized, "สมชาย ใจดี");
    assert_string_equal(r.findings[1].normalized, "Somchai Jaidee");
    pdp_result_free(&r);
}

/* Names with no title under a name header, in every table form. */
static void test_name_columns(void **s)
{
    (void)s;
    const char *tables[] = {
        "ลำดับ\tชื่อ-สกุล\tหมู่ที่\n1\tสมปอง ทองแท้\t4\n2\tบัวผัน ศรีนวล\t5\n",
        "| ที่ | ชื่อ - นามสกุล | คะแนน |\n|---|---|---|\n| 1 | สมปอง ทองแท้ | 80 |\n| 2 | บัวผัน ศรีนวล | 75 |\n",
        "ที่    ชื่อผู้สมัคร          หมายเหตุ\n1     สมปอง ทองแท้         -\n2     บัวผัน ศรีนวล        -\n",
    };
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
        pdp_result r;
        assert_int_equal(cat_of(tables[i], "person_name", &r), 2);
        assert_string_equal(r.findings[0].normalized, "สมปอง ทองแท้");
        assert_string_equal(r.findings[1].normalized, "บัวผัน ศรีนวล");
        assert_string_equal(r.findings[0].rule_id, "th.person-name-column");
        pdp_result_free(&r);
    }
    /* organisations in the column, running text, a table with no name header */
    no_name("ลำดับ\tชื่อผู้ประกอบการ\tราคา\n1\tบริษัท ก้าวหน้า จำกัด\t120000\n");
    no_name("สมปอง ทองแท้ เดินทางมาถึง\n");
    no_name("ลำดับ\tรายการ\tราคา\n1\tโต๊ะ ไม้\t1200\n");
    /* the column ends when its lines stop being table rows */
    no_name("ลำดับ\tชื่อ-สกุล\n1\tสมปอง ทองแท้x\nข้อความ\nข้อความ\nข้อความ\nข้อความ\n9\tบัวผัน ศรีนวล\n");
    /* given and family names in columns of their own, a title left out */
    pdp_result r2;
    scan_str("ที่\tคำนำหน้า\tชื่อ\tนามสกุล\n1\tนาง\tบัวผัน\tศรีนวล\n2\t\tนายสมชาย\tใจดี\n3\tนาย\tก\tข\n", &r2);
    assert_int_equal(r2.nfindings, 2);
    assert_string_equal(r2.findings[0].normalized, "บัวผัน ศรีนวล");
    assert_string_equal(r2.findings[1].normalized, "สมชาย ใจดี");
    pdp_result_free(&r2);
    /* a committee office in the next cell: an official */
    name_is("ที่\tชื่อ-สกุล\tตำแหน่ง\n1\tสมศรี มีสุข\tประธานกรรมการ\n", "สมศรี มีสุข", PDP_SEV_INFO, "official");
    /* a known given name raises confidence */
    pdp_result r;
    scan_str("ที่\tชื่อ-สกุล\n1\tสมชาย ทองแท้\n2\tวรรณภิรมย์ ทองแท้\n", &r);
    assert_int_equal(r.nfindings, 2);
    assert_true(r.findings[0].confidence > r.findings[1].confidence);
    pdp_result_free(&r);
}

static void test_officials_in_role(void **s)
{
    (void)s;
    name_is("นางยุพิน น้อยศรี ตำแหน่ง นิติกรชำนาญการ", "ยุพิน น้อยศรี", PDP_SEV_INFO, "official");
    name_is("(นายยุทธศาสตร์ วัชรนาคม)\n\nนายกเทศมนตรีตำบลธาตุทอง", "ยุทธศาสตร์ วัชรนาคม", PDP_SEV_INFO, "official");
    name_is("ลงชื่อ\n   ( นางวันดี ศรีเมือง )  \n", "วันดี ศรีเมือง", PDP_SEV_INFO, "official");
    name_is("๑. นายสมชาย ใจดี ประธานกรรมการ", "สมชาย ใจดี", PDP_SEV_INFO, "official");
    name_is("นายสมชาย ใจดี\nผู้อำนวยการกองคลัง", "สมชาย ใจดี", PDP_SEV_INFO, "official");
    /* A position word that merely appears later is not the person's role. */
    name_is("ผู้ถูกร้องเรียน นายวิชัย มั่นคง อาศัยอยู่ในหมู่บ้าน\nการรับเรื่อง: เจ้าหน้าที่รับเรื่องแล้ว", "วิชัย มั่นคง",
            PDP_SEV_MEDIUM, NULL);
}

static void test_linked_records(void **s)
{
    (void)s;
    pdp_result r;
    scan_str("๑ | นายบุญมา ใจดี | 3-5052-60181-59-0 | 081-234-5678\n๒ | นางคำปัน แก้วมา | - | -\n", &r);
    assert_int_equal(r.nfindings, 4);
    for (size_t i = 0; i < 3; i++) {
        assert_true(r.findings[i].linked);
        assert_int_equal(r.findings[i].severity, PDP_SEV_HIGH);
        assert_int_equal(r.findings[i].action, PDP_ACT_REDACT);
    }
    assert_false(r.findings[3].linked); /* a name alone on its row */
    assert_int_equal(r.findings[3].severity, PDP_SEV_MEDIUM);
    pdp_result_free(&r);
    /* a record over two lines: the name, then its data on the next line */
    scan_str("๑. นางบัวลอง ศรีวงศ์\n    เลขประจำตัวประชาชน 3260181590835\n๒. นายเดชา ทองเพ็ง\n\n\n\nโทร 089-111-2222\n", &r);
    assert_int_equal(r.nfindings, 4);
    assert_true(r.findings[0].linked && r.findings[1].linked);
    assert_false(r.findings[2].linked || r.findings[3].linked); /* four lines apart: not one record */
    pdp_result_free(&r);
    /* An official's office phone does not make a record. */
    scan_str("นางยุพิน น้อยศรี ตำแหน่ง นิติกร สำนักงานเทศบาล โทร. 053-111-222\n", &r);
    for (size_t i = 0; i < r.nfindings; i++) assert_false(r.findings[i].linked);
    pdp_result_free(&r);
}

static void test_agency_contacts(void **s)
{
    (void)s;
    pdp_result r;
    scan_str("สอบถามได้ที่ งานพัสดุ กองคลัง โทร. ๐-๔๓๒๑-๕๖๗๘ ในวันและเวลาราชการ", &r);
    const pdp_finding *f = first_cat(&r, "phone");
    assert_int_equal(f->severity, PDP_SEV_INFO);
    assert_string_equal(f->role, "agency");
    pdp_result_free(&r);
    scan_str("ส่งเอกสารทาง saraban@maerim.go.th", &r);
    assert_int_equal(only(&r)->severity, PDP_SEV_INFO);
    pdp_result_free(&r);
    scan_str("ผู้ร้อง มือถือ 081-234-5678", &r);
    assert_int_equal(first_cat(&r, "phone")->severity, PDP_SEV_MEDIUM);
    /* the complainant is identified by the number: s.15(2), high */
    assert_int_equal(first_cat(&r, "oia_s15")->severity, PDP_SEV_HIGH);
    pdp_result_free(&r);
}

static void test_addresses(void **s)
{
    (void)s;
    pdp_result r;
    scan_str("ที่อยู่ ๘๘ หมู่ ๖ ตำบลบ้านกลาง อำเภอสันป่าตอง จังหวัดเชียงใหม่ ๕๐๑๒๐", &r);
    const pdp_finding *f = only(&r);
    assert_string_equal(f->normalized, "88 หมู่ 6 ตำบลบ้านกลาง อำเภอสันป่าตอง จังหวัดเชียงใหม่ 50120");
    assert_int_equal(f->severity, PDP_SEV_MEDIUM);
    pdp_result_free(&r);
    /* The agency's own office address is info. */
    scan_str("สำนักงานเทศบาลตำบลแม่ริม เลขที่ 99 หมู่ 1 ตำบลริมใต้ อำเภอแม่ริม", &r);
    f = only(&r);
    assert_int_equal(f->severity, PDP_SEV_INFO);
    assert_string_equal(f->role, "agency");
    pdp_result_free(&r);
    /* A private person's name and address on one line: one record. */
    scan_str("นายบุญมา ใจดี บ้านเลขที่ 12/3 ม.4 ต.ริมใต้ อ.แม่ริม จ.เชียงใหม่", &r);
    assert_int_equal(r.nfindings, 2);
    assert_true(r.findings[0].linked && r.findings[1].linked);
    assert_int_equal(r.findings[1].severity, PDP_SEV_HIGH);
    pdp_result_free(&r);
}

static void test_ages(void **s)
{
    (void)s;
    pdp_result r;
    scan_str("นางบัวผัน ศรีนวล อายุ ๗๕ ปี", &r);
    const pdp_finding *f = first_cat(&r, "age");
    assert_string_equal(f->normalized, "75");
    assert_int_equal(f->severity, PDP_SEV_MEDIUM);
    assert_int_equal(f->action, PDP_ACT_REVIEW);
    pdp_result_free(&r);
    assert_int_equal(cat_of("ผู้สูงอายุที่มีอายุ ๖๐ ปีขึ้นไป มีสิทธิได้รับเบี้ยยังชีพ", "age", &r), 0);
    pdp_result_free(&r);
    scan_str("ผู้ป่วยส่วนใหญ่อายุ 42 ปี", &r); /* nobody named: info */
    assert_int_equal(first_cat(&r, "age")->severity, PDP_SEV_INFO);
    pdp_result_free(&r);
}

/* The gazetteer ends an address at a known place when text is glued on. */
static void test_address_places(void **s)
{
    (void)s;
    const char *cases[][2] = {
        { "77 หมู่ที่ 8 ต.โพธิ์เก้าต้น อ.เมืองลพบุรีได้รับความเสียหาย", "77 หมู่ที่ 8 ต.โพธิ์เก้าต้น อ.เมืองลพบุรี" },
        { "99 ม.3 ต.ท่าศาลา อ.เมือง จ.ลพบุรีได้ร้องเรียน", "99 ม.3 ต.ท่าศาลา อ.เมือง จ.ลพบุรี" },
        { "5 หมู่ 2 ตำบลบางรักใหญ่ อ.บางบัวทองเป็นผู้", "5 หมู่ 2 ตำบลบางรักใหญ่ อ.บางบัวทอง" },
        { "12 หมู่ 4 ต.ริมใต้ อ.แม่ริม จ.เชียงใหม่50180", "12 หมู่ 4 ต.ริมใต้ อ.แม่ริม จ.เชียงใหม่50180" },
        { "333 ถ.รามคำแหง แขวงหัวหมาก เขตบางกะปิ กรุงเทพฯ 10240", "333 ถ.รามคำแหง แขวงหัวหมาก เขตบางกะปิ กรุงเทพฯ 10240" },
        { "7 หมู่ 2 อ.แม่ริม จ.เชียงใหม่", "7 หมู่ 2 อ.แม่ริม จ.เชียงใหม่" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pdp_result r;
        assert_int_equal(cat_of(cases[i][0], "address", &r), 1);
        assert_string_equal(first_cat(&r, "address")->normalized, cases[i][1]);
        pdp_result_free(&r);
    }
    pdp_result r;
    assert_int_equal(cat_of("ครอบคลุม 12 หมู่บ้าน ใน 3 ตำบล", "address", &r), 0);
    pdp_result_free(&r);
}

static void test_birth_dates(void **s)
{
    (void)s;
    const char *cases[][2] = {
        { "เกิดวันที่ ๑๒ มกราคม ๒๔๙๒", "1949-01-12" },
        { "วันเดือนปีเกิด 05/03/2530", "1987-03-05" },
        { "ว.ด.ป. เกิด ๓ ก.พ. พ.ศ. ๒๕๑๐", "1967-02-03" },
        { "Date of birth: 12/01/1949", "1949-01-12" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pdp_result r;
        assert_int_equal(cat_of(cases[i][0], "birth_date", &r), 1);
        assert_string_equal(first_cat(&r, "birth_date")->normalized, cases[i][1]);
        pdp_result_free(&r);
    }
    pdp_result r;
    assert_int_equal(cat_of("ประกาศ ณ วันที่ ๑๒ มกราคม ๒๕๖๗", "birth_date", &r), 0);
    pdp_result_free(&r);
    assert_int_equal(cat_of("เกิดวันที่ 31/02/2530", "birth_date", &r), 1); /* read as written */
    pdp_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_after_titles),
        cmocka_unit_test(test_names_glued),
        cmocka_unit_test(test_name_columns),
        cmocka_unit_test(test_ages),
        cmocka_unit_test(test_address_places),
        cmocka_unit_test(test_officials_in_role),
        cmocka_unit_test(test_linked_records),
        cmocka_unit_test(test_agency_contacts),
        cmocka_unit_test(test_addresses),
        cmocka_unit_test(test_birth_dates),
    };
    return cmocka_run_group_tests_name("people", tests, load_rules_setup, free_rules_teardown);
}

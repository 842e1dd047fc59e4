/* gen_tables.c — table PDFs made the way agencies make them: a Word
 * document (DOCX written here) exported by LibreOffice
 * (`soffice --headless --convert-to pdf`, Debian's Thai fonts), not drawn
 * by the project's own PDF writer.  Lists of beneficiaries that run over
 * several pages (the header repeated, or not), cells that wrap (addresses),
 * Thai and Arabic digits, and every header variant the detectors read
 * (วัน/เดือน/ปีเกิด, ที่อยู่, บ้านเลขที่, เลขที่บัญชี, Passport No. ...).  The
 * people are made up here (their IDs get a valid check digit), so each
 * document's .expect.yaml is written from the same data.
 *
 * Run by `make corpus` (needs libreoffice-writer-nogui and fonts-thai-tlwg:
 * `sh scripts/deps.sh corpus`); the PDFs are committed. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define CT_DOCX                                                                                                       \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" \
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"           \
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"                                                     \
    "<Override PartName=\"/word/document.xml\" "                                                                      \
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"
#define RELS                                                                                                          \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" " \
    "Target=\"word/document.xml\"/></Relationships>"

/* A growing string. */
typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;

static void put(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        if (b->s && (size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        b->cap = (b->cap + (size_t)n + 1) * 2;
        b->s = realloc(b->s, b->cap);
    }
}

/* A deterministic random number in [0, n). */
static unsigned rnd(unsigned *seed, unsigned n)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) % n;
}

static const char *given[] = { "สมศักดิ์", "บุญมี",   "ทองใบ",   "คำปัน",   "สุนันทา", "มะลิวัลย์", "ประยูร",  "จำปี",
                               "บัวเรียน", "สำราญ",   "ศรีนวล",  "อุไรวรรณ", "ชูชาติ",  "เพ็ญศรี",  "วิเชียร", "ลำดวน" };
static const char *family[] = { "แก้วมณี",  "ศรีสุข",   "ทองคำ",    "บุญประเสริฐ", "จันทร์แก้ว", "พรหมมา",
                                "สิงห์ทอง", "ใจเย็น",   "มั่นคง",    "ยอดดี",       "เรืองฤทธิ์", "ศักดิ์ดี",
                                "ปัญญาดี",  "อินทร์แก้ว", "คงเจริญ",   "นาคสวัสดิ์" };
static const char *titles[] = { "นาย", "นาง", "นางสาว" };
static const char *months[] = { "มกราคม", "กุมภาพันธ์", "มีนาคม",  "เมษายน",  "พฤษภาคม",  "มิถุนายน",
                                "กรกฎาคม", "สิงหาคม",   "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม" };
static const char *months_abbr[] = { "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                                     "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค." };

/* Thai digits for the ASCII digits of s (into out). */
static void thai_digits(const char *s, char *out)
{
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            out += sprintf(out, "\xE0\xB9%c", (char)(0x90 + (*s - '0')));
        } else {
            *out++ = *s;
        }
    }
    *out = 0;
}

/* One made-up person and how the document writes them. */
typedef struct person {
    char title[32], given[64], family[64];
    char id[16], id_written[64];
    char birth_iso[32], birth_written[80];
    char address_written[256], address_norm[256]; /* (as written; with ASCII digits, as found) */
    char phone[16], phone_written[48];
    char account[16], account_written[32];
    char passport[16];
} person;

static void make_person(person *p, unsigned *seed, int k)
{
    memset(p, 0, sizeof *p);
    strcpy(p->title, titles[rnd(seed, 3)]);
    strcpy(p->given, given[rnd(seed, 16)]);
    strcpy(p->family, family[rnd(seed, 16)]);
    /* ID: 12 digits and the check digit */
    char d[14];
    d[0] = (char)('1' + rnd(seed, 5));
    for (int i = 1; i < 12; i++) d[i] = (char)('0' + rnd(seed, 10));
    int sum = 0;
    for (int i = 0; i < 12; i++) sum += (d[i] - '0') * (13 - i);
    d[12] = (char)('0' + (11 - sum % 11) % 10);
    d[13] = 0;
    strcpy(p->id, d);
    char dashed[32];
    snprintf(dashed, sizeof dashed, "%c-%.4s-%.5s-%.2s-%c", d[0], d + 1, d + 5, d + 10, d[12]);
    if (k % 3 == 0) thai_digits(dashed, p->id_written);
    else strcpy(p->id_written, k % 3 == 1 ? dashed : d);
    /* birth date, Buddhist year */
    int day = 1 + (int)rnd(seed, 28), month = 1 + (int)rnd(seed, 12), year = 2475 + (int)rnd(seed, 30);
    snprintf(p->birth_iso, sizeof p->birth_iso, "%04d-%02d-%02d", (year - 543) % 10000, month % 100, day % 100);
    char b[80];
    switch (k % 4) {
    case 0: snprintf(b, sizeof b, "%d/%d/%d", day, month, year); thai_digits(b, p->birth_written); break;
    case 1: snprintf(p->birth_written, sizeof p->birth_written, "%d %s %d", day, months[month - 1], year); break;
    case 2: snprintf(b, sizeof b, "%d %s %d", day, months_abbr[month - 1], year); thai_digits(b, p->birth_written); break;
    default: snprintf(p->birth_written, sizeof p->birth_written, "%02d/%02d/%d", day % 100, month % 100, year); break;
    }
    /* address: house number and village; every fourth one long enough to wrap */
    int house = 1 + (int)rnd(seed, 400), moo = 1 + (int)rnd(seed, 14);
    if (k % 4 == 3)
        /* (each part after a space, as many clerks write it: a cell that wraps
         * breaks at a space, where a joined line is joined by one; a line
         * broken inside a Thai word is joined with a space too) */
        snprintf(p->address_written, sizeof p->address_written,
                 "%d/%d หมู่ที่ %d บ้าน หนองบัวแดง ตำบล นาโพธิ์ อำเภอ เมือง จังหวัด ขอนแก่น 40000", house, 1 + (int)rnd(seed, 9), moo);
    else if (k % 4 == 1)
        snprintf(p->address_written, sizeof p->address_written, "%d ม.%d", house, moo);
    else
        snprintf(p->address_written, sizeof p->address_written, "%d หมู่ %d", house, moo);
    strcpy(p->address_norm, p->address_written);
    if (k % 4 == 2) {
        char t[256];
        thai_digits(p->address_written, t);
        strcpy(p->address_written, t);
    }
    /* mobile phone */
    static const char *pre[] = { "081", "089", "092", "063", "086", "095" };
    snprintf(p->phone, sizeof p->phone, "%s%07u", pre[rnd(seed, 6)], rnd(seed, 10000000));
    if (k % 2) snprintf(p->phone_written, sizeof p->phone_written, "%.3s-%.3s-%.4s", p->phone, p->phone + 3, p->phone + 6);
    else strcpy(p->phone_written, p->phone);
    /* bank account 123-4-56789-0 */
    for (int i = 0; i < 10; i++) p->account[i] = (char)('0' + rnd(seed, 10));
    p->account[0] = (char)('1' + rnd(seed, 9));
    snprintf(p->account_written, sizeof p->account_written, "%.3s-%c-%.5s-%c", p->account, p->account[3], p->account + 4,
             p->account[9]);
    snprintf(p->passport, sizeof p->passport, "%c%c%07u", 'A' + rnd(seed, 26), 'A' + rnd(seed, 26), rnd(seed, 10000000));
}

/* A table cell of the given width (twentieths of a point). */
static void cell(sbuf *b, const char *text, int width)
{
    put(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr><w:p><w:r><w:t xml:space=\"preserve\">%s</w:t>"
           "</w:r></w:p></w:tc>",
        width, text);
}

static void para(sbuf *b, const char *text) { put(b, "<w:p><w:r><w:t xml:space=\"preserve\">%s</w:t></w:r></w:p>", text); }

/* A bordered table's start; repeat_header: its first row on every page. */
static void table_start(sbuf *b, const int *widths, int n)
{
    put(b, "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders>"
           "<w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/>"
           "<w:right w:val=\"single\" w:sz=\"4\"/><w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/>"
           "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
    for (int i = 0; i < n; i++) put(b, "<w:gridCol w:w=\"%d\"/>", widths[i]);
    put(b, "</w:tblGrid>");
}

static void header_row(sbuf *b, const char *const *cells, const int *widths, int n, int repeat)
{
    put(b, "<w:tr>%s", repeat ? "<w:trPr><w:tblHeader/></w:trPr>" : "");
    for (int i = 0; i < n; i++) cell(b, cells[i], widths[i]);
    put(b, "</w:tr>");
}

/* The document body around the table. */
static void doc_start(sbuf *b)
{
    put(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document " W "><w:body>");
}

/* A4, landscape for a wide table (as agencies lay out lists of many columns). */
static void doc_end(sbuf *b, int landscape)
{
    put(b, "<w:sectPr><w:pgSz w:w=\"%d\" w:h=\"%d\"%s/><w:pgMar w:top=\"1134\" w:right=\"851\" w:bottom=\"1134\" "
           "w:left=\"1134\"/></w:sectPr></w:body></w:document>",
        landscape ? 16838 : 11906, landscape ? 11906 : 16838, landscape ? " w:orient=\"landscape\"" : "");
}

static void write_docx(const char *path, const char *document)
{
    /* the font: TLWG's Laksaman (metrics of TH Sarabun, the government's font) from fonts-thai-tlwg, 14 pt */
    static const char *styles =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles " W "><w:docDefaults><w:rPrDefault><w:rPr>"
        "<w:rFonts w:ascii=\"Laksaman\" w:hAnsi=\"Laksaman\" w:cs=\"Laksaman\" w:eastAsia=\"Laksaman\"/>"
        "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>";
    static const char *doc_rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
        "Target=\"styles.xml\"/></Relationships>";
    char *ct = malloc(strlen(CT_DOCX) + 256);
    strcpy(ct, CT_DOCX);
    char *end = strstr(ct, "</Types>");
    strcpy(end, "<Override PartName=\"/word/styles.xml\" "
                "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/></Types>");
    member m[] = {
        { "[Content_Types].xml", ct, 0 },
        { "_rels/.rels", RELS, 0 },
        { "word/_rels/document.xml.rels", doc_rels, 0 },
        { "word/styles.xml", styles, 0 },
        { "word/document.xml", document, 0 },
        { NULL, NULL, 0 },
    };
    write_zip(path, m, 0);
    free(ct);
}

/* DOCX -> PDF with LibreOffice, into dir; the DOCX is removed. */
static void to_pdf(const char *docx, const char *dir)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "soffice --headless --convert-to pdf --outdir '%s' '%s' >/dev/null 2>&1", dir, docx);
    if (system(cmd) != 0) {
        fprintf(stderr, "gen_tables: soffice could not convert %s (sh scripts/deps.sh corpus)\n", docx);
        exit(1);
    }
    remove(docx);
}

static FILE *expect_open(const char *path, const char *what)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    fprintf(f, "# Expected findings for %s (tests/corpusgen/gen_tables.c).\n# %s\n# Each finding: category, value "
               "(its `normalized` form) and where it is.\nstatus: ok\nfindings:\n",
            strrchr(path, '/') ? strrchr(path, '/') + 1 : path, what);
    return f;
}

/* The closing lines every list shares: the office's number (info) and the
 * signatory (an official: info). */
static void closing(sbuf *b)
{
    para(b, "หากผู้ใดเห็นว่ารายชื่อไม่ถูกต้อง ให้ยื่นคำร้องคัดค้านได้ที่สำนักปลัดเทศบาล หรือสอบถามทางโทรศัพท์หมายเลข 0-4326-1234");
    para(b, "ประกาศ ณ วันที่ ๑ ตุลาคม ๒๕๖๘");
    para(b, "(นายประเสริฐ ชัยมงคล)");
    para(b, "นายกเทศมนตรีตำบลนาโพธิ์");
}

static void expect_closing(FILE *f, int page)
{
    fprintf(f, "  - {category: phone, value: \"043261234\", severity: info, page: %d, role: agency}\n", page);
    fprintf(f, "  - {category: person_name, value: \"ประเสริฐ ชัยมงคล\", severity: info, page: %d, role: official}\n", page);
}

/* One list document being written: its DOCX body, its .expect.yaml, the
 * table's column widths. */
typedef struct list_doc {
    char docx[1024], dir[1024];
    sbuf b;
    FILE *expect;
    const int *w;
    unsigned seed;
} list_doc;

/* Start document `name` in dir: its title lines, a bordered table with the
 * header cells head (repeated on every page when repeat), and its
 * expectations file saying what it is. */
static void list_begin(list_doc *d, const char *dir, const char *name, const char *what, const char *const *title,
                       size_t ntitle, const char *const *head, const int *w, int ncols, int repeat, unsigned seed)
{
    char yaml[1100];
    snprintf(d->dir, sizeof d->dir, "%s", dir);
    snprintf(d->docx, sizeof d->docx, "%s/%s.docx", dir, name);
    snprintf(yaml, sizeof yaml, "%s/%s.pdf.expect.yaml", dir, name);
    d->b = (sbuf){ 0 };
    d->w = w;
    d->seed = seed;
    doc_start(&d->b);
    for (size_t i = 0; i < ntitle; i++) para(&d->b, title[i]);
    table_start(&d->b, w, ncols);
    header_row(&d->b, head, w, ncols, repeat);
    d->expect = expect_open(yaml, what);
}

/* A data row of cells (a row is never split over two pages: such a row is
 * not joined again). */
static void list_row(list_doc *d, const char *const *cells, int n)
{
    put(&d->b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    for (int i = 0; i < n; i++) cell(&d->b, cells[i], d->w[i]);
    put(&d->b, "</w:tr>");
}

/* End the table and the document, write the DOCX and make its PDF. */
static void list_finish(list_doc *d, int landscape)
{
    put(&d->b, "</w:tbl>");
    closing(&d->b);
    doc_end(&d->b, landscape);
    expect_closing(d->expect, -1);
    fclose(d->expect);
    write_docx(d->docx, d->b.s);
    free(d->b.s);
    to_pdf(d->docx, d->dir);
}

/* An elderly-allowance list over several pages, its header repeated:
 * ลำดับ | ชื่อ-สกุล | เลขประจำตัวประชาชน | วัน/เดือน/ปีเกิด | ที่อยู่ | เบอร์โทรศัพท์. */
static void gen_elderly(const char *dir)
{
    static const int w[] = { 800, 3600, 2600, 2400, 3500, 1900 };
    static const char *head[] = { "ลำดับ", "ชื่อ-สกุล", "เลขประจำตัวประชาชน", "วัน/เดือน/ปีเกิด", "ที่อยู่", "เบอร์โทรศัพท์" };
    static const char *title[] = { "ประกาศเทศบาลตำบลนาโพธิ์",
                                   "เรื่อง รายชื่อผู้มีสิทธิรับเงินเบี้ยยังชีพผู้สูงอายุ ประจำปีงบประมาณ พ.ศ. ๒๕๖๙" };
    list_doc d;
    list_begin(&d, dir, "lo_elderly_list",
               "LibreOffice's PDF of a Word table over several pages, its header repeated on each: a name with its "
               "title, an ID (Thai or Arabic digits), a birth date and an address under their headers (some addresses "
               "wrap in their cell), a phone.",
               title, 2, head, w, 6, 1, 2568);
    for (int k = 0; k < 40; k++) {
        person p;
        make_person(&p, &d.seed, k);
        char no[16], name[200];
        snprintf(no, sizeof no, "%d", k + 1);
        snprintf(name, sizeof name, "%s%s %s", p.title, p.given, p.family);
        list_row(&d, (const char *const[]){ no, name, p.id_written, p.birth_written, p.address_written, p.phone_written },
                 6);
        fprintf(d.expect, "  - {category: person_name, value: \"%s %s\"}\n", p.given, p.family);
        fprintf(d.expect, "  - {category: national_id, value: \"%s\"}\n", p.id);
        fprintf(d.expect, "  - {category: birth_date, value: \"%s\"}\n", p.birth_iso);
        fprintf(d.expect, "  - {category: address, value: \"%s\"}\n", p.address_norm);
        fprintf(d.expect, "  - {category: phone, value: \"%s\"}\n", p.phone);
    }
    list_finish(&d, 1);
}

/* A disability-allowance list whose title, given name and family name
 * stand in columns of their own, with the house number and the account
 * paid into; its header is NOT repeated on the next page. */
static void gen_disability(const char *dir)
{
    static const int w[] = { 700, 1300, 1900, 2200, 2700, 2300, 2600 };
    static const char *head[] = { "ที่", "คำนำหน้า", "ชื่อ", "นามสกุล", "เลขบัตรประชาชน", "บ้านเลขที่", "เลขที่บัญชี" };
    static const char *title[] = { "บัญชีรายชื่อคนพิการผู้มีสิทธิรับเงินเบี้ยความพิการ ประจำเดือนตุลาคม ๒๕๖๘" };
    list_doc d;
    list_begin(&d, dir, "lo_disability_accounts",
               "LibreOffice's PDF of a Word table whose header is not repeated on the next page: title, given name and "
               "family name in columns of their own, an ID, a house number and a bank account under their headers; a "
               "list of people with disabilities (PDPA s.26, twice in its title).",
               title, 1, head, w, 7, 0, 2569);
    fprintf(d.expect, "  - {category: sensitive_data, value: \"disability\", page: 1}\n");
    fprintf(d.expect, "  - {category: sensitive_data, value: \"disability\", page: 1}\n");
    for (int k = 0; k < 36; k++) {
        person p;
        make_person(&p, &d.seed, k);
        if (k % 4 == 3) {
            snprintf(p.address_written, sizeof p.address_written, "%d หมู่ %d", 10 + k, 1 + k % 9);
            strcpy(p.address_norm, p.address_written);
        }
        char no[16];
        snprintf(no, sizeof no, "%d", k + 1);
        list_row(&d, (const char *const[]){ no, p.title, p.given, p.family, p.id_written, p.address_written, p.account_written },
                 7);
        fprintf(d.expect, "  - {category: person_name, value: \"%s %s\"}\n", p.given, p.family);
        fprintf(d.expect, "  - {category: national_id, value: \"%s\"}\n", p.id);
        fprintf(d.expect, "  - {category: address, value: \"%s\"}\n", p.address_norm);
        fprintf(d.expect, "  - {category: bank_account, value: \"%s\"}\n", p.account);
    }
    list_finish(&d, 1);
}

/* Foreign workers' permits: ลำดับ | ชื่อ - นามสกุล | Passport No. | วันเกิด |
 * ที่อยู่ปัจจุบัน — romanised names under a name header, passports under theirs. */
static void gen_workers(const char *dir)
{
    static const char *first[] = { "Aung", "Thida", "Zaw", "Nang", "Kyaw", "Mya" };
    static const char *last[] = { "Naing", "Soe", "Htun", "Seng", "Win", "Thein" };
    static const int w[] = { 600, 2500, 1700, 1600, 3500 };
    static const char *head[] = { "ลำดับ", "ชื่อ - นามสกุล", "Passport No.", "วันเกิด", "ที่อยู่ปัจจุบัน" };
    static const char *title[] = { "รายชื่อแรงงานต่างด้าวที่ได้รับอนุญาตให้จำหน่ายอาหาร ประจำปี ๒๕๖๙" };
    list_doc d;
    list_begin(&d, dir, "lo_workers_passports",
               "LibreOffice's PDF of a Word table: romanised names under a name header, passport numbers, birth dates "
               "and addresses under theirs.",
               title, 1, head, w, 5, 1, 2570);
    for (int k = 0; k < 12; k++) {
        person p;
        make_person(&p, &d.seed, k);
        char no[16], name[64];
        snprintf(no, sizeof no, "%d", k + 1);
        snprintf(name, sizeof name, "%s %s", first[k % 6], last[(k + k / 6) % 6]);
        list_row(&d, (const char *const[]){ no, name, p.passport, p.birth_written, p.address_written }, 5);
        fprintf(d.expect, "  - {category: person_name, value: \"%s\"}\n", name);
        fprintf(d.expect, "  - {category: passport, value: \"%s\"}\n", p.passport);
        fprintf(d.expect, "  - {category: birth_date, value: \"%s\"}\n", p.birth_iso);
        fprintf(d.expect, "  - {category: address, value: \"%s\"}\n", p.address_norm);
    }
    list_finish(&d, 0);
}

void gen_tables(const char *root)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/pdf", root);
    gen_elderly(dir);
    gen_disability(dir);
    gen_workers(dir);
}

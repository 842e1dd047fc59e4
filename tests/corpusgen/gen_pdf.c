/* gen_pdf.c — the PDFs of corpus/pdf/ (see gen_docs.c): Thai text set with
 * pango in a TLWG font, an image-only page, and a hand-written PDF with an
 * annotation and a filled form field. */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "gen.h"

/* An A4 PDF surface with fixed dates, so the corpus regenerates the same. */
static cairo_surface_t *pdf_surface(const char *path)
{
    cairo_surface_t *s = cairo_pdf_surface_create(path, 595, 842);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2024-01-01T00:00:00");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, "2024-01-01T00:00:00");
    return s;
}

void text_at(cairo_t *cr, double x, double y, const char *utf8)
{
    PangoLayout *l = pango_cairo_create_layout(cr);
    PangoFontDescription *fd = pango_font_description_from_string("Garuda 11");
    pango_layout_set_font_description(l, fd);
    pango_layout_set_text(l, utf8, -1);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, l);
    pango_font_description_free(fd);
    g_object_unref(l);
}

void gen_beneficiary_pdf(const char *path)
{
    cairo_surface_t *s = pdf_surface(path);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "รายชื่อผู้มีสิทธิรับเงินสงเคราะห์");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, "นางสาวสมหญิง ทดสอบ somying.t@example.com");
    cairo_t *cr = cairo_create(s);
    text_at(cr, 60, 60, "ประกาศเทศบาลตำบลดอนแก้ว");
    text_at(cr, 60, 80, "เรื่อง รายชื่อผู้มีสิทธิรับเงินสงเคราะห์ผู้ป่วยเอดส์ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘");
    text_at(cr, 60, 120, "ลำดับ");
    text_at(cr, 110, 120, "ชื่อ-สกุล");
    text_at(cr, 260, 120, "เลขประจำตัวประชาชน");
    text_at(cr, 430, 120, "โทรศัพท์");
    text_at(cr, 60, 145, "๑");
    text_at(cr, 110, 145, "นางมาลี ดวงดี");
    text_at(cr, 260, 145, "๑-๙๕๓๔-๒๓๖๖๗-๑๒-๕");
    text_at(cr, 430, 145, "๐๘๑-๒๓๔-๕๖๗๘");
    text_at(cr, 60, 170, "๒");
    text_at(cr, 110, 170, "นายเอก ศรีทอง");
    /* An ID split over two table cells. */
    text_at(cr, 260, 170, "3-9076-");
    text_at(cr, 305, 170, "84268-46-1");
    text_at(cr, 430, 170, "02-123-4567");
    text_at(cr, 60, 220, "งบประมาณทั้งสิ้น ๑,๒๓๔,๕๖๗ บาท  ประกาศ ณ วันที่ ๑ ตุลาคม ๒๕๖๗");
    cairo_show_page(cr);
    text_at(cr, 60, 60, "ผู้ประสานงานโครงการ อีเมล malee.d@example.com");
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

void gen_scanned_pdf(const char *path)
{
    cairo_surface_t *s = pdf_surface(path);
    cairo_t *cr = cairo_create(s);
    text_at(cr, 60, 60, "ประกาศเทศบาลตำบลดอนแก้ว เรื่อง ผลการคัดเลือก (สำเนาแนบท้าย)");
    cairo_show_page(cr);
    /* Page 2: a "scan" — an image and no text at all. */
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 200, 100);
    cairo_t *ic = cairo_create(img);
    cairo_set_source_rgb(ic, 0.9, 0.9, 0.8);
    cairo_paint(ic);
    cairo_set_source_rgb(ic, 0.1, 0.1, 0.1);
    for (int i = 0; i < 8; i++) {
        cairo_rectangle(ic, 10, 10 + 11 * i, 150 - 9 * i, 6);
        cairo_fill(ic);
    }
    cairo_destroy(ic);
    cairo_scale(cr, 2.5, 2.5);
    cairo_set_source_surface(cr, img, 10, 10);
    cairo_paint(cr);
    cairo_show_page(cr);
    cairo_surface_destroy(img);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

void gen_clean_pdf(const char *path)
{
    cairo_surface_t *s = pdf_surface(path);
    cairo_t *cr = cairo_create(s);
    text_at(cr, 60, 60, "ประกาศองค์การบริหารส่วนตำบลบ้านกลาง เรื่อง เอกสารแนบ");
    text_at(cr, 60, 80, "รายละเอียดตามไฟล์แนบท้ายประกาศนี้");
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

/* A PDF written by hand: one page of text, a text annotation (a note with
 * its author) and an AcroForm text field holding a value. */
void gen_annotated_pdf(const char *path)
{
    const char *objs[] = {
        "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] >> >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 7 0 R >> >> /Annots [5 0 R 6 0 R] >>",
        NULL, /* content stream, below */
        "<< /Type /Annot /Subtype /Text /Rect [400 700 420 720] /Open false "
        "/Contents (Complainant asks to be called back on 081-999-1234) /T (Somchai J.) >>",
        "<< /Type /Annot /Subtype /Widget /FT /Tx /T (citizen_id) /Rect [100 600 300 620] "
        "/V (3-5052-60181-59-0) /F 4 >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    const char *content = "BT /F1 14 Tf 72 760 Td (Complaint form - office copy) Tj ET";
    FILE *f = fopen(path, "wb");
    long off[8];
    fputs("%PDF-1.4\n", f);
    for (int i = 0; i < 7; i++) {
        off[i] = ftell(f);
        if (objs[i]) fprintf(f, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
        else fprintf(f, "%d 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n", i + 1, strlen(content), content);
    }
    long xref = ftell(f);
    fprintf(f, "xref\n0 8\n0000000000 65535 f \n");
    for (int i = 0; i < 7; i++) fprintf(f, "%010ld 00000 n \n", off[i]);
    fprintf(f, "trailer\n<< /Size 8 /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", xref);
    fclose(f);
}

/* A bench PDF: `pages` pages of Thai announcement text, ~40 lines each,
 * with an ID about every third page (bench/). */
void gen_bench_pdf(const char *path, int pages, unsigned seed)
{
    static const char *lines[] = {
        "ประกาศเทศบาลตำบลแม่ริม เรื่อง การรับสมัครบุคคลเพื่อสรรหาเป็นพนักงานจ้าง ประจำปี ๒๕๖๘",
        "ตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. ๒๕๔๐ มาตรา ๗ และมาตรา ๙ หน่วยงานต้องเผยแพร่ข้อมูล",
        "งบประมาณทั้งสิ้น ๑,๒๓๔,๕๖๗.๐๐ บาท (หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทถ้วน)",
        "ผู้ใดมีข้อสงสัยหรือคัดค้าน ให้ยื่นคำร้องได้ที่กองสวัสดิการสังคม ภายในวันที่ ๑๕ ตุลาคม ๒๕๖๗",
        "รายงานผลการดำเนินงานตามแผนปฏิบัติราชการประจำปี ไตรมาสที่ ๓ ร้อยละ ๘๕.๕ ของเป้าหมาย",
    };
    cairo_surface_t *s = pdf_surface(path);
    cairo_t *cr = cairo_create(s);
    for (int p = 0; p < pages; p++) {
        for (int l = 0; l < 40; l++) {
            seed = seed * 1103515245u + 12345u;
            text_at(cr, 40, 30 + 19 * l, lines[(seed >> 16) % 5]);
        }
        if ((p + seed) % 3 == 0) text_at(cr, 40, 800, "ผู้ติดต่อ เลขประจำตัวประชาชน 1-5008-30166-13-4");
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

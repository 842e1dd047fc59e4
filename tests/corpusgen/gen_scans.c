/* gen_scans.c — scanned documents for corpus/ (see gen.h): the text is set
 * with pango in a TLWG font on a grey page picture at the scanner's
 * resolution, turned a little as a sheet lies on the glass, and only the
 * picture goes into the file — no text layer, as a scanner makes it. */
#include <cairo-pdf.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <stddef.h>

#include "gen.h"

typedef void (*draw_fn)(cairo_t *cr);

/* A page picture w x h points at dpi, drawn by draw, turned by angle. */
static cairo_surface_t *picture(double w, double h, int dpi, double angle, draw_fn draw)
{
    double k = dpi / 72.0;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(w * k), (int)(h * k));
    cairo_t *cr = cairo_create(img);
    cairo_set_source_rgb(cr, 0.97, 0.97, 0.95); /* paper */
    cairo_paint(cr);
    cairo_scale(cr, k, k);
    cairo_translate(cr, w / 2, h / 2);
    cairo_rotate(cr, angle * M_PI / 180);
    cairo_translate(cr, -w / 2, -h / 2);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    draw(cr);
    cairo_destroy(cr);
    return img;
}

static void elderly_list(cairo_t *cr)
{
    static const char *rows[][4] = {
        { "1", "นางบัวผัน ศรีสุข", "3-4101-00234-56-0", "081-234-5678" },
        { "2", "นายทองดี มีชัย", "3-4101-00871-22-5", "089-765-4321" },
        { "3", "นางสมศรี แก้วมณี", "3-4101-01563-17-6", "086-111-2233" },
        { "4", "นายบุญมา ใจกว้าง", "3-4101-02298-40-9", "-" },
    };
    text_at(cr, 60, 60, "ประกาศองค์การบริหารส่วนตำบลหนองแวง");
    text_at(cr, 60, 80, "เรื่อง รายชื่อผู้มีสิทธิรับเงินเบี้ยยังชีพผู้สูงอายุ ประจำปีงบประมาณ 2568");
    text_at(cr, 60, 120, "ลำดับ");
    text_at(cr, 100, 120, "ชื่อ-สกุล");
    text_at(cr, 250, 120, "เลขประจำตัวประชาชน");
    text_at(cr, 420, 120, "โทรศัพท์");
    for (int i = 0; i < 4; i++) {
        double y = 145 + 25 * i;
        text_at(cr, 60, y, rows[i][0]);
        text_at(cr, 100, y, rows[i][1]);
        text_at(cr, 250, y, rows[i][2]);
        text_at(cr, 420, y, rows[i][3]);
    }
    text_at(cr, 60, 270, "ประกาศ ณ วันที่ 1 ตุลาคม 2567");
}

/* A ruled table of birth dates, as a Word table prints: each cell between
 * drawn borders, the date under วัน/เดือน/ปีเกิด with no label of its own,
 * an address that wraps inside its cell, and a row whose ordinal is left
 * empty (its other cells must keep their columns). */
static void birth_date_table(cairo_t *cr)
{
    static const double col[] = { 50, 95, 235, 355, 545 };
    static const char *rows[][4] = {
        { "ลำดับ", "ชื่อ-สกุล", "วัน/เดือน/ปีเกิด", "ที่อยู่" },
        { "1", "นางมาลี ทองคำ", "12 มีนาคม 2485", "45 หมู่ 3 ต.หนองแวง" },
        { "2", "นายสุข ใจงาม", "05/11/2490", "12/1 หมู่ 7 ต.หนองแวง" },
        { "", "นางบุญเรือน ดีมาก", "23 ก.ย. 2488", "8 หมู่ 2 ต.บ้านค้อ" },
        { "4", "นายประสิทธิ์ มั่นคง", "๓ มกราคม ๒๔๙๒", "101 หมู่ 5 ต.บ้านค้อ" },
    };
    text_at(cr, 50, 50, "ประกาศเทศบาลตำบลหนองแวง");
    text_at(cr, 50, 70, "เรื่อง รายชื่อผู้สูงอายุที่มีสิทธิรับเงินเบี้ยยังชีพ (เพิ่มเติม)");
    double top = 100, h = 30; /* Garuda's 11-point line is 19 points high: a cell's padding round it */
    for (int r = 0; r < 5; r++) {
        double y = top + h * r + (r > 1 ? 16 : 0); /* row 1 is taller: its address wraps */
        for (int c = 0; c < 4; c++) text_at(cr, col[c] + 4, y + 5, rows[r][c]);
        if (r == 1) text_at(cr, col[3] + 4, y + 21, "อ.เมือง จ.ขอนแก่น");
    }
    cairo_set_line_width(cr, 0.75);
    double bottom = top + 5 * h + 16;
    for (int c = 0; c < 5; c++) { /* the borders */
        cairo_move_to(cr, col[c], top);
        cairo_line_to(cr, col[c], bottom);
    }
    for (int r = 0; r <= 5; r++) {
        double y = top + h * r + (r > 1 ? 16 : 0);
        cairo_move_to(cr, col[0], y);
        cairo_line_to(cr, col[4], y);
    }
    cairo_stroke(cr);
    text_at(cr, 50, bottom + 20, "ประกาศ ณ วันที่ 2 ธันวาคม 2567");
    text_at(cr, 50, bottom + 45, "ติดต่อผู้ยื่นคำร้อง อีเมล mali.hd@gmail.com");
}

/* A poster (A0) announcing a beneficiary, in large type. */
static void poster(cairo_t *cr)
{
    cairo_scale(cr, 6, 6); /* 11-point text becomes 66-point */
    text_at(cr, 20, 20, "ประกาศผู้ได้รับทุนการศึกษา");
    text_at(cr, 20, 40, "นางสาวมะลิ หอมดี");
    text_at(cr, 20, 60, "เลขประจำตัวประชาชน 1 1037 00482 91 1");
}

/* One page w x h points, a picture drawn by draw at dpi and turned by
 * angle, into the PDF at path. */
static void scan_pdf_sized(const char *path, double w, double h, int dpi, double angle, draw_fn draw)
{
    cairo_surface_t *s = cairo_pdf_surface_create(path, w, h);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2024-01-01T00:00:00");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Scanner");
    cairo_t *cr = cairo_create(s);
    cairo_surface_t *img = picture(w, h, dpi, angle, draw);
    cairo_scale(cr, 72.0 / dpi, 72.0 / dpi);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
    cairo_show_page(cr);
    cairo_surface_destroy(img);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

static void scan_pdf(const char *path, int dpi, double angle, draw_fn draw)
{
    scan_pdf_sized(path, 595, 842, dpi, angle, draw);
}

void gen_scan_pdf(const char *path, int dpi, double angle) { scan_pdf(path, dpi, angle, elderly_list); }

void gen_ruled_scan_pdf(const char *path) { scan_pdf(path, 300, 1.5, birth_date_table); }

/* An A0 poster scanned at 150 dpi: drawn at 300 dpi it would take 139
 * million pixels, so OCR draws it coarser (pdf_ocr.c's MAX_PIXELS). */
void gen_poster_scan_pdf(const char *path) { scan_pdf_sized(path, 2384, 3370, 150, 0, poster); }

static void id_card(cairo_t *cr)
{
    text_at(cr, 12, 8, "บัตรประจำตัวประชาชน Thai National ID Card");
    text_at(cr, 12, 28, "เลขประจำตัวประชาชน");
    text_at(cr, 12, 46, "1 1037 00482 91 1");
    text_at(cr, 12, 70, "ชื่อตัวและชื่อสกุล นางสาวมะลิ หอมดี");
    text_at(cr, 12, 92, "เกิดวันที่ 12 ม.ค. 2530");
}

void gen_id_card_png(const char *path)
{
    cairo_surface_t *img = picture(243, 153, 300, -1.5, id_card); /* 85.6 x 54 mm */
    cairo_surface_set_device_scale(img, 1, 1);
    cairo_surface_write_to_png(img, path);
    cairo_surface_destroy(img);
}

/* IDs written in Thai digits, as many agencies write them: Tesseract's Thai
 * model misreads them (๔ as ๕, ๖ as ๒, ๗ as ๓, ๘ and ๙ as ๕). */
static void thai_digit_ids(cairo_t *cr)
{
    static const char *ids[] = { "๑ ๒๓๔๕ ๖๗๘๙๐ ๑๒ ๑", "๓ ๔๑๐๑ ๐๐๒๓๔ ๕๖ ๐", "๑ ๑๐๓๗ ๐๐๔๘๒ ๙๑ ๑",
                                 "๓ ๑๐๐๖ ๐๐๔๔๕ ๖๓ ๕", "๒ ๕๐๑๐ ๗๓๒๑๔ ๐๙ ๗", "๔ ๘๑๐๒ ๒๒๓๑๑ ๐๑ ๖" };
    for (int i = 0; i < 6; i++) {
        text_at(cr, 40, 30 + 30 * i, "เลขประจำตัวประชาชน");
        text_at(cr, 180, 30 + 30 * i, ids[i]);
    }
}

void gen_thai_digit_ids_png(const char *path)
{
    cairo_surface_t *img = picture(400, 210, 300, 0, thai_digit_ids);
    cairo_surface_write_to_png(img, path);
    cairo_surface_destroy(img);
}

/* The picture's grey as a Leptonica image (8 bits a pixel). */
static PIX *grey_pix(cairo_surface_t *img)
{
    cairo_surface_flush(img);
    int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    int stride = cairo_image_surface_get_stride(img);
    const unsigned char *d = cairo_image_surface_get_data(img);
    PIX *pix = pixCreate(w, h, 8);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            const unsigned char *p = d + (size_t)y * stride + 4 * x; /* RGB24: B G R x */
            pixSetPixel(pix, x, y, (p[0] + p[1] + p[2]) / 3);
        }
    return pix;
}

/* A fax-like multi-page TIFF, as a scanner's "scan to file" makes: the
 * list at 200 dpi on page 1, the ruled birth-date table at 300 dpi on
 * page 2, each page grey, LZW-compressed, with its resolution. */
void gen_scan_tiff(const char *path)
{
    static const struct { int dpi; double angle; draw_fn draw; } pages[] = {
        { 200, 0.6, elderly_list }, { 300, -1.0, birth_date_table } };
    for (int i = 0; i < 2; i++) {
        cairo_surface_t *img = picture(595, 842, pages[i].dpi, pages[i].angle, pages[i].draw);
        PIX *pix = grey_pix(img);
        pixSetResolution(pix, pages[i].dpi, pages[i].dpi);
        pixWriteTiff(path, pix, IFF_TIFF_LZW, i ? "a" : "w");
        pixDestroy(&pix);
        cairo_surface_destroy(img);
    }
}

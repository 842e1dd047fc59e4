/* gen_archive.c — a site archive for bench/archive.sh: N small, distinct
 * Thai documents (text and HTML, 2-20 KB, about one in ten with personal
 * data) in nested folders.  Binary documents are copied in by the script.
 *
 *   gen_archive DIR N */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *lines[] = {
    "ประกาศเทศบาลตำบลบ้านกลาง เรื่อง การรับสมัครบุคคลเพื่อเลือกสรรเป็นพนักงานจ้าง",
    "ด้วยองค์การบริหารส่วนตำบลริมใต้ มีความประสงค์จะดำเนินการจัดซื้อวัสดุสำนักงาน งบประมาณ ๑๒๐,๐๐๐ บาท",
    "รายงานผลการดำเนินงานตามแผนปฏิบัติราชการประจำปี ไตรมาสที่ ๓ ร้อยละ ๘๕.๕",
    "จึงประกาศมาเพื่อทราบโดยทั่วกัน ประกาศ ณ วันที่ ๒๕ กุมภาพันธ์ พ.ศ. ๒๕๖๗",
    "The municipality publishes its procurement plan under section 9 of the Official Information Act.",
    "ผู้ใดมีข้อสงสัยหรือคัดค้าน ให้ยื่นคำร้องได้ที่กองสวัสดิการสังคม ภายในวันที่ ๑๕ ตุลาคม ๒๕๖๗",
};

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen_archive DIR N\n");
        return 2;
    }
    long n = atol(argv[2]);
    unsigned seed = 12345;
    mkdir(argv[1], 0755);
    for (long i = 0; i < n; i++) {
        char dir[4096], path[4200];
        snprintf(dir, sizeof dir, "%s/d%02ld", argv[1], i % 40);
        mkdir(dir, 0755);
        int html = i % 4 == 0;
        snprintf(path, sizeof path, "%s/doc%05ld.%s", dir, i, html ? "html" : "txt");
        FILE *f = fopen(path, "w");
        if (!f) return 1;
        if (html) fputs("<html><head><meta charset=\"utf-8\"><title>ประกาศ</title></head><body>\n", f);
        seed = seed * 1103515245u + 12345u;
        int nlines = 8 + (int)(seed >> 16) % 60;
        fprintf(f, "เอกสารเลขที่ %ld/%u\n", i, seed % 10000); /* distinct content */
        for (int k = 0; k < nlines; k++) {
            seed = seed * 1103515245u + 12345u;
            fprintf(f, html ? "<p>%s</p>\n" : "%s\n", lines[(seed >> 16) % 6]);
        }
        if (i % 10 == 3) fputs("ผู้ร้อง นางสาวพิมพ์ชนก วงศ์ใหญ่ โทร. 086-555-0199 เลขประจำตัวประชาชน 1579378657978\n", f);
        if (html) fputs("</body></html>\n", f);
        fclose(f);
    }
    return 0;
}

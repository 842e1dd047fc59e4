/* gen.c — write a Thai text corpus for bench/: government-style sentences
 * with Thai-digit dates, amounts and document numbers, and sparse personal
 * data (a national ID about every 40 KB, a phone number about every 15 KB).
 *
 *   gen DIR NFILES FILE_MB     NFILES files of FILE_MB MB each, with lines
 *   gen FILE 1 MB nonl         one file of MB MB with no newline at all   */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_common.h"

static const char *phrases[] = {
    "ประกาศเทศบาลตำบลแม่ริม เรื่อง การรับสมัครบุคคลเพื่อสรรหาและเลือกสรรเป็นพนักงานจ้าง ",
    "ด้วยองค์การบริหารส่วนตำบลบ้านกลาง มีความประสงค์จะดำเนินการจัดซื้อวัสดุสำนักงาน ",
    "ตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. ๒๕๔๐ มาตรา ๗ และมาตรา ๙ ",
    "งบประมาณทั้งสิ้น ๑,๒๓๔,๕๖๗.๐๐ บาท (หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทถ้วน) ",
    "ที่ ชม ๕๑๐๐๑/๒๕๖๗ ลงวันที่ ๑๒ มกราคม ๒๕๖๗ ",
    "ผู้ใดมีข้อสงสัยหรือคัดค้าน ให้ยื่นคำร้องได้ที่กองสวัสดิการสังคม ภายในวันที่ ๑๕ ตุลาคม ๒๕๖๗ ",
    "รายงานผลการดำเนินงานตามแผนปฏิบัติราชการประจำปี ไตรมาสที่ ๓ ร้อยละ ๘๕.๕ ",
    "The municipality publishes its procurement plan under section 9, budget 12,500,000 baht. ",
    "รหัสโครงการ ๖๗๐๑๙๑๒๓๔๕๖ ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๗ กว้าง ๔ เมตร ยาว ๒๐๐ เมตร ",
    "จึงประกาศมาเพื่อทราบโดยทั่วกัน ประกาศ ณ วันที่ ๒๕ กุมภาพันธ์ พ.ศ. ๒๕๖๗ ",
};



static void write_text(FILE *f, long long bytes, int newlines)
{
    long long written = 0, next_id = 40000, next_phone = 15000;
    char tmp[64];
    while (written < bytes) {
        const char *p = phrases[next_rand() % (sizeof phrases / sizeof *phrases)];
        written += fputs(p, f) >= 0 ? (long long)strlen(p) : 0;
        if (written > next_id) {
            national_id(tmp);
            written += fprintf(f, "เลขประจำตัวประชาชน %s ", tmp);
            next_id += 30000 + next_rand() % 20000;
        }
        if (written > next_phone) {
            written += fprintf(f, "โทร. 08%u-%03u-%04u ", next_rand() % 10, next_rand() % 1000, next_rand() % 10000);
            next_phone += 10000 + next_rand() % 10000;
        }
        if (newlines && next_rand() % 3 == 0) {
            fputc('\n', f);
            written++;
        }
    }
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: gen DIR NFILES FILE_MB | gen FILE 1 MB nonl\n");
        return 2;
    }
    int n = atoi(argv[2]);
    long long bytes = atoll(argv[3]) * 1024 * 1024;
    if (argc > 4 && !strcmp(argv[4], "nonl")) {
        FILE *f = fopen(argv[1], "w");
        if (!f) return perror(argv[1]), 1;
        write_text(f, bytes, 0);
        return fclose(f) != 0;
    }
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/doc%04d.txt", argv[1], i);
        FILE *f = fopen(path, "w");
        if (!f) return perror(path), 1;
        write_text(f, bytes, 1);
        if (fclose(f) != 0) return 1;
    }
    return 0;
}

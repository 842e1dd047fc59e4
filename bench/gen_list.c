/* gen_list.c — a dense list as agencies publish them, of a given size, for
 * bench/ladder.sh: every line a person with a title, a name, a national ID
 * and a phone, and in the `sensitive` kind also a disability or illness
 * (the clause rules that tie a term to a nearby person).
 *
 *   gen_list FILE MB ids|sensitive      a text list of about MB megabytes
 *   gen_list FILE MB docx               the same rows as a DOCX body */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "gen_common.h"


static const char *titles[] = { "นาย", "นาง", "นางสาว" };
static const char *firsts[] = { "สมชาย", "บุญมา", "คำปัน", "ทองใบ", "สมศรี", "มาลี", "ประเสริฐ", "วิไลวรรณ" };
static const char *lasts[] = { "ใจดี", "ศรีสุข", "แก้วมา", "มั่นคง", "ทองดี", "สิงห์ทอง", "ชัยมงคล", "พุ่มพวง" };
static const char *terms[] = { "ความพิการทางการเคลื่อนไหว", "ผู้ป่วยโรคเบาหวาน", "ผู้ป่วยติดเตียง", "ความพิการทางการมองเห็น" };


/* Row n of the list, in out (at most 512 bytes). */
static void row(char *out, long n, int sensitive)
{
    char id[32];
    national_id(id);
    int k = snprintf(out, 512, "%ld. %s%s %s เลขประจำตัวประชาชน %s โทร 08%d-%03u-%04u", n, titles[next_rand() % 3],
                     firsts[next_rand() % 8], lasts[next_rand() % 8], id, 1 + (int)(next_rand() % 9),
                     next_rand() % 1000, next_rand() % 10000);
    if (sensitive) snprintf(out + k, 512 - (size_t)k, " %s", terms[next_rand() % 4]);
}

static int write_text(const char *path, long long bytes, int sensitive)
{
    FILE *f = fopen(path, "w");
    if (!f) return 1;
    fputs("ประกาศเทศบาลตำบลหนองบัว เรื่อง รายชื่อผู้มีสิทธิรับเงินเบี้ยความพิการ\n", f);
    char line[512];
    for (long n = 1; ftell(f) < bytes; n++) {
        row(line, n, sensitive);
        fprintf(f, "%s\n", line);
    }
    return fclose(f) != 0;
}

static int write_docx(const char *path, long long bytes)
{
    static const char types[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
        "content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override "
        "PartName=\"/word/document.xml\" ContentType=\"application/"
        "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    size_t cap = (size_t)bytes + 4096, len = 0;
    char *doc = malloc(cap), line[512];
    if (!doc) return 1;
    len += (size_t)sprintf(doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://"
                                "schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
    for (long n = 1; len + 1024 < (size_t)bytes; n++) {
        row(line, n, 1);
        len += (size_t)snprintf(doc + len, cap - len, "<w:p><w:r><w:t>%s</w:t></w:r></w:p>", line);
    }
    len += (size_t)snprintf(doc + len, cap - len, "</w:body></w:document>");
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z) return 1;
    zip_source_t *a = zip_source_buffer(z, types, strlen(types), 0), *b = zip_source_buffer(z, doc, len, 0);
    int bad = !a || !b || zip_file_add(z, "[Content_Types].xml", a, 0) < 0 || zip_file_add(z, "word/document.xml", b, 0) < 0;
    bad |= zip_close(z) != 0;
    free(doc);
    return bad;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: gen_list FILE MB ids|sensitive|docx\n");
        return 2;
    }
    long long bytes = (long long)(atof(argv[2]) * 1048576);
    if (!strcmp(argv[3], "docx")) return write_docx(argv[1], bytes);
    return write_text(argv[1], bytes, !strcmp(argv[3], "sensitive"));
}

/* gen_pdfs.c — bench input: N Thai text PDFs of 4 pages each (tests/corpusgen/gen_pdf.c).
 *   gen_pdfs DIR N */
#include <stdio.h>
#include <stdlib.h>

#include "../tests/corpusgen/gen.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gen_pdfs DIR N\n");
        return 2;
    }
    int n = atoi(argv[2]);
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/doc%03d.pdf", argv[1], i);
        gen_bench_pdf(path, 4, (unsigned)i);
    }
    return 0;
}

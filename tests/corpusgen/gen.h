/* gen.h — the corpus generator's pieces (tests/corpusgen/). */
#ifndef PDP_GEN_H
#define PDP_GEN_H

void gen_beneficiary_pdf(const char *path);
void gen_scanned_pdf(const char *path);
void gen_clean_pdf(const char *path);
void gen_annotated_pdf(const char *path);


void gen_bench_pdf(const char *path, int pages, unsigned seed);
#endif

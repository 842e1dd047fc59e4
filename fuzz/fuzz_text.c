/* fuzz_text.c — libFuzzer harness for the text extractor (see fuzz_common.h). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_scan(data, size, ""); }

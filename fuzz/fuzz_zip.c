/* fuzz_zip.c — libFuzzer harness for the zip extractor (see fuzz_common.h). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_scan(data, size, "PK\x03\x04"); }

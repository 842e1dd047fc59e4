#!/bin/bash -eu
# build.sh — ClusterFuzzLite / OSS-Fuzz build of pdpascan's harnesses.
# The fuzzing infrastructure sets CC, CFLAGS (sanitizer and coverage flags),
# LIB_FUZZING_ENGINE and OUT; the library is built with those flags, each
# harness linked with the engine, and next to each go its seed corpus (the
# project's corpus/ and tests/regress/), its dictionary and the rules it
# loads (patterns/ beside the binary).
make BUILD=build-cfl CC="$CC" CFLAGS="$CFLAGS" build-cfl/libpdpascan.a
PKGS="libpcre2-8 yaml-0.1 glib-2.0 nettle icu-uc gio-2.0 poppler-glib libxml-2.0 libzip sqlite3"
for src in fuzz/fuzz_*.c; do
  h=$(basename "$src" .c)
  $CC $CFLAGS -std=c11 -D_DEFAULT_SOURCE $(pkg-config --cflags $PKGS) -c "$src" -o "build-cfl/$h.o"
  $CXX $CXXFLAGS "build-cfl/$h.o" -o "$OUT/$h" build-cfl/libpdpascan.a $LIB_FUZZING_ENGINE \
    $(pkg-config --libs $PKGS) -pthread
  kind=${h#fuzz_}
  cp "fuzz/dict/$kind.dict" "$OUT/$h.dict"
done
cp -r patterns "$OUT/patterns"
zip -jq "$OUT/fuzz_text_seed_corpus.zip" corpus/text/*.txt tests/regress/*.txt
zip -jq "$OUT/fuzz_pdf_seed_corpus.zip" corpus/pdf/*.pdf tests/regress/*.pdf
zip -jq "$OUT/fuzz_html_seed_corpus.zip" corpus/html/*.html tests/regress/*.html
zip -jq "$OUT/fuzz_zip_seed_corpus.zip" corpus/docx/*.docx corpus/xlsx/*.xlsx corpus/pptx/*.pptx \
  corpus/odt/*.odt corpus/ods/*.ods corpus/zip/*.zip tests/regress/*.zip tests/regress/*.docx tests/regress/*.xlsx

# Makefile — build, test and install pdpascan.
#
#   make            build build/pdpascan, its format plugin and libpdpascan
#                   (installs nothing: sh scripts/deps.sh does that)
#   make demo       build and scan corpus/ with the text report (the main job)
#   make test       build and run every test, then again under ASan+UBSan
#   make bench      speed and memory against ripgrep (bench/README.md)
#   make install    PREFIX=/usr/local DESTDIR= : binary, plugin, patterns, man
#                   page, libpdpascan (.so with its soname, .a), pdpascan.h,
#                   pdpascan.pc

PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
CC ?= cc
DATADIR = $(PREFIX)/share/pdpascan/patterns
DOCDIR = $(PREFIX)/share/doc/pdpascan

CORE_PKGS = libpcre2-8 yaml-0.1 glib-2.0 nettle
# ICU is opened when first needed (scanner/util/icu.h): headers only for the
# program; the tests and fuzzers link it too (they call it directly).
ICU_PKGS = icu-uc
FORMAT_PKGS = gio-2.0 poppler-glib libxml-2.0 libzip
# MuPDF (page characters: pdf_glyphs.c; redacted PDFs): Debian ships it as
# static archives, with the libraries they need after them; HarfBuzz's
# subsetter cuts the font of a redacted PDF's labels down (pdf_label.c).
MUPDF_LIBS = -lmupdf -lmupdf-third -lmujs -lgumbo -lopenjp2 -ljbig2dec -ljpeg -lz $(shell pkg-config --libs freetype2 harfbuzz harfbuzz-subset)
# SQLite likewise (scanner/cli/sqlite_lazy.h): only `--cache` runs open it.
CLI_PKGS = sqlite3
PKGS = $(CORE_PKGS) $(ICU_PKGS) $(FORMAT_PKGS) $(CLI_PKGS)
# libxlsxwriter (--format xlsx: report/xlsx.c) is opened on first use
# everywhere, library included: headers only (it pulls in libcrypto);
# libmicrohttpd (`serve`: cli/mhd_lazy.h) likewise (it pulls in GnuTLS).
LAZY_PKGS = xlsxwriter libmicrohttpd tesseract lept
# Recursive (=): evaluated when a recipe runs, after `deps` has installed them.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) $(LAZY_PKGS) harfbuzz-subset)
PKG_LIBS = $(shell pkg-config --libs $(PKGS))
CORE_LIBS = $(shell pkg-config --libs $(CORE_PKGS))
FORMAT_LIBS = $(shell pkg-config --libs $(FORMAT_PKGS)) $(MUPDF_LIBS) -lm
LIBDIR = $(PREFIX)/lib/pdpascan

CFLAGS ?= -O2 -g
# The widest vector way used where the processor has it (util/simd.h):
# avx512 (default), avx2 or sse2.  `make BUILD=build-sse2 SIMD=sse2` builds a
# program that runs the SSE2 ways everywhere, to test or measure them whole.
SIMD ?= avx512
SIMD_MAX = $(if $(filter sse2,$(SIMD)),0,$(if $(filter avx2,$(SIMD)),1,2))
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-unused-parameter -Wno-psabi
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 \
	$(WARN) $(CFLAGS) $(SANFLAGS) -MMD -MP -pthread -fPIC \
	-DPDP_DATADIR='"$(DATADIR)"' -DPDP_LIBDIR='"$(LIBDIR)"' -DPDP_SIMD_MAX=$(SIMD_MAX) $(PKG_CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) $(MUPDF_LIBS) -lm -pthread

ifeq ($(SAN),1)
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
BUILD = build-asan
endif
ifeq ($(FUZZ),1)
CC = clang
SANFLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
BUILD = build-fuzz
endif

# The readers of scanner/formats/ (PDF, Office/ODF/ZIP, HTML) pull in poppler, MuPDF, libxml2 and
# libzip: the program loads them as a plugin on first use (start-up stays in
# milliseconds); the library (tests, fuzzers) links them in.
FORMAT_SRC = $(wildcard scanner/formats/*.c)
CORE_SRC = $(filter-out $(FORMAT_SRC) scanner/scan/formats_static.c scanner/scan/formats_dlopen.c, \
	$(wildcard scanner/util/*.c scanner/normalize/*.c scanner/detect/*.c scanner/policy/*.c \
	scanner/pipeline/*.c scanner/extract/*.c scanner/scan/*.c scanner/report/*.c scanner/redact/*.c))
CLI_SRC = $(wildcard scanner/cli/*.c)
CORE_OBJ = $(CORE_SRC:%.c=$(BUILD)/%.o)
FORMAT_OBJ = $(FORMAT_SRC:%.c=$(BUILD)/%.o)
LIB_OBJ = $(CORE_OBJ) $(FORMAT_OBJ) $(BUILD)/scanner/scan/formats_static.o
CLI_OBJ = $(CLI_SRC:%.c=$(BUILD)/%.o) $(CORE_OBJ) $(BUILD)/scanner/scan/formats_dlopen.o
# The Thai-digit reader's model (scanner/formats/digit_net.h) is data the
# build makes: train/digits/ renders the digits of Debian's Thai fonts as
# scans give them and trains on them (half a minute), once for every build
# directory (the trainer is a tool: no sanitizers); its report of how it
# reads fonts it never saw goes beside it.
MODEL_DIR = build/gen
DIGIT_MODEL = $(MODEL_DIR)/digit_model.c
TRAIN_SRC = $(wildcard train/digits/*.c) scanner/formats/glyph.c scanner/formats/digit_net.c \
	scanner/formats/digit_reader.c scanner/util/buf.c
FORMAT_OBJ += $(BUILD)/gen/digit_model.o
LIB = $(BUILD)/libpdpascan.a
BIN = $(BUILD)/pdpascan
PLUGIN = $(BUILD)/pdpascan-formats.so

TEST_SRC = $(wildcard tests/unit/test_*.c tests/e2e/test_*.c)
TEST_BIN = $(TEST_SRC:%.c=$(BUILD)/%)

.PHONY: accuracy all deps deps-test deps-bench deps-corpus deps-fuzz corpus fuzz fuzz-build demo test check install uninstall bench clean

SONAME = libpdpascan.so.1
SHLIB = $(BUILD)/libpdpascan.so.1.0.0
all: $(BIN) $(PLUGIN) $(LIB) $(SHLIB)

deps:
	@sh scripts/deps.sh
deps-test:
	@sh scripts/deps.sh test
deps-bench:
	@sh scripts/deps.sh bench

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(MODEL_DIR)/train_digits: $(TRAIN_SRC) $(wildcard train/digits/*.h scanner/formats/glyph.h scanner/formats/digit_*.h)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_DEFAULT_SOURCE -O3 -ffast-math $(WARN) -o $@ $(TRAIN_SRC) \
		$(shell pkg-config --cflags --libs cairo freetype2 libjpeg) -lm

$(DIGIT_MODEL): $(MODEL_DIR)/train_digits
	$(MODEL_DIR)/train_digits $@.tmp $(MODEL_DIR)/digit_model.txt
	@mv $@.tmp $@
	@cat $(MODEL_DIR)/digit_model.txt

$(BUILD)/gen/digit_model.o: $(DIGIT_MODEL)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -I. -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# -rdynamic: the plugin calls back into the program's docscan and helpers.
$(BIN): $(CLI_OBJ)
	$(CC) $(ALL_CFLAGS) -rdynamic -o $@ $(CLI_OBJ) $(CORE_LIBS) -lm -ldl -pthread

$(PLUGIN): $(FORMAT_OBJ)
	$(CC) $(ALL_CFLAGS) -shared -o $@ $(FORMAT_OBJ) $(FORMAT_LIBS)

# Unit tests may include the library's private headers (to test its parts).
$(BUILD)/tests/%: tests/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Iscanner -o $@ $< $(LIB) $(LDLIBS_ALL) $(shell pkg-config --libs cmocka)

# The shared library: the whole pipeline, readers included, with a soname.
$(SHLIB): $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,$(SONAME) -o $@ $(LIB_OBJ) $(LDLIBS_ALL)

demo: all
	@$(BIN) scan --format text --color never --exclude '*.expect.yaml' --exclude README.md corpus/; rc=$$?; \
	echo "(pdpascan exit code $$rc: 0 clean, 1 findings, 2 not fully read — the sample corpus holds all three kinds)"

# Normal build first, then the same suite under AddressSanitizer + UBSan.
test:
	@$(MAKE) --no-print-directory check-build
	@$(MAKE) --no-print-directory SAN=1 check-build
	@sh tests/run.sh build build-asan

check-build: $(BIN) $(PLUGIN) $(SHLIB) $(TEST_BIN)

# Precision and recall per category over corpus/, and the seeds' check.
accuracy:
	@$(MAKE) --no-print-directory check-build
	@$(BUILD)/tests/e2e/test_corpus 2>&1 | grep -vE '^\[ *(RUN|OK|PASSED|==========)'

# libFuzzer harnesses (clang), each run FUZZ_SECONDS (default 60) from corpus seeds.
FUZZ_BIN = $(patsubst fuzz/%.c,build-fuzz/%,$(wildcard fuzz/fuzz_*.c))
fuzz:
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-build
	@sh fuzz/run.sh
fuzz-build: $(FUZZ_BIN)
build-fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_common.h $(LIB)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIB) $(LDLIBS_ALL)
deps-fuzz:
	@sh scripts/deps.sh fuzz

bench: all
	@sh bench/run.sh
	@sh bench/archive.sh
	@sh bench/redact.sh
	@sh bench/ladder.sh
	@sh bench/pages.sh
	@sh bench/ocr.sh
	@sh bench/serve.sh
	@sh bench/report.sh

# Issue 6's targets alone: --cache rescan, -j2 on an archive, the hook.
bench-archive: all
	@sh bench/archive.sh

INCDIR = $(PREFIX)/include
LIBDIR_DEV = $(PREFIX)/lib
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/rules $(DESTDIR)$(DATADIR)/lexicon \
		$(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) $(DESTDIR)$(LIBDIR_DEV)/pkgconfig \
		$(DESTDIR)$(DOCDIR) $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/man/th/man1 \
		$(DESTDIR)$(PREFIX)/share/zsh/vendor-completions
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/pdpascan
	install -m 644 $(PLUGIN) $(DESTDIR)$(LIBDIR)/pdpascan-formats.so
	install -m 644 patterns/*.yaml patterns/README.md $(DESTDIR)$(DATADIR)/
	install -m 644 patterns/rules/*.yaml $(DESTDIR)$(DATADIR)/rules/
	install -m 644 patterns/lexicon/*.yaml patterns/lexicon/*.txt $(DESTDIR)$(DATADIR)/lexicon/
	install -m 644 man/pdpascan.1 $(DESTDIR)$(PREFIX)/share/man/man1/pdpascan.1
	install -m 644 man/th/pdpascan.1 $(DESTDIR)$(PREFIX)/share/man/th/man1/pdpascan.1
	install -m 644 README.md LICENSE docs/*.md $(DESTDIR)$(DOCDIR)/
	install -m 644 completions/pdpascan.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/pdpascan
	install -m 644 completions/_pdpascan $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/_pdpascan
	install -m 644 scanner/include/pdpascan.h $(DESTDIR)$(INCDIR)/pdpascan.h
	install -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR_DEV)/libpdpascan.so.1.0.0
	ln -sf libpdpascan.so.1.0.0 $(DESTDIR)$(LIBDIR_DEV)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR_DEV)/libpdpascan.so
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR_DEV)/libpdpascan.a
	sed -e 's|@VERSION@|$(shell sed -n 's/^#define PDP_VERSION "\(.*\)"/\1/p' scanner/include/pdpascan.h)|' \
		-e 's|@PRIVATE_LIBS@|$(strip $(PKG_LIBS) $(MUPDF_LIBS) -lm -pthread)|' pdpascan.pc.in \
		> $(DESTDIR)$(LIBDIR_DEV)/pkgconfig/pdpascan.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/pdpascan $(DESTDIR)$(PREFIX)/share/man/man1/pdpascan.1 $(DESTDIR)$(PREFIX)/share/man/th/man1/pdpascan.1
	rm -rf $(DESTDIR)$(DOCDIR)
	rm -f $(DESTDIR)$(PREFIX)/share/bash-completion/completions/pdpascan $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/_pdpascan
	rm -rf $(DESTDIR)$(LIBDIR)
	rm -rf $(DESTDIR)$(PREFIX)/share/pdpascan
	rm -f $(DESTDIR)$(INCDIR)/pdpascan.h $(DESTDIR)$(LIBDIR_DEV)/libpdpascan.* $(DESTDIR)$(LIBDIR_DEV)/pkgconfig/pdpascan.pc

clean:
	rm -rf build build-asan

-include $(shell find $(sort build build-asan build-fuzz $(BUILD)) -name '*.d' 2>/dev/null)

# Regenerate the non-text documents of corpus/ with tests/corpusgen/ (committed; run only to change them).
corpus:
	$(CC) -std=c11 -D_DEFAULT_SOURCE -O1 -Wall -Wextra -o $(BUILD)/gen_docs tests/corpusgen/gen_docs.c tests/corpusgen/gen_pdf.c tests/corpusgen/gen_lists.c tests/corpusgen/gen_tables.c \
		tests/corpusgen/gen_scans.c $(shell pkg-config --cflags --libs pangocairo cairo-pdf libzip lept) -lm
	$(BUILD)/gen_docs corpus
deps-corpus:
	@sh scripts/deps.sh corpus

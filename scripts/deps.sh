#!/bin/sh
# deps.sh — install the Debian packages pdpascan needs, only those missing.
#
#   sh scripts/deps.sh            what building needs
#   sh scripts/deps.sh test       ... and what the tests need
#   sh scripts/deps.sh bench      ... and what bench/ compares against
#   sh scripts/deps.sh corpus     ... and what corpus/gen/ needs to write documents
#
# Idempotent and quick when everything is there: it asks pkg-config and the
# PATH first and calls apt-get only for what is missing (Debian 12, as root).
set -e
missing=""
want_cmd() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }
want_pc() { pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"; }
want_file() { [ -e "$1" ] || missing="$missing $2"; }

want_cmd cc gcc
want_cmd make make
want_cmd pkg-config pkg-config
want_pc libpcre2-8 libpcre2-dev
want_pc icu-uc libicu-dev
want_pc yaml-0.1 libyaml-dev
want_pc nettle nettle-dev
want_pc gio-2.0 libglib2.0-dev
want_pc poppler-glib libpoppler-glib-dev
want_pc libxml-2.0 libxml2-dev
want_pc libzip libzip-dev
want_pc sqlite3 libsqlite3-dev
# MuPDF reads every glyph of a PDF page (scanner/formats/pdf_glyphs.c);
# Debian ships it as static archives, linked with the libraries below.
want_pc mupdf libmupdf-dev
want_pc libopenjp2 libopenjp2-7-dev
want_pc jbig2dec libjbig2dec0-dev
want_pc gumbo libgumbo-dev
want_pc mujs libmujs-dev
want_pc xlsxwriter libxlsxwriter-dev   # --format xlsx (opened on first use)
# The Thai font the labels of a redacted PDF's black boxes are drawn in
# (formats/pdf_redact.c); without it the boxes have no label.
want_file /usr/share/fonts/truetype/tlwg/Garuda.ttf fonts-thai-tlwg
want_pc harfbuzz libharfbuzz-dev
# The Thai fonts the Thai-digit reader's model is trained on at build time
# (train/digits/), and cairo to draw them.
want_pc cairo libcairo2-dev
want_file /usr/share/fonts/truetype/arundina/ArundinaSans.ttf fonts-arundina
want_file /usr/share/fonts/truetype/freefont/FreeSerif.ttf fonts-freefont-ttf
want_file /usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf fonts-noto-core
want_pc libmicrohttpd libmicrohttpd-dev   # `serve`, opened on first use
want_pc tesseract libtesseract-dev   # OCR of scanned pages and images, opened on first use
want_pc lept libleptonica-dev
want_file /usr/share/tesseract-ocr/5/tessdata/tha.traineddata tesseract-ocr-tha   # the Thai model
want_file /usr/share/tesseract-ocr/5/tessdata/eng.traineddata tesseract-ocr-eng   # e-mail addresses on scans
want_pc harfbuzz-subset libharfbuzz-dev   # cuts a redacted PDF's label font down
want_pc freetype2 libfreetype-dev
want_pc libjpeg libjpeg-dev
for extra in "$@"; do
  case "$extra" in
    test)
      want_pc cmocka libcmocka-dev
      want_cmd jq jq
      want_cmd git git
      want_cmd npm npm            # for the SARIF validator (below)
      want_cmd parallel parallel   # the tested --shard example
      want_cmd script bsdutils     # progress on a pseudo-terminal
      want_cmd chromium chromium   # the HTML report, screenshot-tested
      want_cmd firefox-esr firefox-esr  # serve's page in a second engine
      want_cmd python3 python3     # reads that screenshot (tests/cli/png_pixel.py)
      want_cmd pdfunite poppler-utils  # a PDF of a list and a scanned page (test_reports.sh)
      want_cmd qpdf qpdf           # inflates redacted PDFs for the byte check (test_redact.sh)
      want_cmd soffice libreoffice-writer-nogui   # redacted DOCX/XLSX must open in LibreOffice
      want_file /usr/lib/libreoffice/share/registry/calc.xcd libreoffice-calc-nogui
      want_cmd pre-commit pre-commit  # .pre-commit-hooks.yaml, tested with the framework
      want_cmd strace strace       # which processes a scan starts (test_cli.sh)
      ;;
    fuzz)
      want_cmd clang clang
      want_file /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a libclang-rt-14-dev
      ;;
    corpus)
      want_pc pangocairo libpango1.0-dev
      want_pc cairo-pdf libcairo2-dev
      want_cmd qpdf qpdf
      want_cmd soffice libreoffice-writer-nogui   # table PDFs exported as agencies export them
      want_file /usr/share/fonts/truetype/tlwg/Garuda.ttf fonts-thai-tlwg
      ;;
    bench)
      want_cmd rg ripgrep
      want_file /usr/bin/time time
      want_cmd hyperfine hyperfine
      want_cmd bc bc
      want_cmd pdftotext poppler-utils
      want_cmd xmllint libxml2-utils   # the XLSX reference: libxml2's streaming reader
      want_cmd unzip unzip
      want_cmd valgrind valgrind   # instruction counts (name detection's share)
      want_cmd tesseract tesseract-ocr   # the OCR reference (ocr.sh)
      want_cmd qpdf qpdf           # repeats the scanned page (ocr.sh)
      want_cmd jq jq               # the boxes of the findings (redact.sh)
      want_file /usr/lib/python3/dist-packages/fitz/__init__.py python3-fitz  # PyMuPDF, redact.sh's reference
      want_pc pangocairo libpango1.0-dev
      want_pc cairo-pdf libcairo2-dev
      want_file /usr/share/fonts/truetype/tlwg/Garuda.ttf fonts-thai-tlwg
      ;;
  esac
done

# Run a command with its output kept aside: shown (its last 40 lines) and
# the script ended with its status when it fails.
quietly() {
  log=$(mktemp /tmp/pdpascan-deps.XXXXXX)
  if "$@" >"$log" 2>&1; then rm -f "$log"; return 0; else rc=$?; fi
  echo "pdpascan: failed ($rc): $*" >&2
  tail -n 40 "$log" >&2
  rm -f "$log"
  exit "$rc"
}

install_missing() {
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "pdpascan: missing Debian packages:$missing" >&2
    echo "pdpascan: run as root, or: sudo apt-get install$missing" >&2
    exit 1
  fi
  echo "pdpascan: installing Debian packages:$missing" >&2
  quietly apt-get update -qq
  quietly env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
}
install_missing

# The tests validate --format sarif with Microsoft's SARIF multitool (npm)
# and drive Chromium with puppeteer-core (npm), kept in tests/.tools (not
# committed).
for extra in "$@"; do
  if [ "$extra" = test ]; then
    tools="$(dirname "$0")/../tests/.tools"
    if [ ! -x "$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool" ]; then
      echo "pdpascan: installing the SARIF validator (npm @microsoft/sarif-multitool)" >&2
      mkdir -p "$tools"
      quietly npm install --silent --no-audit --no-fund --prefix "$tools" @microsoft/sarif-multitool@5.7.0
      chmod u+x "$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
    fi
    # serve's browser test drives Debian's Chromium over the DevTools protocol
    if [ ! -f "$tools/node_modules/puppeteer-core/package.json" ]; then
      echo "pdpascan: installing the browser driver (npm puppeteer-core)" >&2
      mkdir -p "$tools"
      quietly npm install --silent --no-audit --no-fund --prefix "$tools" puppeteer-core@24.9.0
    fi
  fi
done

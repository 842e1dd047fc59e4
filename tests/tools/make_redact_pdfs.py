#!/usr/bin/env python3
"""make_redact_pdfs.py — the hand-written PDFs tests/cli/test_redact.sh
redacts, written to the folder given (tests/fixtures/ holds the result):

  form_xobject.pdf  an ID drawn inside a Form XObject, which the redaction
                    leaves alone: that page must be redacted as a picture;
  image_under.pdf   an ID drawn over a grey picture: the picture's pixels
                    under the ID must be blanked, not only covered;
  author.pdf        an ID on the page, and an author and a title in the
                    information dictionary that hold none: --scrub-metadata
                    clears the author, the title stays.

PDF syntax written by hand, with the base-14 Helvetica (ASCII text only)."""
import sys, zlib

ID = b"ID card 3-5099-00123-45-0"

def pdf(objects, info=None):
    out = bytearray(b"%PDF-1.4\n")
    offs = []
    for i, o in enumerate(objects, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    extra = b" /Info %d 0 R" % info if info else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, extra, x)
    return bytes(out)

def stream(data, extra=b""):
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TITLE = b"BT /F1 12 Tf 72 760 Td (Announcement of the district office) Tj ET\n"

def form_xobject():
    form = b"BT /F1 12 Tf 72 700 Td (" + ID + b") Tj ET"
    page = TITLE + b"q /Fm0 Do Q\n"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> /XObject << /Fm0 6 0 R >> >> >>",
        stream(page),
        FONT,
        stream(form, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"),
    ])

def image_under():
    w, h = 200, 20
    pixels = bytes([200]) * (w * h)
    page = TITLE + b"q 60 0 0 12 72 696 cm /Im0 Do Q\nBT /F1 12 Tf 72 700 Td (" + ID + b") Tj ET\n"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> /XObject << /Im0 6 0 R >> >> >>",
        stream(page),
        FONT,
        stream(zlib.compress(pixels), b"/Type /XObject /Subtype /Image /Width %d /Height %d"
               b" /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode" % (w, h)),
    ])

def author():
    page = TITLE + b"BT /F1 12 Tf 72 700 Td (" + ID + b") Tj ET\n"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(page),
        FONT,
        b"<< /Author (Clerk Office 3) /Title (District announcement) >>",
    ], info=6)

if __name__ == "__main__":
    d = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures"
    open(d + "/form_xobject.pdf", "wb").write(form_xobject())
    open(d + "/image_under.pdf", "wb").write(image_under())
    open(d + "/author.pdf", "wb").write(author())

"""redact_boxes.py — PyMuPDF's redaction on the boxes pdpascan found, the
reference for bench/redact_boxes.c (bench/redact.sh).

    /usr/bin/python3 bench/redact_boxes.py LIST OUT_DIR

LIST and the box files as for redact_boxes.c.  Each box becomes a redaction
annotation filled black; apply_redactions (its C part, Page._apply_redactions:
MuPDF's pdf_redact_page; Debian's 1.21 Python loop around it fails on this
Python) removes what it covers (images: pixels blanked, as pdpascan does) and the file is saved whole, garbage
collected and compressed, as pdpascan writes it.  No label is drawn in the
boxes (Debian's PyMuPDF 1.21 fails on add_redact_annot with text=):
pdpascan draws one, so it does more here, not less."""
import os
import sys

import fitz

KEEP = []

def main(listing, out_dir):
    for line in open(listing, encoding="utf-8"):
        pdf, boxes = line.rstrip("\n").split("\t")
        doc = fitz.open(pdf)
        # every document, page and annotation stays referenced to the end:
        # Debian's PyMuPDF 1.21 (SWIG) returns unwrapped objects once one of
        # them has been collected
        pages = [doc[i] for i in range(len(doc))]
        rects = {}
        for b in open(boxes):
            p, x0, y0, x1, y1 = b.split()
            rects.setdefault(int(p), []).append(fitz.Rect(float(x0), float(y0), float(x1), float(y1)))
        annots = []
        for no, rs in rects.items():
            annots += [pages[no - 1].add_redact_annot(r, fill=(0, 0, 0)) for r in rs]
            pages[no - 1]._apply_redactions(fitz.PDF_REDACT_IMAGE_PIXELS)
        doc.save(os.path.join(out_dir, os.path.basename(pdf)), garbage=3, deflate=True)
        KEEP.append((doc, pages, annots))

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

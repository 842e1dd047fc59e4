"""redact_boxes.py — PyMuPDF's redaction on the boxes pdpascan found, the
reference for bench/redact_boxes.c (bench/redact.sh).

    /usr/bin/python3 bench/redact_boxes.py LIST OUT_DIR

LIST and the box files as for redact_boxes.c.  Each box becomes a redaction
annotation filled black; apply_redactions removes what it covers (images:
pixels blanked, as pdpascan does) and the file is saved whole, garbage
collected and compressed, as pdpascan writes it."""
import os
import sys

import fitz

def main(listing, out_dir):
    for line in open(listing, encoding="utf-8"):
        pdf, boxes = line.rstrip("\n").split("\t")
        doc = fitz.open(pdf)
        pages = {}
        for b in open(boxes):
            p, x0, y0, x1, y1 = b.split()
            pages.setdefault(int(p), []).append(fitz.Rect(float(x0), float(y0), float(x1), float(y1)))
        for no, rects in pages.items():
            page = doc[no - 1]
            for r in rects:
                page.add_redact_annot(r, text="X-XXXX-XXXXX-XX-X", fill=(0, 0, 0))
            page.apply_redactions(images=fitz.PDF_REDACT_IMAGE_PIXELS)
        doc.save(os.path.join(out_dir, os.path.basename(pdf)), garbage=3, deflate=True)
        doc.close()

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

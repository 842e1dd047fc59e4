#!/usr/bin/env python3
"""picture_box.py — the colour in the HTML report's page picture at the
centre of a finding's box: picture_box.py REPORT.html FINDINGS.jsonl
CATEGORY PAGE_WIDTH_PT.  Prints one hex colour per finding of CATEGORY on
the report's first pictured page (the box scaled from PDF points to the
picture's pixels).  Standard library only (png_pixel.py decodes)."""
import base64
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import png_pixel  # noqa: E402


def main():
    html, findings, category, page_w = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    m = re.search(r'data:image/png;base64,([A-Za-z0-9+/=]+)".*?</figcaption>', open(html, encoding="utf-8").read())
    caption_page = int(re.search(r'(\d+)</figcaption>', m.group(0)).group(1))
    with tempfile.NamedTemporaryFile(suffix=".png", delete=False) as f:
        f.write(base64.b64decode(m.group(1)))
    rows, bpp = png_pixel.decode(f.name)
    os.unlink(f.name)
    scale = len(rows[0]) // bpp / page_w
    for line in open(findings, encoding="utf-8"):
        r = json.loads(line)
        loc = r.get("location", {})
        if r.get("type") != "finding" or r.get("category") != category or loc.get("page") != caption_page:
            continue
        x0, y0, x1, y1 = loc["bbox"]
        x, y = int((x0 + x1) / 2 * scale), int((y0 + y1) / 2 * scale)
        print("%02x%02x%02x" % tuple(rows[y][x * bpp:x * bpp + 3]))


if __name__ == "__main__":
    main()

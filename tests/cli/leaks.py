#!/usr/bin/env python3
"""leaks.py — the found values a report shows in clear.

usage: leaks.py FINDINGS.jsonl REPORT...

FINDINGS.jsonl is `pdpascan scan -f jsonl` over the same inputs (values
unmasked).  Every personal value found above info (match and normalized,
of four characters or more; passages of law and classification marks are
not values) is looked for in each report, also with its tabs and runs of
spaces read as one space, and in HTML with entities decoded.  Prints each
value found in clear with the report holding it, and exits 1 when any is."""
import html
import json
import re
import sys

NOT_VALUES = re.compile(r"^(oia_|sensitive_data|classification_mark|unreadable)")


def values(path):
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("type") != "finding" or rec.get("severity") == "info":
                continue
            if NOT_VALUES.match(rec.get("category", "")):
                continue
            for v in (rec.get("match"), rec.get("normalized")):
                if v and len(v) >= 4:
                    out.add(v)
                    out.add(re.sub(r"\s+", " ", v))
    return out


def main():
    vals = values(sys.argv[1])
    leaked = 0
    for rep in sys.argv[2:]:
        text = open(rep, encoding="utf-8", errors="replace").read()
        if rep.endswith(".html"):
            text = html.unescape(re.sub(r"<[^>]*>", "", text))
        flat = re.sub(r"\s+", " ", text)
        for v in sorted(vals):
            if v in text or v in flat:
                leaked += 1
                print(f"{rep}: {v}")
    print(f"{len(vals)} values looked for, {leaked} shown in clear")
    return 1 if leaked else 0


if __name__ == "__main__":
    sys.exit(main())

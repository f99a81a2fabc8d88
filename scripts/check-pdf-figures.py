#!/usr/bin/env python3
"""No figure of the 自评表 is split across lines in the PDF.

usage: check-pdf-figures.py <report.pdf> <report.figures>

The .figures file (written by the export_sample example) lists every figure the 自评表's
tables print. The appendix pages (from the one that starts "附表：") are read with
`pdftotext -layout`, where cells stand apart by spaces: each figure must appear there as a
whole token at least as often as the table prints it. A figure wrapped mid-way ("4051.8" over
"3") is missing a whole token, and is named.
"""
import collections
import subprocess
import sys

pdf, listing = sys.argv[1], sys.argv[2]
pages = int(
    next(
        line.split()[1]
        for line in subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout.splitlines()
        if line.startswith("Pages:")
    )
)


def page(n):
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(n), "-l", str(n), pdf, "-"], capture_output=True, text=True
    ).stdout


first = next((n for n in range(1, pages + 1) if "附表：" in page(n).replace(" ", "")), None)
if first is None:
    sys.exit(f"FAIL {pdf}: no page starts the 附表")
text = "".join(page(n) for n in range(first, pages + 1))
seen = collections.Counter(text.split())
wanted = collections.Counter(line for line in open(listing, encoding="utf-8").read().split("\n") if line)
split = {f: n - seen[f] for f, n in wanted.items() if seen[f] < n}
if split:
    for f, n in sorted(split.items()):
        print(f"FAIL {pdf}: “{f}” printed {wanted[f]}×, found whole {seen[f]}× — split across lines?")
    sys.exit(1)
print(f"{pdf}: {sum(wanted.values())} figures on pages {first}–{pages}, none split")

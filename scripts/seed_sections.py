#!/usr/bin/env python3
"""One-off converter: ../shared/seed-report.md -> the sample draft's narrative sections (JSON).

The seed text was extracted from a PDF: page breaks split sentences into two paragraphs, and the
headings carry their own (partly duplicated) numbering. Here paragraphs broken mid-sentence are
joined, heading numbers are dropped (the app numbers the outline itself), and bold lead-ins keep
their `**…**` marks. Every other character is kept as published.
usage: seed_sections.py ../shared/seed-report.md > sections.json
"""
import json, re, sys

lines = [l.rstrip() for l in open(sys.argv[1], encoding="utf-8")]
start = next(i for i, l in enumerate(lines) if l.startswith("## 一、基本情况"))
blocks, cur = [], []
for l in lines[start:]:
    if not l.strip():
        continue
    blocks.append(l)

L1 = re.compile(r"^#+\s*\**([一二三四五六七八九十]+)、(.+?)\**$")
L2 = re.compile(r"^#+\s*（([一二三四五六七八九十]+)）(.+)$")
sections, para = [], []
ENDS = tuple("。！？；：”）")

def push_text(t):
    s = sections[-1]
    if s["paras"] and not s["paras"][-1].endswith(ENDS):
        s["paras"][-1] += t          # a PDF page break split this sentence
    else:
        s["paras"].append(t)

level1_seen = 0
for b in blocks:
    m2 = L2.match(b)
    m1 = L1.match(b)
    if b.startswith("#") and m2:
        sections.append({"level": 2, "title": m2.group(2).strip("* "), "paras": []})
    elif b.startswith("#") and m1:
        title = m1.group(2).strip("* ")
        # inside 履职效能分析 the seed restarts at 一、: those are level-3 headings
        in_lvzx = any(s["title"] == "履职效能分析" for s in sections) and not any(
            s["title"] == "绩效管理" for s in sections)
        sections.append({"level": 3 if in_lvzx else 1, "title": title, "paras": []})
    else:
        push_text(b)

out = []
for s in sections:
    out.append({"level": s["level"], "title": s["title"], "text": "\n".join(s["paras"])})
json.dump(out, sys.stdout, ensure_ascii=False, indent=2)

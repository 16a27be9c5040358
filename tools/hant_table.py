#!/usr/bin/env python3
"""Writes src/hant/hant-table.txt: the Simplified → Traditional character table, and the phrases whose
Traditional form is not the character-by-character one, restricted to phrases that occur in the
app's own texts (src/**/*.rs). Statements themselves are never converted.

Source of the facts: the OpenCC dictionaries STCharacters.txt, STPhrases.txt and TWVariants.txt, as shipped in the
PyPI package opencc-python-reimplemented (Apache-2.0). Run after changing the app's Chinese texts:

    python3 -m pip install --target /tmp/opencc opencc-python-reimplemented==0.1.7
    python3 tools/hant_table.py /tmp/opencc/opencc/dictionary
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
dictionary = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/opencc/opencc/dictionary")


def entries(name):
    for line in (dictionary / name).read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            key, values = line.split("\t", 1)
            yield key, values.split(" ")[0]


# Taiwan's standard forms of a few characters (為 not 爲, 裡 not 裏, 著 not 着 …), read by people in
# Taiwan and Hong Kong alike; 覈 is OpenCC's choice where both places write 核.
variants = dict(entries("TWVariants.txt"))
variants["覈"] = "核"


def standard(text):
    return "".join(variants.get(c, c) for c in text)


# Phrases that OpenCC reads in another sense than the app's texts use them (发卡行 is a card
# issuer, not a hair clip; 30 天后 is "after 30 days"; 电子表格 is a spreadsheet; 账单只 is
# "the statement only", 撤回向 "withdraw towards").
MISREAD = {"发卡", "天后", "于敏", "电子表", "单只", "回向"}

chars = {k: standard(v) for k, v in entries("STCharacters.txt") if len(k) == 1}
chars = {k: v for k, v in chars.items() if k != v}


def by_char(text):
    return "".join(chars.get(c, c) for c in text)


sources = "\n".join(
    p.read_text(encoding="utf-8") for p in sorted((ROOT / "src").rglob("*.rs")) if "hant" not in p.parts
)
runs = set(re.findall(r"[\u3400-\u9fff]+", sources))
phrases = {}
for key, value in entries("STPhrases.txt"):
    value = standard(value)
    if len(key) < 2 or key in MISREAD or by_char(key) == value:
        continue
    if any(key in run for run in runs):
        phrases[key] = value

# One pair per line, Simplified TAB Traditional, sorted: single characters first, then phrases.
# The worker and the command line build it in; the page fetches it only when 繁體 is chosen.
out = [f"{k}\t{v}" for k, v in sorted(chars.items())]
out += [f"{k}\t{v}" for k, v in sorted(phrases.items())]
target = ROOT / "src" / "hant" / "hant-table.txt"
target.parent.mkdir(exist_ok=True)
target.write_text("\n".join(out) + "\n", encoding="utf-8")
print(f"{target}: {len(chars)} characters, {len(phrases)} phrases")

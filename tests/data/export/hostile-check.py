"""Checks an export of the hostile corpus: every text of case T001 masked as the corpus says,
neutralised for spreadsheets or raw as asked, the same in texts.csv with the marks it holds.

usage: hostile-check.py CORPUS DATA.csv TEXTS.csv|- raw|quoted PREFIX
Prints ok/not ok lines named PREFIX-...; DATA.csv may be readstat's conversion of .sav/.dta.
"""
import csv
import sys

MARKS = {"phones": "[numéro masqué]", "emails": "[courriel masqué]",
         "names": "[nom masqué]", "personal": "[donnée personnelle masquée]"}


def corpus(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#") or "\t" not in line:
                continue
            out.append(tuple(line.split("\t", 1)))
    return out


def shown(text, raw):
    return text if raw or text[:1] not in ("=", "+", "-", "@") else "'" + text


def main():
    lines = corpus(sys.argv[1])
    raw = sys.argv[4] == "raw"
    prefix = sys.argv[5]
    with open(sys.argv[2], encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    failed = 0
    row = next((r for r in rows if r.get("commune") == "Clermont-Ferrand"), None)
    if row is None:
        print("not ok %s-row: no row of T001" % prefix)
        return
    for name in ("adresse",):
        if name in row:
            print("not ok %s-no-%s: the personal column is exported" % (prefix, name))
            failed += 1
    for i, (inp, want) in enumerate(lines, 1):
        got = row.get("t%02d" % i)
        if got != shown(want, raw):
            print("not ok %s-text-%d: got [%s] want [%s]" % (prefix, i, got, shown(want, raw)))
            failed += 1
    if failed == 0:
        print("ok %s-texts (%d)" % (prefix, len(lines)))
    if sys.argv[3] == "-":
        return
    with open(sys.argv[3], encoding="utf-8", newline="") as f:
        texts = [t for t in csv.DictReader(f) if t["resp_id"] == row["resp_id"]]
    failed = 0
    if [t["variable"] for t in texts] != ["t%02d" % i for i in range(1, len(lines) + 1)]:
        print("not ok %s-list-order: %s" % (prefix, [t["variable"] for t in texts]))
        return
    for i, ((inp, want), t) in enumerate(zip(lines, texts), 1):
        counts = {k: want.count(m) for k, m in MARKS.items()}
        got = {k: int(t[k]) for k in MARKS}
        if t["text"] != shown(want, raw) or got != counts:
            print("not ok %s-list-%d: got [%s] %s want [%s] %s" % (prefix, i, t["text"], got,
                  shown(want, raw), counts))
            failed += 1
    if failed == 0:
        print("ok %s-list (%d)" % (prefix, len(lines)))


main()

#!/usr/bin/env python3
"""Round trip of an exported wave: the SPSS and Stata files, read back by the
`readstat` command (as CSV) and `extract_metadata` (as JSON), must say what
W.csv and W.ddi.xml say. Prints "ok NAME" or "not ok NAME: why" lines.

usage: compare.py W.csv sav.csv dta.csv sav.json dta.json W.ddi.xml
"""
import csv
import datetime
import json
import sys
import xml.etree.ElementTree as ET

NS = {"d": "ddi:codebook:2_5"}
SAV_EPOCH = datetime.datetime(1582, 10, 14)
DTA_EPOCH = datetime.datetime(1960, 1, 1)


def ok(name, problems):
    if problems:
        print("not ok %s: %s" % (name, "; ".join(problems[:3])))
    else:
        print("ok %s" % name)


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def number(s):
    """readstat prints doubles as 45.000000: the shortest form instead."""
    try:
        v = float(s)
    except ValueError:
        return s
    return str(int(v)) if v == int(v) else repr(v)


def when(kind, fmt, s):
    """A date or a time of SPSS or Stata back to the text W.csv holds."""
    if s == "":
        return ""
    if fmt == "sav":
        t = SAV_EPOCH + datetime.timedelta(seconds=float(s))
    elif kind == "date" and "-" in s:
        y, m, d = (int(x) for x in s.split("-"))
        return "%04d-%02d-%02d" % (y, m, d)
    elif kind == "date":
        t = DTA_EPOCH + datetime.timedelta(days=float(s))
    else:
        t = DTA_EPOCH + datetime.timedelta(milliseconds=float(s))
    return t.strftime("%Y-%m-%d" if kind == "date" else "%Y-%m-%dT%H:%M:%SZ")


def ddi_vars(path):
    """name -> (label, {code: label}, [missing codes], numeric?, category)"""
    out = {}
    for v in ET.parse(path).getroot().iterfind(".//d:var", NS):
        cats, miss = {}, []
        for c in v.iterfind("d:catgry", NS):
            code = float(c.find("d:catValu", NS).text)
            cats[code] = c.find("d:labl", NS).text
            if c.get("missing") == "Y":
                miss.append(code)
        fmt = v.find("d:varFormat", NS)
        out[v.get("name")] = (v.find("d:labl", NS).text, cats, miss,
                              fmt.get("type") == "numeric", fmt.get("category"))
    return out


def same_label(got, want):
    """Equal, or cut with an ellipsis to the format's limit."""
    return got == want or (got.endswith("…") and want.startswith(got[:-1]))


def main():
    wcsv, scsv, tcsv, sjson, tjson, ddi = sys.argv[1:7]
    w, s, t = rows(wcsv), rows(scsv), rows(tcsv)
    meta = {"sav": json.load(open(sjson)), "dta": json.load(open(tjson))}
    dv = ddi_vars(ddi)
    names = w[0]
    ok("names-sav-dta-ddi", [] if s[0] == names and t[0] == names and list(dv) == names
       else ["W.csv %s / sav %s / dta %s / ddi %s" % (names[:3], s[0][:3], t[0][:3], list(dv)[:3])])
    ok("rows-sav-dta", [] if len(s) == len(w) and len(t) == len(w)
       else ["%d / %d / %d lines" % (len(w), len(s), len(t))])
    for fmt, got in (("sav", s), ("dta", t)):
        bad = []
        for r, (wr, gr) in enumerate(zip(w[1:], got[1:]), 1):
            for c, name in enumerate(names):
                label, cats, miss, numeric, cat = dv[name]
                want, have = wr[c], gr[c]
                if cat in ("date", "time"):
                    if fmt == "dta" and want in ("-8", "-9"):
                        want = ""
                    elif fmt == "sav" and want in ("-8", "-9"):
                        have = number(have)
                    else:
                        have = when(cat, fmt, have)
                elif numeric:
                    have = number(have)
                    if fmt == "dta" and want != "" and float(want) in miss:
                        want = ""	# .d and .r: Stata's extended missing values
                if want != have:
                    bad.append("row %d %s: W.csv [%s], %s [%s]" % (r, name, wr[c], fmt, gr[c]))
        ok("values-%s" % fmt, bad)
    for fmt in ("sav", "dta"):
        lab, cat, mis = [], [], []
        for v in meta[fmt]["variables"]:
            label, cats, miss, numeric, kind = dv[v["name"]]
            if not same_label(v.get("label", ""), label):
                lab.append("%s [%s] [%s]" % (v["name"], v.get("label"), label))
            got = {}
            for c in v.get("categories", []):
                code = c["code"]
                if code == ".d":
                    code = miss[0] if miss else code
                elif code == ".r":
                    code = miss[-1] if miss else code
                got[float(code)] = c["label"]
            want = {k: x for k, x in cats.items() if numeric}
            if kind in ("date", "time"):
                got = {k: x for k, x in got.items() if k in miss}
                want = {k: x for k, x in want.items() if k in miss}
            if any(k not in got or not same_label(got[k], x) for k, x in want.items()) or \
                    len(got) != len(want):
                cat.append("%s %s %s" % (v["name"], got, want))
            if fmt == "sav" and numeric:
                have = sorted(float(x) for x in v.get("missing", {}).get("values", []))
                if have != sorted(miss):
                    mis.append("%s %s %s" % (v["name"], have, miss))
        ok("labels-%s" % fmt, lab)
        ok("value-labels-%s" % fmt, cat)
        if fmt == "sav":
            ok("missing-codes-sav", mis)


main()

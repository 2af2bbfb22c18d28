#!/usr/bin/env python3
"""Recomputes the fixture's dispositions from the raw calls and interviews, with rules of its
own, then the AAPOR rates from them; compares both with what allo says.

usage: check.py DB EXPECTED REPORT.json   prints one line per check: ok NAME / not ok NAME: why"""
import json, sqlite3, sys

db, expected_path, report_path = sys.argv[1:4]
con = sqlite3.connect(db)
report = json.load(open(report_path))

# At once final, by the token of the call; when attempts run out, the most informative call.
AT_ONCE = {"hard_refusal": "2.111", "disconnected": "4.30", "unable": "2.32", "business": "4.51",
           "fax": "4.20", "language": "2.33", "not_eligible": "4.70", "complete": "1.1"}
BEST = ["partial", "breakoff", "soft_refusal", "unavailable", "answering_machine_household",
        "answering_machine", "no_answer", "busy"]
AT_MAX = {"partial": "1.2", "breakoff": "2.12", "soft_refusal": "2.111", "unavailable": "2.21",
          "answering_machine_household": "2.22", "answering_machine": "3.14",
          "no_answer": "3.13", "busy": "3.12"}
MAX_ATTEMPTS = 3


def own_code(case):
    calls = [r[0] for r in con.execute(
        "SELECT outcome FROM calls WHERE case_id = ? ORDER BY id", (case,))]
    if not calls:
        contact = con.execute("SELECT count(*) FROM contacts WHERE case_id = ?", (case,)).fetchone()[0]
        return "0.10" if contact == 0 else "3.11"
    last = calls[-1]
    if last == "screened_out":
        why = con.execute("SELECT outcome FROM interviews WHERE case_id = ?", (case,)).fetchone()[0]
        return {"quota_full": "4.80", "refusal": "2.112"}.get(why, "4.70")
    if last in AT_ONCE:
        return AT_ONCE[last]
    if len(calls) < MAX_ATTEMPTS:
        return None
    return AT_MAX[min(calls, key=BEST.index)]


results = []


def check(name, cond, why=""):
    results.append("ok %s" % name if cond else "not ok %s: %s" % (name, why))


expected = dict(line.split() for line in open(expected_path))
cases = [r for r in con.execute("SELECT id, state, final_code FROM cases ORDER BY id")]
own = {c: own_code(c) for c, _, _ in cases}
bad = [c for c in expected if own[c] != expected[c]]
check("own-codes-match-scenario", not bad, " ".join("%s own %s scenario %s" % (c, own[c], expected[c]) for c in bad[:5]))
bad = [c for c, state, code in cases if own[c] not in (None, "3.11") and (state != "final" or code != own[c])]
check("allo-codes-match-own", not bad, " ".join("%s allo %s own %s" % (c, code, own[c]) for c, s, code in cases if c in bad[:5]))

# The groups of AAPOR's Standard Definitions, by code; cases not final would count by their
# calls, but the fixture ends with every case of w1 final and those of w2 never called (3.11).
def group(code):
    if code.startswith("0."): return "EX"
    if code == "1.1": return "I"
    if code == "1.2": return "P"
    if code.startswith("2.1"): return "R"
    if code.startswith("2.2"): return "NC"
    if code.startswith("2.3") or code.startswith("2.9"): return "O"
    if code.startswith("3.1"): return "UH"
    if code.startswith("3.2") or code.startswith("3.9"): return "UO"
    return "NE"

g = {k: 0 for k in ["I", "P", "R", "NC", "O", "UH", "UO", "NE", "EX"]}
for c in own:
    g[group(own[c] or "3.11")] += 1
rates = report["rates"]
for k, v in g.items():
    check("group-%s" % k, rates.get(k) == v, "allo %s, own %s" % (rates.get(k), v))
I, P, R, NC, O, UH, UO, NE = (g[k] for k in ["I", "P", "R", "NC", "O", "UH", "UO", "NE"])
e = (I + P + R + NC + O) / (I + P + R + NC + O + NE)
D1 = (I + P) + (R + NC + O) + (UH + UO)
D3 = (I + P) + (R + NC + O) + e * (UH + UO)
D5 = (I + P) + (R + NC + O)
own_rates = {
    "RR1": I / D1, "RR2": (I + P) / D1, "RR3": I / D3, "RR4": (I + P) / D3,
    "RR5": I / D5, "RR6": (I + P) / D5,
    "COOP1": I / ((I + P) + R + O), "COOP2": (I + P) / ((I + P) + R + O),
    "COOP3": I / ((I + P) + R), "COOP4": (I + P) / ((I + P) + R),
    "REF1": R / D1, "REF2": R / D3, "REF3": R / D5,
    "CON1": ((I + P) + R + O) / D1, "CON2": ((I + P) + R + O) / D3, "CON3": ((I + P) + R + O) / D5,
}
check("e", abs(rates["e"] - e) < 1e-4, "allo %s, own %.4f" % (rates["e"], e))
for k, v in own_rates.items():
    check("rate-%s" % k, abs(rates[k] - v) < 1e-4, "allo %s, own %.4f" % (rates[k], v))
# What the definitions imply whatever the data.
check("rr2-ge-rr1", rates["RR2"] >= rates["RR1"] and P > 0, "RR2 %s RR1 %s P %d" % (rates["RR2"], rates["RR1"], P))
check("rr4-ge-rr3", rates["RR4"] >= rates["RR3"])
check("rr6-ge-rr5", rates["RR6"] >= rates["RR5"])
check("rr3-between", rates["RR1"] <= rates["RR3"] <= rates["RR5"])
check("coop-order", rates["COOP1"] <= rates["COOP3"] and rates["COOP2"] <= rates["COOP4"])
check("ex-out-of-rates", g["EX"] > 0 and D1 + g["NE"] + g["EX"] == len(own))
print("\n".join(results))

#!/usr/bin/env python3
"""Drives the fieldwork fixture through `allo drive`, one process per round of calls, and writes
the disposition each case must end with, by the scenario's own rules (never allo's).

usage: drive.py ALLO DB EXPECTED
Each case's id says its scenario (kind = number % 12); cells fill as the completes come."""
import json, subprocess, sys
from datetime import datetime, timedelta

allo, db, expected_path = sys.argv[1:4]
answers = {}      # case -> answers of its interview so far
expected = {}     # case -> final code the scenario gives
cells = {}        # (res, sexe) -> completes
TARGET = 4


def profile(n):
    return (n // 12) % 3 + 1, (n // 36) % 2 + 1


class Drive:
    def __init__(self, now):
        env = {"ALLO_NOW": now, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
        self.p = subprocess.Popen([allo, "drive", db], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, env=env, text=True, bufsize=1)

    def say(self, line):
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()
        reply = json.loads(self.p.stdout.readline())
        if not reply.get("ok"):
            sys.exit("%s: %s" % (line, reply))
        return reply

    def close(self):
        self.say("quit")
        self.p.stdin.close()
        self.p.wait()


def interview(d, case, n, answers_given):
    """Starts the case's interview and gives the answers; returns the last reply."""
    r = d.say("start " + case)
    for a in answers_given:
        r = d.say("answer %s" % a)
    return r


def screener(d, case, n, stop_after):
    """Consent, res, sexe, then stop_after more questions; None if the quota screened it out."""
    res, sexe = profile(n)
    full = cells.get((res, sexe), 0) >= TARGET
    r = interview(d, case, n, [1, res, sexe])
    if full:
        assert r.get("done") == "screened_out", (case, r)
        expected[case] = "4.80"
        return None
    for _ in range(stop_after):
        r = d.say("answer 1")
    return r


def first_call(d, case, n, kind):
    """What the scenario does at the first attempt of a case."""
    res, sexe = profile(n)
    if kind == 0:
        r = screener(d, case, n, 6)
        if r is not None:
            assert r.get("done") == "complete", (case, r)
            cells[(res, sexe)] = cells.get((res, sexe), 0) + 1
            expected[case] = "1.1"
    elif kind == 6:
        interview(d, case, n, [1, res])
        r = d.say("breakoff")
        assert r["outcome"] == "breakoff", (case, r)
        expected[case] = "2.12"
    elif kind == 7:
        if screener(d, case, n, 2) is not None:
            r = d.say("breakoff")
            assert r["outcome"] == "partial", (case, r)
            expected[case] = "1.2"
    elif kind == 9:
        r = interview(d, case, n, [2])
        assert r.get("outcome") == "refusal", (case, r)
        expected[case] = "2.112"
    else:
        later_call(d, case, n, kind, 1)


# The outcome of each attempt of the kinds made of calls only, and the final code they end with.
CALLS = {
    1: (["busy", "busy", "busy"], "3.12"),
    2: (["busy", "no_answer", "no_answer"], "3.13"),
    3: (["no_answer", "no_answer", "no_answer"], "3.13"),
    4: (["hard_refusal"], "2.111"),
    5: (["disconnected"], "4.30"),
    8: (["answering_machine"] * 3, "3.14"),
    10: (["soft_refusal", "no_answer", "no_answer"], "2.111"),
}
ELEVEN = [(["unable"], "2.32"), (["business"], "4.51"), (["unavailable"] * 3, "2.21"),
          (["answering_machine_household", "no_answer", "answering_machine_household"], "2.22")]


def plan(n, kind):
    if kind == 11:
        return ELEVEN[(n // 12) % 4]
    if kind in CALLS:
        return CALLS[kind]
    return (["no_answer", "no_answer"], None)   # after an interview: attempts 2 and 3


def later_call(d, case, n, kind, attempt):
    tokens, code = plan(n, kind)
    i = attempt - 1 if kind in CALLS or kind == 11 else attempt - 2
    d.say("outcome " + tokens[i])
    if code is not None:
        expected[case] = code


def round_at(now):
    d = Drive(now.strftime("%Y-%m-%dT%H:%M:%SZ"))
    given = 0
    while True:
        r = d.say("next")
        if r["case"] is None:
            break
        case, attempt = r["case"]["id"], r["case"]["attempt"]
        n = int(case[1:])
        given += 1
        if attempt == 1:
            first_call(d, case, n, n % 12)
        else:
            later_call(d, case, n, n % 12, attempt)
    d.close()
    return given


now = datetime(2026, 11, 30, 8, 0, 0)
rounds = 0
while round_at(now) > 0:
    now += timedelta(minutes=6)
    rounds += 1
    if rounds > 50:
        sys.exit("fieldwork does not end")
with open(expected_path, "w") as f:
    for case in sorted(expected):
        f.write("%s %s\n" % (case, expected[case]))
print("rounds %d, cases %d" % (rounds, len(expected)))

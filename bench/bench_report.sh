#!/bin/sh
# Benchmark: `allo report` (every section, text) on 100,000 cases, 20,000 interviews and
# ~210,000 calls, beside a bare full scan of the cases table by sqlite3, as a ratio.
# Usage: sh bench/bench_report.sh [ALLO]; the binary defaults to build/allo.
ALLO=${1:-$(cd "$(dirname "$0")/.." && pwd)/build/allo}
case $ALLO in /*) ;; *) ALLO=$PWD/$ALLO ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

cat >b.yaml <<'YAML'
survey: {id: b, title: "Bench", version: "1"}
fieldwork: {timezone: Europe/Paris}
themes: [{id: t, title: "T", questions: [{id: q, type: text, text: "Q ?"}]}]
YAML
"$ALLO" init --test b.db b.yaml >/dev/null || exit 1
# Cases 1-20,000 were interviewed (16,000 complete, 2,000 broken off, 2,000 screened out);
# cases up to 70,000 had 1 to 5 calls by 50 interviewers over 30 days; the rest are fresh.
sqlite3 b.db "
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO cases (id, wave, frame, state, final_code, attempts, last_call_at, created_at)
SELECT printf('B%06d', i), CASE WHEN i % 4 = 0 THEN 'w2' ELSE 'w1' END, '{}',
  CASE WHEN i > 70000 THEN 'fresh' WHEN i <= 20000 AND i % 10 < 9 THEN 'final'
       WHEN i > 20000 AND i % 3 = 0 THEN 'active' WHEN i > 20000 THEN 'final' ELSE 'active' END,
  CASE WHEN i > 70000 OR (i <= 20000 AND i % 10 = 9) OR (i > 20000 AND i % 3 = 0) THEN NULL
       WHEN i <= 16000 THEN '1.1' WHEN i <= 18000 THEN '2.12' WHEN i <= 20000 THEN '4.70'
       ELSE CASE i % 7 WHEN 0 THEN '2.111' WHEN 1 THEN '3.13' WHEN 2 THEN '4.30' WHEN 3 THEN '2.20'
            WHEN 4 THEN '3.12' WHEN 5 THEN '2.33' ELSE '3.14' END END,
  CASE WHEN i > 70000 THEN 0 ELSE 1 + i % 5 END,
  CASE WHEN i > 70000 THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%SZ', 1795910400 + (i % 30) * 86400 + 28800 + (i % 37) * 900 + (i % 5) * 60, 'unixepoch') END,
  'x' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 70000),
  k(j) AS (VALUES (0), (1), (2), (3), (4))
INSERT INTO calls (case_id, login, at, outcome, slot)
SELECT printf('B%06d', i), 'enq' || ((i + j) % 50),
  strftime('%Y-%m-%dT%H:%M:%SZ', 1795910400 + (i % 30) * 86400 + 28800 + (i % 37) * 900 + j * 60, 'unixepoch'),
  CASE WHEN j < i % 5 THEN CASE (i + j) % 4 WHEN 0 THEN 'no_answer' WHEN 1 THEN 'busy'
         WHEN 2 THEN 'answering_machine' ELSE 'appointment' END
       WHEN i <= 16000 THEN 'complete' WHEN i <= 18000 THEN 'breakoff' WHEN i <= 20000 THEN 'screened_out'
       ELSE CASE i % 7 WHEN 0 THEN 'hard_refusal' WHEN 1 THEN 'no_answer' WHEN 2 THEN 'disconnected'
            WHEN 3 THEN 'appointment' WHEN 4 THEN 'busy' WHEN 5 THEN 'language' ELSE 'soft_refusal' END END, 0
FROM n JOIN k ON k.j <= n.i % 5 ORDER BY 3;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO interviews (case_id, questionnaire_id, login, seed, status, outcome, started_at, ended_at)
SELECT printf('B%06d', i), 1, 'enq' || ((i + i % 5) % 50), i,
  CASE WHEN i <= 16000 THEN 'complete' WHEN i <= 18000 THEN 'broken_off' ELSE 'screened_out' END,
  CASE WHEN i > 18000 THEN 'ineligible' END,
  strftime('%Y-%m-%dT%H:%M:%SZ', 1795910400 + (i % 30) * 86400 + 28800 + (i % 37) * 900 + (i % 5) * 60 - 1500, 'unixepoch'),
  strftime('%Y-%m-%dT%H:%M:%SZ', 1795910400 + (i % 30) * 86400 + 28800 + (i % 37) * 900 + (i % 5) * 60, 'unixepoch')
FROM n;
INSERT INTO quota_cells (quota, cell, target, completes) VALUES ('quartier', '1', 500, 420), ('quartier', '2', 500, 512);
COMMIT;" || exit 1

# Milliseconds of the fastest of three runs of a command.
best() {
	b=
	for r in 1 2 3; do
		s=$(date +%s%N)
		"$@" >/dev/null || exit 1
		t=$((($(date +%s%N) - s) / 1000000))
		[ -z "$b" ] || [ "$t" -lt "$b" ] && b=$t
	done
	echo "$b"
}

export ALLO_NOW=2026-12-15T15:00:00+01:00
report=$(best "$ALLO" report b.db)
scan=$(best sqlite3 b.db "SELECT count(*), sum(length(id)) FROM cases")
[ "$scan" -gt 0 ] || scan=1
printf 'report: %d ms for 100,000 cases, %d calls, 20,000 interviews (every section, text);' \
    "$report" "$(sqlite3 b.db 'SELECT count(*) FROM calls')"
printf ' bare scan of cases %d ms; ratio %.1f (target: report under 1000 ms)\n' \
    "$scan" "$(echo "$report $scan" | awk '{ print $1 / $2 }')"

# Final dispositions when attempts run out, each expected code written by hand.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
cat >d.yaml <<'YAML'
survey: {id: disp, title: "Disp", version: "1"}
frame:
  - {id: quartier, label: "Quartier", type: single, options: {1: "Champratel", 2: "Les Vergnes"}}
fieldwork:
  timezone: Europe/Paris
  windows: {weekday: "09:00-20:30", saturday: "09:00-17:00", sunday: none}
  max_attempts: 3
  retry_minutes: {no_answer: 15, busy: 15, answering_machine: 15, soft_refusal: 15}
themes:
  - id: t
    title: "T"
    questions:
      - {id: q1, type: number, text: "Combien ?", min: 0, max: 10}
YAML
"$ALLO" init --test d.db d.yaml >/dev/null
"$ALLO" user add d.db "$(id -un)" --role interviewer >/dev/null
sqlite3 d.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5)
	INSERT INTO cases (id, wave, frame, created_at) SELECT 'C' || i, 'w1', '{\"quartier\":1}', 'x' FROM n;
	INSERT INTO contacts (case_id, phone) SELECT id, '+3346571000' || substr(id, 2) FROM cases;"

# Monday 30 November 2026, Paris time; one round of calls every 20 minutes.
at() { ALLO_NOW="2026-11-30T$1:00+01:00"; export ALLO_NOW; }
drive() { printf '%s\n' "$@" | "$ALLO" drive d.db >/dev/null 2>&1; }
final() { sqlite3 d.db "SELECT state || ' ' || coalesce(final_code, '-') FROM cases WHERE id = '$1'"; }

# C1: busy every time; C2: busy once, then no answer; C3: no answer, then busy.
at 10:00; drive next "outcome busy" next "outcome busy" next "outcome no_answer" \
    next "outcome unable" next "outcome business"
at 10:20; drive next "outcome busy" next "outcome no_answer" next "outcome busy"
at 10:40; drive next "outcome busy" next "outcome no_answer" next "outcome busy"
expect_eq always-busy-3.12 "$(final C1)" "final 3.12"
expect_eq busy-then-no-answer-3.13 "$(final C2)" "final 3.13"
expect_eq no-answer-then-busy-3.13 "$(final C3)" "final 3.13"
expect_eq unable-2.32 "$(final C4)" "final 2.32"
expect_eq business-4.51 "$(final C5)" "final 4.51"

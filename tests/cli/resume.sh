# Interrupted interviews come back first once their retry delay has passed (fieldwork
# resume_priority: first, the default), before every fresh case; `normal` keeps the plain
# queue; allo case explain says which.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
me=$(id -un)
yaml() {
	cat <<YAML
survey: {id: resume, title: "Reprise", version: "1"}
fieldwork:
  timezone: Europe/Paris
  windows: {weekday: "09:00-20:30", saturday: "09:00-17:00", sunday: none}
  slots: ["09:00-12:00", "12:00-18:00", "18:00-20:30"]
  retry_minutes: {no_answer: 60, busy: 15, answering_machine: 60, soft_refusal: 10080, breakoff: 60}
  lease_minutes: 45
$1
themes:
  - id: t
    title: "T"
    questions:
      - {id: consent, type: single, text: "D'accord ?", options: {1: "Oui", 2: "Non"}}
      - {id: q2, type: number, text: "Combien ?", min: 0, max: 10}
      - {id: q3, type: number, text: "Et encore ?", min: 0, max: 10}
      - {id: q4, type: number, text: "Enfin ?", min: 0, max: 10}
YAML
}
setup() {
	yaml "$2" >"$1.yaml"
	"$ALLO" init --test "$1.db" "$1.yaml" >/dev/null
	"$ALLO" user add "$1.db" "$me" --role interviewer --name "Marie" >/dev/null
	"$ALLO" user add "$1.db" enq2 --role interviewer >/dev/null
	sqlite3 "$1.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
		INSERT INTO cases (id, wave, created_at) SELECT printf('C%02d', i), 'w1', 'x' FROM n;
		INSERT INTO contacts (case_id, phone) SELECT id, '+334657100' || substr(id, 2) FROM cases;"
}
# Monday 30 November 2026, Paris time.
at() { ALLO_NOW="2026-11-30T$1:00+01:00"; export ALLO_NOW; }
drive() { db=$1; shift; printf '%s\n' "$@" | "$ALLO" drive "$db.db" 2>&1; }
one_case() { sed -n 's/.*"case":{"id":"\([^"]*\)".*/\1/p' | tr -d '\n'; }

setup s ""
at 10:00
# The first case is called, its interview broken off at q3 (2 of 4 answered); then two fresh
# cases get a no answer, which puts them before the fresh ones too (called longest ago).
expect_eq broken-first-case "$(drive s next "start C01" "answer 1" "answer 3" "breakoff" | one_case)" C01
expect_eq broken-stored "$(sqlite3 s.db "SELECT status || ' ' || position_var || ' ' || progress FROM interviews")" "broken_off q3 50"
at 10:05
drive s next "outcome no_answer" next "outcome no_answer" >/dev/null
# Before its retry delay has passed, it waits like any case.
at 10:30
expect_eq broken-waits-delay "$(drive s next | one_case)" C04
# Once it has passed, the interrupted interview comes back before every fresh case.
at 11:05
"$ALLO" case explain s.db C01 >explain.txt
expect_grep explain-broken "Entretien interrompu (n° 1, reprise à q3) : il passe avant les autres cas" explain.txt
expect_grep explain-broken-rank "Place dans la file : 1 sur " explain.txt
"$ALLO" case explain s.db C05 >explain.txt
expect_grep explain-fresh-after "Place dans la file : 2 sur " explain.txt
expect_grep explain-order "entretiens interrompus d'abord, puis priorité" explain.txt
expect_eq broken-back-first "$(drive s next | one_case)" C01

# A terminal that died in an interview: once its lease has run out, it comes back first too.
at 11:10
expect_eq resumed-complete "$(drive s "start C01" "answer 4" "answer 5" | tail -1)" '{"ok":true,"done":"complete"}'
printf 'start C10\nanswer 1\n' | "$ALLO" drive s.db --as enq2 >/dev/null 2>&1
at 15:15
expect_eq dead-terminal-back "$(drive s next | one_case)" C10

# resume_priority: normal keeps the plain order: the fresh case first.
setup n "  resume_priority: normal"
at 10:00
drive n next "start C01" "answer 1" "answer 3" "breakoff" >/dev/null
at 11:05
expect_eq normal-fresh-first "$(drive n next | one_case)" C02
"$ALLO" case explain n.db C01 >explain.txt
expect_grep explain-normal "Entretien interrompu (n° 1, reprise à q3) : il attend son tour" explain.txt

# The key is checked.
yaml "  resume_priority: soon" >bad.yaml
expect_status bad-key 1 "$ALLO" check bad.yaml
expect_grep bad-key-message "'resume_priority' must be first or normal, not 'soon'" err

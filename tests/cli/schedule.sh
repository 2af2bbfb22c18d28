# Call scheduling: eligibility, order, retry delays, windows, slots, appointments, leases, finals.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
cat >s.yaml <<'YAML'
survey: {id: sched, title: "Sched", version: "1"}
frame:
  - {id: quartier, label: "Quartier", type: single, options: {1: "Champratel", 2: "Les Vergnes"}}
fieldwork:
  timezone: Europe/Paris
  windows: {weekday: "09:00-20:30", saturday: "09:00-17:00", sunday: none}
  slots: ["09:00-12:00", "12:00-18:00", "18:00-20:30"]
  max_attempts: 4
  max_attempts_per_slot: 2
  retry_minutes: {no_answer: 60, busy: 15, answering_machine: 60, soft_refusal: 10080}
  appointment_window_minutes: 10
  lease_minutes: 45
themes:
  - id: t
    title: "T"
    questions:
      - id: consent
        type: single
        text: "D'accord ?"
        options: {1: "Oui", 2: "Non"}
        terminate: [{when: "consent == 2", outcome: refusal}]
      - {id: q2, type: number, text: "Combien ?", min: 0, max: 10}
YAML
"$ALLO" init --test s.db s.yaml >/dev/null
"$ALLO" user add s.db "$(id -un)" --role interviewer --name "Marie" >/dev/null
"$ALLO" user add s.db enq2 --role interviewer >/dev/null
"$ALLO" user add s.db chef --role supervisor >/dev/null
sqlite3 s.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6)
	INSERT INTO cases (id, wave, frame, created_at) SELECT 'C' || i, 'w1', '{\"quartier\":' || (i % 2 + 1) || '}', 'x' FROM n;
	INSERT INTO contacts (case_id, phone) SELECT id, '+3346571000' || substr(id, 2) FROM cases;"

# Monday 30 November 2026, Paris time.
at() { ALLO_NOW="2026-11-30T$1:00+01:00"; export ALLO_NOW; }
drive() { printf '%s\n' "$@" | "$ALLO" drive s.db 2>&1; }
drive_as() { who=$1; shift; printf '%s\n' "$@" | "$ALLO" drive s.db --as "$who" 2>&1; }
case_of() { sed -n 's/.*"case":{"id":"\([^"]*\)".*/\1/p' | tr '\n' ' '; }
one_case() { case_of | tr -d ' '; }

at 10:00
expect_eq next-fresh-order "$(drive next "outcome busy" next "outcome no_answer" next "outcome answering_machine" | case_of)" "C1 C2 C3 "
r=$(drive next "outcome no_answer" | head -1)
case $r in *'"id":"C4","phone":"+33465710004","frame":{"quartier":1},"attempt":1,"max_attempts":4'*) ok next-case-fields ;;
	*) notok next-case-fields "$r" ;; esac
at 10:10
expect_eq busy-not-yet "$(drive next "outcome no_answer" next "outcome no_answer" | case_of)" "C5 C6 "
at 10:16
r=$(drive next)
expect_eq busy-retry-elapsed "$(echo "$r" | case_of)" "C1 "
case $r in *'"history":[{"at":"2026-11-30T09:00:00Z","login":"'"$(id -un)"'","outcome":"busy","note":null}]'*) ok next-history ;;
	*) notok next-history "$r" ;; esac
expect_eq outcome-unknown "$(drive next "outcome frobnicate" | tail -1)" '{"ok":false,"error":"issue inconnue ou réservée : frobnicate"}'
expect_eq outcome-needs-case "$(drive "outcome busy")" '{"ok":false,"error":"aucun cas en main : next"}'

# Leases: two interviewers never hold the same case; a dead terminal's lease expires.
at 11:30
a=$(drive_as enq2 next | one_case)
b=$(drive next | one_case)
if [ -n "$a" ] && [ "$a" != "$b" ]; then ok lease-distinct; else notok lease-distinct "$a / $b"; fi
at 12:20
expect_eq lease-expired "$(drive next | one_case)" "$a"

# Calling windows and slots.
at 21:00
expect_eq window-evening "$(drive next)" '{"ok":true,"case":null,"why":"Hors des heures d'"'"'appel : plus d'"'"'appel aujourd'"'"'hui."}'
at 08:00
expect_eq window-morning "$(drive next)" '{"ok":true,"case":null,"why":"Hors des heures d'"'"'appel : les appels reprennent à 09:00."}'
ALLO_NOW=2026-11-29T11:00:00+01:00 expect_eq window-sunday "$(ALLO_NOW=2026-11-29T11:00:00+01:00 drive next | case_of)" ""

# Appointments: due ones come first; outside the windows they are refused with a reason.
at 12:30
expect_eq appointment-outside "$(drive next "appointment 2026-11-30T21:15 hard trop tard" | tail -1)" '{"ok":false,"error":"En dehors des heures d'"'"'appel de ce jour (09:00-20:30)."}'
c=$(drive next "appointment 2026-11-30T18:30 hard demander Mme D." | one_case)
at 18:15
case $(drive next | one_case) in "$c") notok appointment-not-before-window "got $c at 18:15" ;; *) ok appointment-not-before-window ;; esac
at 18:21
case $(drive next) in *"\"id\":\"$c\""*'"appointment":{"due":"2026-11-30T17:30:00Z","kind":"hard","note":"demander Mme D."'*) ok appointment-first ;;
	*) notok appointment-first "$(drive next)" ;; esac
at 18:50
sqlite3 s.db "UPDATE cases SET lease_login = NULL, lease_until = NULL WHERE id = '$c'"
"$ALLO" case explain s.db "$c" >explain.txt
expect_grep explain-appointment "rendez-vous ferme dû (30/11 18:30), manqué" explain.txt
case $(drive next) in *"\"id\":\"$c\""*'"flag":"missed_appointment"'*) ok appointment-missed-flagged ;;
	*) notok appointment-missed-flagged "$(drive next)" ;; esac

# Final outcomes end a case at once; running out of attempts takes the most informative outcome.
at 13:00
d=$(drive next "outcome disconnected" | one_case)
expect_eq final-disconnected "$(sqlite3 s.db "SELECT state || ' ' || final_code FROM cases WHERE id = '$d'")" "final 4.30"
sqlite3 s.db "UPDATE cases SET attempts = 3, next_at = NULL, lease_login = NULL, lease_until = NULL, priority = 100 WHERE id = 'C5'"
expect_eq priority-first "$(drive next "outcome no_answer" | case_of)" "C5 "
expect_eq final-at-max "$(sqlite3 s.db "SELECT state || ' ' || final_code FROM cases WHERE id = 'C5'")" "final 3.13"
sqlite3 s.db "UPDATE cases SET attempts = 3, state = 'active', final_code = NULL, priority = 100 WHERE id = 'C5'; INSERT INTO calls (case_id, login, at, outcome) VALUES ('C5', 'x', '2026-11-30T08:00:00Z', 'answering_machine')"
expect_eq priority-first-again "$(drive next "outcome no_answer" | case_of)" "C5 "
expect_eq final-most-informative "$(sqlite3 s.db "SELECT state || ' ' || final_code FROM cases WHERE id = 'C5'")" "final 3.14"
"$ALLO" case explain s.db C5 >explain.txt
expect_grep explain-final "Éligible maintenant : non — le cas est final (AAPOR 3.14" explain.txt

# Per-slot maximum: two tries this morning slot, so not again before noon.
sqlite3 s.db "UPDATE cases SET s0 = 2, next_at = NULL, lease_login = NULL, lease_until = NULL, priority = 50 WHERE id = 'C6'"
at 11:00
case $(drive next | case_of) in "C6 ") notok slot-maximum "C6 given in a full slot" ;; *) ok slot-maximum ;; esac
at 12:05
expect_eq slot-next-slot "$(drive next | case_of)" "C6 "

# An interview through a case: complete gives 1.1, a refusal inside the interview 2.112.
at 14:00
sqlite3 s.db "INSERT INTO cases (id, wave, frame, created_at) VALUES ('I1', 'w1', '{}', 'x'), ('I2', 'w1', '{}', 'x')"
drive "start I1" "answer 1" "answer 3" >/dev/null
expect_eq interview-complete-final "$(sqlite3 s.db "SELECT state || ' ' || final_code FROM cases WHERE id = 'I1'")" "final 1.1"
drive "start I2" "answer 2" >/dev/null
expect_eq interview-refusal-final "$(sqlite3 s.db "SELECT state || ' ' || final_code FROM cases WHERE id = 'I2'")" "final 2.112"
expect_eq interview-call-recorded "$(sqlite3 s.db "SELECT outcome FROM calls WHERE case_id = 'I1'")" "complete"
# A case held by another terminal cannot be started here.
sqlite3 s.db "INSERT INTO cases (id, wave, frame, created_at) VALUES ('I3', 'w1', '{}', 'x')"
drive_as enq2 "start I3" >/dev/null
case $(drive "start I3") in *'"error":"le cas I3 est tenu par enq2'*) ok start-leased-refused ;; *) notok start-leased-refused "$(drive "start I3")" ;; esac
expect_status explain-unknown 1 "$ALLO" case explain s.db NOPE
expect_grep explain-unknown-message "cas inconnu : NOPE" err

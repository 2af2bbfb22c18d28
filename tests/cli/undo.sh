# allo drive undo: an interviewer undoes their own last call outcome for 10 minutes, unless the
# case was given to someone else since; the case, its counters, its quota counts and its
# appointments come back, an undo record names the call, and readers leave the call out.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
me=$(id -un)
cat >u.yaml <<'YAML'
survey: {id: undo, title: "Annuler", version: "1"}
frame:
  - {id: quartier, label: "Quartier", type: single, options: {1: "Champratel", 2: "Les Vergnes"}}
fieldwork:
  timezone: Europe/Paris
  windows: {weekday: "09:00-20:30", saturday: "09:00-17:00", sunday: none}
  slots: ["09:00-12:00", "12:00-18:00", "18:00-20:30"]
  retry_minutes: {no_answer: 60, busy: 15, answering_machine: 60, soft_refusal: 10080, breakoff: 60}
themes:
  - id: t
    title: "T"
    questions:
      - id: consent
        type: single
        text: "D'accord ?"
        options: {1: "Oui", 2: "Non"}
        terminate: [{when: "consent == 2", outcome: refusal}]
      - {id: sexe, type: single, text: "Sexe ?", options: {1: "Homme", 2: "Femme"}}
      - {id: age, type: number, text: "Âge ?", min: 15, max: 99}
quotas:
  - id: q_quartier
    by: [quartier]
    on_full: stop_calling
    targets: [[1, 1], [2, 50]]
  - id: q_sexe
    by: [sexe]
    on_full: screen_out
    message: "Profil complet, merci."
    targets: [[1, 10], [2, 10]]
YAML
"$ALLO" init --test u.db u.yaml >/dev/null
"$ALLO" user add u.db "$me" --role interviewer --name "Marie" >/dev/null
"$ALLO" user add u.db enq2 --role interviewer >/dev/null
{
	echo "id,phone,quartier"
	for i in 1 2 3 4 5 6 7 8; do printf 'C%d,04 65 71 00 0%d,%d\n' $i $i $(( i <= 4 ? 1 : 2 )); done
} >u.csv
"$ALLO" sample import u.db u.csv >/dev/null

# Monday 30 November 2026, Paris time.
at() { ALLO_NOW="2026-11-30T$1:00+01:00"; export ALLO_NOW; }
drive() { printf '%s\n' "$@" | "$ALLO" drive u.db 2>&1; }
drive_as() { who=$1; shift; printf '%s\n' "$@" | "$ALLO" drive u.db --as "$who" 2>&1; }
q() { sqlite3 u.db "$1"; }
# Every scheduling field of a case but its lease, which the undo gives back to the interviewer.
counters() { q "SELECT state, coalesce(final_code, '-'), attempts, s0, s1, s2, coalesce(next_at, '-'),
	coalesce(last_call_at, '-'), queue_last, coalesce(flag, '-'), blocked, priority FROM cases WHERE id = '$1'"; }
appointments() { q "SELECT group_concat(due_at || ' ' || done, ', ') FROM (SELECT due_at, done FROM appointments WHERE case_id = '$1' ORDER BY id)"; }

# Nothing to undo before the first call.
at 10:00
expect_eq undo-nothing "$(drive undo)" '{"ok":false,"error":"Rien à annuler."}'

# An appointment replaced by another one: the undo brings the first back and drops the second.
c=$(drive next | sed -n 's/.*"case":{"id":"\([^"]*\)".*/\1/p')
drive "start $c" "appointment 2026-11-30T15:00 hard rappeler" >/dev/null
at 15:00
drive next >/dev/null
before=$(counters "$c")
appts=$(appointments "$c")
expect_eq appointment-due "$appts" "2026-11-30T14:00:00Z 0"
r=$(drive next "appointment 2026-12-01T10:00 hard demain" | tail -1)
expect_eq appointment-replaced "$(appointments "$c")" "2026-11-30T14:00:00Z 1, 2026-12-01T09:00:00Z 0"
at 15:04
expect_eq undo-appointment "$(drive undo)" '{"ok":true,"undone":"appointment","label":"Rendez-vous","case":"'"$c"'","interview":null}'
expect_eq undo-appointment-back "$(appointments "$c")" "2026-11-30T14:00:00Z 0"
expect_eq undo-counters "$(counters "$c")" "$before"
expect_eq undo-lease "$(q "SELECT lease_login || ' ' || lease_until FROM cases WHERE id = '$c'")" "$me 2026-11-30T14:49:00Z"
expect_eq undo-record "$(q "SELECT k.outcome || ' ' || u.login || ' ' || u.at FROM call_undos u JOIN calls k ON k.id = u.call_id")" \
	"appointment $me 2026-11-30T14:04:00Z"
expect_eq undo-log-kept "$(q "SELECT count(*) FROM calls WHERE case_id = '$c'")" 2
case $(drive "show" next) in *'"history":[{"at":"2026-11-30T09:00:00Z","login":"'"$me"'","outcome":"appointment","note":"rappeler"}]'*) ok undo-history ;;
	*) notok undo-history "$(drive next)" ;; esac
# The same call is not undone twice.
expect_eq undo-twice "$(drive undo)" '{"ok":false,"error":"Rien à annuler."}'
# After the undo, the outcome can be recorded again: the case was in hand.
expect_eq undo-then-outcome "$(drive next "outcome busy" | tail -1)" '{"ok":true,"recorded":"busy"}'

# A complete counted in its quota cells, which blocked a full frame cell: undone, every count
# comes back, the cell's cases are called again, and the interview resumes at its last question.
at 15:10
c1=C1
[ "$c" = C1 ] && c1=C2
before=$(counters "$c1")
cells=$(q "SELECT group_concat(quota || ':' || cell || '=' || completes, ' ') FROM quota_cells")
blocked=$(q "SELECT count(*) FROM cases WHERE blocked = 1")
r=$(drive "start $c1" "answer 1" "answer 1" "answer 40" | tail -1)
expect_eq complete-done "$r" '{"ok":true,"done":"complete"}'
expect_eq complete-counted "$(q "SELECT completes FROM quota_cells WHERE quota = 'q_sexe' AND cell = '1'")" 1
expect_eq complete-blocks "$(q "SELECT count(*) FROM cases WHERE blocked = 1")" 4
at 15:20
expect_eq undo-complete "$(drive undo)" '{"ok":true,"undone":"complete","label":"Entretien complet","case":"'"$c1"'","interview":2}'
expect_eq undo-complete-counters "$(counters "$c1")" "$before"
expect_eq undo-complete-cells "$(q "SELECT group_concat(quota || ':' || cell || '=' || completes, ' ') FROM quota_cells")" "$cells"
expect_eq undo-complete-unblocks "$(q "SELECT count(*) FROM cases WHERE blocked = 1")" "$blocked"
expect_eq undo-complete-interview "$(q "SELECT status || ' ' || coalesce(ended_at, '-') || ' ' || position_var FROM interviews WHERE id = 2")" "in_progress - age"
expect_eq undo-complete-quota-event "$(q "SELECT group_concat(event || ' ' || quota, ', ') FROM quota_events WHERE event = 'undo'")" "undo q_quartier, undo q_sexe"
case $(drive "start $c1") in *'"id":"age"'*'"value":40'*) ok undo-complete-resumes ;; *) notok undo-complete-resumes "$(drive "start $c1")" ;; esac
expect_eq undo-complete-again "$(drive "start $c1" "answer 41" | tail -1)" '{"ok":true,"done":"complete"}'
expect_eq undo-complete-recounted "$(q "SELECT completes FROM quota_cells WHERE quota = 'q_sexe' AND cell = '1'")" 1

# A refusal at the consent question, final: undone, the case is open and the interview too.
at 15:30
r=$(drive next | sed -n 's/.*"case":{"id":"\([^"]*\)".*/\1/p')
before=$(counters "$r")
drive "start $r" "answer 2" >/dev/null
expect_eq refusal-final "$(q "SELECT state || ' ' || final_code FROM cases WHERE id = '$r'")" "final 2.112"
expect_eq undo-refusal "$(drive undo | sed 's/,"case".*//')" '{"ok":true,"undone":"screened_out","label":"Hors cible (filtre)"'
expect_eq undo-refusal-counters "$(counters "$r")" "$before"
case $(drive "start $r") in *'"id":"consent"'*) ok undo-refusal-resumes ;; *) notok undo-refusal-resumes "$(drive "start $r")" ;; esac

# Refused after 10 minutes.
at 16:00
t=$(drive next "outcome no_answer" | sed -n 's/.*"case":{"id":"\([^"]*\)".*/\1/p')
ALLO_NOW=2026-11-30T16:10:00+01:00 expect_eq undo-ten-minutes "$(ALLO_NOW=2026-11-30T16:10:00+01:00 drive undo | sed 's/,"label".*//')" '{"ok":true,"undone":"no_answer"'
drive next "outcome no_answer" >/dev/null
at 16:11
expect_eq undo-too-late "$(drive undo)" '{"ok":false,"error":"Trop tard : plus de 10 minutes."}'

# Refused once another interviewer was given the case, even without calling it.
at 16:20
t=$(drive next "outcome busy" | sed -n 's/.*"case":{"id":"\([^"]*\)".*/\1/p')
q "UPDATE cases SET priority = 1000, next_at = NULL WHERE id = '$t'"
expect_eq taken-given "$(drive_as enq2 next | sed -n 's/.*"case":{"id":"\([^"]*\)".*/\1/p')" "$t"
at 16:22
expect_eq undo-taken "$(drive undo)" '{"ok":false,"error":"Le cas a été repris par enq2 depuis."}'
expect_eq undo-taken-kept "$(q "SELECT outcome FROM calls WHERE case_id = '$t' ORDER BY id DESC LIMIT 1") $(q "SELECT count(*) FROM call_undos")" "busy 4"

# A report and an export are the same after a call and its undo as before the call: every
# reader of calls leaves the undone call out. Both are read once the lease has run out.
report() { ALLO_NOW=2026-11-30T19:00:00+01:00 "$ALLO" report u.db --format json 2>&1; }
export_to() { ALLO_NOW=2026-11-30T19:00:00+01:00 "$ALLO" export u.db --wave 1 --out "$1" --formats csv >/dev/null 2>&1; }
at 17:00
report >report1.json
export_to e1
expect_grep report-has-calls '"dials"' report1.json
drive next "outcome hard_refusal" >/dev/null
report >report-call.json
if cmp -s report1.json report-call.json; then notok report-sees-call "the call changed nothing"; else ok report-sees-call; fi
at 17:03
expect_eq undo-hard-refusal "$(drive undo | sed 's/,"label".*//')" '{"ok":true,"undone":"hard_refusal"'
report >report2.json
export_to e2
if cmp -s report1.json report2.json; then ok report-unchanged; else notok report-unchanged "$(diff report1.json report2.json | head -5)"; fi
for f in $(cd e1 && ls); do
	case $f in *.csv) ;; *) continue ;; esac
	if cmp -s "e1/$f" "e2/$f"; then ok "export-unchanged-$f"; else notok "export-unchanged-$f" "$(diff "e1/$f" "e2/$f" | head -5)"; fi
done
expect_eq export-files "$(cd e1 && ls | grep -c 'csv$')" "$(cd e2 && ls | grep -c 'csv$')"

# The undo records are append-only, like the calls.
expect_eq undos-append-only "$(q "DELETE FROM call_undos" 2>&1)" "Error: stepping, call_undos is append-only (19)"

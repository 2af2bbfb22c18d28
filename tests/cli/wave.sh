# Waves that close: list, close and reopen, who may; and every later command checks the state:
# next, start, resume, answers, outcomes, appointments, import, explain; export and report still work.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
cat >s.yaml <<'YAML'
survey: {id: vagues, title: "Vagues", version: "1"}
frame:
  - {id: quartier, label: "Quartier", type: single, options: {1: "Champratel", 2: "Les Vergnes"}}
fieldwork:
  timezone: Europe/Paris
  windows: {weekday: "09:00-20:30", saturday: "09:00-17:00", sunday: none}
  max_attempts: 6
  retry_minutes: {no_answer: 60, busy: 15, answering_machine: 60, soft_refusal: 10080}
  appointment_window_minutes: 10
  lease_minutes: 45
themes:
  - id: t
    title: "T"
    questions:
      - {id: consent, type: single, text: "D'accord ?", options: {1: "Oui", 2: "Non"}}
      - {id: q2, type: number, text: "Combien ?", min: 0, max: 10}
YAML
printf 'id,phone,quartier\nA1,04 65 71 00 01,1\nA2,04 65 71 00 02,2\nA3,04 65 71 00 03,1\nA4,04 65 71 00 04,2\n' >w1.csv
printf 'id,phone,quartier\nB1,04 65 72 00 01,1\nB2,04 65 72 00 02,2\n' >w2.csv
printf 'id,phone,quartier\nA9,04 65 71 00 09,1\n' >w1-more.csv
q() { sqlite3 s.db "$1"; }
# Monday 30 November 2026, Paris time.
at() { ALLO_NOW="2026-11-30T$1:00+01:00"; export ALLO_NOW; }
drive_as() { who=$1; shift; printf '%s\n' "$@" | "$ALLO" drive s.db --as "$who" 2>&1; }
case_of() { sed -n 's/.*"case":{"id":"\([^"]*\)".*/\1/p' | tr '\n' ' '; }

at 09:00
"$ALLO" init --test s.db s.yaml >/dev/null
"$ALLO" user add s.db enq --role interviewer >/dev/null
"$ALLO" user add s.db enq2 --role interviewer >/dev/null
"$ALLO" user add s.db chef --role supervisor >/dev/null
"$ALLO" user add s.db dir --role manager >/dev/null
expect_status import-w1 0 "$ALLO" sample import s.db w1.csv --wave w1 --as dir
at 09:10
expect_status import-w2 0 "$ALLO" sample import s.db w2.csv --wave w2 --as dir
expect_eq import-records-waves "$(q "SELECT group_concat(name || ' ' || opened_at || ' ' ||
	coalesce(closed_at, '-'), ', ') FROM (SELECT * FROM waves ORDER BY name)")" \
	"w1 2026-11-30T08:00:00Z -, w2 2026-11-30T08:10:00Z -"
# The wave of 1 comes first, so that only the close keeps the scheduler from it.
q "UPDATE cases SET priority = 10 WHERE wave = 'w1'; UPDATE cases SET priority = 20 WHERE id = 'A3'"

# Who may list, close and reopen.
expect_status list-interviewer-refused 1 "$ALLO" wave list s.db --as enq
expect_grep list-interviewer-message "accès refusé : enq a le rôle interviewer" "$TMP/err"
expect_status list-supervisor 0 "$ALLO" wave list s.db --as chef
expect_eq list-open "$(cat "$TMP/out")" "$(printf '%-10s %6s %6s  %-16s  %-25s  %s\n' vague cas finals \
	'ouverte le' 'close le' 'purgée le' w1 4 0 '30/11/2026 09:00' - - w2 2 0 '30/11/2026 09:10' - -)"
expect_status list-no-secret 0 "$ALLO" wave list s.db
sec=$(printf '5ec%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21)
q "UPDATE waves SET secret = '$sec' WHERE name = 'w1'"
"$ALLO" wave list s.db >list.out 2>&1
if grep -q 5ec5ec list.out; then notok list-never-secret "$(cat list.out)"; else ok list-never-secret; fi
expect_status close-interviewer-refused 1 "$ALLO" wave close s.db w1 --as enq
expect_status close-supervisor-refused 1 "$ALLO" wave close s.db w1 --as chef
expect_grep close-supervisor-message "il faut : manager" "$TMP/err"
expect_status reopen-supervisor-refused 1 "$ALLO" wave reopen s.db w1 --as chef
expect_status close-unknown 1 "$ALLO" wave close s.db w9 --as dir
expect_grep close-unknown-message "vague inconnue : w9" "$TMP/err"
expect_status close-usage 2 "$ALLO" wave close s.db
expect_status wave-usage 2 "$ALLO" wave shut s.db w1

# The morning: an appointment on A3 for 15:00, A4 interviewed to the end; then enq calls A1 and
# enq2 interviews A2, each from a terminal left running (a drive process fed through a FIFO).
at 09:30
expect_eq setup-appointment "$(drive_as enq next "appointment 2026-11-30T15:00 hard rappeler" | case_of)" "A3 "
drive_as enq2 "start A4" "answer 1" "answer 3" >/dev/null
at 10:00
mkfifo p1.in p2.in
"$ALLO" drive s.db --as enq <p1.in >p1.out 2>&1 &
exec 3>p1.in
"$ALLO" drive s.db --as enq2 <p2.in >p2.out 2>&1 &
exec 4>p2.in
# say FD NAME LINE: sends LINE to a running drive process and prints its reply.
say() {
	n=$(wc -l <"$2.out") i=0
	echo "$3" >&"$1"
	while [ "$(wc -l <"$2.out")" -le "$n" ] && [ $i -lt 300 ]; do sleep 0.05; i=$((i + 1)); done
	tail -1 "$2.out"
}
expect_eq held-next "$(say 3 p1 next | case_of)" "A1 "
r=$(say 4 p2 "start A2")
iv=$(echo "$r" | sed -n 's/.*"interview":\([0-9]*\).*/\1/p')
case $(say 4 p2 "answer 1") in *'"id":"q2"'*) ok held-interview ;; *) notok held-interview "$r" ;; esac

# Close refuses while someone holds a case of the wave, naming the cases and who holds them.
at 10:10
expect_status close-held-refused 1 "$ALLO" wave close s.db w1 --as dir
expect_eq close-held-message "$(cat "$TMP/err")" "allo: vague w1 : 2 cas en main, fermeture refusée : A1 (enq), A2 (enq2) ; demandez-leur de finir leur appel, puis recommencez"
expect_eq close-held-still-open "$(q "SELECT coalesce(closed_at, 'open') FROM waves WHERE name = 'w1'")" open

# At 15:00 the leases have run out (A1 at 10:45, the interview's at 14:00): the wave closes.
at 15:00
expect_status close 0 "$ALLO" wave close s.db w1 --as dir
expect_eq close-message "$(cat "$TMP/out")" "vague w1 close : plus aucun appel ni entretien sur ses 4 cas"
expect_eq close-recorded "$(q "SELECT closed_at || ' ' || closed_by FROM waves WHERE name = 'w1'")" "2026-11-30T14:00:00Z dir"
expect_eq close-logged "$(q "SELECT login || ' ' || at || ' ' || action || ' ' || target FROM supervisor_log")" \
	"dir 2026-11-30T14:00:00Z wave_close w1"
expect_status close-twice 0 "$ALLO" wave close s.db w1 --as dir
expect_eq close-twice-message "$(cat "$TMP/out")" "vague w1 : déjà close le 30/11/2026 15:00 (dir)"
expect_eq close-twice-not-logged "$(q "SELECT count(*) FROM supervisor_log")" 1
expect_status list-closed 0 "$ALLO" wave list s.db --as chef
expect_grep list-closed-row "^w1 *4 *1  30/11/2026 09:00  30/11/2026 15:00 (dir) *-$" "$TMP/out"

# The terminals left running: nothing more is recorded on the closed wave.
expect_eq outcome-refused "$(say 3 p1 "outcome busy")" '{"ok":false,"error":"la vague w1 du cas A1 est close : plus d'"'"'appel ni d'"'"'entretien"}'
expect_eq appointment-refused "$(say 3 p1 "appointment 2026-11-30T18:00 soft")" '{"ok":false,"error":"la vague w1 du cas A1 est close : plus d'"'"'appel ni d'"'"'entretien"}'
case $(say 4 p2 "answer 3") in '{"ok":false,"error":"La vague w1 du cas A2 est close'*'NON enregistrée."}') ok answer-refused ;;
	*) notok answer-refused "$(tail -1 p2.out)" ;; esac
say 4 p2 "breakoff" >breakoff.out
expect_grep breakoff-refused '"ok":false' breakoff.out
exec 3>&- 4>&-
wait
expect_eq nothing-recorded "$(q "SELECT count(*) FROM calls WHERE case_id IN ('A1', 'A2')") $(q "SELECT count(*) FROM answers a JOIN interviews i ON i.id = a.interview_id WHERE i.case_id = 'A2'")" "0 1"

# The scheduler never gives a case of the closed wave, not even A3's due appointment; w2 still comes.
expect_eq next-other-wave "$(drive_as enq next "outcome no_answer" next "outcome no_answer" next | case_of)" "B1 B2 "
expect_eq next-none-left "$(drive_as enq next)" '{"ok":true,"case":null,"why":"Aucun cas à appeler pour le moment."}'
expect_eq resume-refused "$(drive_as enq2 "resume $iv")" '{"ok":false,"error":"la vague w1 du cas A2 est close : plus d'"'"'appel ni d'"'"'entretien"}'
expect_eq start-refused "$(drive_as enq "start A1")" '{"ok":false,"error":"la vague w1 du cas A1 est close : plus d'"'"'appel ni d'"'"'entretien"}'
expect_eq no-lease-taken "$(q "SELECT count(*) FROM cases WHERE wave = 'w1' AND lease_until >= '2026-11-30T14:00:00Z'")" 0

# Import into the closed wave is refused, and says how to reopen it.
expect_status import-closed-refused 1 "$ALLO" sample import s.db w1-more.csv --wave w1 --as dir
expect_eq import-closed-message "$(cat "$TMP/err")" "allo: la vague w1 est close : import refusé (allo wave reopen la rouvre)"
expect_eq import-closed-nothing "$(q "SELECT count(*) FROM cases WHERE wave = 'w1'")" 4

# allo case explain says why.
expect_status explain-closed 0 "$ALLO" case explain s.db A3 --as chef
expect_grep explain-closed-message "^Éligible maintenant : non — la vague w1 est close (le 30/11 15:00 par dir) : plus d'appel.$" "$TMP/out"
expect_status explain-open 0 "$ALLO" case explain s.db B1 --as chef
if grep -q close "$TMP/out"; then notok explain-open-wave "$(cat "$TMP/out")"; else ok explain-open-wave; fi

# Export and report still read a closed wave.
expect_status export-closed 0 "$ALLO" export s.db --wave w1 --as dir
expect_grep export-closed-summary "^exports/w1: 1 interview (1 complete" "$TMP/out"
expect_status report-closed 0 "$ALLO" report s.db --as dir

# Reopen: the wave comes back (A3's appointment first); refused once the wave is purged.
expect_status reopen 0 "$ALLO" wave reopen s.db w1 --as dir
expect_eq reopen-message "$(cat "$TMP/out")" "vague w1 rouverte : ses cas non finals reviennent dans la file"
expect_eq reopen-recorded "$(q "SELECT coalesce(closed_at, '-') || coalesce(closed_by, '-') FROM waves WHERE name = 'w1'")" "--"
expect_status reopen-twice 0 "$ALLO" wave reopen s.db w1 --as dir
expect_eq reopen-twice-message "$(cat "$TMP/out")" "vague w1 : déjà ouverte"
expect_eq reopen-next "$(drive_as enq next | case_of)" "A3 "
expect_eq reopen-logged "$(q "SELECT group_concat(action, ' ') FROM (SELECT action FROM supervisor_log ORDER BY id)")" "wave_close wave_reopen"
expect_status owner-closes 0 "$ALLO" wave close s.db w2
expect_eq owner-closes-by "$(q "SELECT closed_by FROM waves WHERE name = 'w2'")" "$(id -un)"
# The purge (allo purge) sets purged_at on a closed wave; such a wave stays closed.
q "UPDATE waves SET purged_at = '2026-11-30T14:30:00Z', purged_by = 'dir' WHERE name = 'w2'"
expect_status reopen-purged-refused 1 "$ALLO" wave reopen s.db w2 --as dir
expect_eq reopen-purged-message "$(cat "$TMP/err")" "allo: vague w2 : purgée le 30/11/2026 15:30 (dir), elle ne peut plus être rouverte"
expect_eq reopen-purged-closed "$(q "SELECT closed_at IS NOT NULL FROM waves WHERE name = 'w2'")" 1
expect_status list-purged 0 "$ALLO" wave list s.db --as dir
expect_grep list-purged-row "^w2 .*30/11/2026 15:30 (dir)$" "$TMP/out"

# A wave whose cases were written before waves were kept has no row: it is listed as open.
q "INSERT INTO cases (id, wave, created_at) VALUES ('Z1', 'w0', '2026-11-01T08:00:00Z')"
expect_status list-legacy 0 "$ALLO" wave list s.db --as dir
expect_eq list-legacy-row "$(sed -n 2p "$TMP/out")" "$(printf '%-10s %6s %6s  %-16s  %-25s  %s' w0 1 0 '01/11/2026 09:00' - -)"
expect_status close-legacy 0 "$ALLO" wave close s.db w0 --as dir
expect_eq close-legacy-row "$(q "SELECT opened_at || ' ' || closed_by FROM waves WHERE name = 'w0'")" "2026-11-01T08:00:00Z dir"

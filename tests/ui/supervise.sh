# The supervisor dashboard in tmux at 80x24 and 160x48: the fixture's numbers, drill-down, refusal.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
SOCK="allo-sup-$$"
tm() { tmux -L "$SOCK" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
# Waits until the pane shows a text (bounded), then keeps the screen in $TMP/screen.
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		tm capture-pane -p -t sup >"$TMP/screen" 2>/dev/null
		grep -q -- "$1" "$TMP/screen" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
check() { if wait_for "$2"; then ok "$1"; else notok "$1" "no [$2] in: $(tr '\n' '|' <"$TMP/screen" | cut -c1-400)"; fi; }

cat >s.yaml <<'YAML'
survey: {id: sup, title: "Supervision", version: "1"}
frame:
  - {id: quartier, label: "Quartier", type: single, options: {1: "Champratel", 2: "La Gauthière"}}
themes:
  - id: t
    title: "T"
    questions:
      - {id: q1, type: single, text: "Oui ?", options: {1: "Oui", 2: "Non"}}
quotas:
  - id: q_quartier
    by: [quartier]
    on_full: stop_calling
    targets: [[1, 2], [2, 3]]
YAML
"$ALLO" init --test s.db s.yaml >/dev/null
"$ALLO" user add s.db chef --role supervisor --name "Chef" >/dev/null
"$ALLO" user add s.db enq1 --role interviewer --name "Enquêtrice 1" >/dev/null
printf 'id,phone,quartier\nS1,0465710001,1\nS2,0465710002,1\nS3,0465710003,2\nS4,0465710004,2\n' >s.csv
"$ALLO" sample import s.db s.csv >/dev/null
export ALLO_NOW=2026-11-30T10:00:00+01:00
printf 'start S1\nanswer 1\nstart S3\nanswer 1\nnext\n' | "$ALLO" drive s.db --as enq1 >/dev/null

tm new-session -d -s sup -x 80 -y 24 "LC_ALL=C.UTF-8 TERM=xterm-256color '$ALLO' supervise s.db --as chef; sleep 30"
check sup-title "allo · supervision · Supervision 1"
check sup-completes "Complets 2 / 5 (40 %)"
check sup-quota-bar "Champratel  *█████░░░░░    1/2"
check sup-quota-accents "La Gauthière  *███░░░░░░░    1/3"
check sup-interviewer "enq1  *appel  *S"
check sup-sample "Échantillon : 2 actifs, 2 finaux"
tm send-keys -t sup r
check sup-rates "RR1 .*50,0 %"
tm send-keys -t sup Escape q
check sup-quotas-view "q_quartier · Champratel"
tm send-keys -t sup +
check sup-raise-target "1/3"
expect_eq sup-raise-logged "$(sqlite3 s.db "SELECT login || ' ' || action FROM supervisor_log")" "chef quota"
tm send-keys -t sup Escape Enter
check sup-drill-down "Enquêtrice 1 (enq1) : S"
tm send-keys -t sup l
check sup-release "libéré"
# h: the appointments due within the hour, who set them, the note masked.
printf 'next\nappointment 2026-11-30T10:30 soft rappeler au 04 65 71 00 09\n' | "$ALLO" drive s.db --as enq1 >/dev/null
tm send-keys -t sup Escape h
check sup-due-view "Rendez-vous de l'heure"
check sup-due-row "10:30 souple Cas S[0-9] *pris par enq1"
if grep -q "04 65 71 00 09" "$TMP/screen"; then notok sup-due-note-masked "a phone number on screen"; else ok sup-due-note-masked; fi
expect_eq sup-release-db "$(sqlite3 s.db "SELECT count(*) FROM cases WHERE lease_login IS NOT NULL")" 0
# Once the wave is closed, a case's priority is refused; a quota target still changes.
expect_status sup-wave-close 0 "$ALLO" wave close s.db 1
prio=$(sqlite3 s.db "SELECT priority FROM cases WHERE id = 'S2'")
tm send-keys -t sup a p
check sup-priority-prompt "Cas et priorité"
tm send-keys -t sup -l "S2 50"
tm send-keys -t sup Enter
check sup-priority-closed-wave "Cas S2 : la vague 1 est close, action refusée\."
expect_eq sup-priority-unchanged "$(sqlite3 s.db "SELECT priority FROM cases WHERE id = 'S2'")" "$prio"
tm send-keys -t sup q +
check sup-target-closed-wave "1/4"
tm send-keys -t sup Escape
tm resize-window -t sup -x 160 -y 48
check sup-wide "Complets 2 / 5 (40 %)"
tm resize-window -t sup -x 60 -y 15
check sup-too-small "Terminal trop petit"
tm resize-window -t sup -x 80 -y 24
check sup-restored "Complets 2 / 5"
tm send-keys -t sup F10
sleep 0.5
tm capture-pane -p -t sup >"$TMP/screen"
if grep -q "supervision" "$TMP/screen"; then notok sup-quit "still on screen"; else ok sup-quit; fi
# An interviewer is refused, clearly.
expect_status sup-refuses-interviewer 1 "$ALLO" supervise s.db --as enq1
expect_grep sup-refusal-message "accès refusé : enq1 a le rôle interviewer" err

# The quotas view shows the places that interviews past their quota check hold.
"$ALLO" init --test r.db "$DATA/screener/screener.yaml" >/dev/null
"$ALLO" user add r.db chef --role supervisor --name "Chef" >/dev/null
"$ALLO" user add r.db enq1 --role interviewer --name "Enquêtrice 1" >/dev/null
"$ALLO" sample import r.db "$DATA/screener/sample.csv" >/dev/null
printf 'start S01\nanswer 1\nanswer 1\n' | "$ALLO" drive r.db --as enq1 >/dev/null
tm new-session -d -s res -x 100 -y 24 "LC_ALL=C.UTF-8 TERM=xterm-256color '$ALLO' supervise r.db --as chef; sleep 30"
tm send-keys -t res q
i=0
while [ $i -lt 100 ] && ! tm capture-pane -p -t res | grep -q "Champratel × Un homme"; do
	sleep 0.1; i=$((i + 1))
done
tm capture-pane -p -t res >"$TMP/screen"
expect_grep sup-quota-held " Champratel × Un homme · 1 en cours" "$TMP/screen"
expect_grep sup-quota-not-held " Les Vergnes × Un homme  " "$TMP/screen"
expect_grep sup-quota-selected-whole "Cellule : q_res_sexe · Champratel × Un homme" "$TMP/screen"
tm send-keys -t res F10

# Allo Quartiers at 80x24: five cells that differ by age band only read apart; f asks first.
"$ALLO" init --test aq.db "$TOP/questionnaire/allo-quartiers.yaml" >/dev/null
"$ALLO" user add aq.db chef --role supervisor --name "Chef" >/dev/null
"$ALLO" sample import aq.db "$TOP/questionnaire/sample-demo.csv" >/dev/null
tm new-session -d -s aq -x 80 -y 24 "LC_ALL=C.UTF-8 TERM=xterm-256color ALLO_NOW=2026-11-30T10:00:00+01:00 '$ALLO' supervise aq.db --as chef; sleep 30"
tm send-keys -t aq q
i=0
while [ $i -lt 100 ] && ! tm capture-pane -p -t aq | grep -q "Cellule :"; do
	sleep 0.1; i=$((i + 1))
done
tm capture-pane -p -t aq >"$TMP/screen"
expect_eq sup-aq-cells-apart "$(grep -c '^.*Un homme × .*ans' "$TMP/screen" | tr -d ' ')" "$(grep '^.*Un homme × .*ans' "$TMP/screen" | sed 's/  *░.*//; s/  *█.*//' | sort -u | wc -l | tr -d ' ')"
expect_grep sup-aq-age-shown "× 30-44 ans" "$TMP/screen"
# Down to a cell of the screen-out quota (the stop_calling quota's 9 cells come first).
for k in 1 2 3 4 5 6 7 8 9 10; do tm send-keys -t aq Down; done
sleep 0.3
tm send-keys -t aq f
i=0
while [ $i -lt 50 ] && ! tm capture-pane -p -t aq | grep -q "Confirmer ? (o/n)"; do sleep 0.1; i=$((i + 1)); done
tm capture-pane -p -t aq >"$TMP/screen"
expect_grep sup-aq-close-asks "Fermer la cellule Champratel × Un homme × 30-44 ans : ses répondants" "$TMP/screen"
expect_grep sup-aq-close-yes-no "arrêtés au filtre\. Confirmer ? (o/n)" "$TMP/screen"
expect_eq sup-aq-not-closed-yet "$(sqlite3 aq.db "SELECT count(*) FROM quota_cells WHERE closed = 1")" 0
tm send-keys -t aq n
sleep 0.3
expect_eq sup-aq-n-keeps "$(sqlite3 aq.db "SELECT count(*) FROM quota_cells WHERE closed = 1")" 0
tm send-keys -t aq f
sleep 0.3
tm send-keys -t aq o
i=0
while [ $i -lt 50 ] && ! tm capture-pane -p -t aq | grep -q "fermée\."; do sleep 0.1; i=$((i + 1)); done
tm capture-pane -p -t aq >"$TMP/screen"
expect_grep sup-aq-closed-named "Cellule Champratel × .* : fermée\." "$TMP/screen"
expect_eq sup-aq-closed "$(sqlite3 aq.db "SELECT count(*) FROM quota_cells WHERE closed = 1")" 1
tm send-keys -t aq F10

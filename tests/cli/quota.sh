# Quotas: cells fill, a full cell screens out with 4.80, full frame cells stop calling, targets reopen.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
cat >q.yaml <<'YAML'
survey: {id: quotas, title: "Quotas", version: "1"}
frame:
  - {id: quartier, label: "Quartier", type: single, options: {1: "Champratel", 2: "Les Vergnes"}}
themes:
  - id: t
    title: "T"
    questions:
      - {id: sexe, type: single, text: "Sexe ?", options: {1: "Homme", 2: "Femme"}}
      - {id: age, type: number, text: "Âge ?", min: 15, max: 99}
      - id: age_band
        type: computed
        expr: "if(age < 50, 1, 2)"
        options: {1: "15-49", 2: "50+"}
      - {id: fin, type: text, text: "Commentaire ?"}
quotas:
  - id: q_quartier
    by: [quartier]
    on_full: stop_calling
    targets: [[1, 2], [2, 50]]
  - id: q_sexe_age
    by: [quartier, sexe, age_band]
    on_full: screen_out
    message: "Profil complet, merci."
    targets:
      - [1, 1, 1, 1]
      - [1, 1, 2, 5]
      - [1, 2, 1, 5]
      - [1, 2, 2, 5]
      - [2, 1, 1, 1]
      - [2, 1, 2, 5]
      - [2, 2, 1, 5]
      - [2, 2, 2, 5]
YAML
"$ALLO" init --test q.db q.yaml >/dev/null || { notok quota-init "init failed"; exit 0; }
"$ALLO" user add q.db "$(id -un)" --role supervisor --name "Chef" >/dev/null
{
	echo "id,phone,quartier"
	i=1
	while [ $i -le 30 ]; do
		printf 'Q%02d,04 65 71 %02d %02d,%d\n' $i $((i / 100)) $((i % 100)) $(( i <= 15 ? 1 : 2 ))
		i=$((i + 1))
	done
} >q.csv
expect_status quota-import 0 "$ALLO" sample import q.db q.csv
expect_eq quota-cells-created "$(sqlite3 q.db "SELECT count(*) FROM quota_cells")" 10
ALLO_NOW=2026-11-30T10:00:00+01:00
export ALLO_NOW
drive() { printf '%s\n' "$@" | "$ALLO" drive q.db 2>&1; }

# Quartier 1, man under 50: the cell has room for one.
drive "start Q01" "answer 1" "answer 30" "answer ok" >out
expect_grep quota-first-complete '"done":"complete"' out
expect_eq quota-counted "$(sqlite3 q.db "SELECT completes FROM quota_cells WHERE quota = 'q_sexe_age' AND cell = '1,1,1'")" 1
# The next such profile is screened out as soon as age is known (age_band complete the cell).
drive "start Q02" "answer 1" "answer 25" >out
expect_grep quota-screen-out '"done":"screened_out","outcome":"quota_full","message":"Profil complet, merci."' out
expect_eq quota-screen-out-final "$(sqlite3 q.db "SELECT final_code FROM cases WHERE id = 'Q02'")" "4.80"
expect_eq quota-screen-out-position "$(sqlite3 q.db "SELECT count(*) FROM answers a JOIN interviews i ON i.id = a.interview_id WHERE i.case_id = 'Q02'")" 2
# Another profile of quartier 1 completes: the frame cell quartier=1 (target 2) is now full.
drive "start Q03" "answer 2" "answer 60" "answer ok" >out
expect_eq quota-frame-full "$(sqlite3 q.db "SELECT completes || '/' || target FROM quota_cells WHERE quota = 'q_quartier' AND cell = '1'")" "2/2"
expect_eq quota-frame-blocks "$(sqlite3 q.db "SELECT count(*) FROM cases WHERE blocked = 1 AND state <> 'final'")" 12
given=$(for i in 1 2 3 4 5 6; do echo next; echo "outcome no_answer"; done | "$ALLO" drive q.db | sed -n 's/.*"case":{"id":"\([^"]*\)".*/\1/p' | tr '\n' ' ')
case $given in *Q0* | *Q1[0-5]*) notok quota-stop-calling "quartier 1 case given: $given" ;; *) ok quota-stop-calling ;; esac
expect_status quota-list 0 "$ALLO" quota q.db list
expect_grep quota-list-full "q_quartier  *1  *Champratel  *2  *2  *0  pleine" out
# Raising the target reopens the cell's cases.
expect_status quota-raise 0 "$ALLO" quota q.db target q_quartier 1 10
expect_eq quota-raise-unblocks "$(sqlite3 q.db "SELECT count(*) FROM cases WHERE blocked = 1")" 0
expect_eq quota-raise-priority "$(sqlite3 q.db "SELECT priority FROM cases WHERE id = 'Q04'")" 80
expect_eq quota-logged "$(sqlite3 q.db "SELECT action || ' ' || target || ' ' || detail FROM supervisor_log")" "quota q_quartier cell 1: target 2 -> 10, open"
expect_status quota-close 0 "$ALLO" quota q.db close q_quartier 2
expect_eq quota-close-blocks "$(sqlite3 q.db "SELECT count(*) FROM cases WHERE blocked = 1 AND state <> 'final'")" 15
expect_status quota-reopen 0 "$ALLO" quota q.db reopen q_quartier 2
expect_status quota-bad-cell 1 "$ALLO" quota q.db target q_quartier 7 3
expect_grep quota-bad-cell-message "quota q_quartier has no cell 7" err
"$ALLO" user add q.db enq --role interviewer >/dev/null
expect_status quota-interviewer-refused 1 "$ALLO" quota q.db list --as enq
expect_grep quota-interviewer-message "accès refusé" err

# Eight terminals race to the last place of a cell: the first past the check holds it, the others
# are screened out at theirs; the one complete is counted.
i=1
while [ $i -le 8 ]; do
	printf 'start Q%02d\nanswer 1\nanswer 20\n' $((15 + i)) >race-$i
	i=$((i + 1))
done
i=1
while [ $i -le 8 ]; do "$ALLO" drive q.db <race-$i >/dev/null 2>&1 & i=$((i + 1)); done
wait
i=1
while [ $i -le 8 ]; do printf 'start Q%02d\nanswer ok\n' $((15 + i)) >race-$i; i=$((i + 1)); done
i=1
while [ $i -le 8 ]; do "$ALLO" drive q.db <race-$i >race-out-$i 2>&1 & i=$((i + 1)); done
wait
# One passed the check and holds the place: it alone completes; the rest were screened out.
c=$(sqlite3 q.db "SELECT completes FROM quota_cells WHERE quota = 'q_sexe_age' AND cell = '2,1,1'")
done_n=$(sqlite3 q.db "SELECT count(*) FROM interviews WHERE case_id BETWEEN 'Q16' AND 'Q23' AND status = 'complete'")
out_n=$(sqlite3 q.db "SELECT count(*) FROM interviews WHERE case_id BETWEEN 'Q16' AND 'Q23' AND status = 'screened_out' AND outcome = 'quota_full'")
expect_eq quota-race-counted-exactly "$c" "$done_n"
expect_eq quota-race-members "$(sqlite3 q.db "SELECT count(*) FROM quota_members WHERE quota = 'q_sexe_age' AND cell = '2,1,1'")" "$done_n"
expect_eq quota-race-everyone "$((done_n + out_n))" 8
expect_eq quota-race-one-passes "$done_n" 1
expect_eq quota-race-overshoot "$(sqlite3 q.db "SELECT count(*) FROM quota_events WHERE event = 'overshoot' AND cell = '2,1,1'")" "$((c - 1))"
"$ALLO" quota q.db list >list.txt
state="1      1  *0  pleine"
expect_grep quota-race-reported "Les Vergnes × Homme × 15-49  *$state" list.txt

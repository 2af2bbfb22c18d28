# Quotas on what the respondent says, checked once at the screener: a cell over an answer screens
# out at quotas.check_at; an interview past the check is never screened out, resumed or not;
# without check_at, the check is where the cell becomes known.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
D=$DATA/screener
export ALLO_NOW=2026-11-24T09:30:00Z
me=$(id -un)
q() { sqlite3 "$db" "$1"; }
drive() { printf '%s\n' "$@" quit | "$ALLO" drive "$db" 2>&1; }
final() { q "SELECT final_code FROM cases WHERE id = '$1'"; }

setup() {
	db=$1
	"$ALLO" init --test "$db" "$2" >/dev/null
	"$ALLO" sample import "$db" "$D/sample.csv" --wave w1 >/dev/null || notok "setup-$db" "import failed"
	"$ALLO" user add "$db" "$me" --role interviewer >/dev/null
}
setup s.db "$D/screener.yaml"

# The cell Champratel × homme has one place: the first fills it.
drive "start S01" "answer 1" "answer 1" "answer 4" "answer 1" "answer rien" >out
expect_grep screener-first '"done":"complete"' out
# The next such respondent is screened out at check_at, on what they said (the frame says 1 too).
drive "start S02" "answer 1" "answer 1" >out
expect_grep screener-out '"done":"screened_out","outcome":"quota_full"' out
expect_eq screener-out-final "$(final S02)" 4.80
# Where they live decides, not the sample: a Champratel case living in Les Vergnes goes on.
drive "start S03" "answer 2" "answer 1" "answer 4" >out
expect_grep screener-answer-decides '"id":"q2"' out

# S03 passed the check, then broke off; its cell fills meanwhile; resumed, it is not screened out.
drive "start S03" "breakoff" >/dev/null
drive "start S04" "answer 2" "answer 1" "answer 2" "answer 1" "answer ok" >out
expect_grep screener-fills '"done":"complete"' out
drive "start S03" "answer 1" "answer fin" >out
expect_grep screener-resume-kept '"done":"complete"' out
expect_eq screener-resume-final "$(final S03)" 1.1
expect_eq screener-overshoot "$(q "SELECT count(*) FROM quota_events WHERE cell = '2,1' AND event = 'overshoot'")" 1

# Without check_at, the check is the answer that makes the cell known: here the answer to sexe.
sed '/^  check_at: sexe$/d; s/^  list:$//; s/^quotas:$/quotas:/' "$D/screener.yaml" |
	awk '/^quotas:/ { print; q = 1; next } q && /^    / { sub(/^  /, ""); print; next } { print }' >default.yaml
setup d.db default.yaml
drive "start S01" "answer 1" "answer 1" "answer 4" "answer 1" "answer rien" >/dev/null
drive "start S02" "answer 1" "answer 1" >out
expect_grep default-out-at-known '"done":"screened_out","outcome":"quota_full"' out
drive "start S03" "answer 2" "answer 1" "answer 4" "breakoff" >/dev/null
drive "start S04" "answer 2" "answer 1" "answer 2" "answer 1" "answer ok" >/dev/null
drive "start S03" "answer 1" "answer fin" >out
expect_grep default-resume-kept '"done":"complete"' out
# Without check_at too, a place is held from the check: with one place left, the second is out.
"$ALLO" user add d.db chef --role supervisor >/dev/null
"$ALLO" quota d.db target q_res_sexe 3,1 1 --as chef >/dev/null
drive "start S05" "answer 3" "answer 1" >out
expect_grep default-holds-first '"id":"q1"' out
drive "start S06" "answer 3" "answer 1" >out
expect_grep default-holds-second-out '"done":"screened_out","outcome":"quota_full"' out

# allo check: the map form is checked where it is written.
bad() {
	bname=$1 bfrom=$2 bto=$3 bwant=$4
	sed "s/$bfrom/$bto/" "$D/screener.yaml" >bad.yaml
	expect_status "check-$bname" 1 "$ALLO" check bad.yaml
	expect_grep "check-$bname-message" "$bwant" err
}
bad check-at-unknown "check_at: sexe" "check_at: sex" "'check_at' must name a question asked once"
bad check-at-frame "check_at: sexe" "check_at: quartier" "'check_at' must name a question asked once"
bad check-at-early "check_at: sexe" "check_at: res" "quota 'q_res_sexe' reads 'sexe', asked after check_at 'res'"
bad list-missing "  list:" "  liste:" "unknown key 'liste'"
bad list-missing-needs "  list:" "  liste:" "'quotas' needs 'list'"

# Reservations: an interview past its check holds a place in its cell until it ends.
setup r.db "$D/screener.yaml"
db=r.db
drive "start S01" "answer 1" "answer 1" >out
expect_grep reserve-passes '"id":"q1"' out
expect_eq reserve-row "$(q "SELECT quota || ' ' || cell FROM quota_reservations")" "q_res_sexe 1,1"
expect_eq reserve-checked "$(q "SELECT quota_checked_at IS NOT NULL FROM interviews WHERE case_id = 'S01'")" 1
"$ALLO" user add "$db" chef --role supervisor >/dev/null
"$ALLO" quota "$db" list --as chef >list.txt
expect_grep reserve-listed "q_res_sexe  *1,1  *Champratel × Un homme  *0  *1  *1  ouverte" list.txt
# The only place is held: the next such respondent is screened out before anyone completes.
drive "start S02" "answer 1" "answer 1" >out
expect_grep reserve-holds '"done":"screened_out","outcome":"quota_full"' out
# A break-off frees the place, in the transaction that ends the interview.
drive "start S01" "breakoff" >/dev/null
expect_eq breakoff-frees "$(q "SELECT count(*) FROM quota_reservations")" 0
drive "start S05" "answer 1" "answer 1" "answer 4" "answer 1" "answer fin" >out
expect_grep breakoff-place-taken '"done":"complete"' out
expect_eq complete-counts "$(q "SELECT completes FROM quota_cells WHERE cell = '1,1'") $(q "SELECT count(*) FROM quota_reservations")" "1 0"
# S01 passed its check before the cell filled: resumed, even answering check_at again, it goes on.
drive "start S01" "back" "answer 1" >out
expect_eq resume-recheck-kept "$(sed -n 3p out | grep -c '"id":"q1"') $(grep -c screened_out out)" "1 0"
expect_eq resume-holds-again "$(q "SELECT count(*) FROM quota_reservations")" 1
drive "start S01" "answer 4" "answer 1" "answer fin" >out
expect_grep resume-recheck-complete '"done":"complete"' out
expect_eq resume-recheck-overshoot "$(q "SELECT count(*) FROM quota_events WHERE cell = '1,1' AND event = 'overshoot'")" 1

# A place is held only while the case's lease lives (four hours here): an interview left aside
# past it frees its place; resumed, it is never screened out (its complete may overshoot).
drive "start S06" "answer 2" "answer 1" >/dev/null
drive "start S07" "answer 2" "answer 1" >out
expect_grep lease-live-holds '"done":"screened_out","outcome":"quota_full"' out
ALLO_NOW=2026-11-24T14:00:00Z drive "start S08" "answer 2" "answer 1" >out
expect_grep lease-expired-frees '"id":"q1"' out

# A partial (a break-off past the fieldwork rule) frees its place too, and is not counted.
{ cat "$D/screener.yaml"; printf 'fieldwork:\n  partial: {after: q1}\n'; } >partial.yaml
setup pa.db partial.yaml
db=pa.db
drive "start S01" "answer 1" "answer 1" "answer 4" "breakoff" >out
expect_eq partial-ended "$(q "SELECT status || ' ' || outcome FROM interviews")" "broken_off partial"
expect_eq partial-frees "$(q "SELECT count(*) FROM quota_reservations") $(q "SELECT completes FROM quota_cells WHERE cell = '1,1'")" "0 0"
drive "start S02" "answer 1" "answer 1" >out
expect_grep partial-place-taken '"id":"q1"' out

# Two screeners at once on the last place: exactly one passes.
setup p.db "$D/screener.yaml"
db=p.db
printf '%s\n' "start S01" "answer 1" "answer 1" quit >race-1
printf '%s\n' "start S02" "answer 1" "answer 1" quit >race-2
"$ALLO" drive p.db <race-1 >race-out-1 2>&1 &
"$ALLO" drive p.db <race-2 >race-out-2 2>&1 &
wait
passed=$(cat race-out-1 race-out-2 | grep -c '"id":"q1"')
out_n=$(cat race-out-1 race-out-2 | grep -c '"done":"screened_out","outcome":"quota_full"')
expect_eq race-one-passes "$passed $out_n" "1 1"
expect_eq race-one-holds "$(q "SELECT count(*) FROM quota_reservations")" 1

# check_at with a quota over a frame variable: known from the start, checked at check_at only.
awk '{ print } /^  list:$/ { print "    - id: q_quartier"; print "      by: [quartier]";
	print "      on_full: screen_out"; print "      message: \"Quartier complet.\""; print "      targets: [[1, 1], [2, 5]]" }' "$D/screener.yaml" >frame.yaml
setup f.db frame.yaml
db=f.db
drive "start S01" "answer 2" "answer 2" "answer 4" "answer 1" "answer fin" >out
expect_grep frame-first '"done":"complete"' out
drive "start S02" "answer 2" >out
expect_grep frame-not-before-check '"id":"sexe"' out
drive "start S02" "answer 2" >out
expect_grep frame-out-at-check '"done":"screened_out","outcome":"quota_full"' out

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

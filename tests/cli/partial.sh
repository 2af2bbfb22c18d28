# Partial interviews (AAPOR 1.2): a break-off past the fieldwork's rule is a partial, counted P in
# the rates; its denominator is the route that could still be asked; the other rule is a question
# reached; a partial resumed and finished is a complete; attempts run out on a partial end 1.2.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
D=$DATA/partial
export ALLO_NOW=2026-11-24T09:30:00Z
q() { sqlite3 s.db "$1"; }
# breaks CASE ANSWER...: starts the case, gives the answers, breaks off; prints the last reply.
breaks() {
	c=$1
	shift
	{ printf 'start %s\nanswer\n' "$c"; for a in "$@"; do printf '%s\n' "$a"; done; printf 'breakoff\nquit\n'; } |
		"$ALLO" drive s.db 2>&1 | tail -2 | head -1
}
outcome() { q "SELECT outcome FROM interviews WHERE case_id = '$1'"; }
call() { q "SELECT outcome FROM calls WHERE case_id = '$1' ORDER BY id DESC LIMIT 1"; }

"$ALLO" init --test s.db "$D/share.yaml" >/dev/null
"$ALLO" sample import s.db "$D/sample.csv" --wave w1 >/dev/null
"$ALLO" user add s.db "$(id -un)" --role interviewer >/dev/null

# 3 answered; q3 not answered yet, so the theme on it and q7 (q1 == 1) could still be asked: 11.
expect_eq share-unknown-counts "$(breaks P001 'answer 1' 'answer 1' 'answer 30')" \
	'{"ok":true,"done":"broken_off","outcome":"breakoff","answered":3,"route":11}'
expect_eq share-unknown-call "$(call P001)" breakoff
# q1 = 2 and q3 = 2 settle q7 and the theme: 4 answered out of 7, a partial.
expect_eq share-settled "$(breaks P002 'answer 1' 'answer 2' 'answer 30' 'answer 2')" \
	'{"ok":true,"done":"broken_off","outcome":"partial","answered":4,"route":7}'
expect_eq share-settled-interview "$(outcome P002)" partial
expect_eq share-settled-call "$(call P002)" partial
# Don't know and refused count as answered.
expect_eq share-dk-rf "$(breaks P003 'answer 1' 'rf' 'dk' 'answer 2')" \
	'{"ok":true,"done":"broken_off","outcome":"partial","answered":4,"route":7}'
# Just below and just above half: 5 of 11, then 6 of 11.
expect_eq share-below "$(breaks P004 'answer 1' 'answer 1' 'answer 30' 'answer 1' 'answer 2')" \
	'{"ok":true,"done":"broken_off","outcome":"breakoff","answered":5,"route":11}'
expect_eq share-above "$(breaks P005 'answer 1' 'answer 1' 'answer 30' 'answer 1' 'answer 2' 'answer 3')" \
	'{"ok":true,"done":"broken_off","outcome":"partial","answered":6,"route":11}'
# An answer taken back with `back` and changed off the route counts no more: the route is now.
expect_eq share-changed "$(breaks P006 'answer 1' 'answer 1' 'answer 30' 'answer 1' 'answer 2' 'answer 3' \
	'back' 'back' 'back' 'answer 2')" \
	'{"ok":true,"done":"broken_off","outcome":"partial","answered":4,"route":8}'

# The rates count the partials as P (4 of the 12 cases), the other break-offs as R: RR2 > RR1.
"$ALLO" report s.db --section rates --format csv >rates.csv
expect_grep report-partial-group "^P,4$" rates.csv
expect_grep report-breakoff-group "^R,2$" rates.csv
expect_grep report-rr1 "^RR1,0.0000$" rates.csv
expect_grep report-rr2 "^RR2,0.3333$" rates.csv

# A partial resumed and finished is a complete (1.1); attempts run out on a partial end 1.2.
printf 'start P002\nanswer\nanswer 1\nanswer 1\nanswer 1\nanswer bien\nquit\n' | "$ALLO" drive s.db >resume.out 2>&1
expect_eq resume-complete "$(q "SELECT status FROM interviews WHERE case_id = 'P002'")" complete
expect_eq resume-final "$(q "SELECT final_code FROM cases WHERE id = 'P002'")" 1.1
ALLO_NOW=2026-11-24T12:00:00Z "$ALLO" drive s.db >/dev/null 2>&1 <<'IN'
next
outcome no_answer
next
outcome no_answer
next
outcome no_answer
next
outcome no_answer
quit
IN
expect_eq attempts-partial "$(q "SELECT final_code FROM cases WHERE id = 'P003'")" 1.2
expect_eq attempts-breakoff "$(q "SELECT final_code FROM cases WHERE id = 'P001'")" 2.12

# The other rule: q3 reached.
"$ALLO" init --test a.db "$D/after.yaml" >/dev/null
"$ALLO" sample import a.db "$D/sample.csv" --wave w1 >/dev/null
"$ALLO" user add a.db "$(id -un)" --role interviewer >/dev/null
afterbreaks() {
	{ printf 'start %s\nanswer\n' "$1"; shift; for a in "$@"; do printf '%s\n' "$a"; done; printf 'breakoff\nquit\n'; } |
		"$ALLO" drive a.db 2>&1 | tail -2 | head -1 | sed 's/,"answered".*//'
}
expect_eq after-not-reached "$(afterbreaks P001 'answer 1' 'answer 1' 'answer 30')" \
	'{"ok":true,"done":"broken_off","outcome":"breakoff"'
expect_eq after-reached "$(afterbreaks P002 'answer 1' 'answer 1' 'answer 30' 'answer 2')" \
	'{"ok":true,"done":"broken_off","outcome":"partial"'

# Without the key, no break-off is a partial.
grep -v 'partial:' "$D/share.yaml" >none.yaml
"$ALLO" init --test n.db none.yaml >/dev/null
"$ALLO" sample import n.db "$D/sample.csv" --wave w1 >/dev/null
"$ALLO" user add n.db "$(id -un)" --role interviewer >/dev/null
expect_eq none-no-partial "$(printf 'start P002\nanswer\nanswer 1\nanswer 2\nanswer 30\nanswer 2\nanswer 1\nbreakoff\nquit\n' |
	"$ALLO" drive n.db 2>&1 | tail -2 | head -1 | sed 's/,"answered".*//')" '{"ok":true,"done":"broken_off","outcome":"breakoff"'

# allo check: the rule is checked where it is written.
bad() {
	bname=$1 brule=$2 bwant=$3
	sed "s/partial: {answered: 50%}/partial: $brule/" "$D/share.yaml" >bad.yaml
	expect_status "check-$bname" 1 "$ALLO" check bad.yaml
	expect_grep "check-$bname-message" "$bwant" err
}
bad bare-number '{answered: 50}' "bad.yaml:14:[0-9]*: error: 'answered' must be a share of the route from 1% to 100%"
bad zero '{answered: 0%}' "'answered' must be a share"
bad over '{answered: 101%}' "'answered' must be a share"
bad both '{answered: 50%, after: q3}' "'partial' needs one rule"
bad none '{}' "'partial' needs one rule"
bad unknown-key '{answerd: 50%}' "unknown key 'answerd'"
bad after-unknown '{after: q99}' "'after' names no question: 'q99'"
bad after-frame '{after: quartier}' "'after' must name a question asked once"
bad after-info '{after: intro}' "'after' must name a question asked once"
bad not-a-map '50%' "'partial'"

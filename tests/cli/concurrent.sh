# Concurrency: four processes drive four interviews on one database at once; none sees a busy error.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
N=150
{
	printf 'survey: {id: conc, title: "Conc", version: "1"}\nthemes:\n  - id: t\n    title: "T"\n    questions:\n'
	i=1
	while [ $i -le $N ]; do
		printf '      - {id: q%d, type: number, text: "Q%d ?", min: 0, max: 100000}\n' $i $i
		i=$((i + 1))
	done
} >c.yaml
"$ALLO" init --test c.db c.yaml >/dev/null
"$ALLO" user add c.db "$(id -un)" --role interviewer >/dev/null
sqlite3 c.db "INSERT INTO cases (id, wave, created_at) VALUES ('A', 'w', 'now'), ('B', 'w', 'now'), ('C', 'w', 'now'), ('D', 'w', 'now')"
for c in A B C D; do
	{ echo "start $c"; i=1; while [ $i -le $N ]; do echo "answer $i"; i=$((i + 1)); done; echo quit; } >script-$c
	"$ALLO" drive c.db <script-$c >replies-$c 2>err-$c &
done
wait
errors=$(cat replies-? err-? | grep -c -i -E '"ok":false|busy|locked')
expect_eq concurrent-no-error "$errors" 0
expect_eq concurrent-all-complete "$(sqlite3 c.db "SELECT group_concat(status) FROM interviews")" "complete,complete,complete,complete"
expect_eq concurrent-all-answers "$(sqlite3 c.db "SELECT count(*) FROM answers WHERE value = CAST(substr(var, 2) AS REAL)")" $((4 * N))
expect_eq concurrent-audit "$(sqlite3 c.db "SELECT count(*) FROM answer_log")" $((4 * N))

# A new questionnaire version: the interview in progress keeps its own; new ones take the newest.
sed 's/"Q1 ?"/"Première question ?"/' c.yaml >c2.yaml
sqlite3 c.db "INSERT INTO cases (id, wave, created_at) VALUES ('E', 'w', 'now'), ('F', 'w', 'now')"
printf 'start E\nanswer 1\nquit\n' | "$ALLO" drive c.db >/dev/null
expect_status questionnaire-add 0 "$ALLO" questionnaire add c.db c2.yaml
expect_grep questionnaire-add-version "questionnaire version 2" out
expect_status questionnaire-add-again 0 "$ALLO" questionnaire add c.db c2.yaml
expect_grep questionnaire-add-again-message "already registered" out
expect_status questionnaire-add-bad 1 "$ALLO" questionnaire add c.db "$TOP/tests/data/bad/cycle.yaml"
printf 'start E\nback\nquit\n' | "$ALLO" drive c.db >replies-E
expect_grep questionnaire-old-kept '"text":"Q1 ?"' replies-E
printf 'start F\nquit\n' | "$ALLO" drive c.db >replies-F
expect_grep questionnaire-new-taken '"text":"Première question ?"' replies-F

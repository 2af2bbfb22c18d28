# Sixteen terminals ask for 200 cases each at once from 5,000: never one case to two, no error.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
printf 'survey: {id: race, title: "Race", version: "1"}\nthemes:\n  - id: t\n    title: "T"\n    questions:\n      - {id: q, type: text, text: "Q ?"}\n' >r.yaml
"$ALLO" init --test r.db r.yaml >/dev/null
sqlite3 r.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
	INSERT INTO cases (id, wave, created_at) SELECT printf('R%05d', i), 'w', 'x' FROM n;
	INSERT INTO contacts (case_id, phone) SELECT id, '+3346571' || substr(id, 2) FROM cases;"
ALLO_NOW=2026-11-30T10:00:00+01:00
export ALLO_NOW
i=1
while [ $i -le 16 ]; do
	"$ALLO" user add r.db "enq$i" --role interviewer >/dev/null
	j=0
	while [ $j -lt 200 ]; do echo next; echo "outcome no_answer"; j=$((j + 1)); done >script-$i
	i=$((i + 1))
done
i=1
while [ $i -le 16 ]; do
	"$ALLO" drive r.db --as "enq$i" <script-$i >replies-$i 2>err-$i &
	i=$((i + 1))
done
wait
cat replies-* | sed -n 's/.*"case":{"id":"\([^"]*\)".*/\1/p' >given
expect_eq race-given "$(wc -l <given | tr -d ' ')" 3200
expect_eq race-distinct "$(sort -u given | wc -l | tr -d ' ')" 3200
# A writer kept waiting past 1 s by the fifteen others says so (store/busy.c): a notice, no error.
expect_eq race-no-error "$(cat replies-* err-* | grep -c -v -E '"ok":true|^allo: base occupée, nouvel essai')" 0
expect_eq race-calls "$(sqlite3 r.db "SELECT count(*) || ' ' || count(DISTINCT case_id) FROM calls")" "3200 3200"
expect_eq race-accounted "$(sqlite3 r.db "SELECT sum(attempts = 1) || ' ' || sum(attempts = 0) FROM cases")" "3200 1800"
expect_eq race-no-lease-left "$(sqlite3 r.db "SELECT count(*) FROM cases WHERE lease_login IS NOT NULL")" 0

# A whole fieldwork of 372 cases driven through allo drive (tests/data/fieldwork/drive.py): every
# scenario ends with the disposition written by hand in the driver, the test recomputes those
# dispositions from the raw calls and the AAPOR rates from them with code of its own
# (check.py), and the rates obey what the definitions imply; do-not-call numbers at import stay
# out of every rate, cases never dialled count, and a period report gives no rates.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
D=$DATA/fieldwork
command -v python3 >/dev/null 2>&1 || { skip fieldwork "no python3"; exit 0; }
export ALLO_NOW=2026-11-30T07:00:00Z

"$ALLO" init --test f.db "$D/fieldwork.yaml" >/dev/null
"$ALLO" user add f.db "$(id -un)" --role interviewer >/dev/null
"$ALLO" user add f.db chef --role supervisor >/dev/null
# 360 cases of every scenario, and 12 whose numbers objected before fieldwork.
{
	echo id,phone,quartier
	i=1
	while [ $i -le 360 ]; do
		printf 'C%03d,04 65 73 %02d %02d,%d\n' $i $((i / 100)) $((i % 100)) $((i % 3 + 1))
		i=$((i + 1))
	done
	i=1
	while [ $i -le 12 ]; do
		printf 'D%03d,06 39 97 00 %02d,1\n' $i $i
		"$ALLO" sample dnc f.db "06 39 97 00 $(printf %02d $i)" --as chef >/dev/null
		i=$((i + 1))
	done
} >w1.csv
expect_status fieldwork-import 0 "$ALLO" sample import f.db w1.csv --wave w1
expect_eq fieldwork-dnc-excluded "$(sqlite3 f.db "SELECT count(*) FROM cases WHERE final_code = '0.10'")" 12

if python3 "$D/drive.py" "$ALLO" f.db expected.txt >drive.out 2>&1; then
	ok fieldwork-driven
else
	notok fieldwork-driven "$(tail -3 drive.out)"
fi
expect_eq fieldwork-scenarios "$(wc -l <expected.txt)" 360
# A second wave imported once fieldwork is over: never dialled, they count as 3.11.
ALLO_NOW=2026-12-01T08:00:00Z
{
	echo id,phone,quartier
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		printf 'F%03d,04 65 74 00 %02d,2\n' $i $i
	done
} >w2.csv
"$ALLO" sample import f.db w2.csv --wave w2 >/dev/null

"$ALLO" report f.db --section rates --format json >rates.json
python3 "$D/check.py" f.db expected.txt rates.json >check.out 2>&1
while read -r status rest; do
	case $status in
	ok) ok "fieldwork-$rest" ;;
	*) notok "fieldwork-${rest#ok }" "" ;;
	esac
done <check.out
expect_eq fieldwork-checks-ran "$(grep -c '^ok\|^not ok' check.out)" 34

# The state at a date after the last call is the report without a period; a period has no rates.
"$ALLO" report f.db --section rates --format json --until 2027-01-01 >late.json
expect_eq fieldwork-until-late "$(cat late.json)" "$(cat rates.json)"
"$ALLO" report f.db --section rates --format json --since 2026-11-30 >period.json
expect_eq fieldwork-period-no-rates "$(cat period.json)" '{"rates":{"scope":"activity","rates":"none"}}'

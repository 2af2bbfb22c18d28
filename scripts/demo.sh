#!/bin/sh
# make demo: a demo survey under demo/ (created once, reused after), then the interviewer terminal.
set -e
cd "$(dirname "$0")/.."
db=demo/allo-quartiers.db
me=$(id -un)
mkdir -p demo
if [ ! -f "$db" ]; then
	./allo init --test "$db" questionnaire/allo-quartiers.yaml
	./allo sample import "$db" questionnaire/sample-demo.csv
fi
./allo user add "$db" "$me" --role interviewer --name "$me (démo)" >/dev/null
# Outside the calling windows there would be no case to show: the demo then runs at 10:00
# on the next weekday, through the clock override that tests use.
hour=$(date +%H%M)
day=$(date +%u)
if [ "$day" -ge 6 ] || [ "$hour" -lt 0900 ] || [ "$hour" -ge 2000 ]; then
	add=1
	[ "$day" -eq 5 ] && [ "$hour" -ge 2000 ] && add=3
	[ "$day" -eq 6 ] && add=2
	[ "$day" -eq 7 ] && add=1
	[ "$hour" -lt 0900 ] && [ "$day" -le 5 ] && add=0
	ALLO_NOW="$(date -d "+$add day" +%Y-%m-%d)T10:00:00$(date +%:z)"
	export ALLO_NOW
	echo "demo: outside calling hours; the demo clock is set to $ALLO_NOW"
fi
if [ ! -t 0 ] || [ ! -t 1 ]; then
	echo "demo: $db is ready; run ./allo interview $db in a terminal"
	exit 0
fi
case "${LC_ALL:-${LANG:-}}" in
*UTF-8* | *utf8* | *UTF8* | *utf-8*) ;;
*) LC_ALL=C.UTF-8; export LC_ALL ;;
esac
exec ./allo interview "$db"

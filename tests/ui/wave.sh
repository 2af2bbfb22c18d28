# The interviewer terminal when the manager closes a wave: closing is refused while the
# interviewer is on a case of it (case screen or interview); a wave closed while the
# interviewer is on another wave's case never gives its cases again, and when nothing is left
# the terminal says so. A detached tmux of 80x24, as in interview.sh.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
. "$TOP/tests/ui/screen.lib"
pane_setup wave

# Two waves: w2's B1 comes first, then w1's A1; B2 (w2) would come before A2 (w1).
printf 'id,phone,quartier,qpv\nA1,04 65 71 00 01,1,1\nA2,04 65 71 00 02,2,2\n' >w1.csv
printf 'id,phone,quartier,qpv\nB1,04 65 72 00 01,1,2\nB2,04 65 72 00 02,2,1\n' >w2.csv
"$ALLO" init --test ui.db "$DATA/ui/interview.yaml" >/dev/null || notok setup "init"
"$ALLO" sample import ui.db w1.csv --wave w1 >/dev/null || notok setup "import w1"
"$ALLO" sample import ui.db w2.csv --wave w2 >/dev/null || notok setup "import w2"
"$ALLO" user add ui.db "$me" --role interviewer --name "Marie D." >/dev/null || notok setup "user"
q "UPDATE cases SET priority = CASE id WHEN 'B1' THEN 30 WHEN 'A1' THEN 10 WHEN 'B2' THEN 5 ELSE 0 END"
close() { ALLO_NOW=2026-11-30T10:00:00+01:00 "$ALLO" wave close ui.db "$1" >close.out 2>&1; }
held="allo: vague w2 : 1 cas en main, fermeture refusée : B1 ($me) ; demandez-leur de finir leur appel, puis recommencez"

tm new-session -d -x 80 -y 24 -s s "ALLO='$ALLO' dir='$TMP' sh '$TMP/pane.sh'"
see wave-case-screen 'Cas B1 ·'
if close w2; then notok wave-close-refused-on-case "$(cat close.out)"; else ok wave-close-refused-on-case; fi
expect_eq wave-close-refused-names "$(cat close.out)" "$held"
key 1
see wave-interview 'Bonjour, je suis Marie D\.'
if close w2; then notok wave-close-refused-in-interview "$(cat close.out)"; else ok wave-close-refused-in-interview; fi
expect_eq wave-close-refused-in-interview-names "$(cat close.out)" "$held"
expect_eq wave-still-open "$(q "SELECT count(*) FROM waves WHERE closed_at IS NOT NULL")" 0
key F10
see wave-breakoff-menu 'Interrompre l.entretien'
key 2
see wave-breakoff 'Entretien interrompu'
key Enter
see wave-next-case 'Cas A1 ·'

# On A1's case screen the manager closes w2, which nobody holds now.
if close w2; then ok wave-closed; else notok wave-closed "$(cat close.out)"; fi
key 2
see wave-open-wave-case 'Cas A2 ·'
hasnt wave-never-closed-case 'Cas B2'
key 2
see wave-no-case 'Aucun cas à appeler pour le moment\.'
expect_eq wave-calls "$(q "SELECT group_concat(case_id || ' ' || outcome, ', ') FROM (SELECT * FROM calls ORDER BY id)")" \
	"B1 breakoff, A1 no_answer, A2 no_answer"
key F10
see wave-quit 'EXIT=0'
if [ -s err ]; then notok wave-no-stderr "$(head -5 err | tr '\n' '|')"; else ok wave-no-stderr; fi

# The interviewer terminal while another process holds the database: an answer typed during the
# wait shows "base occupée, nouvel essai… (tenue par LOGIN)" on the message line at once, then
# lands, and the screen comes back to normal. A detached tmux of 80x24, as in interview.sh.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
. "$TOP/tests/ui/screen.lib"
pane_setup busy

# hold SECONDS: another process takes the write lock for SECONDS; returns once it holds it.
hold() {
	(echo '.timeout 5000'; echo 'BEGIN IMMEDIATE;'; sleep "$1"; echo 'COMMIT;') |
	    sqlite3 ui.db >/dev/null &
	holder=$!
	i=0
	until sqlite3 ui.db 'BEGIN IMMEDIATE; ROLLBACK;' 2>&1 | grep -q 'database is locked'; do
		i=$((i + 1))
		[ $i -lt 200 ] || return 1
		sleep 0.02
	done
}

"$ALLO" init --test ui.db "$DATA/ui/interview.yaml" >/dev/null || notok setup "init"
"$ALLO" sample import ui.db "$DATA/ui/sample.csv" >/dev/null || notok setup "sample import"
"$ALLO" user add ui.db "$me" --role interviewer --name "Marie D." >/dev/null || notok setup "user"

tm new-session -d -x 80 -y 24 -s s "ALLO='$ALLO' dir='$TMP' sh '$TMP/pane.sh'"
see busy-case-screen 'Cas C1 ·'
key 1
see busy-interview-starts 'Bonjour, je suis Marie D\.'
key Enter
see busy-question 'Acceptez-vous de répondre'

if hold 4; then ok busy-held; else notok busy-held "the lock was never taken"; fi
key 1
see busy-said-on-screen "base occupée, nouvel essai… \\(tenue par $me\\)"
has busy-question-still-shown 'Acceptez-vous de répondre'
expect_eq busy-said-on-message-line "$(sed -n 22p screen | sed 's/^ *//; s/ *$//')" \
    "base occupée, nouvel essai… (tenue par $me)"
expect_eq busy-answer-not-yet "$(q "SELECT count(*) FROM answers WHERE var = 'consent'")" 0
see busy-answer-lands 'En quel mois'
hasnt busy-message-gone 'base occupée'
expect_eq busy-answer-stored "$(q "SELECT value FROM answers WHERE var = 'consent'")" "1.0"
wait "$holder"

kill -s TERM "$(cat pid)" 2>/dev/null
see busy-exits 'EXIT='
if [ -s err ]; then notok busy-no-stderr "$(head -3 err | tr '\n' '|')"; else ok busy-no-stderr; fi

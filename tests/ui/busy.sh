# The interviewer terminal while another process holds the database: an answer typed during the
# wait shows "base occupée, nouvel essai… (tenue par LOGIN)" on the message line at once, then
# lands, and the screen comes back to normal. A detached tmux of 80x24, as in interview.sh.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
SOCK=allo-busy-$$
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
if ! command -v tmux >/dev/null 2>&1; then
	notok tmux "tmux is not installed (make deps)"
	exit 0
fi
unset TMUX
me=$(id -un)

tm() { tmux -L "$SOCK" -f "$TMP/tmux.conf" "$@"; }
q() { sqlite3 "$TMP/ui.db" "$1"; }
key() { tm send-keys -t s "$@"; }

printf 'set -g status off\nset -g history-limit 0\n' >tmux.conf
cat >pane.sh <<'EOF'
cd "$dir" || exit 1
LC_ALL=C.UTF-8 TERM=xterm-256color ALLO_NOW=2026-11-30T10:00:00+01:00 \
    sh -c 'echo $$ >pid; exec "$1" interview ui.db 2>err' sh "$ALLO"
echo "EXIT=$?"
exec sleep 600
EOF

# wait_for and shown read the pane of session S.
S=s
. "$TOP/tests/ui/screen.lib"

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

# The interviewer terminal at 80x24 when the disk fails under an answer (the LD_PRELOAD shim
# tests/fault/inject.c, armed by a file just before the key that commits): the message that says
# what the database holds is shown whole on one line, and the interview goes on.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
SOCK=allo-fault-$$
tm() { tmux -L "$SOCK" -f "$TMP/tmux.conf" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
if ! command -v tmux >/dev/null 2>&1; then
	notok tmux "tmux is not installed (make deps)"
	exit 0
fi
unset TMUX
SHIM=${INJECT:-$(dirname "$ALLO")/tests/inject.so}
if [ ! -f "$SHIM" ]; then
	notok shim "no $SHIM (make units builds it)"
	exit 0
fi
# ASan wants its runtime first among the libraries loaded: it goes before the shim.
asan=$(ldd "$ALLO" 2>/dev/null | awk '/libasan/ { print $3; exit }')
PRELOAD="${asan:+$asan }$SHIM"
me=$(id -un)
q() { sqlite3 "$TMP/ui.db" "$1"; }

cat >p.yaml <<'YAML'
survey: {id: panne, title: "Panne de disque", version: "1"}
frame:
  - {id: quartier, label: "Quartier", type: single, options: {1: "Champratel", 2: "Les Vergnes"}}
fieldwork:
  timezone: Europe/Paris
  windows: {weekday: "09:00-20:30", saturday: "09:00-17:00", sunday: none}
themes:
  - id: t
    title: "T"
    questions:
      - {id: intro, type: info, text: "Bonjour."}
      - {id: age, type: number, text: "Quel âge avez-vous ?", min: 15, max: 110}
      - {id: rue, type: text, text: "Dans quelle rue habitez-vous ?", max_length: 200}
      - {id: fin, type: single, text: "Tout est juste ?", options: {1: "Oui", 2: "Non"}}
YAML
printf 'id,phone,quartier\nC1,04 65 71 00 01,1\n' >s.csv
"$ALLO" init --test ui.db p.yaml >/dev/null || notok setup "init"
"$ALLO" sample import ui.db s.csv >/dev/null || notok setup "sample import"
"$ALLO" user add ui.db "$me" --role interviewer --name "Marie D." >/dev/null || notok setup "user"

printf 'set -g status off\nset -g history-limit 0\n' >tmux.conf
tm new-session -d -x 80 -y 24 -s f "cd '$TMP' && LC_ALL=C.UTF-8 TERM=xterm-256color \
    ALLO_NOW=2026-11-30T10:00:00+01:00 ALLO_FAULT_SYNC_AFTER=0 ALLO_FAULT_ARM='$TMP/arm' \
    ALLO_FAULT_LOG='$TMP/log' LD_PRELOAD='$PRELOAD' '$ALLO' interview ui.db 2>err; \
    echo EXIT=\$?; sleep 600"

key() { tm send-keys -t f "$@"; }
typ() { tm send-keys -t f -l "$1"; }
# see NAME PATTERN: polls the pane (15 s at most) until it shows PATTERN (ERE); screen in ./screen.
see() {
	i=0
	while [ $i -lt 300 ]; do
		tm capture-pane -p -t f >screen 2>/dev/null
		if grep -Eq -- "$2" screen; then ok "$1"; return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	notok "$1" "no [$2] on screen: $(grep -v '^ *$' screen | head -12 | tr '\n' '|')"
	return 1
}

long="Allée des Châtaigniers de la Butte aux Cailles, résidence Les Hauts de Chanturgue"
said="Disque en erreur : réponse NON enregistrée (reste Allée des Ch…), à ressaisir."
see case-screen 'Cas C1 ·'
key 1
see interview-starts 'Bonjour\.'
key Enter
see age-asked 'Quel âge avez-vous'
typ 45
key Enter
see street-asked 'Dans quelle rue'
typ "$long"
key Enter
see last-asked 'Tout est juste'
key PPage
see back-to-street 'garder « Allée des'
typ X
touch arm
key Enter
see fault-message 'Disque en erreur'
# The whole message on one row, in the 78 columns inside the screen's margins.
row=$(grep -F -- "$said" screen | sed 's/^ *//; s/ *$//')
expect_eq fault-message-whole "$row" "$said"
expect_eq fault-message-fits "$(printf '%s' "$row" | LC_ALL=C.UTF-8 wc -L)" 78
expect_grep fault-injected 'fdatasync .*/ui.db-wal$' log
expect_eq fault-screen-width "$(LC_ALL=C.UTF-8 wc -L <screen)" 80
if grep -q 'Dans quelle rue' screen; then ok fault-same-question; else notok fault-same-question "$(tr '\n' '|' <screen)"; fi
expect_eq fault-old-answer-kept "$(q "SELECT value FROM answers WHERE var = 'rue'")" "$long"

# Typed again, the answer lands, once.
key Enter
see retyped-lands 'Tout est juste'
expect_eq retyped-stored "$(q "SELECT value FROM answers WHERE var = 'rue'")" X
expect_eq retyped-log "$(q "SELECT replace(coalesce(old, '-') || '>' || new, '$long', 'LONG')
    FROM answer_log WHERE var = 'rue' ORDER BY id")" "->LONG
LONG>X"

key F10
see breakoff-menu 'Interrompre, rappeler plus tard'
key 2
see breakoff-done 'Entretien interrompu'
key Enter
see idle 'Aucun cas à appeler'
key F10
see exits 'EXIT=0'
if [ -s err ]; then notok no-stderr "$(head -5 err | tr '\n' '|')"; else ok no-stderr; fi

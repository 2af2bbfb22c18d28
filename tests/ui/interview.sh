# The interviewer terminal, driven as a person would: a detached tmux of fixed size, keys sent,
# screens read back. Case screen and outcomes, every kind of answer, checks, DK/RF, back, go to,
# re-routing, break-off and resume, appointment, resize, signals; then the database.
# UPDATE_GOLDEN=1 rewrites tests/ui/golden/*.txt from the screens seen; UI_KEEP=DIR keeps the
# work directory (database, allo's stderr, terminal settings) for a look after a failure.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
GOLDEN=$TOP/tests/ui/golden
SOCK=allo-test-$$
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; [ -n "$UI_KEEP" ] && cp -r "$TMP" "$UI_KEEP"; rm -rf "$TMP"' EXIT
if ! command -v tmux >/dev/null 2>&1; then
	notok tmux "tmux is not installed (make deps)"
	exit 0
fi
unset TMUX
me=$(id -un)
me8=$(printf '%.8s' "$me")

tm() { tmux -L "$SOCK" -f "$TMP/tmux.conf" "$@"; }
q() { sqlite3 "$TMP/ui.db" "$1"; }

printf 'set -g status off\nset -g history-limit 0\n' >tmux.conf
# The pane: allo interview, its pid and stderr kept; then its exit status, the terminal's
# settings before and after, and a line read back to show the terminal still works.
cat >pane.sh <<'EOF'
tag=$1
cd "$dir" || exit 1
stty -g >"stty-before.$tag"
LC_ALL=${3:-C.UTF-8} TERM=xterm-256color ALLO_NOW=$2 \
    sh -c 'echo $$ >"$1"; exec "$2" interview ui.db 2>"$3"' sh "pid.$tag" "$ALLO" "err.$tag"
echo "EXIT=$?"
stty -g >"stty-after.$tag"
printf 'shell> '
read -r line
echo "lu : $line"
exec sleep 600
EOF

# start TAG TIME [COLS ROWS [LOCALE]]: a new tmux session running allo interview at TIME (Paris).
start() {
	S=$1
	tm new-session -d -x "${3:-80}" -y "${4:-24}" -s "$S" \
	    "ALLO='$ALLO' dir='$TMP' sh '$TMP/pane.sh' $1 2026-11-30T$2:00+01:00 ${5:-C.UTF-8}"
}

key() { tm send-keys -t "$S" "$@"; }
typ() { tm send-keys -t "$S" -l "$1"; }

. "$TOP/tests/ui/screen.lib"

# Once a screen fails to come, the rest of the scenario cannot be trusted: later steps fail at once.
lost=""

# see NAME PATTERN: waits for the screen to show PATTERN.
see() {
	if [ -n "$lost" ]; then
		notok "$1" "not reached: the scenario lost its way at $lost"
		return 1
	fi
	if wait_for "$2"; then
		ok "$1"
		return 0
	fi
	lost=$1
	notok "$1" "no [$2] on screen: $(shown)"
	return 1
}

# has NAME PATTERN / hasnt NAME PATTERN: the screen last seen shows PATTERN, or does not.
has() {
	if [ -n "$lost" ]; then notok "$1" "not reached: the scenario lost its way at $lost"
	elif grep -Eq -- "$2" screen; then ok "$1"
	else notok "$1" "no [$2] on screen: $(shown)"; fi
}
hasnt() {
	if [ -n "$lost" ]; then notok "$1" "not reached: the scenario lost its way at $lost"
	elif grep -Eq -- "$2" screen; then notok "$1" "[$2] on screen: $(shown)"
	else ok "$1"; fi
}

# settle PATTERN: after keys whose effect may not change the screen, makes sure they were read:
# F1 opens the help and F1 closes it, so the screen with PATTERN comes after every key sent.
settle() {
	[ -n "$lost" ] && return 1
	key F1
	wait_for 'Aide \(une touche pour revenir\)' && key F1 && wait_for "$1" && return 0
	lost="settle on [$1]"
	notok settle "no [$1] after the help: $(shown)"
	return 1
}

# golden NAME: the screen last seen is tests/ui/golden/NAME.txt.
golden() {
	if [ -n "$UPDATE_GOLDEN" ]; then
		mkdir -p "$GOLDEN" && cp screen "$GOLDEN/$1.txt"
	fi
	if [ -n "$lost" ]; then notok "golden-$1" "not reached: the scenario lost its way at $lost"
	elif cmp -s screen "$GOLDEN/$1.txt"; then ok "golden-$1"
	else notok "golden-$1" "screen differs from golden/$1.txt: $(diff "$GOLDEN/$1.txt" screen |
	    grep '^[<>]' | head -6 | tr '\n' '|')"; fi
}

# ended TAG NAME [STATUS]: allo has left (with STATUS); the terminal's settings are those from
# before it started, the pane still reads a line, and allo wrote nothing on standard error (ASan
# reports land there).
ended() {
	see "$2-exits" 'EXIT=' || return
	[ -n "$3" ] && has "$2-status" "^EXIT=$3\$"
	typ "bonjour"
	key Enter
	if wait_for 'lu : bonjour'; then ok "$2-terminal-usable"
	else notok "$2-terminal-usable" "the shell did not read a line: $(shown)"; fi
	if cmp -s "stty-before.$1" "stty-after.$1"; then ok "$2-terminal-restored"
	else notok "$2-terminal-restored" "stty $(cat "stty-before.$1") became $(cat "stty-after.$1")"; fi
	if [ -s "err.$1" ]; then notok "$2-no-stderr" "$(head -5 "err.$1" | tr '\n' '|')"
	else ok "$2-no-stderr"; fi
}

# signal TAG SIG NAME: sends SIG to allo itself (not to the pane's shell).
signal() {
	pid=$(cat "pid.$1" 2>/dev/null)
	if [ -n "$pid" ] && kill -s "$2" "$pid"; then ok "$3-sent"; else notok "$3-sent" "no pid"; fi
}

# The survey: one question of each kind (tests/data/ui/interview.yaml), four cases to call.
"$ALLO" init --test ui.db "$DATA/ui/interview.yaml" >/dev/null || notok setup "init"
"$ALLO" sample import ui.db "$DATA/ui/sample.csv" >/dev/null || notok setup "sample import"
"$ALLO" user add ui.db "$me" --role interviewer --name "Marie D." >/dev/null
"$ALLO" user add ui.db enq2 --role interviewer --name "Enquêteur 2" >/dev/null
q "UPDATE cases SET priority = 10 WHERE id = 'C1'; UPDATE cases SET priority = -1 WHERE id = 'C4'"
# Earlier this morning another interviewer found C1 busy.
printf '%s\n' next "outcome busy rappeler après le repas" |
    ALLO_NOW=2026-11-30T09:05:00+01:00 "$ALLO" drive ui.db --as enq2 >/dev/null

# Refusals before any screen.
expect_status refuses-unknown-user 1 "$ALLO" interview ui.db --as personne </dev/null
expect_grep refuses-unknown-user-message "utilisateur inconnu : personne" "$TMP/err"
expect_status needs-terminal 1 "$ALLO" interview ui.db </dev/null
expect_grep needs-terminal-message "needs a terminal" "$TMP/err"
start loc 10:00 80 24 C
see refuses-non-utf8-locale 'EXIT=1'
expect_grep refuses-non-utf8-message "UTF-8" "$TMP/err.loc"
tm kill-session -t loc

# --- Monday 30 November, 10:00: the first case, an outcome, then an interview.
start s1 10:00
see case-screen 'Cas C1 · Champratel \(QPV\)'
golden case-80x24
has case-interviewer 'Enquêteur : Marie D\.'
has case-number-in-pairs '04 {1,2}65 {1,2}71 {1,2}00 {1,2}01'
has case-attempt 'Tentative 2 sur 10'
has case-history '30/11 09:05 +enq2 +Occupé +« rappeler après le repas »'
has case-outcomes '2  Pas de réponse'
key F1
see help-screen 'Aide \(une touche pour revenir\)'
has help-control-twins 'F2  ou Ctrl-D'
key x
see help-any-key-back 'Cas C1 ·'

key 2
see no-answer-next-case-at-once 'Cas C2 · Les Vergnes \(Hors QPV\)'
has no-answer-recorded 'Cas C1 : appel enregistré\.'
has fresh-case-attempt 'Tentative 1 sur 10'
has fresh-case-history 'jamais appelé'
key F5
see note-prompt 'Note sur le cas :'
typ "sonner deux fois"
key Enter
see note-recorded 'Note enregistrée\.'

key 1
see interview-starts 'Bonjour, je suis Marie D\., de l.observatoire'
has info-screen-entry 'Entrée : continuer'
key Enter
see info-acknowledged 'Acceptez-vous de répondre'
key F2
settle 'Acceptez-vous'
has dk-refused-f2 '« Ne sait pas » n.est pas accepté ici\.'
key F3
settle 'Acceptez-vous'
has rf-refused-f3 '« Refus » n.est pas accepté ici\.'
key C-d
settle 'Acceptez-vous'
has dk-refused-ctrl-d '« Ne sait pas » n.est pas accepté ici\.'
has refusals-stay-on-question 'Q1 · '

key 1
see single-code-alone 'En quel mois'
golden question-80x24
key 1
settle 'En quel mois'
has single-ambiguous-waits 'Réponse : 1▁'
key Enter
see single-ambiguous-enter 'Pour quels usages'

key 1 Space 3 Space
settle 'Pour quels usages'
has multi-code-space '\[x\] +1 +Courriels'
has multi-code-space-second '\[x\] +3 +Réseaux sociaux'
hasnt multi-code-space-no-error 'inconnu'
key 9
settle 'Pour quels usages'
has multi-exclusive-ticked '\[x\] +9 +Aucun'
key Enter
settle 'Pour quels usages'
has multi-exclusive-refused '« Aucun » ne se combine pas avec d.autres réponses\.'
key 9 Enter
see multi-validated 'Quel âge avez-vous'

typ 120
key Enter
settle 'Quel âge avez-vous'
has number-out-of-range 'Valeur hors limites : entre 15 et 110\.'
has number-refused-in-place 'Réponse : 120▁'
key BSpace BSpace BSpace
typ 105
key Enter
settle 'Quel âge avez-vous'
has soft-check-asks 'Confirmer \? \(o/n\)'
has soft-check-message '105 ans : confirmer\.'
key n
settle 'Quel âge avez-vous'
hasnt soft-check-n-returns 'Confirmer'
has soft-check-n-keeps-entry 'Réponse : 105▁'
key Enter
settle 'Quel âge avez-vous'
has soft-check-asks-again 'Confirmer \? \(o/n\)'
key o
see soft-check-o-accepts 'Depuis combien d.années'

typ 107
key Enter
settle 'Depuis combien d.années'
has hard-check-refused 'Plus d.années dans le quartier que l.âge déclaré\.'
key Escape
settle 'Depuis combien d.années'
has escape-clears-entry 'Réponse : ▁'
typ 20
key Enter
see hard-check-passes 'Avez-vous une voiture'
key 1
see routed-by-answer 'Combien de kilomètres'
key F3
see rf-accepted-f3 'Combien d.enfants'
typ 1
key Enter
see roster-instance 'Quel âge a l.enfant 1'
has roster-title 'Enfant 1'
key F2
see dk-accepted-f2 'Depuis quelle date'
has date-hint 'Réponse \(JJ/MM/AAAA\) : ▁'
has long-text-wraps-at-word '^ votre emménagement \?$'
typ 31/02/2020
key Enter
settle 'Depuis quelle date'
has date-invalid-refused 'La date 31/02/2020 n.existe pas\.'
has date-invalid-in-place 'Réponse \(JJ/MM/AAAA\) : 31/02/2020▁'

key PPage
see back-pgup 'Quel âge a l.enfant 1'
has back-shows-kept-answer 'garder « NSP »'
key C-b
see back-ctrl-b 'Combien d.enfants'
has back-kept-number 'garder « 1 »'
key C-b
see back-to-rf 'Combien de kilomètres'
has back-kept-rf 'garder « Refus »'
key C-b
see back-to-single 'Avez-vous une voiture'
has back-single-marked '▸ +1 +Oui'
key 2
see reroute-skips 'Combien d.enfants'
has reroute-offpath-notice '⚠ 1 réponse hors parcours'
hasnt reroute-skipped-question 'kilomètres'

key C-g
see goto-prompt 'Aller à la question'
typ zzz
key Enter
see goto-unknown-refused '« zzz » n.est pas sur le parcours déjà atteint\.'
# The dialog stays open with what was typed, as allo-interview(1) says; Esc clears it.
has goto-prompt-stays 'Aller à la question'
has goto-entry-kept '> zzz▁'
key Escape
see goto-entry-cleared '> ▁'
has goto-prompt-after-esc 'Aller à la question'
typ age
key Enter
see goto-id 'Quel âge avez-vous'
has goto-keeps-answer 'garder « 105 »'

key F10
see breakoff-menu 'Interrompre l.entretien'
has breakoff-choices '2  Interrompre, rappeler plus tard'
key 2
see breakoff-end-screen 'Entretien interrompu ; il reprendra à cette question\.'
expect_eq breakoff-stored "$(q "SELECT status || ' ' || position_var FROM interviews WHERE case_id = 'C2'")" "broken_off age"
key Enter
see breakoff-next-case 'Cas C3 · Champratel \(Hors QPV\)'

key C-n
see note-ctrl-n 'Note sur le cas :'
typ "pas avant 10h"
key Enter
see note-ctrl-n-recorded 'Note enregistrée\.'
key 6
see appointment-prompt 'Rendez-vous : quand \?'
typ 22h
key Enter
see appointment-outside-refused 'En dehors des heures d.appel de ce jour \(09:00-20:30\)\.'
has appointment-refused-in-place '> 22h▁'
key BSpace BSpace BSpace
typ "demain 10h"
key Enter
see appointment-note-prompt 'Note du rendez-vous'
typ "demander Mme Dupré"
key Enter
see appointment-next-case 'Cas C4 · Les Vergnes \(QPV\)'
has appointment-confirmed 'Rendez-vous enregistré : demain à 10:00\.'
expect_eq appointment-stored "$(q "SELECT case_id, due_at, kind, note, set_by, done FROM appointments")" \
    "C3|2026-12-01T09:00:00Z|hard|demander Mme Dupré|$me|0"
key 3
see busy-then-idle 'Aucun cas à appeler pour le moment\.'
has idle-keys 'Entrée : chercher un cas   F10 : quitter'
expect_eq note-stays-with-its-case "$(q "SELECT coalesce(note, '-') FROM calls WHERE case_id = 'C4'")" "-"
key F10
ended s1 idle-f10 0

# --- 11:05, after the break-off delay: the case comes back and resumes at the same question.
start s2 11:05
see resume-case-back 'Cas C2 · Les Vergnes'
has resume-attempt 'Tentative 2 sur 10'
has resume-history "30/11 10:00 +$me8 +Entretien interrompu +« sonner deux fois »"
key 1
see resume-same-question 'Quel âge avez-vous'
has resume-keeps-answer 'garder « 105 »'
has resume-keeps-offpath '⚠ 1 réponse hors parcours'
key Enter
see keep-answer-enter 'Depuis combien d.années'
cp screen before-resize
tm resize-window -t "$S" -x 60 -y 15
see resize-too-small 'Terminal trop petit \(60x15\)'
has resize-minimum 'Agrandir à 64x18 au moins\.'
tm resize-window -t "$S" -x 80 -y 24
see resize-back 'Depuis combien d.années'
if cmp -s screen before-resize; then ok resize-restores-screen
else notok resize-restores-screen "$(diff before-resize screen | grep '^[<>]' | head -4 | tr '\n' '|')"; fi
key Enter
see keep-single 'Avez-vous une voiture'
key Enter
see keep-roster-count 'Combien d.enfants'
key Enter
see keep-roster-dk 'Quel âge a l.enfant 1'
key C-d
see dk-accepted-ctrl-d 'Depuis quelle date'
signal s2 HUP sighup
ended s2 sighup
expect_eq sighup-answers-kept "$(q "SELECT status, position_var, (SELECT count(*) FROM answers a WHERE a.interview_id = i.id) FROM interviews i WHERE case_id = 'C2'")" "in_progress|arrivee|10"

# --- 11:06, a wider terminal: the interview left by the signal comes back first.
start s3 11:06 120 40
see sighup-resume-offered 'Reprise du cas en cours\.'
has sighup-resume-case 'Cas C2 · Les Vergnes'
key 1
see sighup-resume-question 'Depuis quelle date'
golden question-120x40
has wide-text-one-line "^ Depuis quelle date habitez-vous votre logement actuel, c.est-à-dire la date de votre emménagement \?$"
typ 15/03/2012
key Enter
see date-accepted 'Un dernier mot'
typ "Très"
settle 'Un dernier mot'
has text-typed 'Réponse : Très▁'
signal s3 TERM sigterm
ended s3 sigterm
expect_eq sigterm-answers-kept "$(q "SELECT i.status || ' ' || i.position_var || ' ' || a.value FROM interviews i JOIN answers a ON a.interview_id = i.id AND a.var = 'arrivee' WHERE case_id = 'C2'")" "in_progress avis 2012-03-15"
expect_eq sigterm-unaccepted-not-stored "$(q "SELECT count(*) FROM answers WHERE var = 'avis'")" "0"

# --- 11:07: resumed again, completed, and the next case.
start s4 11:07
see sigterm-resume-offered 'Reprise du cas en cours\.'
has sigterm-history-says-interview 'entretien en cours, reprise à Q1[0-9], [0-9]+ %'
hasnt sigterm-history-not-never-called 'jamais appelé'
key 1
see sigterm-resume-question 'Un dernier mot'
has sigterm-resume-empty-entry 'Réponse : ▁'
typ "Très bien, merci"
key Enter
see complete-end-screen 'Entretien complet, enregistré\.'
key Enter
see complete-next-case 'Cas C4 · Les Vergnes \(QPV\)'
key 7
see refusal-menu 'Refus : lequel \?'
has refusal-choices '2  Refus définitif'
key Escape
# Keys typed while a dialog closes are dropped: wait for the case screen's own footer.
see refusal-menu-closed 'F5 Note'
hasnt refusal-menu-escape 'Refus : lequel'
key C-x
ended s4 pause-ctrl-x 0
expect_eq pause-releases-case "$(q "SELECT coalesce(lease_login, '-') FROM cases WHERE id = 'C4'")" "-"

# The database against what was typed.
expect_eq db-calls "$(q "SELECT case_id || ' ' || login || ' ' || outcome || ' ' || coalesce(note, '-') FROM calls ORDER BY id" | tr '\n' ';')" \
    "C1 enq2 busy rappeler après le repas;C1 $me no_answer -;C2 $me breakoff sonner deux fois;C3 $me appointment demander Mme Dupré;C4 $me busy -;C2 $me complete -;"
expect_eq db-interviews "$(q "SELECT case_id || ' ' || login || ' ' || status FROM interviews" | tr '\n' ';')" "C2 $me complete;"
expect_eq db-answers "$(q "SELECT var || ' ' || instance || ' ' || kind || ' ' || coalesce(value, '-') || ' ' || on_path FROM answers ORDER BY var, instance" | tr '\n' ';')" \
    "age 0 num 105.0 1;annees 0 num 20.0 1;arrivee 0 text 2012-03-15 1;avis 0 text Très bien, merci 1;consent 0 num 1.0 1;enf_age 1 dk - 1;enfants 0 num 1.0 1;intro 0 seen - 1;km 0 rf - 0;mois 0 num 1.0 1;usages 0 multi 1,3 1;voiture 0 num 2.0 1;"
expect_eq db-cases "$(q "SELECT id || ' ' || state || ' ' || attempts || ' ' || coalesce(final_code, '-') FROM cases ORDER BY id" | tr '\n' ';')" \
    "C1 active 2 -;C2 final 2 1.1;C3 active 1 -;C4 active 1 -;"
expect_eq db-notes "$(q "SELECT case_id || ' ' || login || ' ' || note FROM notes" | tr '\n' ';')" "C2 $me sonner deux fois;C3 $me pas avant 10h;"
expect_eq db-log-change "$(q "SELECT coalesce(old, '-') || '>' || new FROM answer_log WHERE var = 'voiture'" | tr '\n' ';')" "->1;1>2;"

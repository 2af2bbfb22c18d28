# The slips of an eight-hour shift, typed as a person would in a detached tmux at 80x24 and at
# the minimum 64x18: messages wrapped on rows of their own (a soft check's "(o/n)" always shows,
# a note's message never covers a menu), final outcomes confirmed, Esc clearing an entry first.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
. "$TOP/tests/ui/screen.lib"
pane_setup slips

printf 'id,phone,quartier\nB1,04 65 71 00 01,1\nB2,04 65 71 00 02,2\nB3,04 65 71 00 03,1\nB4,04 65 71 00 04,2\nB5,04 65 71 00 05,1\nB6,04 65 71 00 06,2\nB7,04 65 71 00 07,1\n' >s.csv
"$ALLO" init --test ui.db "$DATA/ui/slips.yaml" >/dev/null || notok setup "init"
"$ALLO" sample import ui.db s.csv --wave w1 >/dev/null || notok setup "import"
"$ALLO" user add ui.db "$me" --role interviewer --name "Marie D." >/dev/null || notok setup "user"
calls() { q "SELECT count(*) FROM calls"; }

for size in 80x24 64x18; do
	S=s$size
	tm new-session -d -x "${size%x*}" -y "${size#*x}" -s "$S" "ALLO='$ALLO' dir='$TMP' sh '$TMP/pane.sh'"
	see "$size-case" 'Cas B[0-9] ·'
	# A note, then the "Autre issue" menu: its third option stays whole.
	key C-n
	see "$size-note-prompt" 'Note sur le cas :'
	tm send-keys -t "$S" -l "pas de personne éligible"
	key Enter
	see "$size-note-saved" 'Note enregistrée\.'
	key 8
	see "$size-other-menu" 'Autre issue :'
	has "$size-other-option-3" '3  Hors cible \(pas de pers'
	has "$size-note-message-below" 'Note enregistrée\.'
	key Escape
	see "$size-menu-closed" 'Issue de l.appel'
	# 5 asks before making the case final; n leaves it open and records nothing.
	before=$(calls)
	key 5
	see "$size-disconnected-asks" 'Le cas deviendra définitif : Numéro non attribué'
	has "$size-disconnected-yes-no" '\(o/n\)'
	key n
	see "$size-disconnected-cancelled" 'Annulé : rien n.a été enregistré\.'
	expect_eq "$size-disconnected-nothing-recorded" "$(calls)" "$before"
	# An appointment mistyped, Esc, and the retyped text stays in the dialog: nothing recorded.
	key 6
	see "$size-appointment-prompt" 'Rendez-vous : quand'
	tm send-keys -t "$S" -l "jeuid"
	key Escape
	see "$size-appointment-cleared" '> ▁'
	tm send-keys -t "$S" -l "3"
	see "$size-appointment-typed-into" '> 3▁'
	expect_eq "$size-escape-nothing-recorded" "$(calls)" "$before"
	key Escape
	key Escape
	see "$size-appointment-closed" 'Issue de l.appel'
	expect_eq "$size-escape-twice-nothing-recorded" "$(calls)" "$before"
	# The interview: the soft check's whole message and its "(o/n)" on screen.
	key 1
	see "$size-consent" 'Acceptez-vous de répondre'
	consents=$(q "SELECT count(*) FROM answers WHERE var = 'consent'")
	# An answer that ends the interview is asked first; n keeps the interview where it was.
	key 2
	see "$size-terminate-asks" 'Cette réponse termine l.entretien \(refus, définitif\)'
	key n
	see "$size-terminate-cancelled" 'Annulé : rien n.a été enregistré\.'
	has "$size-terminate-same-question" 'Acceptez-vous de répondre'
	expect_eq "$size-terminate-nothing-stored" "$(q "SELECT count(*) FROM answers WHERE var = 'consent'")" "$consents"
	key 1
	see "$size-age" 'Quel âge avez-vous'
	tm send-keys -t "$S" -l "95"
	key Enter
	see "$size-soft-check" 'mérite'
	see "$size-soft-check-yes-no" 'Confirmer \? \(o/n\)'
	key o
	see "$size-soft-confirmed" 'Un dernier mot'
	key F10
	see "$size-breakoff-menu" 'Interrompre l.entretien'
	key 2
	see "$size-broken-off" 'Entretien interrompu'
	key Enter
	see "$size-next" 'Cas B[0-9] ·'
	# A busy signal keyed by mistake, undone: the same case comes back and nothing counts.
	bcase=$(tm capture-pane -p -t "$S" | grep -o 'Cas B[0-9] ·' | head -1 | cut -c5-6)
	key 3
	see "$size-busy-recorded" 'appel enregistré\.'
	expect_eq "$size-busy-attempt" "$(q "SELECT attempts FROM cases WHERE id = '$bcase'")" 1
	key u
	see "$size-undone" "Appel annulé \\(Occupé\\) : le cas $bcase est rouvert\\."
	has "$size-undone-case-back" "Cas $bcase ·"
	expect_eq "$size-undone-attempts" "$(q "SELECT attempts FROM cases WHERE id = '$bcase'")" 0
	# An appointment at 14:00, then "Mes rendez-vous" lists it.
	key 6
	see "$size-appt-prompt" 'Rendez-vous : quand'
	tm send-keys -t "$S" -l "14h"
	key Enter
	see "$size-appt-note" 'Note du rendez-vous'
	key Enter
	see "$size-appt-saved" 'Rendez-vous enregistré'
	key r
	see "$size-agenda" 'Mes rendez-vous d.aujourd.hui'
	has "$size-agenda-row" "14:00  [a-z]+ +Cas $bcase"
	key Escape
	see "$size-agenda-closed" 'F5 Note'
	# F10 is a real break, recorded with its length; Ctrl-X leaves.
	key F10
	see "$size-pause" 'En pause depuis 10:00 \(pause enregistrée\)\.'
	expect_eq "$size-pause-open" "$(q "SELECT count(*) FROM breaks WHERE ended_at IS NULL")" 1
	key Enter
	see "$size-pause-over" 'Pause terminée : 0 min\.'
	expect_eq "$size-pause-closed" "$(q "SELECT count(*) FROM breaks WHERE ended_at IS NULL")" 0
	key C-x
	tm kill-session -t "$S"
done

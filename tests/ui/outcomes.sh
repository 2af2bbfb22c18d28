# The outcomes an interviewer records from the case screen, as a person types them in a
# detached tmux of 80x24: an answering machine asks whether its message names a household
# (2.22 or 3.14), and the other outcomes offer the codes AAPOR asks for (business number,
# physically or mentally unable, respondent never available).
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
. "$TOP/tests/ui/screen.lib"
pane_setup outcomes

printf 'id,phone,quartier,qpv\nA1,04 65 71 00 01,1,1\nA2,04 65 71 00 02,2,2\nA3,04 65 71 00 03,1,1\nA4,04 65 71 00 04,2,2\nA5,04 65 71 00 05,1,1\n' >w1.csv
"$ALLO" init --test ui.db "$DATA/ui/interview.yaml" >/dev/null || notok setup "init"
"$ALLO" sample import ui.db w1.csv --wave w1 >/dev/null || notok setup "import"
"$ALLO" user add ui.db "$me" --role interviewer --name "Marie D." >/dev/null || notok setup "user"

tm new-session -d -x 80 -y 24 -s s "ALLO='$ALLO' dir='$TMP' sh '$TMP/pane.sh'"
see outcomes-case 'Cas A1 ·'
has outcomes-machine-key '4  Répondeur…'
key 4
see outcomes-machine-menu 'Répondeur : le message confirme-t-il un foyer \?'
has outcomes-machine-no '1  Non, ou pas sûr'
key 2
see outcomes-after-machine 'Cas A2 ·'
key 4
see outcomes-machine-menu-again 'le message confirme-t-il un foyer'
key 1
see outcomes-after-machine-plain 'Cas A3 ·'
key 8
see outcomes-other-menu 'Autre issue :'
has outcomes-other-business '4  Numéro professionnel'
has outcomes-other-unable '5  Incapacité physique ou mentale'
has outcomes-other-unavailable '6  Personne jamais disponible'
key 4
# A final outcome is asked once, naming the consequence; n leaves the case as it was.
see outcomes-business-asks 'Le cas deviendra définitif : Numéro professionnel \(4\.51\)\. Confirmer \? \(o/n\)'
key n
see outcomes-business-cancelled 'Annulé : rien n.a été enregistré\.'
has outcomes-business-same-case 'Cas A3 ·'
key 8
see outcomes-other-menu-again 'Autre issue :'
key 4
see outcomes-business-asks-again 'Le cas deviendra définitif'
key o
see outcomes-after-business 'Cas A4 ·'
key 8
see outcomes-other-menu-2 'Autre issue :'
key 5
see outcomes-unable-asks 'Le cas deviendra définitif : Incapacité physique ou mentale'
key o
see outcomes-after-unable 'Cas A5 ·'
key 8
see outcomes-other-menu-3 'Autre issue :'
key 6
see outcomes-after-unavailable 'Aucun cas à appeler'
expect_eq outcomes-calls "$(q "SELECT group_concat(case_id || ' ' || outcome, ', ') FROM (SELECT * FROM calls ORDER BY id)")" \
	"A1 answering_machine_household, A2 answering_machine, A3 business, A4 unable, A5 unavailable"
expect_eq outcomes-finals "$(q "SELECT group_concat(id || ' ' || coalesce(final_code, '-'), ', ') FROM (SELECT * FROM cases ORDER BY id)")" \
	"A1 -, A2 -, A3 4.51, A4 2.32, A5 -"

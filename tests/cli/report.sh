# allo report: 36 cases whose dispositions are known, and whose AAPOR rates were computed by hand
# from the published formulas, checked to 4 decimals in text (decimal comma), CSV and JSON (dot);
# the sections, the wave and period filters, e given or estimated, roles, bad command lines.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
cat >r.yaml <<'YAML'
survey: {id: rep, title: "Rapport test", version: "1"}
fieldwork:
  timezone: Europe/Paris
themes:
  - id: t
    title: "T"
    questions:
      - {id: q1, type: number, text: "Combien ?", min: 0, max: 10}
YAML
"$ALLO" init --test r.db r.yaml >/dev/null || exit 1
"$ALLO" user add r.db chef --role supervisor --name "Chef" >/dev/null
"$ALLO" user add r.db dir --role manager >/dev/null
"$ALLO" user add r.db enq1 --role interviewer --name "Marie" >/dev/null
"$ALLO" user add r.db enq2 --role interviewer --name "Paul" >/dev/null
# The cases (times in UTC; Paris is UTC+1): day 1 is Monday 30 November 2026, day 2 Tuesday.
#   final  C01-C06 1.1 (interviews of 20, 15, 30, 30, 40, 20 minutes), C07 1.2 (broken off, set
#          partial by hand), C08-C10 2.111, C11 2.112 (refusal rule), C12 2.12 (broken off day 1,
#          last attempt day 2), C13 2.20 (appointment day 1, last attempt day 2), C14 2.33,
#          C15-C16 3.13 (C15: day 1 and 2, C16: day 2), C17 3.12 (day 1 and 2), C18-C19 4.30,
#          C20 4.70 (call), C21 4.70 (screened out), C22 4.80, C36 3.90 (no call);
#   open   C23-C25 never called, C26 no_answer then busy (held by enq2 now; 3.13, not always
#          busy), C27 busy (day 2,
#          lease expired), C28 answering machine, C29 and C30 appointments, C31 soft refusal,
#          C32 broken-off interview;
#   wave w2: C33 1.1 and C34 2.111 (day 2), C35 an appointment due today at 16:00.
# Appointments open: C29 due 00:30 today in Paris (23:30Z yesterday), C30 due 00:30 tomorrow.
# enq1 (Marie) works 09:00-16:30 on day 1 and 10:00-10:40 on day 2; enq2 (Paul) 10:00-13:20 and
# 09:10-10:10; a test interview of enq1 at 13:00 on day 2 counts nowhere.
# Breaks: enq1 15 and 20 minutes on day 1, 5 minutes on day 2; enq2 on one since 14:50 today.
sqlite3 r.db "
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 36)
INSERT INTO cases (id, wave, created_at) SELECT printf('C%02d', i), CASE WHEN i BETWEEN 33 AND 35 THEN 'w2' ELSE 'w1' END, 'x' FROM n;
INSERT INTO calls (case_id, login, at, outcome) VALUES
 ('C01','enq1','2026-11-30T08:20:00Z','complete'), ('C02','enq1','2026-11-30T08:45:00Z','complete'),
 ('C03','enq1','2026-11-30T09:30:00Z','complete'), ('C08','enq1','2026-11-30T09:40:00Z','hard_refusal'),
 ('C09','enq1','2026-11-30T09:50:00Z','hard_refusal'), ('C15','enq1','2026-11-30T10:00:00Z','no_answer'),
 ('C18','enq1','2026-11-30T10:10:00Z','disconnected'), ('C26','enq1','2026-11-30T10:20:00Z','no_answer'),
 ('C26','enq1','2026-11-30T10:30:00Z','busy'), ('C29','enq1','2026-11-30T10:40:00Z','no_answer'),
 ('C29','enq1','2026-11-30T10:50:00Z','appointment'), ('C11','enq1','2026-11-30T13:05:00Z','screened_out'),
 ('C20','enq1','2026-11-30T13:10:00Z','not_eligible'), ('C14','enq1','2026-11-30T13:20:00Z','language'),
 ('C17','enq1','2026-11-30T13:30:00Z','busy'), ('C31','enq1','2026-11-30T13:40:00Z','soft_refusal'),
 ('C12','enq1','2026-11-30T14:10:00Z','breakoff'), ('C04','enq1','2026-11-30T15:30:00Z','complete'),
 ('C05','enq2','2026-11-30T09:40:00Z','complete'), ('C06','enq2','2026-11-30T10:20:00Z','complete'),
 ('C10','enq2','2026-11-30T10:30:00Z','hard_refusal'), ('C13','enq2','2026-11-30T10:40:00Z','appointment'),
 ('C07','enq2','2026-11-30T11:10:00Z','breakoff'), ('C19','enq2','2026-11-30T11:20:00Z','disconnected'),
 ('C21','enq2','2026-11-30T11:35:00Z','screened_out'), ('C22','enq2','2026-11-30T11:45:00Z','screened_out'),
 ('C32','enq2','2026-11-30T12:10:00Z','breakoff'), ('C28','enq2','2026-11-30T12:20:00Z','answering_machine'),
 ('C15','enq2','2026-12-01T08:10:00Z','no_answer'), ('C17','enq2','2026-12-01T08:20:00Z','busy'),
 ('C12','enq2','2026-12-01T08:30:00Z','no_answer'), ('C13','enq2','2026-12-01T08:40:00Z','no_answer'),
 ('C16','enq2','2026-12-01T08:50:00Z','no_answer'), ('C27','enq2','2026-12-01T09:00:00Z','busy'),
 ('C30','enq2','2026-12-01T09:10:00Z','appointment'),
 ('C33','enq1','2026-12-01T09:20:00Z','complete'), ('C34','enq1','2026-12-01T09:30:00Z','hard_refusal'),
 ('C35','enq1','2026-12-01T09:40:00Z','appointment');
INSERT INTO interviews (case_id, questionnaire_id, login, is_test, seed, status, outcome, started_at, ended_at) VALUES
 ('C01',1,'enq1',0,1,'complete',NULL,'2026-11-30T08:00:00Z','2026-11-30T08:20:00Z'),
 ('C02',1,'enq1',0,1,'complete',NULL,'2026-11-30T08:30:00Z','2026-11-30T08:45:00Z'),
 ('C03',1,'enq1',0,1,'complete',NULL,'2026-11-30T09:00:00Z','2026-11-30T09:30:00Z'),
 ('C11',1,'enq1',0,1,'screened_out','refusal','2026-11-30T13:00:00Z','2026-11-30T13:05:00Z'),
 ('C12',1,'enq1',0,1,'broken_off','breakoff','2026-11-30T14:00:00Z','2026-11-30T14:10:00Z'),
 ('C04',1,'enq1',0,1,'complete',NULL,'2026-11-30T15:00:00Z','2026-11-30T15:30:00Z'),
 ('C05',1,'enq2',0,1,'complete',NULL,'2026-11-30T09:00:00Z','2026-11-30T09:40:00Z'),
 ('C06',1,'enq2',0,1,'complete',NULL,'2026-11-30T10:00:00Z','2026-11-30T10:20:00Z'),
 ('C07',1,'enq2',0,1,'broken_off','breakoff','2026-11-30T10:50:00Z','2026-11-30T11:10:00Z'),
 ('C21',1,'enq2',0,1,'screened_out','ineligible','2026-11-30T11:30:00Z','2026-11-30T11:35:00Z'),
 ('C22',1,'enq2',0,1,'screened_out','quota_full','2026-11-30T11:40:00Z','2026-11-30T11:45:00Z'),
 ('C32',1,'enq2',0,1,'broken_off','breakoff','2026-11-30T12:00:00Z','2026-11-30T12:10:00Z'),
 ('C33',1,'enq1',0,1,'complete',NULL,'2026-12-01T09:00:00Z','2026-12-01T09:20:00Z'),
 (NULL,1,'enq1',1,1,'complete',NULL,'2026-12-01T12:00:00Z','2026-12-01T12:30:00Z');
INSERT INTO appointments (case_id, due_at, kind, set_by, set_at, done) VALUES
 ('C29','2026-11-30T23:30:00Z','hard','enq1','2026-11-30T10:50:00Z',0),
 ('C13','2026-12-01T10:00:00Z','hard','enq2','2026-11-30T10:40:00Z',1),
 ('C30','2026-12-01T23:30:00Z','hard','enq2','2026-12-01T09:10:00Z',0),
 ('C35','2026-12-01T15:00:00Z','soft','enq1','2026-12-01T09:40:00Z',0);
UPDATE cases SET state = 'active', attempts = (SELECT count(*) FROM calls WHERE case_id = cases.id),
 last_call_at = (SELECT max(at) FROM calls WHERE case_id = cases.id) WHERE id IN (SELECT case_id FROM calls);
WITH f(id, code) AS (VALUES
 ('C01','1.1'),('C02','1.1'),('C03','1.1'),('C04','1.1'),('C05','1.1'),('C06','1.1'),('C07','1.2'),
 ('C08','2.111'),('C09','2.111'),('C10','2.111'),('C11','2.112'),('C12','2.12'),('C13','2.20'),
 ('C14','2.33'),('C15','3.13'),('C16','3.13'),('C17','3.12'),('C18','4.30'),('C19','4.30'),
 ('C20','4.70'),('C21','4.70'),('C22','4.80'),('C33','1.1'),('C34','2.111'),('C36','3.90'))
 UPDATE cases SET state = 'final', final_code = f.code FROM f WHERE cases.id = f.id;
UPDATE cases SET lease_login = 'enq2', lease_until = '2026-12-01T14:30:00Z' WHERE id = 'C26';
UPDATE cases SET lease_login = 'enq1', lease_until = '2026-12-01T13:00:00Z' WHERE id = 'C27';
INSERT INTO breaks (login, started_at, ended_at, seconds) VALUES
 ('enq1','2026-11-30T10:30:00Z','2026-11-30T10:45:00Z',900),
 ('enq1','2026-11-30T13:00:00Z','2026-11-30T13:20:00Z',1200),
 ('enq1','2026-12-01T09:45:00Z','2026-12-01T09:50:00Z',300),
 ('enq2','2026-12-01T13:50:00Z',NULL,NULL);
INSERT INTO quota_cells (quota, cell, target, completes, closed) VALUES
 ('quartier','1',10,8,0), ('quartier','2',5,5,0), ('quartier','3',4,6,0), ('sexe_age','1,2',6,2,1),
 ('ensemble','*',1500,7,0);
"
# Tuesday 1 December 2026, 15:00 in Paris.
ALLO_NOW=2026-12-01T15:00:00+01:00
export ALLO_NOW
THIN=$(printf '\342\200\211')

# figure FILE FORMAT KEY: a figure of the rates section as the format writes it.
figure() {
	case $2 in
	text) awk -v k="$3" '$1 == k { if (k == "e") print $3; else if (k ~ /^(RR|COOP|REF|CON)[0-9]$/) print $2;
		else print $NF; exit }' "$1" ;;
	csv) sed -n "s/^$3,//p" "$1" ;;
	json) sed -n "s/.*\"$3\":\\([^,}]*\\).*/\\1/p" "$1" ;;
	esac
}

# expect_rates NAME "K=V ..." ARGS...: the rates section of the report with ARGS gives each figure
# K as V in every format: text with a decimal comma, CSV and JSON with a dot ("-": none).
expect_rates() {
	name=$1 want=$2
	shift 2
	for f in text csv json; do
		if ! "$ALLO" report r.db --section rates --format $f "$@" >rates.$f 2>rates.err; then
			notok "$name-$f" "$(cat rates.err)"
			continue
		fi
		bad=
		for kv in $want; do
			k=${kv%%=*} v=${kv#*=}
			case $f$v in
			text-) v='—' ;;
			csv-) v= ;;
			json-) v=null ;;
			text*) v=$(echo "$v" | tr . ,) ;;
			esac
			got=$(figure rates.$f $f "$k")
			[ "$got" = "$v" ] || bad="$bad $k=[$got] want [$v]"
		done
		if [ -z "$bad" ]; then ok "$name-$f"; else notok "$name-$f" "$bad"; fi
	done
}

# expect_progress NAME "K=V ..." ARGS...: the same for the progress section (text by its labels).
expect_progress() {
	name=$1 want=$2
	shift 2
	"$ALLO" report r.db --section progress "$@" >progress.text
	"$ALLO" report r.db --section progress --format csv "$@" >progress.csv
	"$ALLO" report r.db --section progress --format json "$@" >progress.json
	bad=
	for kv in $want; do
		k=${kv%%=*} v=${kv#*=}
		case $k in
		cases) l="Cas" ;;
		fresh) l="jamais appelés" ;;
		active) l="en cours" ;;
		final) l="finals" ;;
		completes) l="Entretiens complets" ;;
		breakoffs) l="Entretiens interrompus" ;;
		partials) l="Entretiens partiels (AAPOR 1.2)" ;;
		screened_out) l="Entretiens hors cible (filtre)" ;;
		appointments_due_today) l="Rendez-vous dus aujourd'hui" ;;
		held_now) l="Cas tenus en ce moment" ;;
		esac
		t=$(sed -n "s/^ *$l  *\\([0-9]*\\)\$/\\1/p" progress.text)
		c=$(sed -n "s/^$k,//p" progress.csv)
		j=$(sed -n "s/.*\"$k\":\\([0-9]*\\).*/\\1/p" progress.json)
		[ "$t $c $j" = "$v $v $v" ] || bad="$bad $k=[$t $c $j] want $v"
	done
	if [ -z "$bad" ]; then ok "$name"; else notok "$name" "$bad"; fi
}

ALL="RR1=0.2258 RR2=0.2581 RR3=0.2407 RR4=0.2751 RR5=0.3333 RR6=0.3810 COOP1=0.4118 COOP2=0.4706
	COOP3=0.4375 COOP4=0.5000 REF1=0.2581 REF2=0.2751 REF3=0.3810 CON1=0.5484 CON2=0.5847 CON3=0.8095"
W1="RR1=0.2143 RR2=0.2500 RR3=0.2323 RR4=0.2710 RR5=0.3333 RR6=0.3889 COOP1=0.4000 COOP2=0.4667
	COOP3=0.4286 COOP4=0.5000 REF1=0.2500 REF2=0.2710 REF3=0.3889 CON1=0.5357 CON2=0.5808 CON3=0.8333"

# Every wave: I+P = 8, R+NC+O = 13, UH+UO = 10, NE = 5; e = 21/26; D1 = 31, D3 = 21 + 10e = 378/13,
# D5 = 21; COOP1-2 over 17, COOP3-4 over 16.
expect_rates rates-all "I=7 P=1 R=8 NC=4 O=1 UH=9 UO=1 NE=5 e=0.8077 $ALL"
# Wave w1: I+P = 7, R+NC+O = 11, UH+UO = 10, NE = 5; e = 18/23; D1 = 28, D3 = 594/23, D5 = 18.
expect_rates rates-wave "I=6 P=1 R=7 NC=3 O=1 UH=9 UO=1 NE=5 e=0.7826 $W1" --wave w1
# e given: D3 = 18 + 0.5 * 10 = 23; the rates without e do not move.
expect_rates rates-e-given "e=0.5000 RR3=0.2609 RR4=0.3043 REF2=0.3043 CON2=0.6522 RR1=0.2143
	RR5=0.3333 CON1=0.5357" --wave w1 --e 0.5
expect_rates rates-e-comma "e=0.5000 RR3=0.2609" --wave w1 --e 0,5
# A period with --since is activity, not a state: no rates, in every format, and it says so.
for f in csv json; do
	"$ALLO" report r.db --section rates --format $f --since 2026-12-01 >since.$f
done
expect_grep rates-since-csv-scope "^scope,activity$" since.csv
expect_grep rates-since-csv-none "^rates,none$" since.csv
expect_eq rates-since-csv-no-rate "$(grep -c '^RR' since.csv)" 0
expect_grep rates-since-json '{"scope":"activity","rates":"none"}' since.json
"$ALLO" report r.db --section rates --since 2026-11-30T12:00 --until 2026-11-30T13:00 >since.text
expect_grep rates-period-text "Pas de taux pour une période d'activité (--since)" since.text
expect_grep rates-period-heading "Activité de la période : les cas appelés ou interrogés dans la période" since.text
expect_eq rates-period-text-no-rate "$(grep -c 'RR1' since.text)" 0
# --until alone is the state of the whole sample at that date (Paris midnight ending day 1):
# every case counts, the 9 not called yet (C16 C23-C25 C27 C30 C33-C35) as UH and C36 (3.90, no
# call) as UO; the others as that evening: C12 C13 C15 C17 were not final yet (C12 and C32 count
# as open interviews, C13 and C29 as appointments, C15 C17 C26 C28 as unknown): I+P = 7,
# R+NC+O = 7+2+1, UH+UO = 14, NE = 5; e = 17/22; D1 = 31, D3 = 17 + 14e, D5 = 17.
expect_rates rates-until "I=6 P=1 R=7 NC=2 O=1 UH=13 UO=1 NE=5 e=0.7727 RR1=0.1935 RR2=0.2258
	RR3=0.2157 RR4=0.2516 RR5=0.3529 RR6=0.4118 COOP1=0.4000 COOP2=0.4667 COOP3=0.4286 COOP4=0.5000
	REF1=0.2258 REF2=0.2516 REF3=0.4118 CON1=0.4839 CON2=0.5392 CON3=0.8824" --until 2026-11-30
# --until after the last call is the report without a period, exactly.
"$ALLO" report r.db --section rates --format csv >now.csv
"$ALLO" report r.db --section rates --format csv --until 2027-01-01 >late.csv
expect_eq rates-until-late "$(cat late.csv)" "$(cat now.csv)"

"$ALLO" report r.db --section rates >rates.text
expect_grep e-basis "^  e = 0,8077 (estimé : éligibles / (éligibles + non éligibles) = 21 / 26)$" rates.text
expect_grep formula "^  CON2   0,5847   ((I+P)+R+O)/((I+P)+(R+NC+O)+e(UH+UO))$" rates.text
"$ALLO" report r.db --section rates --e 0.5 >rates.text
expect_grep e-given "^  e = 0,5000 (donné par --e)$" rates.text
"$ALLO" report r.db --section rates --e 0.5 --format csv >rates.csv
expect_grep e-source "^e_source,given$" rates.csv

# Progress: appointments due today are cut at Paris midnight (C29 at 00:30 counts, C30 not);
# only C26's lease is live.
expect_progress progress-all "cases=36 fresh=3 active=8 final=25 completes=7 breakoffs=3 partials=0
	screened_out=3 appointments_due_today=2 held_now=1"
expect_progress progress-wave "cases=33 fresh=3 active=7 final=23 completes=6 breakoffs=3 partials=0
	screened_out=3 appointments_due_today=1 held_now=1" --wave w1
expect_progress progress-wave2 "cases=3 fresh=0 active=1 final=2 completes=1 breakoffs=0 partials=0
	appointments_due_today=1 held_now=0" --wave w2
expect_progress progress-since "cases=10 fresh=0 active=3 final=7 completes=1 breakoffs=0 partials=0
	screened_out=0" --since 2026-12-01
expect_progress progress-until "cases=36 fresh=9 active=9 final=18 completes=6 breakoffs=3 partials=0
	screened_out=3" --until 2026-11-30

"$ALLO" report r.db --section progress --format csv --until 2026-11-30 >scope.csv
expect_grep progress-scope-state "^scope,state$" scope.csv
"$ALLO" report r.db --section progress --format csv --since 2026-12-01 >scope.csv
expect_grep progress-scope-activity "^scope,activity$" scope.csv

# Dispositions: final codes with AAPOR labels, the interim statuses, the outcomes of calls.
"$ALLO" report r.db --section dispositions --format csv >disp.csv
for line in "final,2.111,2.111,Refus du foyer,R,4," "final,3.90,3.90,Autre,UO,1," \
    "final,4.80,4.80,Quota atteint,NE,1," "interim,fresh,3.11,Jamais appelé,UH,3," \
    "interim,busy,3.12,Occupé,UH,1," "interim,no_answer,3.13,Pas de réponse,UH,1," \
    "interim,appointment,2.20,Rendez-vous,NC,3," \
    "interim,interview,2.12,Entretien ouvert ou interrompu,R,1," \
    "outcome,no_answer,,Pas de réponse,,0,7" "outcome,appointment,,Rendez-vous,,3,4" \
    "outcome,complete,,Entretien complet,,0,7"; do
	expect_grep "disp-csv-$(echo "$line" | cut -d, -f1-2)" "^$line\$" disp.csv
done
expect_eq disp-calls-total "$(awk -F, '$1 == "outcome" { n += $7 } END { print n }' disp.csv)" 38
expect_eq disp-final-total "$(awk -F, '$1 == "final" { n += $6 } END { print n }' disp.csv)" 25
"$ALLO" report r.db --section dispositions --format json >disp.json
expect_grep disp-json-final '{"code":"2.111","label":"Refus du foyer","group":"R","cases":4}' disp.json
expect_grep disp-json-interim '{"status":"interview","label":"Entretien ouvert ou interrompu","code":"2.12","group":"R","cases":1}' disp.json
expect_grep disp-json-outcome '{"token":"appointment","label":"Rendez-vous","cases":3,"calls":4}' disp.json
"$ALLO" report r.db --section dispositions | tr -s ' ' >disp.text
expect_grep disp-text-final "^ 2.111 Refus du foyer R 4$" disp.text
expect_grep disp-text-outcome "^ appointment Rendez-vous 3 4$" disp.text
"$ALLO" report r.db --section dispositions --until 2026-11-30 --format csv >disp.csv
expect_grep disp-until-interim "^interim,interview,2.12,Entretien ouvert ou interrompu,R,2,$" disp.csv
expect_eq disp-until-no-later-code "$(grep -c '^final,3.1' disp.csv)" 0

# Quotas: open, full, over (with the overshoot), closed; 1 500 with a thin space for people.
"$ALLO" report r.db --section quotas --format csv >quotas.csv
expect_eq quotas-csv "$(cat quotas.csv)" '# quotas
quota,cell,target,completes,percent,status,overshoot
ensemble,*,1500,7,0.5,open,0
quartier,1,10,8,80.0,open,0
quartier,2,5,5,100.0,full,0
quartier,3,4,6,150.0,over,2
sexe_age,"1,2",6,2,33.3,closed,0'
"$ALLO" report r.db --section quotas >quotas.text
expect_grep quotas-text-thin "^  ensemble  *\\*  *1${THIN}500  *7  *0,5  ouverte$" quotas.text
expect_grep quotas-text-over "^  quartier  *3  *4  *6  *150,0  dépassée (+2)$" quotas.text
expect_grep quotas-text-full "  100,0  pleine$" quotas.text
expect_grep quotas-text-closed "^  sexe_age  *1,2  *6  *2  *33,3  fermée$" quotas.text
"$ALLO" report r.db --section quotas --format json >quotas.json
expect_grep quotas-json '{"quota":"quartier","cell":"3","target":4,"completes":6,"percent":150.0,"status":"over","overshoot":2}' quotas.json

# Interviewers: hours from the first to the last event of each Paris day (enq1: 7 h 30 + 40 min;
# enq2: 3 h 20 + 1 h), calls, completes, mean length of completes, refusals (C08 C09 C31 C34 and
# C11's refusal rule for enq1, C10 for enq2), breaks (an open one counts up to now).
"$ALLO" report r.db --section interviewers --format csv >iv.csv
expect_eq interviewers-csv "$(cat iv.csv)" '# interviewers
login,name,hours,days,dials,dials_per_hour,completes,completes_per_hour,mean_minutes,refusals,breaks,break_minutes
enq1,Marie,8.17,2,21,2.6,5,0.61,23.0,5,3,40
enq2,Paul,4.33,2,17,3.9,2,0.46,30.0,1,1,10'
"$ALLO" report r.db --section interviewers | tr -s ' ' >iv.text
expect_grep interviewers-text "^ enq1 8,17 2 21 2,6 5 0,61 23,0 5 40$" iv.text
"$ALLO" report r.db --section interviewers --format json >iv.json
expect_grep interviewers-json '{"login":"enq2","name":"Paul","hours":4.33,"days":2,"dials":17,"dials_per_hour":3.9,"completes":2,"completes_per_hour":0.46,"mean_minutes":30.0,"refusals":1,"breaks":1,"break_minutes":10}' iv.json
"$ALLO" report r.db --section interviewers --format csv --since 2026-12-01 >iv.csv
expect_grep interviewers-since-1 "^enq1,Marie,0.67,1,3,4.5,1,1.50,20.0,1,1,5$" iv.csv
expect_grep interviewers-since-2 "^enq2,Paul,1.00,1,7,7.0,0,0.00,,0,1,10$" iv.csv
"$ALLO" report r.db --section interviewers --format json --since 2026-12-01 >iv.json
expect_grep interviewers-since-null '"mean_minutes":null' iv.json
"$ALLO" report r.db --section interviewers --format csv --wave w1 >iv.csv
expect_grep interviewers-wave "^enq1,Marie,7.50,1,18,2.4,4,0.53,23.8,4,,$" iv.csv
"$ALLO" report r.db --section interviewers --format csv --since 2026-11-30T12:00 --until 2026-11-30T13:00 >iv.csv
expect_eq interviewers-hour "$(sed -n '3,$p' iv.csv)" "enq2,Paul,0.58,1,4,6.9,0,0.00,,0,0,0"

# Sections: only those asked, always in the order of the report.
"$ALLO" report r.db --section quotas,progress --format csv >s.csv
expect_eq sections-csv "$(grep '^#' s.csv | tr '\n' ' ')" "# progress # quotas "
"$ALLO" report r.db --section quotas,progress --format json >s.json
expect_eq sections-json "$(cut -c1-12 s.json | head -1)" '{"progress":'
expect_eq sections-json-only "$(grep -c '"rates"\|"interviewers"' s.json)" 0
"$ALLO" report r.db >all.text
expect_eq sections-text "$(grep -E '^(Avancement|Dispositions|Taux|Quotas|Enquêteurs)' all.text | awk '{ print $1 }' | tr '\n' ' ')" "Avancement Dispositions Taux Quotas Enquêteurs "
expect_eq text-no-trailing-blank "$(grep -c ' $' all.text)" 0
"$ALLO" report r.db --format json >all.json
if command -v python3 >/dev/null 2>&1; then
	if python3 -m json.tool all.json >/dev/null 2>&1; then ok json-valid; else notok json-valid "$(head -c 300 all.json)"; fi
fi
expect_eq json-keys "$(grep -o '^{\{0,1\}"[a-z]*":' all.json | tr -d '{:"' | tr '\n' ' ')" "progress dispositions rates quotas interviewers "

# A survey with no case yet: every rate is a dash, an empty field or null; never NaN.
"$ALLO" init --test e.db r.yaml >/dev/null
for f in text csv json; do "$ALLO" report e.db --format $f >empty.$f; done
expect_grep empty-text "^  RR1  *—   I/" empty.text
expect_grep empty-csv "^RR1,$" empty.csv
expect_grep empty-json '"RR1":null' empty.json
expect_eq empty-no-nan "$(cat empty.text empty.csv empty.json | grep -ci nan)" 0
expect_grep empty-e "^  e = — (non estimable : aucun cas d'éligibilité connue)$" empty.text

# Roles: supervisors and managers, or the owner; an interviewer is refused.
expect_status role-interviewer 1 "$ALLO" report r.db --as enq1
expect_grep role-interviewer-message "accès refusé : le rapport est réservé aux superviseurs et aux responsables, et enq1 est enquêteur" "$TMP/err"
expect_status role-supervisor 0 "$ALLO" report r.db --as chef
expect_status role-manager 0 "$ALLO" report r.db --as dir
expect_status role-unknown 1 "$ALLO" report r.db --as personne
expect_status role-owner 0 "$ALLO" report r.db

# Bad command lines.
expect_status bad-format 2 "$ALLO" report r.db --format xml
expect_status bad-section 2 "$ALLO" report r.db --section taux
expect_grep bad-section-message "allo: --section: progress, dispositions, rates, quotas ou interviewers" "$TMP/err"
expect_status bad-e 2 "$ALLO" report r.db --e 1.5
expect_status bad-e-word 2 "$ALLO" report r.db --e beaucoup
expect_status bad-since 2 "$ALLO" report r.db --since 2026-13-01
expect_grep bad-since-message "allo: --since: date ou heure invalide : 2026-13-01" "$TMP/err"
expect_status bad-period 2 "$ALLO" report r.db --since 2026-12-02 --until 2026-12-01
expect_status bad-extra 2 "$ALLO" report r.db r.db
expect_status bad-option 2 "$ALLO" report r.db --frobnicate
expect_status no-db 1 "$ALLO" report nope.db

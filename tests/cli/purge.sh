# allo purge and allo case show: personal data from import to erasure. A closed wave is purged,
# its files hold no number or name afterwards, its exports and rates stay the same; one case is
# erased at once and its number stays refused; every display of a number is traced.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
D=$DATA/purge
me=$(id -un)
q() { sqlite3 s.db "$1"; }
drive() { printf '%s\n' "$@" quit | "$ALLO" drive s.db >>"$TMP/replies" 2>&1; }
export ALLO_NOW=2026-11-24T09:30:00Z

"$ALLO" init --test s.db "$D/purge.yaml" >/dev/null
"$ALLO" sample import s.db "$D/sample.csv" --wave w1 >/dev/null
"$ALLO" user add s.db "$me" --role interviewer --name "Marie D." >/dev/null
"$ALLO" user add s.db chef --role manager --name "Chef" >/dev/null
"$ALLO" user add s.db sup --role supervisor --name "Sup" >/dev/null

# Fieldwork: an interview whose free text names the respondent and gives numbers, changed once
# (the answer log keeps the first text); a call and an appointment with notes; a case note.
drive "next" "start P001" "answer 1" "answer Hélène LEFEVRE, 12 rue des Tilleuls : rappeler au 04-65-71-00-01" \
	"back" "answer Mme Lefèvre préfère le 06_39_98_00_03 ou helene@example.org" "answer 40"
ALLO_NOW=2026-11-24T09:40:00Z drive "next" "outcome no_answer Gaston décroche après 19h au 04 65 71 00 02"
ALLO_NOW=2026-11-24T09:50:00Z drive "next" "appointment 2026-11-25T17:00:00Z hard dire bonjour à Mme Bonnefoy"
q "INSERT INTO notes (case_id, login, at, note) VALUES ('P002', '$me', '2026-11-24T09:41:00Z', 'M. Pérignac vit seul')"
expect_eq purge-setup "$(q "SELECT status FROM interviews WHERE case_id = 'P001'")" complete
expect_eq purge-setup-log "$(q "SELECT count(*) FROM answer_log WHERE var = 'remarque' AND old LIKE '%Tilleuls%'")" 1

# Every number shown is traced: who, when, which case, on which screen.
expect_eq access-logged "$(q "SELECT group_concat(case_id || ' ' || login || ' ' || what, ', ') FROM access_log")" \
	"P001 $me driver, P002 $me driver, P003 $me driver"

# An access request: everything held on a case, for managers only; its display is traced too.
expect_status show-interviewer 1 "$ALLO" case show s.db P001 --as "$me"
expect_status show-supervisor 1 "$ALLO" case show s.db P001 --as sup
expect_status show-unknown 1 "$ALLO" case show s.db P999 --as chef
expect_grep show-unknown-message "cas inconnu : P999" err
expect_status show-manager 0 "$ALLO" case show s.db P002 --as chef
cp out show-before
expect_grep show-phone "Téléphone : +33465710002" show-before
expect_grep show-name "Nom : M. Gaston Pérignac" show-before
expect_grep show-sample-note "Note de l'échantillon : sourd : parler fort" show-before
expect_grep show-address "Adresse : 3 place Delille (donnée personnelle)" show-before
expect_grep show-call "Pas de réponse  « Gaston décroche après 19h au 04 65 71 00 02 »" show-before
expect_grep show-note "« M. Pérignac vit seul »" show-before
expect_grep show-access "allo case show (gestionnaire)" show-before
expect_eq show-traced "$(q "SELECT count(*) FROM access_log WHERE case_id = 'P002' AND login = 'chef' AND what = 'case_show'")" 1
expect_status show-answers 0 "$ALLO" case show s.db P001 --as chef
expect_grep show-answer "remarque = « Mme Lefèvre préfère le 06_39_98_00_03 ou helene@example.org »" out
expect_grep show-change "remarque : « Hélène LEFEVRE, 12 rue des Tilleuls" out

# One respondent objects during fieldwork: a supervisor lists the number first.
"$ALLO" sample dnc s.db "04 65 71 00 02" --as sup >/dev/null

# A wave is purged once closed, and never while a terminal holds a case of the database.
expect_status purge-open 1 "$ALLO" purge s.db --wave w1 --as chef
expect_grep purge-open-message "la vague w1 n'est pas close" err
expect_status purge-usage 2 "$ALLO" purge s.db
expect_status purge-usage-both 2 "$ALLO" purge s.db --wave w1 --case P001
expect_status purge-supervisor 1 "$ALLO" purge s.db --case P001 --as sup
"$ALLO" sample import s.db "$D/sample2.csv" --wave w2 >out 2>&1
expect_eq next-wave-dnc "$(cat out)" "$D/sample2.csv : 2 cas importés dans la vague w2 (dont 1 sur la liste d'opposition, importé comme final)"
expect_eq next-wave-dnc-case "$(q "SELECT state || ' ' || final_code || ' ' || (SELECT count(*) FROM contacts WHERE case_id = 'Q001') FROM cases WHERE id = 'Q001'")" "final 0.10 0"
q "UPDATE cases SET lease_until = NULL, lease_login = NULL"
"$ALLO" wave close s.db w1 --as chef >/dev/null
drive "next"
expect_status purge-held 1 "$ALLO" purge s.db --wave w1 --as chef
expect_grep purge-held-message "des cas sont en main (Q002 ($me))" err
q "UPDATE cases SET lease_until = '2026-11-24T09:00:00Z' WHERE id = 'Q002'"

# What the analysts get before the purge.
"$ALLO" export s.db --wave w1 --as chef --out e1 >/dev/null 2>&1
"$ALLO" report s.db --wave w1 --format csv >report1.csv 2>/dev/null

# Breaks: one while only w1 was in the field goes with its purge; one while w2 was in the field
# too, and one after w1 closed, stay until theirs.
q "UPDATE waves SET opened_at = '2026-11-20T08:00:00Z' WHERE name = 'w1';
	UPDATE waves SET opened_at = '2026-11-24T09:00:00Z' WHERE name = 'w2';
	INSERT INTO breaks (login, started_at, ended_at, seconds) VALUES
	('$me', '2026-11-23T10:00:00Z', '2026-11-23T10:10:00Z', 600),
	('$me', '2026-11-24T09:10:00Z', '2026-11-24T09:15:00Z', 300),
	('$me', '2026-11-24T09:35:00Z', '2026-11-24T09:36:00Z', 60)"
expect_status purge-wave 0 "$ALLO" purge s.db --wave w1 --as chef
expect_grep purge-wave-breaks-message "^Pauses des enquêteurs de la vague effacées : 1$" out
expect_eq purge-wave-breaks "$(q "SELECT group_concat(started_at, ' ') FROM breaks")" "2026-11-24T09:10:00Z 2026-11-24T09:35:00Z"
expect_eq purge-wave-breaks-detail "$(q "SELECT json_extract(detail, '$.breaks') FROM purges WHERE scope = 'wave'")" 1
expect_grep purge-wave-message "^Vague w1 : données personnelles effacées (3 cas : 3 contacts" out
expect_grep purge-wave-scrubbed "^Fichier nettoyé" out
expect_eq purge-record "$(q "SELECT login || ' ' || scope || ' ' || target || ' ' || done || ' ' || json_extract(detail, '$.contacts') || ' ' || json_extract(detail, '$.texts') || ' ' || json_extract(detail, '$.log_texts') FROM purges")" "chef wave w1 1 3 1 2"
expect_eq purge-wave-state "$(q "SELECT purged_by FROM waves WHERE name = 'w1'")" chef
expect_eq purge-contacts "$(q "SELECT count(*) FROM contacts c JOIN cases k ON k.id = c.case_id WHERE k.wave = 'w1'")" 0
expect_eq purge-notes "$(q "SELECT (SELECT count(*) FROM notes) || ' ' || (SELECT count(note) FROM calls) || ' ' || (SELECT count(note) FROM appointments)")" "0 0 0"
expect_eq purge-frame "$(q "SELECT group_concat(frame) FROM cases WHERE wave = 'w1'")" '{"quartier":1},{"quartier":2},{"quartier":1}'
expect_eq purge-access "$(q "SELECT count(*) FROM access_log a JOIN cases c ON c.id = a.case_id WHERE c.wave = 'w1'")" 0
expect_eq purge-other-wave-kept "$(q "SELECT count(*) FROM contacts WHERE case_id = 'Q002'")" 1
expect_eq purge-text "$(q "SELECT value FROM answers WHERE var = 'remarque'")" \
	"Mme [nom masqué] préfère le [numéro masqué] ou [courriel masqué]"
expect_eq purge-dnc-kept "$(q "SELECT count(*) FROM dnc")" 1

# No form of any number, no name, no address, no note of the wave is left in the files.
strings -a s.db s.db-wal s.db-shm 2>/dev/null >strings.txt
leaks=
for w in "04 65 71 00 01" "+33465710001" "0465710001" "465710001" "04-65-71-00-01" \
	"04.65.71.00.02" "+33465710002" "0465710002" "465710002" "04 65 71 00 02" \
	"+33 6 39 98 00 03" "+33639980003" "0639980003" "639980003" "06_39_98_00_03" \
	Hélène Lefèvre LEFEVRE Gaston Pérignac Bonnefoy Tilleuls Delille Vercingétorix \
	helene@example.org "parler fort" "vit seul" "19h"; do
	LC_ALL=C grep -qaF -- "$w" strings.txt s.db && leaks="$leaks [$w]"
done
expect_eq purge-files-clean "$leaks" ""
expect_eq purge-wal-empty "$(stat -c %s s.db-wal 2>/dev/null || echo 0)" 0

# The log stays append-only outside a purge.
expect_eq log-append-only "$(sqlite3 s.db "UPDATE answer_log SET new = 'x'" 2>&1 | grep -c 'append-only outside a purge')" 1
expect_eq purges-append-only "$(sqlite3 s.db "DELETE FROM purges" 2>&1 | grep -c 'purges is append-only')" 1

# Exports and rates of the purged wave are the same, file for file.
"$ALLO" export s.db --wave w1 --as chef --out e2 >/dev/null 2>&1
"$ALLO" report s.db --wave w1 --format csv >report2.csv 2>/dev/null
diffs=
for f in $(ls e1); do
	[ "$f" = MANIFEST ] && continue
	cmp -s "e1/$f" "e2/$f" || diffs="$diffs $f"
done
expect_eq purge-export-same "$diffs" ""
expect_eq purge-export-nonempty "$(tail -n +2 e2/w1.csv | wc -l)" 1
expect_eq purge-report-same "$(cmp -s report1.csv report2.csv && echo same)" same

# A purged case shows what is left of it, nothing personal.
expect_status show-purged 0 "$ALLO" case show s.db P002 --as chef
leaks=
for w in Pérignac Gaston 465710002 Delille "vit seul" "parler fort"; do grep -qF -- "$w" out && leaks="$leaks [$w]"; done
expect_eq show-purged-clean "$leaks" ""
expect_grep show-purged-erased "^  effacées le " out
expect_grep show-purged-record "par chef  (effacement de la vague w1)" out

# Purging again only scrubs the file.
expect_status purge-again 0 "$ALLO" purge s.db --wave w1 --as chef
expect_grep purge-again-message "déjà effacée" out
expect_eq purge-again-one-record "$(q "SELECT count(*) FROM purges")" 1

# One respondent of the open wave objects: erased at once, final, never called again.
expect_status purge-case 0 "$ALLO" purge s.db --case Q002 --as chef
expect_grep purge-case-dnc "^Numéro ajouté à la liste d'opposition ; le cas est final" out
expect_eq purge-case-state "$(q "SELECT state || ' ' || final_code || ' ' || (purged_at IS NOT NULL) FROM cases WHERE id = 'Q002'")" "final 2.111 1"
expect_eq purge-case-contact "$(q "SELECT count(*) FROM contacts WHERE case_id = 'Q002'")" 0
strings -a s.db s.db-wal 2>/dev/null >strings2.txt
expect_eq purge-case-files "$(grep -c -e Quintard -e 639980009 -e Ursule strings2.txt s.db | awk -F: '{ n += $2 } END { print n }')" 0
printf 'id,phone,quartier,adresse,name,note\nR001,06 39 98 00 09,1,,,\n' >again.csv
"$ALLO" sample import s.db again.csv --wave w3 >out 2>&1
expect_grep purge-case-refused-later "dont 1 sur la liste d'opposition" out
expect_eq purge-case-no-contact "$(q "SELECT count(*) FROM contacts WHERE case_id = 'R001'")" 0

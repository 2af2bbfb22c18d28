# Free texts in the export: the hostile corpus typed into an interview comes out masked in every
# format, neutralised for spreadsheets in CSV (raw with --raw-text), and listed in texts.csv.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
D=$DATA/export
C=$D/hostile-texts.tsv
me=$(id -un)
export ALLO_NOW=2026-11-24T09:30:00Z

# A questionnaire of one text question per corpus line, a personal frame variable (an address).
count=$(grep -v '^#' "$C" | grep -c "$(printf '\t')")
{
	printf 'survey:\n  id: textes\n  title: "Textes hostiles"\n  version: "t1"\n  language: fr\n'
	printf 'frame:\n  - id: adresse\n    label: "Adresse"\n    type: text\n    personal: true\n'
	printf '  - id: commune\n    label: "Commune"\n    type: text\n'
	printf 'themes:\n  - id: textes\n    title: "Textes"\n    questions:\n'
	i=1
	while [ $i -le "$count" ]; do
		printf '      - id: t%02d\n        type: text\n        text: "Texte %d ?"\n' $i $i
		i=$((i + 1))
	done
} >q.yaml
printf 'id,phone,adresse,commune,name\n' >sample.csv
printf 'T001,06 39 98 12 34,12 rue des Tilleuls,Clermont-Ferrand,Mme Hélène Lefèvre\n' >>sample.csv
printf 'T002,04 65 71 00 02,3 place Delille,Aubière,M. Paul Durand\n' >>sample.csv
"$ALLO" init --test s.db q.yaml >/dev/null
"$ALLO" sample import s.db sample.csv >/dev/null
"$ALLO" user add s.db "$me" --role interviewer --name "Marie D." >/dev/null
"$ALLO" user add s.db chef --role manager --name "Chef" >/dev/null
{
	echo "start T001"
	grep -v '^#' "$C" | cut -f1 | sed 's/^/answer /'
	echo quit
} | "$ALLO" drive s.db >replies 2>&1
{
	echo "start T002"
	echo "answer voir Paul Durand, 3 place Delille, au 04 65 71 00 02"
	i=2
	while [ $i -le "$count" ]; do echo "answer RAS"; i=$((i + 1)); done
	echo quit
} | "$ALLO" drive s.db >>replies 2>&1
expect_eq mask-setup "$(sqlite3 s.db "SELECT group_concat(status, ' ') FROM interviews")" "complete complete"
# T002's contact erased: the case still exports, its name no longer known, its frame still.
sqlite3 s.db "DELETE FROM contacts WHERE case_id = 'T002'"

expect_status mask-export 0 "$ALLO" export s.db --wave t1 --as chef --out e
expect_eq mask-files "$(ls e | tr '\n' ' ')" "MANIFEST codebook.md paradata.csv t1.csv t1.ddi.xml t1.dta t1.sav texts.csv timings.csv "
expect_eq mask-manifest-quoted "$(grep '^raw_text:' e/MANIFEST)" "raw_text: no"
expect_eq mask-header "$(head -1 e/t1.csv | cut -d, -f1-3 | tr -d '\r')" "resp_id,commune,t01"
python3 "$D/hostile-check.py" "$C" e/t1.csv e/texts.csv quoted mask-csv
expect_eq mask-texts-header "$(head -1 e/texts.csv | tr -d '\r')" "resp_id,variable,text,phones,emails,names,personal"
expect_eq mask-texts-rows "$(tail -n +2 e/texts.csv | wc -l)" $((2 * count))
expect_eq mask-texts-sorted "$(tail -n +2 e/texts.csv | cut -d, -f1 | uniq | tr '\n' ' ')" \
	"$(tail -n +2 e/t1.csv | cut -d, -f1 | tr '\n' ' ')"
expect_eq mask-erased-contact "$(grep -c '^r[0-9a-f]*,t01,"voir Paul Durand, \[donnée personnelle masquée\], au \[numéro masqué\]",1,0,0,1' e/texts.csv)" 1
# Neither the address nor the name is anywhere in the export, whatever the format.
for f in e/t1.sav e/t1.dta; do readstat "$f" "$(basename "$f").csv" >/dev/null 2>&1; done
leaks=
for w in Tilleuls Hélène Lefèvre helene lefevre Adresse 981234; do
	LC_ALL=C.UTF-8 grep -rqawi -- "$w" e t1.sav.csv t1.dta.csv && leaks="$leaks $w"
done
expect_eq mask-nothing-personal "$leaks" ""
expect_eq mask-no-personal-in-codebook "$(grep -ci adresse e/codebook.md e/t1.ddi.xml | cut -d: -f2 | tr '\n' ' ')" "0 0 "
python3 "$D/hostile-check.py" "$C" t1.sav.csv - raw mask-sav
python3 "$D/hostile-check.py" "$C" t1.dta.csv - raw mask-dta

# --raw-text: formulas as typed, masking the same.
expect_status mask-export-raw 0 "$ALLO" export s.db --wave t1 --as chef --out raw --raw-text
expect_eq mask-manifest-raw "$(grep '^raw_text:' raw/MANIFEST)" "raw_text: yes"
python3 "$D/hostile-check.py" "$C" raw/t1.csv raw/texts.csv raw mask-raw
expect_eq mask-raw-same-spss "$(cmp raw/t1.sav e/t1.sav && echo same)" same

# The personal value is not shown by case explain either.
"$ALLO" case explain s.db T001 >explain.txt 2>&1
expect_grep mask-explain-hidden "Adresse : \[donnée personnelle\]" explain.txt
expect_eq mask-explain-no-value "$(grep -c Tilleuls explain.txt)" 0
expect_grep mask-explain-others "Commune : Clermont-Ferrand" explain.txt

# personal takes a boolean only.
sed 's/personal: true/personal: maybe/' q.yaml >bad.yaml
expect_status mask-personal-boolean 1 "$ALLO" check bad.yaml
expect_grep mask-personal-message "'personal' must be true or false, not 'maybe'" "$TMP/err"

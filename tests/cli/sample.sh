# allo sample: the demo sample, the bad-sample corpus with its exact messages, encodings, dnc.
. "$(dirname "$0")/../lib.sh"
S=$DATA/sample
H='id,phone,quartier,surface,commune,name,note'
me=$(id -un)
q() { sqlite3 "$1" "$2"; }

# The demo sample: 300 cases over the nine quartiers, phones in contacts only.
"$ALLO" init --test "$TMP/demo.db" "$TOP/questionnaire/allo-quartiers.yaml" >/dev/null
expect_status demo-imports 0 "$ALLO" sample import "$TMP/demo.db" "$TOP/questionnaire/sample-demo.csv"
expect_eq demo-message "$(cat "$TMP/out")" "$TOP/questionnaire/sample-demo.csv : 300 cas importés dans la vague 2017-10"
expect_eq demo-cases "$(q "$TMP/demo.db" "SELECT count(*), count(DISTINCT json_extract(frame, '\$.quartier')) FROM cases WHERE state = 'fresh' AND wave = '2017-10'")" "300|9"
expect_eq demo-contacts "$(q "$TMP/demo.db" "SELECT count(*) FROM contacts JOIN cases ON cases.id = contacts.case_id")" 300
expect_eq demo-fiction-numbers "$(q "$TMP/demo.db" "SELECT count(*) FROM contacts WHERE phone GLOB '+3346571[0-9][0-9][0-9][0-9]' OR phone GLOB '+3363998[0-9][0-9][0-9][0-9]'")" 300
expect_eq demo-qpv-consistent "$(q "$TMP/demo.db" "SELECT count(*) FROM cases WHERE json_extract(frame, '\$.qpv') <> CASE WHEN json_extract(frame, '\$.quartier') <= 7 THEN 1 ELSE 2 END")" 0
expect_eq demo-frame-json "$(q "$TMP/demo.db" "SELECT frame FROM cases WHERE id = 'AQ0001'")" '{"quartier":8,"qpv":2}'
expect_eq demo-no-phone-in-cases "$(q "$TMP/demo.db" "SELECT count(*) FROM cases WHERE frame LIKE '%46571%' OR frame LIKE '%63998%' OR frame LIKE '%+33%'")" 0
expect_eq demo-note-quoted "$(q "$TMP/demo.db" "SELECT note FROM contacts WHERE case_id = 'AQ0022'")" 'Dit "rappelez-moi, pas avant 19 h"'
expect_eq demo-names "$(q "$TMP/demo.db" "SELECT count(*) FROM contacts WHERE name IS NOT NULL")" 42
expect_status demo-twice 1 "$ALLO" sample import "$TMP/demo.db" "$TOP/questionnaire/sample-demo.csv"
expect_eq demo-twice-errors "$(tail -1 "$TMP/err")" "$TOP/questionnaire/sample-demo.csv : 600 erreurs ; rien n'est importé"
expect_eq demo-twice-nothing "$(q "$TMP/demo.db" "SELECT count(*) FROM cases")" 300
# New ids with the same numbers: the contacts refuse a whole batch; each line is reported.
sed 's/^AQ/NQ/' "$TOP/questionnaire/sample-demo.csv" >"$TMP/renamed.csv"
expect_status demo-phones-taken 1 "$ALLO" sample import "$TMP/demo.db" "$TMP/renamed.csv"
# Only the first 100 errors are printed, then how many more.
expect_eq demo-phones-taken-count "$(grep -c 'erreur : numéro de téléphone déjà dans la base (cas AQ' "$TMP/err")" 100
expect_eq demo-phones-taken-rest "$(tail -2 "$TMP/err")" "$TMP/renamed.csv : 200 autres erreurs non affichées
$TMP/renamed.csv : 300 erreurs ; rien n'est importé"
expect_eq demo-phones-taken-first "$(head -1 "$TMP/err")" "$TMP/renamed.csv:2: erreur : numéro de téléphone déjà dans la base (cas AQ0001)"
expect_eq demo-phones-taken-nothing "$(q "$TMP/demo.db" "SELECT count(*) FROM cases")" 300

# The corpus runs against a database that holds base.csv (B001-B003).
"$ALLO" init --test "$TMP/base.db" "$S/frame.yaml" >/dev/null
expect_status base-imports 0 "$ALLO" sample import "$TMP/base.db" "$S/base.csv"
expect_eq base-frame "$(q "$TMP/base.db" "SELECT group_concat(frame, ' ') FROM cases")" \
	'{"quartier":1,"surface":54,"commune":"Clermont-Ferrand"} {"quartier":2,"surface":72.5,"commune":"Clermont-Ferrand"} {"quartier":9,"commune":"Aubière"}'
fresh() { rm -f "$TMP/t.db"; cp "$TMP/base.db" "$TMP/t.db"; }
counts() { q "$TMP/t.db" "SELECT (SELECT count(*) FROM cases) || '/' || (SELECT count(*) FROM contacts)"; }

# Each NAME.expect holds the exact standard error of importing NAME.csv ("# args:" adds options).
cd "$S" || exit 1
for e in *.expect; do
	n=${e%.expect}
	fresh
	# shellcheck disable=SC2046
	"$ALLO" sample import "$TMP/t.db" "$n.csv" $(sed -n 's/^# args: //p' "$e") >"$TMP/out" 2>"$TMP/err"
	st=$?
	grep -v '^#' "$e" >"$TMP/want"
	if [ "$st" != 1 ]; then
		notok "corpus-$n" "status $st, want 1: $(head -2 "$TMP/err")"
	elif ! cmp -s "$TMP/want" "$TMP/err"; then
		notok "corpus-$n" "messages differ: $(diff "$TMP/want" "$TMP/err" | tr '\n' ' ' | cut -c1-400)"
	elif [ -s "$TMP/out" ] || [ "$(counts)" != 3/3 ]; then
		notok "corpus-$n" "something was imported: $(counts)"
	else
		ok "corpus-$n"
	fi
done

# No message repeats a name or a phone number of the file, whatever the error.
for n in private no-header; do
	fresh
	"$ALLO" sample import "$TMP/t.db" "$n.csv" >/dev/null 2>"$TMP/err"
	if grep -E 'Privée|Témoin|65 71 6|65716|65 71 00 01|65710001' "$TMP/err" >/dev/null; then
		notok "private-$n" "$(grep -E 'Privée|Témoin|65 71 6|65716|65710001' "$TMP/err" | head -2)"
	else
		ok "private-$n"
	fi
done

# Good variants: separator, BOM, CRLF, quoting; each imports two cases, values exact.
good() {
	fresh
	expect_status "$1" 0 "$ALLO" sample import "$TMP/t.db" "$1.csv" $2
	expect_eq "$1-message" "$(cat "$TMP/out")" "$1.csv : 2 cas importés dans la vague w1"
}
good good-semicolon
expect_eq semicolon-values "$(q "$TMP/t.db" "SELECT frame, phone, note FROM cases JOIN contacts ON case_id = id WHERE id = 'S001'")" \
	'{"quartier":1,"surface":54.5,"commune":"Clermont-Ferrand"}|+33465711001|note; avec point-virgule'
expect_eq semicolon-trunk-zero "$(q "$TMP/t.db" "SELECT phone FROM contacts WHERE case_id = 'S002'")" "+33465711002"
good good-bom
expect_eq bom-first-id "$(q "$TMP/t.db" "SELECT count(*) FROM cases WHERE id = 'M001'")" 1
good good-crlf
expect_eq crlf-no-cr "$(q "$TMP/t.db" "SELECT count(*) FROM contacts WHERE note LIKE '%' || char(13) || '%' OR case_id LIKE '%' || char(13)")" 0
expect_eq crlf-note "$(q "$TMP/t.db" "SELECT note FROM contacts WHERE case_id = 'R001'")" "fin de ligne CRLF"
good good-quoted
expect_eq quoted-name "$(q "$TMP/t.db" "SELECT name FROM contacts WHERE case_id = 'Q001'")" 'Mme "Guillemets" Exemple'
expect_eq quoted-newline "$(q "$TMP/t.db" "SELECT note = 'première ligne' || char(10) || 'deuxième ligne, avec virgule' FROM contacts WHERE case_id = 'Q001'")" 1
expect_eq quoted-separator "$(q "$TMP/t.db" "SELECT json_extract(frame, '\$.commune') FROM cases WHERE id = 'Q001'")" "Clermont-Ferrand, quartier Nord"
expect_eq quoted-after-blank "$(q "$TMP/t.db" "SELECT note FROM contacts WHERE case_id = 'Q002'")" "espace avant le guillemet"

# Latin-1 and Windows-1252 convert with --encoding; accents come out right.
good latin1 "--encoding latin1"
expect_eq latin1-accents "$(q "$TMP/t.db" "SELECT name || '|' || note || '|' || json_extract(frame, '\$.commune') FROM cases JOIN contacts ON case_id = id WHERE id = 'L001'")" \
	"Mme Hélène Essai|Préfère le matin|Aubière"
fresh
expect_status cp1252 0 "$ALLO" sample import "$TMP/t.db" cp1252.csv --encoding cp1252
expect_eq cp1252-message "$(cat "$TMP/out")" "cp1252.csv : 1 cas importé dans la vague w1"
expect_eq cp1252-chars "$(q "$TMP/t.db" "SELECT name || '|' || note FROM contacts WHERE case_id = 'W001'")" "M. Œdipe Cœur|coût 5 € – rappeler"
fresh
expect_status encoding-unknown 2 "$ALLO" sample import "$TMP/t.db" latin1.csv --encoding ebcdic
expect_grep encoding-unknown-message "encodage inconnu : ebcdic" "$TMP/err"
expect_status bom-with-encoding 1 "$ALLO" sample import "$TMP/t.db" good-bom.csv --encoding latin1
expect_eq bom-with-encoding-message "$(head -1 "$TMP/err")" \
	"good-bom.csv:1: erreur : le fichier commence par une marque d'ordre des octets UTF-8 : il est en UTF-8 ; l'importer sans --encoding"
cd "$TMP" || exit 1

# Files made here: UTF-16, a 10 MB line, a 10 MB unclosed quote, a record over the limit.
printf '%s\n' "$H" 'U001,04 65 71 94 01,1,,,,' | iconv -f UTF-8 -t UTF-16 >u16.csv
fresh
expect_status utf16 1 "$ALLO" sample import t.db u16.csv
expect_eq utf16-message "$(cat err)" "u16.csv:1: erreur : le fichier est en UTF-16 (le « texte Unicode » d'un tableur) : l'enregistrer en CSV UTF-8
u16.csv : 1 erreur ; rien n'est importé"
{ echo "$H"; printf 'X001,04 65 71 93 01,1,,,,'; head -c 10000000 /dev/zero | tr '\0' x
	printf '\nX002,04 65 71 93 02,1,,,,\nX003,04 65 71 93 0,1,,,,\n'; } >long.csv
fresh
expect_status long-line 1 "$ALLO" sample import t.db long.csv
expect_eq long-line-messages "$(cat err)" "long.csv:2: erreur : ligne de plus de 65536 octets
long.csv:4: erreur : numéro de téléphone invalide : un numéro français a 10 chiffres, pas 9
long.csv : 2 erreurs ; rien n'est importé"
expect_eq long-line-nothing "$(counts)" 3/3
{ echo "$H"; printf 'X001,04 65 71 93 01,1,,,,"'; head -c 10000000 /dev/zero | tr '\0' '\n'; } >unclosed.csv
expect_status unclosed-quote 1 "$ALLO" sample import t.db unclosed.csv
expect_eq unclosed-quote-message "$(head -1 err)" "unclosed.csv:2: erreur : champ entre guillemets jamais fermé : son guillemet s'ouvre ligne 2"
{ echo "$H"; printf 'X001,04 65 71 93 01,1,,,,"'; head -c 70000 /dev/zero | tr '\0' '\n'
	printf '"\nX002,04 65 71 93 02,1,,,,x\n'; } >tall.csv
expect_status tall-record 1 "$ALLO" sample import t.db tall.csv
expect_eq tall-record-message "$(cat err)" "tall.csv:2: erreur : enregistrement de plus de 65536 octets (lignes 2 à 70002)
tall.csv : 1 erreur ; rien n'est importé"

# An encoding error names the line of the bad byte, CRLF files and multi-line fields included.
printf '%s\r\n' "$H" 'W1,04 65 71 92 01,1,,Riom,,' '' >crlf-bad.csv
printf 'W2,04 65 71 92 02,1,,"Vic\r\nx\351",,\r\n' >>crlf-bad.csv
fresh
expect_status crlf-bad-utf8 1 "$ALLO" sample import t.db crlf-bad.csv
expect_eq crlf-bad-utf8-line "$(head -1 err | cut -d: -f1-3)" "crlf-bad.csv:5: erreur "
printf '%s\r\n' "$H" 'W1,04 65 71 92 01,1,,Riom,,' '' >crlf-bad.csv
printf 'W2,04 65 71 92 02,1,,"Vic\201\r\nx",,\r\n' >>crlf-bad.csv
expect_status crlf-bad-cp1252 1 "$ALLO" sample import t.db crlf-bad.csv --encoding cp1252
expect_eq crlf-bad-cp1252-line "$(head -1 err)" "crlf-bad.csv:4: erreur : l'octet 0x81 n'est pas un caractère Windows-1252"

# Waves: --wave tags the batch; a bad tag is a usage error.
printf '%s\n' "$H" 'V001,04 65 71 95 01,2,,,,' >w.csv
fresh
expect_status wave-option 0 "$ALLO" sample import t.db w.csv --wave relance-1
expect_eq wave-stored "$(q t.db "SELECT wave FROM cases WHERE id = 'V001'")" relance-1
expect_status wave-invalid 2 "$ALLO" sample import t.db w.csv --wave 'a b'
expect_status usage 2 "$ALLO" sample import t.db
expect_status unknown-sub 2 "$ALLO" sample export t.db w.csv
expect_status missing-file 2 "$ALLO" sample import t.db nowhere.csv
expect_grep missing-file-message "nowhere.csv : ouverture impossible : No such file or directory" err

# Roles: managers and supervisors import; interviewers may not.
fresh
"$ALLO" user add t.db marie --role interviewer >/dev/null
"$ALLO" user add t.db paul --role supervisor >/dev/null
printf '%s\n' "$H" 'V101,04 65 71 95 11,2,,,,' >r.csv
expect_status role-interviewer 1 "$ALLO" sample import t.db r.csv --as marie
expect_grep role-interviewer-message "accès refusé : marie a le rôle interviewer" err
expect_status role-supervisor 0 "$ALLO" sample import t.db r.csv --as paul

# The do-not-call list: the case becomes final; a listed number imports final.
expect_status dnc-add 0 "$ALLO" sample dnc t.db "04 65 71 00 02" --as paul
expect_eq dnc-add-message "$(cat out)" "+33465710002 : ajouté à la liste d'opposition ; le cas B002 est final (2.111)"
expect_eq dnc-case-final "$(q t.db "SELECT state || ' ' || final_code FROM cases WHERE id = 'B002'")" "final 2.111"
# The list holds HMAC-SHA256 of the E.164 number under the database's key, never the number.
dnc_key=$(q t.db "SELECT value FROM meta WHERE key = 'dnc_key'")
dnc_hash() { printf '%s' "$1" | openssl dgst -sha256 -hmac "$dnc_key" | sed 's/.*= //'; }
expect_eq dnc-key-form "$(echo "$dnc_key" | grep -c '^[0-9a-f]\{64\}$')" 1
expect_eq dnc-row "$(q t.db "SELECT hash || ' ' || added_by FROM dnc")" "$(dnc_hash +33465710002) paul"
expect_eq dnc-no-phone "$(q t.db "SELECT count(*) FROM dnc WHERE hash LIKE '%465710002%'")" 0
expect_status dnc-again 0 "$ALLO" sample dnc t.db "+33 4 65 71 00 02"
expect_eq dnc-again-message "$(cat out)" "+33465710002 : déjà sur la liste d'opposition ; le cas B002 était déjà final"
expect_status dnc-no-case 0 "$ALLO" sample dnc t.db 0639989999
expect_eq dnc-no-case-message "$(cat out)" "+33639989999 : ajouté à la liste d'opposition"
expect_eq dnc-who "$(q t.db "SELECT added_by FROM dnc WHERE hash = '$(dnc_hash +33639989999)'")" "$me"
expect_status dnc-invalid 2 "$ALLO" sample dnc t.db 12345
expect_grep dnc-invalid-message "numéro de téléphone invalide : ni un numéro français" err
expect_status dnc-interviewer 1 "$ALLO" sample dnc t.db 0639989998 --as marie
printf '%s\n' "$H" 'N001,06 39 98 99 99,1,,,,' 'N002,06 39 98 99 97,1,,,,' >n.csv
expect_status dnc-import 0 "$ALLO" sample import t.db n.csv
expect_eq dnc-import-message "$(cat out)" "n.csv : 2 cas importés dans la vague w1 (dont 1 sur la liste d'opposition, importé comme final)"
expect_eq dnc-import-state "$(q t.db "SELECT group_concat(id || ' ' || state || ' ' || coalesce(final_code, '-'), ', ') FROM cases WHERE id LIKE 'N%'")" \
	"N001 final 0.10, N002 fresh -"
# The listed number is not kept again: its case has no contact, so no phone and no name.
expect_eq dnc-import-no-contact "$(q t.db "SELECT group_concat(case_id) FROM contacts WHERE case_id LIKE 'N%'")" "N002"

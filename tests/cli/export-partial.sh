# allo export --include-partials: the partials (AAPOR 1.2) only, flagged and coded 1.2; the other
# break-offs left out and counted; questions a partial did not reach are -7, off-route ones empty.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
D=$DATA/partial
export ALLO_NOW=2026-11-24T09:30:00Z
q() { sqlite3 s.db "$1"; }
# session CASE ANSWER...: starts the case and gives the answers (then breakoff, or the end).
session() {
	c=$1
	shift
	{ printf 'start %s\nanswer\n' "$c"; for a in "$@"; do printf '%s\n' "$a"; done; printf 'quit\n'; } |
		"$ALLO" drive s.db >>replies 2>&1
}
"$ALLO" init --test s.db "$D/share.yaml" >/dev/null
"$ALLO" sample import s.db "$D/sample.csv" --wave w1 >/dev/null
"$ALLO" user add s.db "$(id -un)" --role interviewer >/dev/null

# P001 a break-off below the rule (3 of 11); P002 a partial (4 of 7, q1 = 2: q7 off the route);
# P003 a complete.
session P001 'answer 1' 'answer 1' 'answer 30' breakoff
session P002 'answer 1' 'answer 2' 'answer 30' 'answer 2' breakoff
session P003 'answer 1' 'answer 2' 'answer 40' 'answer 2' 'answer 1' 'answer 1' 'answer bien'
expect_eq setup "$(q "SELECT group_concat(case_id || ':' || status || ':' || coalesce(outcome, ''), ' ')
	FROM (SELECT * FROM interviews ORDER BY id)")" \
	"P001:broken_off:breakoff P002:broken_off:partial P003:complete:"

expect_status export 0 "$ALLO" export s.db --wave w1 --include-partials --out x
expect_eq manifest-counts "$(grep -E '^(interviews|completes|partials|excluded_breakoffs):' x/MANIFEST | tr '\n' ' ')" \
	"interviews: 2 completes: 1 partials: 1 excluded_breakoffs: 1 "
col() { head -1 x/w1.csv | tr -d '\r' | tr , '\n' | grep -nx "$1" | cut -d: -f1; }
cell() { awk -F, -v c="$(col "$2")" -v q="$(col q2)" -v a="$1" 'NR > 1 && $q == a { print $c }' x/w1.csv | tr -d '\r'; }
expect_eq partial-flag "$(cell 30 partial)" 1
expect_eq partial-disposition "$(cell 30 disposition)" 1.2
expect_eq complete-flag "$(cell 40 partial)" 0
expect_eq complete-disposition "$(cell 40 disposition)" 1.1
expect_eq no-breakoff-row "$(awk 'END { print NR }' x/w1.csv)" 3
expect_grep label-partial 'Entretien partiel (AAPOR 1.2)' x/codebook.md
expect_grep label-partial-ddi 'Entretien partiel (AAPOR 1.2)' x/w1.ddi.xml
if grep -q 'interrompu (partiel)' x/codebook.md; then notok label-old; else ok label-old; fi

# Without --include-partials the partial is left out too, and counted.
expect_status export-no-partials 0 "$ALLO" export s.db --wave w1 --out y
expect_eq manifest-no-partials "$(grep -E '^(interviews|partials|excluded_partials|excluded_breakoffs):' y/MANIFEST | tr '\n' ' ')" \
	"interviews: 1 partials: 0 excluded_partials: 1 excluded_breakoffs: 1 "

# disposition stays the AAPOR code as text; disposition_n is the code times 1000, labelled with the
# French labels of the codes present, in the codebook, the DDI, SPSS and Stata.
expect_eq disposition-n "$(cell 30 disposition_n) $(cell 40 disposition_n)" "1200 1100"
expect_grep codebook-disposition-1200 '^| 1200 | Entretien partiel | 1 |$' x/codebook.md
expect_grep codebook-disposition-1100 '^| 1100 | Entretien complet | 1 |$' x/codebook.md
expect_eq codebook-disposition-present "$(grep -c '^| [1-4][0-9][0-9][0-9] | ' x/codebook.md)" 2
expect_eq ddi-disposition "$(tr -d '\n ' <x/w1.ddi.xml | grep -o 'name="disposition_n".*</var>' | sed 's,</var>.*,,' |
	grep -o '<catValu>[0-9]*</catValu><labl>[^<]*</labl>' | tr '\n' ' ')" \
	"<catValu>1100</catValu><labl>Entretiencomplet</labl> <catValu>1200</catValu><labl>Entretienpartiel</labl> "
XSD=$TOP/../shared/ddi-codebook-2.5/codebook.xsd
if command -v xmllint >/dev/null && [ -f "$XSD" ]; then
	expect_status ddi-valid 0 xmllint --noout --nonet --schema "$XSD" x/w1.ddi.xml
else
	skip ddi-valid "no xmllint or no DDI schema"
fi
if command -v Rscript >/dev/null && Rscript -e 'library(haven)' >/dev/null 2>&1; then
	expect_eq spss-stata-disposition-labels "$(Rscript -e 'library(haven); for (d in list(read_sav("x/w1.sav"), read_dta("x/w1.dta"))) { v <- attr(d$disposition_n, "labels"); cat(paste(v, names(v), sep = "=", collapse = ";"), "\n") }' 2>/dev/null | tr -d '\n')" \
		"1100=Entretien complet;1200=Entretien partiel 1100=Entretien complet;1200=Entretien partiel "
else
	skip spss-stata-disposition-labels "no Rscript with haven"
fi

# Not reached (rows are in pseudonymous-id order, which changes with each database's secret):
# P002 stopped after q3; q8 to q10 could still have been asked (-7), while the theme on
# q3 == 1 (q4 to q6) and q7 (q1 == 1) are off its route (empty). A complete has no -7.
qs() { awk -F, -v a="$1" -v f="$(col q4)" -v l="$(col q10)" 'NR > 1 && $5 == a {
	for (i = f; i <= l; i++) printf "%s%s", $i, i < l ? "," : "" }' x/w1.csv | tr -d '\r'; }
expect_eq not-reached-row "$(qs 30)" ",,,,-7,-7,-7"
expect_eq not-reached-complete "$(qs 40)" ",,,,1,1,bien"
expect_grep not-reached-codebook-head '; -7 = non atteint (entretien partiel interrompu avant la question)$' x/codebook.md
expect_eq not-reached-codebook-q8 "$(sed -n '/^### q8$/,/^### q9$/p' x/codebook.md | grep -E 'non atteints|^\| -7 ')" \
	"$(printf '%s\n' '- Type : code ; valides 1, vides 0 ; ne sait pas 0, refus 0 ; non atteints 1' \
	'| -7 | Non atteint (interruption) (manquante) | 1 |')"
expect_eq not-reached-codebook-q7 "$(sed -n '/^### q7$/,/^### q8$/p' x/codebook.md | grep -c -- '-7')" 0
expect_eq not-reached-ddi "$(tr -d '\n' <x/w1.ddi.xml | sed 's/> *</></g' | grep -o 'name="q8".*' | sed 's,</var>.*,,' |
	grep -o '<catgry missing="Y"><catValu>-7</catValu><labl>[^<]*</labl><catStat type="freq">[0-9]*<')" \
	'<catgry missing="Y"><catValu>-7</catValu><labl>Non atteint (interruption)</labl><catStat type="freq">1<'
if command -v xmllint >/dev/null && [ -f "$XSD" ]; then
	expect_status not-reached-ddi-valid 0 xmllint --noout --nonet --schema "$XSD" x/w1.ddi.xml
else
	skip not-reached-ddi-valid "no xmllint or no DDI schema"
fi
if command -v Rscript >/dev/null && Rscript -e 'library(haven)' >/dev/null 2>&1; then
	expect_eq not-reached-spss "$(Rscript -e 'library(haven); d <- read_sav("x/w1.sav", user_na = TRUE); i <- which(d$partial == 1); cat(unclass(d$q8)[i], attr(d$q8, "na_values"), names(attr(d$q8, "labels"))[attr(d$q8, "labels") == -7], d$q10[i], attr(d$q10, "na_values"))' 2>/dev/null)" \
		"-7 -8 -9 -7 Non atteint (interruption) -7 -8 -9 -7"
	expect_eq not-reached-stata "$(Rscript -e 'library(haven); d <- read_dta("x/w1.dta"); i <- which(d$partial == 1); cat(na_tag(d$q8)[i], na_tag(d$q7)[i], is.na(d$q7[i]), d$q10[i])' 2>/dev/null)" \
		"n NA TRUE -7"
else
	skip not-reached-spss "no Rscript with haven"
	skip not-reached-stata "no Rscript with haven"
fi

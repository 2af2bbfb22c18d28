# The seed's figures, defined in the questionnaire's indicators section, printed in codebook.md:
# for each its variable, the codes counted, its base as the author states it and as the route asks.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
export ALLO_NOW=2026-11-30T09:00:00Z
"$ALLO" init --test d.db "$TOP/questionnaire/allo-quartiers.yaml" >/dev/null
"$ALLO" sample import d.db "$TOP/questionnaire/sample-demo.csv" >/dev/null
"$ALLO" user add d.db "$(id -un)" --role manager >/dev/null
wave=$("$ALLO" wave list d.db | awk 'NR == 2 { print $1 }')
expect_status export 0 "$ALLO" export d.db --wave "$wave" --out exp
cb=exp/codebook.md
# The section comes before the variables, one heading per indicator.
expect_eq section-before-variables "$(grep -n '^## ' "$cb" | sed 's/^[0-9]*://' | tr '\n' '|')" \
	"## Fichiers|## Indicateurs de l'étude|## Variables|"
ids=$(sed -n "/^## Indicateurs/,/^## Variables/s/^### //p" "$cb" | tr '\n' ' ')
expect_eq headings "$ids" "ind_materiel ind_mal_a_l_aise ind_sans_internet ind_sans_aide ind_telecons_sans_besoin ind_telecons_trop_complique ind_sans_insertion "
# Each indicator's block: the lines between its heading and the next.
block() { awk -v id="### $1" '$0 == id { on = 1; next } /^##/ { on = 0 } on' "$cb" >"$1.md"; }
for id in ind_materiel ind_mal_a_l_aise ind_sans_internet ind_sans_aide ind_telecons_sans_besoin \
	ind_telecons_trop_complique ind_sans_insertion; do
	block $id
done
# The six seed figures, each on its variable and codes.
expect_grep materiel-var '^- Variable : num_materiel (Matériel informatique au domicile)$' ind_materiel.md
expect_grep materiel-code '^- Compté : la réponse est 1 « Oui »$' ind_materiel.md
expect_grep materiel-everyone '^- Question posée : à tous les répondants$' ind_materiel.md
expect_grep materiel-source 'QPV 79 %, Clermont-Ferrand 91 %, échantillon témoin 90 %' ind_materiel.md
expect_grep aise-codes '^- Compté : la réponse est 3 « Plutôt pas à l.aise » ou 4 « Pas du tout à l.aise »$' ind_mal_a_l_aise.md
expect_grep aise-categories '^- Modalités de la variable : 1 = Très à l.aise ; 2 = Plutôt à l.aise ; 3 = Plutôt pas à l.aise ; 4 = Pas du tout à l.aise$' ind_mal_a_l_aise.md
expect_grep internet-code '^- Compté : la réponse est 2 « Non »$' ind_sans_internet.md
expect_grep internet-var '^- Variable : num_internet ' ind_sans_internet.md
# No help near home: its base is the ill at ease, from the question's own condition.
expect_grep aide-route '^- Question posée : Si « À l.aise avec le numérique des services publics » (num_aise) vaut 3 .* (condition : (num_aise in \\\[3, 4\\\]))$' ind_sans_aide.md
expect_grep telecons-code '^- Compté : la réponse est 4 « Non parce que vous n.en avez pas eu besoin »$' ind_telecons_sans_besoin.md
expect_grep telecons-domain '^- Restreint à : .* (condition : as_teleconsultation in \\\[1, 2, 3\\\])$' ind_telecons_trop_complique.md
# Insertion services: among those without a job, retirees excluded, said in the base and by the route.
expect_grep insertion-column '^- Compté : parmi les réponses citées figure 8 « Je n.utilise aucun service d.insertion » (colonne ins_services_8 = 1)$' ind_sans_insertion.md
expect_grep insertion-base '^- Base : Les répondants sans emploi .*retraités exclus (emp_situation = 4' ind_sans_insertion.md
expect_grep insertion-route 'ne vaut pas 4 (« Retraité ») (condition : (emp_en_emploi == 2 and emp_situation != 4))$' ind_sans_insertion.md
expect_grep insertion-out-of-base '^- Hors base : les entretiens où la question n.a pas été posée, ne sait pas (-8) et refus (-9)$' ind_sans_insertion.md
# The columns the codebook names are those of the data.
head -1 "exp/$wave.csv" | tr ',' '\n' >columns
for c in num_materiel num_aise num_internet num_aide_proximite as_teleconsultation ins_services_8 emp_situation; do
	expect_grep "column-$c" "^$c\$" columns
done
# A questionnaire without indicators has no such section.
"$ALLO" init --test m.db "$TOP/tests/data/partial/share.yaml" >/dev/null
"$ALLO" sample import m.db "$TOP/tests/data/partial/sample.csv" >/dev/null
"$ALLO" user add m.db "$(id -un)" --role manager >/dev/null
mw=$("$ALLO" wave list m.db | awk 'NR == 2 { print $1 }')
"$ALLO" export m.db --wave "$mw" --out mexp >/dev/null 2>&1
expect_eq none-without-section "$(grep -c '^## Indicateurs' mexp/codebook.md)" 0
expect_grep none-variables '^## Variables$' mexp/codebook.md

#!/bin/sh
# The Allo Quartiers instrument: checks clean to 221 questions on the 20 themes (the brief's 220 and the street asked where a QPV boundary runs through a neighbourhood)
# of the brief, keeps the seed's answer wordings, and routes the seed's
# digital-help indicator to those not at ease.
. "$(dirname "$0")/../lib.sh"
cd "$TOP" || exit 1
Q=questionnaire/allo-quartiers.yaml

# block ID: the lines of the item ID, up to the next question or roster.
block() {
	awk -v id="$1" '
		$0 ~ "^ *- id: " id "$" { on = 1; print; next }
		on && /^ *- (id|repeat):/ { exit }
		on { print }' "$Q"
}

# labels: the option labels of the code lines read on stdin, one a line.
labels() { sed -n 's/^ *[0-9][0-9]*: "\(.*\)"$/\1/p'; }

# options ID: the code lines of question ID, inline or from its scale.
options() {
	scale=$(block "$1" | sed -n 's/^ *options: *\([a-z][a-z0-9_]*\) *$/\1/p')
	if [ -z "$scale" ]; then
		block "$1" | grep -E '^ *[0-9]+: "'
		return
	fi
	awk -v s="$scale" '
		/^scales:/ { in_s = 1; next }
		in_s && /^[^ #]/ { exit }
		in_s && $0 ~ "^  " s ":$" { on = 1; next }
		on && /^  [^ ]/ { on = 0 }
		on' "$Q"
}

# The checker accepts the file with no warning and counts it as the brief says.
"$ALLO" check "$Q" >"$TMP/out" 2>"$TMP/err"
rc=$?
expect_eq check_status "$rc" 0
expect_eq check_ok_line "$(cat "$TMP/out")" "$Q: ok: 221 questions, 20 themes"
expect_eq check_no_warning "$(cat "$TMP/err")" ""

# The twenty themes, in order.
got=$(awk '/^themes:/ { t = 1; next } t && /^[^ #]/ { t = 0 } t && /^  - id: / { print $3 }' "$Q" |
	tr '\n' ' ')
expect_eq theme_ids "$got" "accueil menage logement trajectoires cadre_vie securite image \
voisinage bien_etre sante acces_soins discrimination emploi insertion ressources mobilite \
education services numerique participation "

# Teleconsultation: exactly the seed's four answers, in its order, ASCII apostrophes.
cat >"$TMP/tele" <<'EOF'
Oui et l'accès était facile
Oui mais l'accès était difficile
Non parce que c'était trop compliqué
Non parce que vous n'en avez pas eu besoin
EOF
options as_teleconsultation | labels >"$TMP/tele_got"
if cmp -s "$TMP/tele" "$TMP/tele_got"; then
	ok teleconsultation_answers
else
	notok teleconsultation_answers "labels [$(tr '\n' '|' <"$TMP/tele_got")]"
fi

# Insertion services: a multi whose exclusive answer is the seed's "none" wording.
none="Je n'utilise aucun service d'insertion"
expect_eq insertion_multi "$(block ins_services | sed -n 's/^ *type: *//p')" multi
code=$(options ins_services | grep -F ": \"$none\"" | sed 's/^ *\([0-9]*\):.*/\1/')
excl=$(block ins_services | sed -n 's/^ *exclusive: *\[\(.*\)\] *$/\1/p' | tr -d ' ' | tr ',' '\n')
if [ -n "$code" ] && printf '%s\n' "$excl" | grep -qx "$code"; then
	ok insertion_none_exclusive
else
	notok insertion_none_exclusive "code [$code] of « $none », exclusive [$excl]"
fi

# Help near home: asked only of those not at ease, i.e. num_aise in the codes
# whose label says "pas ... à l'aise".
notease=$(options num_aise | grep -iE ": \"[^\"]*pas[^\"]*l'aise\"" |
	sed 's/^ *\([0-9]*\):.*/\1/' | sort -n | tr '\n' ' ')
when=$(block num_aide_proximite | sed -n 's/^ *when: *"\(.*\)" *$/\1/p')
codes=$(printf '%s\n' "$when" | sed -n 's/^num_aise in \[\([0-9, ]*\)\]$/\1/p' |
	tr -d ' ' | tr ',' '\n' | sort -n | tr '\n' ' ')
if [ -n "$notease" ] && [ "$codes" = "$notease" ]; then
	ok help_near_home_when_not_at_ease
else
	notok help_near_home_when_not_at_ease "when [$when], not-at-ease codes [$notease]"
fi

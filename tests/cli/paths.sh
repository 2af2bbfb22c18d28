# allo paths: random respondents reach every question; unreachable ones are named.
. "$(dirname "$0")/../lib.sh"
cd "$TOP" || exit 1

# list_of HEADER FILE: the indented lines under "HEADER: N" in FILE.
list_of() {
	awk -v h="$1" 'index($0, h ": ") == 1 { on = 1; next } on && /^  / { print; next } { on = 0 }' "$2"
}

# expect_list NAME HEADER FILE WANT: the indented lines under "HEADER: N" in FILE are WANT.
expect_list() {
	expect_eq "$1" "$(list_of "$2" "$3")" "$4"
}

# The Allo Quartiers questionnaire: 1000 respondents reach all 221 questions (the brief's 220 and the QPV street).
q=questionnaire/allo-quartiers.yaml
expect_status paths-quartiers 0 "$ALLO" paths "$q" --respondents 1000 --seed 1
cp "$TMP/out" "$TMP/quartiers"
expect_grep paths-quartiers-all "^questions reached: 221 of 221$" "$TMP/quartiers"
expect_grep paths-quartiers-none "^questions never reached: 0$" "$TMP/quartiers"
expect_list paths-quartiers-empty "questions never reached" "$TMP/quartiers" ""
expect_grep paths-quartiers-no-stop "^stopped respondents: 0$" "$TMP/quartiers"
expect_grep paths-quartiers-no-anomaly "^engine anomalies: 0$" "$TMP/quartiers"
expect_eq paths-quartiers-quiet "$(cat "$TMP/err")" ""

# Determinism: the same seed gives the same report, byte for byte; the defaults are 1000 and 1.
"$ALLO" paths "$q" --respondents 1000 --seed 1 >"$TMP/again" 2>&1
if cmp -s "$TMP/quartiers" "$TMP/again"; then ok paths-deterministic; else notok paths-deterministic "two runs differ"; fi
"$ALLO" paths "$q" >"$TMP/defaults" 2>&1
if cmp -s "$TMP/quartiers" "$TMP/defaults"; then ok paths-defaults; else notok paths-defaults "differs from --respondents 1000 --seed 1"; fi
"$ALLO" paths --seed=2 "$q" --respondents=1000 >"$TMP/seed2" 2>&1
if cmp -s "$TMP/quartiers" "$TMP/seed2"; then notok paths-seed "seed 2 gives the report of seed 1"; else ok paths-seed; fi
expect_grep paths-seed-echo "^seed: 2$" "$TMP/seed2"

# A question no answer can route to, though no static rule sees it.
f=tests/data/good/paths-unreachable.yaml
expect_status paths-unreachable 1 "$ALLO" paths "$f" --respondents 300
expect_grep paths-unreachable-count "^questions reached: 8 of 9$" "$TMP/out"
expect_list paths-unreachable-list "questions never reached" "$TMP/out" "  jamais (line 36)"
expect_list paths-unreachable-checks "checks never fired" "$TMP/out" ""
expect_grep paths-unreachable-outcomes "^  screened out, refusal: [1-9]" "$TMP/out"

# The same, seen by the static check too: a warning, and the run still goes.
cat >"$TMP/never.yaml" <<'EOF'
survey: {id: jamais, title: "Jamais"}
themes:
  - id: t
    title: "T"
    questions:
      - {id: q1, type: single, text: "Un ?", options: {1: "Oui", 2: "Non"}}
      - {id: q2, type: single, text: "Deux ?", options: {1: "Oui", 2: "Non"}, when: "q1 == 1 and q1 == 2"}
      - {id: q3, type: number, text: "Trois ?", max: 5}
EOF
expect_status paths-never 1 "$ALLO" paths "$TMP/never.yaml" --respondents 50
expect_list paths-never-list "questions never reached" "$TMP/out" "  q2 (line 7)"
expect_grep paths-never-warning "never.yaml:7:.*warning: " "$TMP/err"

# A hard check no answer passes, without DK or RF: respondents are stuck and reported.
cat >"$TMP/stuck.yaml" <<'EOF'
survey: {id: coince, title: "Coincé"}
themes:
  - id: t
    title: "T"
    questions:
      - id: q1
        type: number
        text: "Un nombre ?"
        max: 10
        dk: false
        rf: false
        checks:
          - {expr: "q1 > 20", message: "Impossible."}
      - {id: q2, type: text, text: "Après ?"}
EOF
expect_status paths-stuck 1 "$ALLO" paths "$TMP/stuck.yaml" --respondents 25
expect_grep paths-stuck-count "^  stopped, stuck: 25$" "$TMP/out"
expect_grep paths-stuck-line "^  respondent 1: stuck at q1 (line 6): no answer accepted after 100 draws$" "$TMP/out"
expect_grep paths-stuck-more "^  \.\.\. and 5 more$" "$TMP/out"
expect_list paths-stuck-list "questions never reached" "$TMP/out" "  q2 (line 14)"

# Answers kept after going back are validated again at the end; those a rule now refuses are listed.
cat >"$TMP/kept.yaml" <<'EOF'
survey: {id: garde, title: "Garde"}
themes:
  - id: t
    title: "T"
    questions:
      - {id: age, type: number, text: "Âge ?", min: 15, max: 99}
      - id: annees
        type: number
        text: "Années dans le quartier ?"
        max: 99
        checks:
          - {expr: "annees <= age", message: "Plus d'années que l'âge."}
        terminate:
          - {when: "age < 18 and annees > 5", outcome: ineligible}
      - {id: fin, type: text, text: "Commentaire ?"}
EOF
expect_status paths-kept 0 "$ALLO" paths "$TMP/kept.yaml" --respondents 2000
expect_grep paths-kept-header "^rules broken by kept answers: [0-9][0-9]*$" "$TMP/out"
list_of "rules broken by kept answers" "$TMP/out" | grep -Ev '^  respondent [0-9]+: annees \(line 7\): (check 1 refuses it|terminate 1 \(ineligible\) holds)$|^  \.\.\. and [0-9]+ more$' >"$TMP/kept-bad"
expect_eq paths-kept-lines "$(cat "$TMP/kept-bad")" ""

# Every feature of the format: all reached; a terminate rule its range rules out is listed.
expect_status paths-features 0 "$ALLO" paths tests/data/good/features.yaml
expect_list paths-features-terms "terminate rules never met" "$TMP/out" "  age terminate 1 (ineligible, line 45)"
expect_grep paths-features-anomalies "^engine anomalies: 0$" "$TMP/out"

# A questionnaire with errors is reported as allo check reports it, and not run.
b=tests/data/bad/cycle.yaml
"$ALLO" check "$b" >/dev/null 2>"$TMP/check-err"
expect_status paths-errors 1 "$ALLO" paths "$b"
if cmp -s "$TMP/check-err" "$TMP/err"; then ok paths-errors-diagnostics; else notok paths-errors-diagnostics "$(head -2 "$TMP/err")"; fi
expect_eq paths-errors-no-report "$(cat "$TMP/out")" ""

# Usage errors and unreadable files: status 2.
expect_status paths-no-argument 2 "$ALLO" paths
expect_grep paths-usage-line "^usage: allo paths " "$TMP/err"
expect_status paths-two-files 2 "$ALLO" paths "$q" "$f"
expect_status paths-unknown-option 2 "$ALLO" paths "$q" --respondent 10
expect_status paths-missing-value 2 "$ALLO" paths "$q" --seed
expect_status paths-zero 2 "$ALLO" paths "$q" --respondents 0
expect_status paths-not-number 2 "$ALLO" paths "$q" --respondents 10x
expect_status paths-too-many 2 "$ALLO" paths "$q" --respondents 1000001
expect_status paths-negative-seed 2 "$ALLO" paths "$q" --seed -1
expect_status paths-seed-overflow 2 "$ALLO" paths "$q" --seed 18446744073709551616
expect_status paths-max-seed 0 "$ALLO" paths tests/data/good/minimal.yaml --seed 18446744073709551615 --respondents 3
expect_status paths-unreadable 2 "$ALLO" paths "$TMP/none.yaml"
expect_grep paths-unreadable-message "none.yaml: cannot open: No such file or directory" "$TMP/err"
expect_status paths-help 0 "$ALLO" paths --help

# The manual page is clean mdoc.
if command -v mandoc >/dev/null 2>&1; then
	expect_eq paths-man-lint "$(mandoc -T lint -W warning man/allo-paths.1 2>&1)" ""
fi

# A report that cannot be written is an error, not a silent loss.
if [ -w /dev/full ]; then
	"$ALLO" paths tests/data/good/minimal.yaml >/dev/full 2>"$TMP/err"
	expect_eq paths-write-error "$?" 70
fi

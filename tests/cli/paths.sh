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

# The length of a complete: words read aloud (text with fills, options of single and multi
# questions unless the instruction says "Ne pas lire", never instructions) and a pause per answer.
cat >"$TMP/duree.yaml" <<'EOF'
survey: {id: duree, title: "Durée"}
themes:
  - id: t
    title: "T"
    questions:
      - {id: intro, type: info, text: "Bonjour, je vous appelle pour une enquête sur votre quartier.", instruction: "Sourire au téléphone, parler lentement et distinctement."}
      - {id: q1, type: single, text: "Aimez-vous votre quartier ?", options: {1: "Oui", 2: "Non"}}
      - id: q2
        type: multi
        text: "Quels commerces fréquentez-vous ?"
        instruction: "Ne pas lire la liste."
        options: {1: "Boulangerie", 2: "Épicerie", 3: "Pharmacie"}
      - {id: q3, type: number, text: "Depuis combien d'années y vivez-vous ?", max: 99}
EOF
# 10 + (3 + 2) + 3 + 5 = 23 words and 3 answers on every route.
expect_status paths-minutes-words 0 "$ALLO" paths "$TMP/duree.yaml" --respondents 50 --words-per-minute 1 --answer-seconds 0
expect_grep paths-minutes-words-line "^estimated minutes per completed respondent (1 words per minute, 0 s per answer): min 23.0, q1 23.0, median 23.0, q3 23.0, max 23.0$" "$TMP/out"
expect_status paths-minutes-answers 0 "$ALLO" paths "$TMP/duree.yaml" --respondents 50 --words-per-minute=23 --answer-seconds=60
expect_grep paths-minutes-answers-line "(23 words per minute, 60 s per answer): min 4.0, q1 4.0, median 4.0, q3 4.0, max 4.0$" "$TMP/out"
expect_grep paths-minutes-default "^estimated minutes per completed respondent (150 words per minute, 4 s per answer): " "$TMP/quartiers"
expect_status paths-wpm-zero 2 "$ALLO" paths "$TMP/duree.yaml" --words-per-minute 0
expect_grep paths-wpm-zero-message "^allo: --words-per-minute wants 1 to 1000, not '0'$" "$TMP/err"
expect_status paths-answer-seconds-bad 2 "$ALLO" paths "$TMP/duree.yaml" --answer-seconds 2.5
expect_grep paths-answer-seconds-message "^allo: --answer-seconds wants 0 to 600, not '2.5'$" "$TMP/err"

# The introduction of Allo Quartiers states, in digits, a length inside the estimate's quartiles.
said=$(awk '/- id: acc_intro$/ { on = 1; next } on && /^ *text:/ { print; exit }' "$q" |
    sed -n 's/.*environ \([0-9][0-9]*\) minutes.*/\1/p')
range=$(sed -n 's/^estimated minutes per completed respondent ([^)]*): min [0-9.]*, q1 \([0-9.]*\), median [0-9.]*, q3 \([0-9.]*\), max .*/\1 \2/p' "$TMP/quartiers")
if [ -n "$said" ] && [ -n "$range" ] && echo "$said $range" | awk '{ exit !($1 >= $2 && $1 <= $3) }'; then
	ok paths-intro-length
else
	notok paths-intro-length "acc_intro says '${said:-no minutes in digits}', the estimate's q1 and q3 are '$range'"
fi

# Calibration: the median seconds recorded per question in completed non-test interviews.
cat >"$TMP/duree.sql" <<'EOF'
INSERT INTO interviews (id, case_id, questionnaire_id, login, is_test, seed, status, outcome, started_at, ended_at) VALUES
 (1, NULL, 1, 'enq', 0, 1, 'complete', NULL, '2026-11-30T08:00:00Z', '2026-11-30T08:01:00Z'),
 (2, NULL, 1, 'enq', 0, 1, 'complete', NULL, '2026-11-30T09:00:00Z', '2026-11-30T09:01:00Z'),
 (3, NULL, 1, 'enq', 0, 1, 'complete', NULL, '2026-11-30T10:00:00Z', '2026-11-30T10:01:00Z'),
 (4, NULL, 1, 'enq', 0, 1, 'broken_off', 'breakoff', '2026-11-30T11:00:00Z', '2026-11-30T11:09:00Z');
INSERT INTO interviews (id, case_id, questionnaire_id, login, is_test, seed, status, outcome, started_at, ended_at) VALUES
 (5, NULL, 1, 'enq', 1, 1, 'complete', NULL, '2026-11-30T12:00:00Z', '2026-11-30T13:00:00Z');
INSERT INTO answers (interview_id, var, instance, kind, value, on_path, answered_at, seconds) VALUES
 (1, 'intro', 0, 'seen', NULL, 1, 'x', 5), (2, 'intro', 0, 'seen', NULL, 1, 'x', 10), (3, 'intro', 0, 'seen', NULL, 1, 'x', 6),
 (1, 'q1', 0, 'num', 1, 1, 'x', 20), (2, 'q1', 0, 'num', 2, 1, 'x', 7), (3, 'q1', 0, 'num', 1, 1, 'x', 9),
 (1, 'q2', 0, 'multi', '1', 1, 'x', 4), (2, 'q2', 0, 'multi', '2', 1, 'x', 6), (3, 'q2', 0, 'multi', '3', 0, 'x', 100),
 (1, 'q3', 0, 'num', 3, 1, 'x', 8), (2, 'q3', 0, 'num', 4, 1, 'x', 12), (3, 'q3', 0, 'num', 5, 1, 'x', 9),
 (4, 'q1', 0, 'num', 1, 1, 'x', 500), (3, 'ancienne', 0, 'num', 1, 1, 'x', 30);
INSERT INTO answers (interview_id, var, instance, kind, value, on_path, answered_at, seconds) VALUES
 (5, 'intro', 0, 'seen', NULL, 1, 'x', 1000), (5, 'q1', 0, 'num', 1, 1, 'x', 1000),
 (5, 'q2', 0, 'multi', '1', 1, 'x', 1000), (5, 'q3', 0, 'num', 1, 1, 'x', 1000);
EOF
if command -v sqlite3 >/dev/null 2>&1; then
	"$ALLO" init --test "$TMP/duree.db" "$TMP/duree.yaml" >/dev/null 2>&1
	sqlite3 "$TMP/duree.db" <"$TMP/duree.sql"
	# Estimated: intro 10 words at 150 a minute, 4 s; q1 5 words and 4 s, 6 s; q2 5.2 s; q3 6 s.
	expect_status paths-calibrate 0 "$ALLO" paths "$TMP/duree.yaml" --respondents 50 --calibrate "$TMP/duree.db"
	expect_list paths-calibrate-lines "calibration: $TMP/duree.db" "$TMP/out" "  intro: estimated 4.0 s, recorded median 6.0 s (3 answers)
  q1: estimated 6.0 s, recorded median 9.0 s (3 answers)
  q2: estimated 5.2 s, recorded median 5.0 s (2 answers)
  q3: estimated 6.0 s, recorded median 9.0 s (3 answers)"
	expect_grep paths-calibrate-count "^calibration: .*duree.db: 3 completed interviews (test interviews left out)$" "$TMP/out"
	# 29 s recorded over 21.2 s estimated; 23 words in 29 - 12 s of reading is 81 a minute.
	expect_grep paths-calibrate-ratio "^recorded / estimated: 1.37 over 4 questions$" "$TMP/out"
	expect_grep paths-calibrate-fit "^fitted words per minute at 4 s per answer: 81$" "$TMP/out"
	expect_grep paths-calibrate-report-kept "^questions reached: 3 of 3$" "$TMP/out"
	expect_status paths-calibrate-test 0 "$ALLO" paths "$TMP/duree.yaml" --respondents 50 --calibrate "$TMP/duree.db" --include-test
	expect_grep paths-calibrate-test-count ": 4 completed interviews (test interviews included)$" "$TMP/out"
	expect_grep paths-calibrate-test-q1 "^  q1: estimated 6.0 s, recorded median 14.5 s (4 answers)$" "$TMP/out"
	expect_grep paths-calibrate-test-ratio "^recorded / estimated: 1.84 over 4 questions$" "$TMP/out"
	# A database whose only completes are test interviews says so, unless they are asked for.
	"$ALLO" init --test "$TMP/essai.db" "$TMP/duree.yaml" >/dev/null 2>&1
	sqlite3 "$TMP/essai.db" <"$TMP/duree.sql"
	sqlite3 "$TMP/essai.db" "DELETE FROM answers WHERE interview_id < 5; DELETE FROM interviews WHERE id < 5;"
	expect_status paths-calibrate-only-test 1 "$ALLO" paths "$TMP/duree.yaml" --calibrate "$TMP/essai.db"
	expect_grep paths-calibrate-only-test-message "essai.db: only test interviews are complete; --include-test uses them$" "$TMP/err"
	expect_status paths-calibrate-only-test-included 0 "$ALLO" paths "$TMP/duree.yaml" --calibrate "$TMP/essai.db" --include-test
	expect_grep paths-calibrate-only-test-ratio "^recorded / estimated: " "$TMP/out"
	expect_status paths-calibrate-no-db 1 "$ALLO" paths "$TMP/duree.yaml" --calibrate "$TMP/absent.db"
	expect_grep paths-calibrate-no-db-message "^allo: .*absent.db: " "$TMP/err"
else
	skip paths-calibrate "no sqlite3"
fi

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

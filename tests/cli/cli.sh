# The command dispatcher: help, version, unknown and ambiguous commands.
. "$(dirname "$0")/../lib.sh"

expect_status cli-version 0 "$ALLO" --version
expect_grep cli-version-text "^allo [0-9]" "$TMP/out"
expect_status cli-help 0 "$ALLO" help
expect_grep cli-help-lists-check "^  check " "$TMP/out"
# The list is read on an 80-column terminal: every name apart from its summary, no line wrapped.
expect_eq cli-help-80-columns "$(awk 'length > 80' "$TMP/out")" ""
expect_eq cli-help-aligned "$(awk 'match($0, /^  [a-z]+ +/) { print RLENGTH }' "$TMP/out" | sort -u | wc -l)" 1
expect_status cli-no-command 2 "$ALLO"
expect_status cli-unknown 2 "$ALLO" frobnicate
expect_grep cli-unknown-message "unknown command: frobnicate" "$TMP/err"
expect_status cli-prefix 0 "$ALLO" che --help
expect_grep cli-prefix-usage "^usage: allo check " "$TMP/out"
expect_status cli-command-help 0 "$ALLO" check --help
expect_status cli-help-command 0 "$ALLO" help check
expect_status cli-help-unknown 2 "$ALLO" help nope
expect_status cli-ambiguous 2 "$ALLO" in
expect_grep cli-ambiguous-message "ambiguous command: in, could be: init interview" "$TMP/err"

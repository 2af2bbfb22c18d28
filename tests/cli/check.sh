# allo check: the bad corpus gives exactly its expected diagnostics; good files pass.
. "$(dirname "$0")/../lib.sh"
cd "$TOP" || exit 1

# Each bad file names its diagnostics in "# expect: LINE:COL: LEVEL: MESSAGE" lines
# (or "# expect: LEVEL: MESSAGE" for the whole file) and its status in "# status: N" (default 1).
for f in tests/data/bad/*.yaml; do
	n=check-$(basename "$f" .yaml)
	sed -n 's/^# expect: \([0-9]\)/\1/p; s/^# expect: \([a-z]\)/ \1/p' "$f" |
		sed "s|^ |$f: |; s|^\([0-9]\)|$f:\1|" >"$TMP/want"
	want_status=$(sed -n 's/^# status: //p' "$f"); want_status=${want_status:-1}
	"$ALLO" check "$f" >"$TMP/out" 2>"$TMP/err"
	st=$?
	if [ "$st" != "$want_status" ]; then
		notok "$n" "status $st, want $want_status: $(head -2 "$TMP/err")"
	elif ! cmp -s "$TMP/want" "$TMP/err"; then
		notok "$n" "diagnostics differ: $(diff "$TMP/want" "$TMP/err" | tr '\n' ' ' | cut -c1-400)"
	else
		ok "$n"
	fi
done

for f in tests/data/good/*.yaml; do
	n=check-good-$(basename "$f" .yaml)
	"$ALLO" check "$f" >"$TMP/out" 2>"$TMP/err"
	st=$?
	if [ "$st" = 0 ] && [ ! -s "$TMP/err" ] && grep -q "^$f: ok: [0-9]* questions, [0-9]* themes$" "$TMP/out"; then
		ok "$n"
	else
		notok "$n" "status $st: $(head -3 "$TMP/err") $(cat "$TMP/out")"
	fi
done

# The counting rule: info and computed are not counted, roster questions once.
"$ALLO" check tests/data/good/features.yaml >"$TMP/out" 2>&1
expect_eq check-count "$(cat "$TMP/out")" "tests/data/good/features.yaml: ok: 10 questions, 3 themes"

expect_status check-unreadable 2 "$ALLO" check "$TMP/nonexistent.yaml"
expect_grep check-unreadable-message "nonexistent.yaml: cannot open: No such file or directory" "$TMP/err"
expect_status check-directory 2 "$ALLO" check "$TMP"
expect_status check-no-argument 2 "$ALLO" check
expect_status check-mixed-worst 2 "$ALLO" check tests/data/good/minimal.yaml "$TMP/none.yaml"

# A file over the size limit is refused before it is parsed.
head -c 5000000 /dev/zero | tr '\0' '#' >"$TMP/big.yaml"
expect_status check-too-large 2 "$ALLO" check "$TMP/big.yaml"
expect_grep check-too-large-message "file too large" "$TMP/err"

# An alias bomb is refused at its first alias, whatever its size.
{
	echo 'a: &a ["x","x","x","x","x","x","x","x","x"]'
	for i in 1 2 3 4 5 6 7 8; do echo "b$i: &b$i [*a,*a,*a,*a,*a,*a,*a,*a,*a]"; done
} >"$TMP/bomb.yaml"
expect_status check-alias-bomb 1 "$ALLO" check "$TMP/bomb.yaml"
expect_grep check-alias-bomb-message "anchors" "$TMP/err"

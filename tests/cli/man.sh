# Every manual page renders without a warning, and every command has its page.
. "$(dirname "$0")/../lib.sh"
cd "$TOP" || exit 1
for m in man/*.[0-9]; do
	if mandoc -T lint -W warning "$m" >"$TMP/lint" 2>&1 && [ ! -s "$TMP/lint" ]; then
		ok "man-lint-$(basename "$m")"
	else
		notok "man-lint-$(basename "$m")" "$(head -3 "$TMP/lint")"
	fi
done
for c in $("$ALLO" help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p'); do
	[ "$c" = help ] && continue
	if [ -f "man/allo-$c.1" ]; then ok "man-page-$c"; else notok "man-page-$c" "no man/allo-$c.1"; fi
done

#!/bin/sh
# Runs every test (unit binaries, then cli/ and ui/ scripts) and ends with
# "N passed, N failed, N skipped". Each test prints "ok NAME", "not ok NAME: why"
# or "skip NAME: why" lines; a crash counts as a failure. With ALLO_NO_SKIP=1 (CI)
# a skipped test fails the run.
top=$(cd "$(dirname "$0")/.." && pwd)
: "${ALLO:=$top/build/allo}" "${UNITS:=$top/build/tests}"
export ALLO TOP="$top"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
pass=0 fail=0 skip=0

run_one() {
	name=$1; shift
	"$@" >"$out" 2>&1
	rc=$?
	grep -E '^(not ok|skip) ' "$out" | sed "s|^|$name: |"
	p=$(grep -c '^ok ' "$out"); f=$(grep -c '^not ok ' "$out"); k=$(grep -c '^skip ' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "$name: not ok exit status $rc"; tail -5 "$out" | sed "s|^|$name:   |"
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$k" -eq 0 ]; then
		echo "$name: not ok ran no test"; f=1
	fi
	pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + k))
	[ -n "$VERBOSE" ] && echo "$name: $p ok, $f not ok"
}

for t in "$UNITS"/*_test; do
	[ -x "$t" ] || continue
	run_one "unit/$(basename "$t")" "$t"
done
for t in "$top"/tests/cli/*.sh "$top"/tests/ui/*.sh; do
	[ -f "$t" ] || continue
	case $t in */lib.sh) continue ;; esac
	run_one "$(basename "$(dirname "$t")")/$(basename "$t" .sh)" sh "$t"
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] || exit 1
if [ "$skip" -gt 0 ] && [ -n "$ALLO_NO_SKIP" ]; then
	echo "run: $skip skipped test(s), and this run may skip nothing (ALLO_NO_SKIP)"
	exit 1
fi

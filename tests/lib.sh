# Shared helpers for shell tests: source it, then call ok/notok/expect_*.
# ALLO is the binary under test and TOP the repository, both set by tests/run.sh.
: "${TOP:=$(cd "$(dirname "$0")/../.." && pwd)}" "${ALLO:=$TOP/build/allo}"
DATA=$TOP/tests/data
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok() { echo "ok $1"; }
notok() { echo "not ok $1: $2"; }
skip() { echo "skip $1: $2"; }

# expect_eq NAME GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else notok "$1" "got [$2] want [$3]"; fi
}

# expect_status NAME WANT CMD...: runs CMD, compares its exit status.
expect_status() {
	n=$1 want=$2; shift 2
	"$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	if [ "$got" = "$want" ]; then ok "$n"; else notok "$n" "status $got, want $want: $(head -3 "$TMP/err")"; fi
}

# expect_grep NAME PATTERN FILE
expect_grep() {
	if grep -q -- "$2" "$3"; then ok "$1"; else notok "$1" "no [$2] in $(head -5 "$3")"; fi
}

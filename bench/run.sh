#!/bin/sh
# Runs every benchmark; each prints its figure beside the bare limit it competes with, as a ratio.
top=$(cd "$(dirname "$0")/.." && pwd)
B=${BUILD:-build}/bench
cd "$top" || exit 1
q=questionnaire/allo-quartiers.yaml
[ -f "$q" ] || q=
"$B/bench_load" $q
"$B/bench_answer" $q
"$B/bench_next"
"$B/bench_import" $q
"$B/bench_ui" "${BUILD:-build}/allo" $q
sh bench/bench_report.sh "${BUILD:-build}/allo"
"$B/bench_export" $q

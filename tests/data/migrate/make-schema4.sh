#!/bin/sh
# Remakes schema4.sql, the dump of a database written by the last allo of schema 4
# (the parent of the commit "Schema 5: waves with a secret each..."), and schema4-ids.csv,
# the ids its export gave. Run from the top of a checkout: sh tests/data/migrate/make-schema4.sh
set -eu
top=$(pwd)
d=$top/tests/data/migrate
old=$(mktemp -d)
git worktree add --detach "$old/src" "$(git log --format=%h -1 --grep='^Schema 5: waves')^" >/dev/null
make -C "$old/src" -j8 >/dev/null
a=$old/src/build/allo
cd "$old"
export ALLO_NOW=2026-11-20T09:30:00Z
"$a" init --test s.db "$d/schema4.yaml" >/dev/null
"$a" sample import s.db "$d/schema4-sample.csv" --wave w1 >/dev/null
"$a" user add s.db enq --role interviewer --name "Enquêtrice" >/dev/null
"$a" user add s.db chef --role manager --name "Chef" >/dev/null
"$a" sample dnc s.db "04 65 71 99 99" --as chef >/dev/null
printf '%s\n' next "start P001" "answer 1" "answer rien à signaler" "answer 40" quit |
	"$a" drive s.db --as enq >/dev/null
"$a" export s.db --wave w1 --out out --formats csv --as chef >/dev/null
cut -d, -f1 out/w1.csv > "$d/schema4-ids.csv"
sqlite3 s.db .dump > "$d/schema4.sql"
# .dump leaves out the header fields that say whose file it is and which schema it has.
printf 'PRAGMA application_id = %s;\nPRAGMA user_version = %s;\n' \
	"$(sqlite3 s.db 'PRAGMA application_id')" "$(sqlite3 s.db 'PRAGMA user_version')" \
	>> "$d/schema4.sql"
cd "$top"
git worktree remove --force "$old/src"
rm -rf "$old"

# The security boundary: an installed setgid allo, real Unix users, a fieldwork database that
# only the program can open, roles enforced on every command and verb, no core file.
. "$(dirname "$0")/../lib.sh"
if [ "$(id -u)" != 0 ] || ! command -v useradd >/dev/null || ! command -v setpriv >/dev/null; then
	skip setgid "needs root, useradd and setpriv to make Unix users"
	exit 0
fi
# LeakSanitizer cannot trace a setgid process: leaks are checked by the rest of the suite.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

# A prefix every test user can traverse (mktemp -d and /root are 0700).
P=$(mktemp -d /tmp/allo-setgid.XXXXXX)
chmod 0755 "$P"
users="allo_t_mgr allo_t_iv1 allo_t_iv2 allo_t_sup"
cleanup() {
	pkill -KILL -u allo_t_iv1 2>/dev/null
	for u in $users; do userdel "$u" 2>/dev/null; done
	rm -rf "$P" "$TMP"
}
trap cleanup EXIT
for u in $users; do
	id "$u" >/dev/null 2>&1 || useradd -M -d /nonexistent -s /bin/sh "$u" || notok "useradd-$u" "failed"
done

make -s -C "$TOP" install PREFIX="$P/usr" ALLO_BIN="$ALLO" >"$TMP/install" 2>&1 ||
	notok install "$(tail -3 "$TMP/install")"
A=$P/usr/bin/allo
expect_eq install-mode "$(stat -c '%U:%G %a' "$A")" "root:allo 2755"
expect_eq install-man "$(MANPATH=$P/usr/share/man man -w allo 2>&1)" "$P/usr/share/man/man1/allo.1"
expect_eq install-man-questionnaire "$(MANPATH=$P/usr/share/man man -w 5 allo-questionnaire 2>&1)" \
    "$P/usr/share/man/man5/allo-questionnaire.5"

# as USER CMD...: runs CMD with USER's real and effective ids (setpriv execs, so pids are allo's).
as() { u=$1; shift; setpriv --reuid="$u" --regid="$u" --init-groups "$@"; }
# run NAME WANT USER ARGS...: runs the installed allo as USER, compares its status.
run() { n=$1 want=$2 u=$3; shift 3; expect_status "$n" "$want" as "$u" "$A" "$@"; }

cat >"$P/q.yaml" <<'EOF'
survey: {id: roles, title: "Roles", version: "1"}
fieldwork:
  timezone: Europe/Paris
  windows: {weekday: "00:00-24:00", saturday: "00:00-24:00", sunday: "00:00-24:00"}
  slots: ["00:00-24:00"]
themes:
  - id: t
    title: "T"
    questions:
      - {id: q1, type: number, text: "Q1 ?", min: 0, max: 100}
      - {id: q2, type: number, text: "Q2 ?", min: 0, max: 100}
      - {id: q3, type: number, text: "Q3 ?", min: 0, max: 100}
EOF
printf 'id,phone,name\nC1,04 65 71 00 01,Alice Martin\nC2,04 65 71 00 02,Bruno Petit\nC3,04 65 71 00 03,Chloé Roux\n' >"$P/sample.csv"
chmod 0644 "$P/q.yaml" "$P/sample.csv"
mkdir "$P/work" && chown allo_t_mgr "$P/work"
D=$P/work/survey
DB=$D/s.db

# The manager makes the database: its folder and files belong to the group, closed to others.
run init-fieldwork 0 allo_t_mgr init "$DB" "$P/q.yaml"
expect_grep init-says-fieldwork "fieldwork database created" "$TMP/out"
if [ "$(stat -c %G "$DB" 2>/dev/null)" != allo ]; then
	notok setgid-honoured "the database's group is $(stat -c %G "$DB" 2>/dev/null), not allo: is $P on a nosuid mount, or does this shell run with no_new_privs? $(grep NoNewPrivs /proc/self/status)"
else
	ok setgid-honoured
fi
expect_eq db-folder-mode "$(stat -c '%U:%G %a' "$D")" "allo_t_mgr:allo 2770"
expect_eq db-file-mode "$(stat -c '%U:%G %a' "$DB")" "allo_t_mgr:allo 660"
run user-add-iv1 0 allo_t_mgr user add "$DB" allo_t_iv1 --role interviewer
run user-add-iv2 0 allo_t_mgr user add "$DB" allo_t_iv2 --role interviewer
run user-add-sup 0 allo_t_mgr user add "$DB" allo_t_sup --role supervisor
run sample-import 0 allo_t_sup sample import "$DB" "$P/sample.csv"

# The file itself is closed to an interviewer: no sqlite3, no cat, no copy.
expect_status iv-sqlite3-refused 1 as allo_t_iv1 sqlite3 "$DB" "SELECT phone, name FROM contacts"
expect_grep iv-sqlite3-message "unable to open\|Permission denied\|authorization denied" "$TMP/err"
expect_status iv-cat-refused 1 as allo_t_iv1 cat "$DB"

# Roles hold on every command.
run iv-export-refused 1 allo_t_iv1 export "$DB" --wave 1 --out "$P/work/x"
expect_grep iv-export-message "accès refusé" "$TMP/err"
run iv-quota-refused 1 allo_t_iv1 quota "$DB" list
expect_grep iv-quota-message "accès refusé" "$TMP/err"
run iv-user-refused 1 allo_t_iv1 user add "$DB" allo_t_iv1 --role manager
expect_grep iv-user-message "accès refusé" "$TMP/err"
run iv-as-refused 1 allo_t_iv1 drive "$DB" --as allo_t_mgr
expect_grep iv-as-message "réservé au propriétaire" "$TMP/err"
expect_eq iv-still-interviewer "$(sqlite3 "$DB" "SELECT role FROM users WHERE login = 'allo_t_iv1'")" interviewer

# The test clock is refused on a fieldwork database, and nothing is recorded.
before=$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM calls) || '/' || (SELECT count(*) FROM answer_log)")
printf 'next\nstart C1\nanswer 1\nquit\n' >"$TMP/script"
expect_status iv-allo-now-refused 1 as allo_t_iv1 env ALLO_NOW=2030-01-01T10:00:00Z "$A" drive "$DB" <"$TMP/script"
expect_grep iv-allo-now-message "base de terrain : l'horloge de test (ALLO_NOW) est refusée" "$TMP/err"
expect_eq allo-now-records-nothing "$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM calls) || '/' || (SELECT count(*) FROM answer_log)")" "$before"
expect_eq allo-now-no-forged-date "$(sqlite3 "$DB" "SELECT count(*) FROM cases WHERE lease_until LIKE '2030%'")" 0

# A colleague's interview cannot be resumed, answered, ended or given an appointment.
printf 'next\nstart C1\nanswer 7\nquit\n' | as allo_t_iv1 "$A" drive "$DB" >"$TMP/iv1" 2>&1
expect_grep iv1-answers '"id":"q2"' "$TMP/iv1"
iv=$(sqlite3 "$DB" "SELECT id FROM interviews WHERE case_id = 'C1'")
expect_eq iv1-holds-c1 "$(sqlite3 "$DB" "SELECT lease_login FROM cases WHERE id = 'C1'")" allo_t_iv1
printf 'resume %s\nanswer 99\nquit\n' "$iv" | as allo_t_iv2 "$A" drive "$DB" >"$TMP/iv2" 2>&1
expect_grep iv2-resume-refused '"error":"le cas C1 est tenu par allo_t_iv1' "$TMP/iv2"
expect_grep iv2-answer-refused '"error":"aucun entretien en cours' "$TMP/iv2"
printf 'start C1\noutcome refusal\nappointment 2030-01-02T10:00\nquit\n' |
    as allo_t_iv2 "$A" drive "$DB" >"$TMP/iv2" 2>&1
expect_grep iv2-start-refused '"error":"le cas C1 est tenu par allo_t_iv1' "$TMP/iv2"
expect_grep iv2-outcome-refused '"error":"aucun cas en main' "$TMP/iv2"
expect_eq c1-untouched "$(sqlite3 "$DB" "SELECT state || ' ' || coalesce(final_code, '-') || ' ' || (SELECT group_concat(value) FROM answers WHERE interview_id = $iv AND var = 'q1') FROM cases WHERE id = 'C1'")" "fresh - 7.0"

# Files of the group are opened with the person's own rights: a supervisor cannot import one.
printf 'id,phone\nS1,04 65 71 00 09\n' >"$P/secret.csv"
chgrp allo "$P/secret.csv" && chmod 0640 "$P/secret.csv"
run sup-group-file-refused 2 allo_t_sup sample import "$DB" "$P/secret.csv"
expect_grep sup-group-file-message "Permission denied" "$TMP/err"
run sup-wal-refused 2 allo_t_sup sample import "$DB" "$DB"
expect_eq sup-imported-nothing "$(sqlite3 "$DB" "SELECT count(*) FROM cases")" 3

# A database reached through a link is refused, even by its owner.
as allo_t_mgr ln -s s.db "$D/link.db"
run link-refused 1 allo_t_mgr report "$D/link.db"
expect_grep link-message "lien symbolique refusé" "$TMP/err"

# No core file: the running process's limits say 0 whatever the shell allowed.
mkfifo "$P/work/fifo" && chmod 0666 "$P/work/fifo"
setpriv --reuid=allo_t_iv1 --regid=allo_t_iv1 --init-groups \
    sh -c 'ulimit -c unlimited; exec "$0" drive "$1" <"$2"' "$A" "$DB" "$P/work/fifo" \
    >"$TMP/core-out" 2>&1 &
pid=$!
exec 9>"$P/work/fifo"
i=0
while [ $i -lt 200 ] && { [ "$(readlink "/proc/$pid/exe")" != "$A" ] || [ ! -e "$DB-shm" ]; }; do
	sleep 0.05; i=$((i + 1))
done
for f in "$DB-wal" "$DB-shm"; do
	expect_eq "group-of-$(basename "$f")" "$(stat -c '%G %a' "$f")" "allo 660"
done
expect_eq no-core-soft "$(awk '/^Max core file size/ {print $5}' "/proc/$pid/limits")" 0
expect_eq no-core-hard "$(awk '/^Max core file size/ {print $6}' "/proc/$pid/limits")" 0
expect_eq runs-with-group "$(awk '/^Gid:/ {print $3}' "/proc/$pid/status")" "$(getent group allo | cut -d: -f3)"
# A crash leaves no core file behind.
kill -SEGV $pid 2>/dev/null
exec 9>&-
wait $pid 2>/dev/null
expect_eq crash-no-core "$(ls "$P/work" "$D" | grep -c core)" 0

# A dead interviewer's WAL and SHM files keep the group: the team goes on.
printf 'next\n' | as allo_t_iv2 sh -c 'exec "$0" drive "$1"' "$A" "$DB" >/dev/null 2>&1
{ sleep 2; } | setpriv --reuid=allo_t_iv1 --regid=allo_t_iv1 --init-groups "$A" drive "$DB" \
    >/dev/null 2>&1 &
pid=$!
sleep 0.5
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
printf 'next\nquit\n' | as allo_t_iv2 "$A" drive "$DB" >"$TMP/iv2" 2>&1
expect_grep team-goes-on '"ok":true,"case"' "$TMP/iv2"

# The report and the export say which kind of database this is.
run report-kind 0 allo_t_mgr report "$DB" --section progress
expect_grep report-says-fieldwork "Base : de terrain" "$TMP/out"

# A test database follows ALLO_NOW for its owner only.
run init-test 0 allo_t_mgr init --test "$P/work/test/t.db" "$P/q.yaml"
run test-user 0 allo_t_mgr user add "$P/work/test/t.db" allo_t_iv1 --role interviewer
run test-sample 0 allo_t_mgr sample import "$P/work/test/t.db" "$P/sample.csv"
printf 'next\nquit\n' >"$TMP/script"
expect_status test-clock-owner 0 as allo_t_mgr env ALLO_NOW=2030-01-07T10:00:00+01:00 \
    "$A" drive "$P/work/test/t.db" --as allo_t_iv1 <"$TMP/script"
expect_eq test-clock-followed "$(sqlite3 "$P/work/test/t.db" "SELECT count(*) FROM cases WHERE lease_until LIKE '2030-01-07%'")" 1
expect_status test-clock-not-owner 1 as allo_t_iv1 env ALLO_NOW=2030-01-07T10:00:00+01:00 \
    "$A" drive "$P/work/test/t.db" <"$TMP/script"
expect_grep test-clock-not-owner-message "réservée au propriétaire" "$TMP/err"

# The durability test, through the setgid binary, as an interviewer.
chmod 0711 "$TMP"
mkdir "$TMP/kill" && chown allo_t_mgr:allo "$TMP/kill" && chmod 2770 "$TMP/kill"
KILL_AS=allo_t_mgr KILL_DIR=$TMP/kill ALLO=$A KILL_ROUNDS=15 sh "$TOP/tests/cli/kill.sh" >"$TMP/kill.out" 2>&1
grep -E '^(ok|not ok)' "$TMP/kill.out" | sed 's/^\(not \)\{0,1\}ok /&setgid-/'

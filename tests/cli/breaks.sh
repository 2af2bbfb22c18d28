# Breaks: allo drive pause and resume record a break with its length; nothing else is done
# during one; leaving ends it; allo report --section interviewers shows break time.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
me=$(id -un)
"$ALLO" init --test s.db "$TOP/tests/data/good/minimal.yaml" >/dev/null
"$ALLO" user add s.db "$me" --role interviewer --name "Marie" >/dev/null
sqlite3 s.db "INSERT INTO cases (id, wave, created_at) VALUES ('C1', 'w1', 'x');
	INSERT INTO contacts (case_id, phone) VALUES ('C1', '+33465710001')"
at() { ALLO_NOW="2026-11-30T$1:00+01:00"; export ALLO_NOW; }
drive() { printf '%s\n' "$@" | "$ALLO" drive s.db 2>&1; }
reply() { sed -n "${1}p" "$TMP/replies"; }
q() { sqlite3 s.db "$1"; }

# A break, refused twice, with nothing else done during it; leaving ends it.
at 10:00
drive pause pause next "start C1" "resume 1" show resume quit >"$TMP/replies"
expect_eq pause-starts "$(reply 1)" '{"ok":true,"pause":{"since":"2026-11-30T09:00:00Z"}}'
expect_eq pause-twice "$(reply 2)" '{"ok":false,"error":"Déjà en pause depuis 10:00."}'
expect_eq pause-no-next "$(reply 3)" '{"ok":false,"error":"En pause depuis 10:00 : « resume » pour reprendre."}'
expect_eq pause-no-start "$(reply 4)" "$(reply 3)"
expect_eq pause-no-resume-interview "$(reply 5)" "$(reply 3)"
expect_eq pause-show "$(reply 6)" '{"ok":false,"error":"aucun entretien en cours : start [CAS]"}'
expect_eq pause-resume "$(reply 7)" '{"ok":true,"resumed":{"since":"2026-11-30T09:00:00Z","seconds":0}}'
expect_eq pause-stored "$(q "SELECT login || ' ' || started_at || ' ' || ended_at || ' ' || seconds FROM breaks")" \
	"$me 2026-11-30T09:00:00Z 2026-11-30T09:00:00Z 0"
expect_eq resume-without-break "$(drive resume)" '{"ok":false,"error":"resume attend un numéro d'"'"'entretien"}'

# A break outlives a session that died: the next one is on break until resume, which records
# the whole length.
at 10:30
mkfifo in
"$ALLO" drive s.db <in >a.out 2>&1 &
pid=$!
exec 3>in
echo pause >&3
i=0
while [ ! -s a.out ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
kill -9 $pid 2>/dev/null
exec 3>&-
wait $pid 2>/dev/null
expect_eq pause-left-open "$(q "SELECT count(*) FROM breaks WHERE ended_at IS NULL")" 1
at 10:45
drive next resume next quit >"$TMP/replies"
expect_eq pause-next-session "$(reply 1)" '{"ok":false,"error":"En pause depuis 10:30 : « resume » pour reprendre."}'
expect_eq pause-length "$(reply 2)" '{"ok":true,"resumed":{"since":"2026-11-30T09:30:00Z","seconds":900}}'
case $(reply 3) in *'"case":{"id":"C1"'*) ok pause-work-after ;; *) notok pause-work-after "$(reply 3)" ;; esac

# Leaving during a break ends it then.
at 11:00
drive pause quit >/dev/null
expect_eq pause-quit-ends "$(q "SELECT ended_at || ' ' || seconds FROM breaks ORDER BY id DESC LIMIT 1")" "2026-11-30T10:00:00Z 0"
at 11:10
printf 'pause\n' | "$ALLO" drive s.db >/dev/null 2>&1
expect_eq pause-eof-ends "$(q "SELECT count(*) FROM breaks WHERE ended_at IS NULL")" 0

# The report: breaks and their minutes for each interviewer (4 breaks, 15 minutes in all).
"$ALLO" report s.db --section interviewers --format csv >iv.csv
expect_grep report-breaks "^$me,Marie,.*,4,15$" iv.csv
"$ALLO" report s.db --section interviewers >iv.text
expect_grep report-breaks-text "Pauses : minutes de pause enregistrées" iv.text

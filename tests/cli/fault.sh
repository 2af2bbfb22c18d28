# A disk that fails under an interview: the sync of SQLite's log made to fail with EIO by the
# LD_PRELOAD shim tests/fault/inject.c. Each reply must say what the database holds then, on one
# line of 78 columns at most; the interview must go on, the answer log stay true, and what was
# said not-stored stay so after a crash.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
me=$(id -un)
SHIM=${INJECT:-$(dirname "$ALLO")/tests/inject.so}
if [ ! -f "$SHIM" ]; then
	notok shim "no $SHIM (make units builds it)"
	exit 0
fi
# ASan wants its runtime first among the libraries loaded: it goes before the shim.
asan=$(ldd "$ALLO" 2>/dev/null | awk '/libasan/ { print $3; exit }')
PRELOAD="${asan:+$asan }$SHIM"

cat >p.yaml <<'YAML'
survey: {id: panne, title: "Panne de disque", version: "1"}
themes:
  - id: t
    title: "T"
    questions:
      - {id: intro, type: info, text: "Bonjour."}
      - {id: age, type: number, text: "Quel âge avez-vous ?", min: 15, max: 110}
      - {id: rue, type: text, text: "Dans quelle rue habitez-vous ?", max_length: 200}
      - {id: fin, type: single, text: "Tout est juste ?", options: {1: "Oui", 2: "Non"}}
YAML
"$ALLO" init --test base.db p.yaml >/dev/null || notok setup "init"
"$ALLO" user add base.db "$me" --role interviewer --name "Marie D." >/dev/null || notok setup "user"
sqlite3 base.db "INSERT INTO cases (id, wave, created_at) VALUES ('C1', 'w1', 'now')"

q() { sqlite3 s.db "$1"; }
reply() { sed -n "${1}p" replies; }
said() { reply "$1" | sed -n 's/^{"ok":false,"error":"\(.*\)"}$/\1/p'; }

# fault VAR LINE CMD...: drives CMD on a fresh copy (s.db) with the fault VAR=N (and $FAULT_ENV),
# N the smallest count that makes reply LINE the first error; the replies are left in ./replies.
fault() {
	var=$1 line=$2
	shift 2
	n=0
	while [ $n -le 60 ]; do
		rm -f s.db s.db-wal s.db-shm log
		cp base.db s.db
		printf '%s\n' "$@" | env $FAULT_ENV "$var=$n" ALLO_FAULT_LOG="$TMP/log" \
		    LD_PRELOAD="$PRELOAD" "$ALLO" drive s.db >replies 2>derr
		first=$(grep -n '"ok":false' replies | head -1 | cut -d: -f1)
		[ -z "$first" ] || [ "$first" -gt "$line" ] && break
		[ "$first" -eq "$line" ] && [ -s log ] && return 0
		n=$((n + 1))
	done
	notok "fault-$var-at-$line" "no count of $var breaks reply $line alone: $(head -c 300 replies) $(head -3 derr)"
	return 1
}

# width NAME LINE: the message of reply LINE fits the 78 columns of an 80-column screen's line.
width() {
	w=$(said "$2" | LC_ALL=C.UTF-8 wc -L)
	if [ -n "$(said "$2")" ] && [ "$w" -le 78 ]; then ok "$1"; else notok "$1" "$w columns: $(reply "$2")"; fi
}

# A new answer whose commit fails: not on disk, and the reply says so.
if fault ALLO_FAULT_SYNC_AFTER 3 "start C1" "answer" "answer 45" "quit"; then
	at=$n
	expect_eq lost-answer-said "$(said 3)" "Disque en erreur : réponse NON enregistrée, la saisir à nouveau."
	width lost-answer-width 3
	expect_grep lost-answer-fault-on-log 'fdatasync .*/s.db-wal$' log
	expect_eq lost-answer-not-stored "$(q "SELECT count(*) FROM answers WHERE var = 'age'")" 0
	expect_eq lost-answer-not-logged "$(q "SELECT count(*) FROM answer_log WHERE var = 'age'")" 0
	expect_eq lost-answer-position "$(q "SELECT position_var FROM interviews")" age
fi

# The same, and the interview goes on in the same process: the answer typed again lands once.
if fault ALLO_FAULT_SYNC_AFTER 3 "start C1" "answer" "answer 45" "answer 45" "answer Rue Blatin" \
    "quit"; then
	case $(reply 4) in *'"ok":true,"screen":'*'"id":"rue"'*) ok goes-on-next-screen ;;
		*) notok goes-on-next-screen "$(reply 4)" ;; esac
	expect_eq goes-on-stored "$(q "SELECT var || '=' || coalesce(value, '') FROM answers ORDER BY var")" "age=45.0
intro=
rue=Rue Blatin"
	expect_eq goes-on-log "$(q "SELECT var || ':' || coalesce(old, '-') || '>' || new FROM answer_log ORDER BY id")" "age:->45
rue:->Rue Blatin"
	expect_eq goes-on-position "$(q "SELECT status || ' ' || position_var FROM interviews")" "in_progress fin"
fi

# Killed just after the failure: what was said not stored must not come back with SQLite's
# recovery of its log (the failed transaction is written whole in the log before its sync).
cp base.db s.db
rm -f log fifo
mkfifo fifo
ALLO_FAULT_SYNC_AFTER=${at:-0} ALLO_FAULT_LOG="$TMP/log" LD_PRELOAD="$PRELOAD" \
    "$ALLO" drive s.db <fifo >replies 2>derr &
pid=$!
exec 3>fifo
printf '%s\n' "start C1" "answer" "answer 45" >&3
i=0
while [ "$(wc -l <replies)" -lt 3 ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
kill -9 $pid
wait $pid 2>/dev/null
exec 3>&-
expect_eq crash-said "$(said 3)" "Disque en erreur : réponse NON enregistrée, la saisir à nouveau."
expect_eq crash-log-left "$(ls s.db-wal 2>/dev/null)" s.db-wal
expect_eq crash-not-back "$(q "SELECT count(*) FROM answers WHERE var = 'age'")" 0
expect_eq crash-not-logged "$(q "SELECT count(*) FROM answer_log WHERE var = 'age'")" 0
expect_eq crash-position "$(q "SELECT position_var FROM interviews")" age

# The rewrite of that trace fails too: nothing can be promised.
if FAULT_ENV=ALLO_FAULT_SYNC_FAILS=2 fault ALLO_FAULT_SYNC_AFTER 3 "start C1" "answer" "answer 45" \
    "quit"; then
	expect_eq uncertain-said "$(said 3)" "Disque en erreur : réponse incertaine, la saisir à nouveau."
	expect_eq uncertain-faults "$(wc -l <log)" 2
fi

# An information screen.
if fault ALLO_FAULT_SYNC_AFTER 2 "start C1" "answer" "quit"; then
	expect_eq screen-said "$(said 2)" "Disque en erreur : écran NON enregistré, le valider à nouveau."
	expect_eq screen-not-stored "$(q "SELECT count(*) FROM answers")" 0
	expect_eq screen-position "$(q "SELECT coalesce(position_var, '') FROM interviews")" ""
fi

# The same answer again after going back: the disk already holds it, but not the move on.
if fault ALLO_FAULT_SYNC_AFTER 5 "start C1" "answer" "answer 45" "back" "answer 45" "quit"; then
	expect_eq same-said "$(said 5)" "Disque en erreur : réponse (45) déjà enregistrée, la valider à nouveau."
	expect_eq same-stored "$(q "SELECT value || ' ' || (SELECT position_var FROM interviews) FROM answers WHERE var = 'age'")" "45.0 age"
fi

# Another answer after going back: the old one stays, and the reply quotes it.
if fault ALLO_FAULT_SYNC_AFTER 5 "start C1" "answer" "answer 45" "back" "answer 50" "answer 50" \
    "quit"; then
	expect_eq other-said "$(said 5)" "Disque en erreur : réponse NON enregistrée (reste 45), à ressaisir."
	expect_eq other-then-stored "$(q "SELECT value FROM answers WHERE var = 'age'")" "50.0"
	expect_eq other-log "$(q "SELECT coalesce(old, '-') || '>' || new FROM answer_log WHERE var = 'age' ORDER BY id")" "->45
45>50"
fi

# A long text answer is cut to fit the line.
long="Allée des Châtaigniers de la Butte aux Cailles, résidence Les Hauts de Chanturgue"
if fault ALLO_FAULT_SYNC_AFTER 6 "start C1" "answer" "answer 45" "answer $long" "back" "answer X" \
    "quit"; then
	case $(said 6) in "Disque en erreur : réponse NON enregistrée (reste Allée des"*"…), à ressaisir.")
		ok long-cut ;; *) notok long-cut "$(reply 6)" ;; esac
	width long-width 6
	expect_eq long-stored "$(q "SELECT value FROM answers WHERE var = 'rue'")" "$long"
fi

# Back and breakoff say whether the change is on disk.
if fault ALLO_FAULT_SYNC_AFTER 4 "start C1" "answer" "answer 45" "back" "back" "quit"; then
	expect_eq move-said "$(said 4)" "Disque en erreur : déplacement NON enregistré, le refaire."
	case $(reply 5) in *'"id":"age"'*) ok move-again ;; *) notok move-again "$(reply 5)" ;; esac
	expect_eq move-stored "$(q "SELECT position_var FROM interviews")" age
fi
if fault ALLO_FAULT_SYNC_AFTER 3 "start C1" "answer" "breakoff" "breakoff" "quit"; then
	expect_eq pause-said "$(said 3)" "Disque en erreur : interruption NON enregistrée, la refaire."
	expect_eq pause-again "$(reply 4)" '{"ok":true,"done":"broken_off","outcome":"breakoff","answered":0,"route":3}'
	expect_eq pause-one-call "$(q "SELECT count(*) FROM calls WHERE case_id = 'C1'")" 1
	expect_eq pause-stored "$(q "SELECT status FROM interviews")" broken_off
fi

# A write of the log that fails, rather than its sync.
if fault ALLO_FAULT_WRITE_AFTER 3 "start C1" "answer" "answer 45" "answer 45" "quit"; then
	expect_eq write-said "$(said 3)" "Disque en erreur : réponse NON enregistrée, la saisir à nouveau."
	expect_eq write-then-stored "$(q "SELECT count(*) || ' ' || max(value) FROM answers WHERE var = 'age'")" "1 45.0"
	expect_eq write-log "$(q "SELECT count(*) FROM answer_log WHERE var = 'age'")" 1
fi

# A refusal that trying again would not cure (the case taken by a colleague): its cause whole,
# no advice, and nothing written to the interview.
cp base.db s.db
"$ALLO" user add s.db iv3 --role interviewer >/dev/null
(echo "start C1"; sleep 0.5; q "UPDATE cases SET lease_login = 'iv3' WHERE id = 'C1';
    UPDATE interviews SET updated_at = 'avant'"; echo "answer"; echo quit) |
    "$ALLO" drive s.db >replies 2>derr
expect_eq refused-said "$(said 2)" "Le cas C1 est tenu par iv3, pas par vous : refusé : écran NON enregistré."
expect_eq refused-untouched "$(q "SELECT updated_at FROM interviews")" avant

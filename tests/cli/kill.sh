# Durability: an interview killed with SIGKILL at 50 random points loses no acknowledged answer.
# KILL_AS=LOGIN runs allo as that user (setpriv execs, so the pid killed is allo's) in KILL_DIR,
# a folder LOGIN may write: tests/cli/setgid.sh runs it so through the installed setgid binary.
. "$(dirname "$0")/../lib.sh"
cd "${KILL_DIR:-$TMP}" || exit 1
N=1500 ROUNDS=${KILL_ROUNDS:-50}
me=$(id -un)
RUN=""
if [ -n "$KILL_AS" ]; then
	me=$KILL_AS
	RUN="setpriv --reuid=$KILL_AS --regid=$KILL_AS --init-groups"
fi
{
	printf 'survey: {id: kill, title: "Kill", version: "1"}\nthemes:\n  - id: t\n    title: "T"\n    questions:\n'
	i=1
	while [ $i -le $N ]; do
		printf '      - {id: q%d, type: number, text: "Q%d ?", min: 0, max: 100000}\n' $i $i
		i=$((i + 1))
	done
} >kill.yaml
$RUN "$ALLO" init --test k.db kill.yaml >/dev/null || { notok kill-init "init failed"; exit 0; }
$RUN "$ALLO" user add k.db "$me" --role interviewer >/dev/null
sqlite3 k.db "INSERT INTO cases (id, wave, created_at) VALUES ('K1', 'w', 'now')"

# The answers stored so far must be exactly q1..qN with value i each.
stored() { sqlite3 k.db "SELECT count(*) FROM answers WHERE value = CAST(substr(var, 2) AS REAL)"; }
all() { sqlite3 k.db "SELECT count(*) FROM answers"; }

bad=0 round=0 seed=7
while [ $round -lt "$ROUNDS" ]; do
	n=$(all)
	[ "$n" -ge $N ] && break
	{
		echo "start K1"
		i=$((n + 1))
		while [ $i -le $N ]; do echo "answer $i"; i=$((i + 1)); done
	} >script
	$RUN "$ALLO" drive k.db <script >replies 2>/dev/null &
	pid=$!
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	sleep "0.0$(( seed % 30 + 2 ))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	acked=$(grep -c '"ok":true' replies)
	acked=$((acked > 0 ? acked - 1 : 0))		# the first reply is the start screen
	now=$(all)
	if [ "$(stored)" != "$now" ] || [ "$now" -lt $((n + acked)) ]; then
		bad=$((bad + 1))
		echo "# round $round: had $n, acknowledged $acked more, stored $now ($(stored) right)"
	fi
	# Resume must land on the first unanswered question.
	next=$(printf 'start K1\nquit\n' | $RUN "$ALLO" drive k.db | head -1)
	case $next in *"\"id\":\"q$((now + 1))\""*|*"déjà un entretien terminé"*) ;;
		*) bad=$((bad + 1)); echo "# round $round: resumed at $(echo "$next" | cut -c1-120), want q$((now + 1))" ;;
	esac
	round=$((round + 1))
done
expect_eq kill-rounds "$round" "$ROUNDS"
expect_eq kill-no-acknowledged-answer-lost "$bad" 0
# Finish the interview and check everything.
n=$(all)
{ echo "start K1"; i=$((n + 1)); while [ $i -le $N ]; do echo "answer $i"; i=$((i + 1)); done; } >script
$RUN "$ALLO" drive k.db <script >replies 2>&1
expect_eq kill-complete "$(sqlite3 k.db "SELECT status FROM interviews")" complete
expect_eq kill-all-values "$(stored)" $N
expect_eq kill-integrity "$(sqlite3 k.db 'PRAGMA integrity_check')" ok

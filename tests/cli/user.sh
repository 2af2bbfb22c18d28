# allo user list, disable and enable; the database's owner acts as supervisor and manager on
# their own database whatever role they were registered with (as make demo registers them).
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
me=$(id -un)
Q=$TOP/tests/data/good/minimal.yaml
export ALLO_NOW=2026-11-30T10:00:00+01:00

"$ALLO" init --test s.db "$Q" >/dev/null
sqlite3 s.db "INSERT INTO cases (id, wave, created_at) VALUES ('C1', 'w1', 'x');
	INSERT INTO contacts (case_id, phone) VALUES ('C1', '+33465710001')"
# What make demo does: the owner is an interviewer of their own database.
"$ALLO" user add s.db "$me" --role interviewer --name "$me (démo)" >/dev/null
"$ALLO" user add s.db chef --role manager --name "Anne C." >/dev/null
"$ALLO" user add s.db sup --role supervisor --name "Sam S." >/dev/null
"$ALLO" user add s.db marie --role interviewer --name "Marie D." >/dev/null

# The owner, registered as an interviewer, is still supervisor and manager of the database.
expect_status owner-quota-list 0 "$ALLO" quota s.db list
expect_status owner-report 0 "$ALLO" report s.db --section interviewers
expect_status owner-user-add 0 "$ALLO" user add s.db paul --role interviewer
expect_status owner-drive 0 sh -c "echo quit | '$ALLO' drive s.db"
# With --as the owner takes the role of the user named, as before.
expect_status owner-as-interviewer-quota 1 "$ALLO" quota s.db list --as marie
expect_grep owner-as-interviewer-message "accès refusé : marie a le rôle interviewer" err
expect_status supervisor-quota 0 "$ALLO" quota s.db list --as sup

# The list: French headers, roles and states.
expect_status list 0 "$ALLO" user list s.db
expect_eq list-header "$(head -1 out | tr -s ' ')" "identifiant nom rôle état"
expect_eq list-marie "$(grep '^marie ' out | tr -s ' ')" "marie Marie D. enquêteur actif"
expect_eq list-chef "$(grep '^chef ' out | tr -s ' ')" "chef Anne C. responsable actif"
expect_eq list-rows "$(wc -l <out)" 6
expect_status list-as-supervisor 0 "$ALLO" user list s.db --as sup
expect_status list-as-interviewer 1 "$ALLO" user list s.db --as marie

# Disabling: a manager or the owner; never an interviewer or a supervisor; not oneself.
expect_status disable-by-interviewer 1 "$ALLO" user disable s.db chef --as marie
expect_status disable-by-supervisor 1 "$ALLO" user disable s.db marie --as sup
expect_status disable-self 1 "$ALLO" user disable s.db chef --as chef
expect_grep disable-self-message "vous ne pouvez pas désactiver votre propre compte" err
expect_status disable-unknown 1 "$ALLO" user disable s.db nobody
expect_grep disable-unknown-message "utilisateur inconnu : nobody" err
expect_status disable-usage 2 "$ALLO" user disable s.db
expect_status disable 0 "$ALLO" user disable s.db marie --as chef
expect_eq disable-message "$(cat out)" "marie : désactivé le 30/11/2026 10:00 par chef"
expect_eq disable-stored "$(sqlite3 s.db "SELECT active || ' ' || disabled_at || ' ' || disabled_by FROM users WHERE login = 'marie'")" \
	"0 2026-11-30T09:00:00Z chef"
expect_eq disable-logged "$(sqlite3 s.db "SELECT login || ' ' || action || ' ' || target FROM supervisor_log")" "chef user_disable marie"
expect_status disable-again 0 "$ALLO" user disable s.db marie
expect_eq disable-again-message "$(cat out)" "marie : déjà désactivé le 30/11/2026 10:00 par chef"
expect_status list-disabled 0 "$ALLO" user list s.db
expect_eq list-disabled-row "$(grep '^marie ' out | tr -s ' ')" "marie Marie D. enquêteur désactivé le 30/11/2026 10:00 par chef"

# A disabled user cannot start anything; their history is kept.
expect_status disabled-drive 1 "$ALLO" drive s.db --as marie
expect_grep disabled-drive-message "accès refusé : le compte marie est désactivé depuis le 30/11/2026 10:00 (allo user enable)" err
expect_status disabled-interview 1 "$ALLO" interview s.db --as marie
expect_grep disabled-interview-message "le compte marie est désactivé" err
expect_status disabled-case 1 "$ALLO" case explain s.db C1 --as marie
expect_status disabled-report 1 "$ALLO" report s.db --as marie
"$ALLO" user disable s.db sup >/dev/null
expect_status disabled-supervise 1 "$ALLO" supervise s.db --as sup
expect_status disabled-quota 1 "$ALLO" quota s.db list --as sup
expect_grep disabled-quota-message "le compte sup est désactivé" err
# Adding again changes the role and the name, not the state.
expect_status readd-disabled 0 "$ALLO" user add s.db sup --role supervisor --name "Sam T."
expect_eq readd-keeps-state "$(sqlite3 s.db "SELECT active || name FROM users WHERE login = 'sup'")" "0Sam T."

# Enabling gives the account back, with its history.
expect_status enable-by-interviewer 1 "$ALLO" user enable s.db marie --as paul
ALLO_NOW=2026-11-30T10:30:00+01:00 expect_status enable 0 env ALLO_NOW=2026-11-30T10:30:00+01:00 "$ALLO" user enable s.db marie --as chef
expect_eq enable-message "$(cat out)" "marie : actif"
expect_eq enable-stored "$(sqlite3 s.db "SELECT active || coalesce(disabled_at, '-') FROM users WHERE login = 'marie'")" "1-"
expect_eq enable-logged "$(sqlite3 s.db "SELECT group_concat(action, ' ') FROM supervisor_log WHERE target = 'marie'")" "user_disable user_enable"
expect_status enable-again 0 "$ALLO" user enable s.db marie
expect_eq enable-again-message "$(cat out)" "marie : déjà actif"
expect_status enabled-drive 0 sh -c "echo quit | '$ALLO' drive s.db --as marie"

# allo init, user and drive: a scripted interview with every kind of reply, and bad databases.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
Q=$TOP/tests/data/good/features.yaml
me=$(id -un)

expect_status init-creates 0 "$ALLO" init --test s.db "$Q"
expect_grep init-message "created for features 2026-11 (10 questions)" out
expect_status init-refuses-overwrite 1 "$ALLO" init --test s.db "$Q"
expect_grep init-overwrite-message "s.db : existe déjà ; allo n.écrase jamais une base" err
expect_status init-bad-questionnaire 1 "$ALLO" init --test bad.db "$TOP/tests/data/bad/unknown-name.yaml"
expect_eq init-bad-leaves-nothing "$(ls bad.db 2>/dev/null)" ""
expect_status init-usage 2 "$ALLO" init --test s.db
expect_eq init-wal "$(sqlite3 s.db 'PRAGMA journal_mode')" "wal"
expect_eq init-schema-version "$(sqlite3 s.db 'PRAGMA user_version')" "7"

expect_status drive-unknown-user 1 "$ALLO" drive s.db
expect_grep drive-unknown-user-message "utilisateur inconnu : $me" err
expect_status user-add 0 "$ALLO" user add s.db "$me" --role interviewer --name "Marie D."
expect_status user-bad-role 2 "$ALLO" user add s.db x --role boss
expect_status user-add-other 0 "$ALLO" user add s.db chef --role manager --name "Chef"
sqlite3 s.db "INSERT INTO cases (id, wave, created_at) VALUES ('C1', 'w1', 'now'), ('C2', 'w1', 'now')"

# One line per command; replies are one JSON object per line.
drive() { printf '%s\n' "$@" | "$ALLO" drive s.db 2>"$TMP/derr"; }
reply() { sed -n "${1}p" "$TMP/replies"; }

drive "start C1" "answer" "answer 1" "answer 45" "answer 12" "confirm" "goto nb_personnes" \
	"answer 3" "answer 2" "answer 70" "answer 2" "answer 40" "answer 60" "answer 20" \
	"answer 1,9" "answer 1,2" "back" "back" "goto nope" "dk" "rf" "answer" "quit" >"$TMP/replies"
expect_grep drive-first-screen-info '"id":"intro".*"type":"info"' "$TMP/replies"
case $(reply 1) in *'"text":"Bonjour, je suis Marie D.. Vous habitez'*) ok drive-fill-interviewer ;;
	*) notok drive-fill-interviewer "$(reply 1)" ;; esac
case $(reply 2) in *'"id":"consent"'*'"options":[[1,"Oui"],[2,"Non"]]'*'"dk":false'*) ok drive-consent-screen ;;
	*) notok drive-consent-screen "$(reply 2)" ;; esac
expect_eq drive-soft-check "$(reply 5)" '{"ok":false,"warning":"Ménage de 12 personnes : confirmer.","confirm":true}'
case $(reply 6) in *'"id":"mb_sexe"'*'"title":"Personne 1"'*'"instance":1,'*) ok drive-confirm-roster ;;
	*) notok drive-confirm-roster "$(reply 6)" ;; esac
case $(reply 7) in *'"id":"nb_personnes"'*'"value":12,'*) ok drive-goto-shows-value ;;
	*) notok drive-goto-shows-value "$(reply 7)" ;; esac
case $(reply 10) in *'"id":"mb_sexe"'*'"text":"La personne 2 est-elle'*'"instance":2,'*) ok drive-roster-instance-2 ;;
	*) notok drive-roster-instance-2 "$(reply 10)" ;; esac
expect_eq drive-hard-check "$(reply 13)" '{"ok":false,"error":"Plus d'"'"'années dans le quartier que l'"'"'âge déclaré."}'
expect_eq drive-exclusive "$(reply 15)" '{"ok":false,"error":"« Aucun » ne se combine pas avec d'"'"'autres réponses."}'
case $(reply 16) in *'"id":"num_aise"'*'"options":[[1,"Tout à fait d'"'"'accord"]'*) ok drive-any-roster-route ;;
	*) notok drive-any-roster-route "$(reply 16)" ;; esac
case $(reply 18) in *'"id":"annees"'*'"value":20,'*) ok drive-back-twice ;; *) notok drive-back-twice "$(reply 18)" ;; esac
expect_eq drive-goto-unknown "$(reply 19)" '{"ok":false,"error":"« nope » n'"'"'est pas sur le parcours déjà atteint."}'
case $(reply 20) in *'"id":"num_usages"'*'"value":[1,2],'*) ok drive-dk-advances ;; *) notok drive-dk-advances "$(reply 20)" ;; esac
expect_eq drive-empty-answer "$(reply 22)" '{"ok":false,"error":"Réponse vide."}'
expect_eq drive-reply-count "$(wc -l <"$TMP/replies")" 23
expect_eq drive-last-bye "$(reply 23)" '{"ok":true,"bye":true}'
expect_eq drive-values-stored "$(sqlite3 s.db "SELECT var || '=' || kind || ':' || coalesce(value, '') FROM answers WHERE var IN ('age', 'nb_personnes', 'annees', 'num_usages') ORDER BY var")" "age=num:45.0
annees=dk:
nb_personnes=num:3.0
num_usages=rf:"

# Resume puts the interviewer back on the exact question.
before=$(sqlite3 s.db "SELECT position_var || ':' || position_instance FROM interviews WHERE id = 1")
drive "start C1" "quit" >"$TMP/replies"
case $(reply 1) in *"\"id\":\"${before%:*}\""*) ok drive-resume-position ;;
	*) notok drive-resume-position "want $before: $(reply 1)" ;; esac

# Changing an answer re-routes: the later roster instances leave the route but are kept.
drive "start C1" "goto nb_personnes" "answer 2" "quit" >"$TMP/replies"
case $(reply 3) in *'"off_path":'[1-9]*) ok drive-offpath-count ;; *) notok drive-offpath-count "$(reply 3)" ;; esac
expect_eq drive-offpath-stored "$(sqlite3 s.db "SELECT count(*) FROM answers WHERE on_path = 0")" 2
expect_eq drive-audit-change "$(sqlite3 s.db "SELECT count(*) FROM answer_log WHERE var = 'nb_personnes' AND old = '3' AND new = '2'")" 1
expect_eq drive-audit-who "$(sqlite3 s.db "SELECT DISTINCT login FROM answer_log")" "$me"
sqlite3 s.db "DELETE FROM answer_log" >out 2>err
expect_grep drive-audit-append-only "answer_log is append-only" err
drive "start C1" "goto nb_personnes" "answer 3" "quit" >"$TMP/replies"
expect_eq drive-offpath-return "$(sqlite3 s.db "SELECT count(*) FROM answers WHERE on_path = 0")" 0

# Terminate rules screen out; the interview is then closed.
drive "start C2" "answer" "answer 2" "answer 1" "quit" >"$TMP/replies"
expect_eq drive-screened-out "$(reply 3)" '{"ok":true,"done":"screened_out","outcome":"refusal","message":"Remercier et raccrocher."}'
expect_eq drive-screened-status "$(sqlite3 s.db "SELECT status || ' ' || outcome FROM interviews WHERE case_id = 'C2'")" "screened_out refusal"
case $(reply 4) in *'"error":"L'"'"'entretien est terminé."'*) ok drive-closed ;; *) notok drive-closed "$(reply 4)" ;; esac

# A test interview runs to completion.
drive "start" "answer" "answer 1" "answer 30" "answer 1" "answer 5" "answer 1,2" "answer 3" \
	"quit" >"$TMP/replies"
expect_eq drive-complete "$(reply 7)" '{"ok":true,"done":"complete"}'
expect_eq drive-test-flag "$(sqlite3 s.db "SELECT is_test || status FROM interviews WHERE case_id IS NULL")" "1complete"

# Malformed commands get an error reply, never a crash.
drive "answer 1" "frobnicate" "goto" "start NOPE" "resume x" "" "start C1" "goto" "quit" >"$TMP/replies"
expect_eq drive-malformed-count "$(grep -c '"ok":false' "$TMP/replies")" 6
expect_grep drive-unknown-case 'cas inconnu : NOPE' "$TMP/replies"
case $(reply 6) in *'"ok":true'*) ok drive-survives-malformed ;; *) notok drive-survives-malformed "$(reply 6)" ;; esac

# Break-off, then resume at the same question.
drive "start C1" "breakoff" "quit" >"$TMP/replies"
expect_eq drive-breakoff "$(reply 2)" '{"ok":true,"done":"broken_off","outcome":"breakoff","answered":7,"route":10}'
drive "start C1" "quit" >"$TMP/replies"
case $(reply 1) in *'"ok":true,"screen"'*) ok drive-resume-after-breakoff ;; *) notok drive-resume-after-breakoff "$(reply 1)" ;; esac
expect_eq drive-integrity "$(sqlite3 s.db 'PRAGMA integrity_check')" ok

# Databases that are not ours, too new, read-only or missing: a clear error and no change.
sqlite3 other.db "CREATE TABLE t (x)"
expect_status db-foreign 1 "$ALLO" drive other.db
expect_grep db-foreign-message "other.db : pas une base d.enquête allo" err
cp s.db new.db && sqlite3 new.db "PRAGMA user_version = 99"
expect_status db-newer 1 "$ALLO" drive new.db
expect_grep db-newer-message "créée par un allo plus récent (schéma 99" err
expect_status db-missing 1 "$ALLO" drive missing.db
expect_grep db-missing-message "missing.db: No such file or directory" err
expect_eq db-missing-not-created "$(ls missing.db 2>/dev/null)" ""
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	chmod 1777 "$TMP" && chmod 0666 s.db
	setpriv --reuid=65534 --regid=65534 --clear-groups "$ALLO" drive s.db --as chef </dev/null >out 2>err
	expect_grep as-refused-for-others "--as est réservé au propriétaire de la base et à root" err
	chmod 0755 "$TMP" && chmod 0644 s.db
	cp s.db ro.db && chown 65534 ro.db && chmod 0444 ro.db
	setpriv --reuid=65534 --regid=65534 --clear-groups "$ALLO" drive ro.db </dev/null >out 2>err
	expect_grep db-readonly "ro.db : lecture et écriture de la base impossibles" err
else
	cp s.db ro.db && chmod 0444 ro.db
	expect_status db-readonly 1 "$ALLO" drive ro.db
fi

# Holds: a case taken by a colleague mid-interview refuses the next answer; a test interview is
# its interviewer's alone.
"$ALLO" user add s.db iv3 --role interviewer >/dev/null
sqlite3 s.db "INSERT INTO cases (id, wave, created_at) VALUES ('H1', 'w1', 'now')"
(echo 'start H1'; sleep 0.5; sqlite3 s.db "UPDATE cases SET lease_login = 'iv3' WHERE id = 'H1'"
    echo 'answer'; echo quit) | "$ALLO" drive s.db >"$TMP/replies" 2>&1
expect_grep hold-answer-refused '"ok":false,"error":"Le cas H1 est tenu par iv3' "$TMP/replies"
expect_eq hold-nothing-stored "$(sqlite3 s.db "SELECT count(*) FROM answers a JOIN interviews i ON i.id = a.interview_id WHERE i.case_id = 'H1'")" 0
printf 'start\nquit\n' | "$ALLO" drive s.db --as chef >"$TMP/replies"
t=$(sqlite3 s.db "SELECT max(id) FROM interviews WHERE case_id IS NULL AND login = 'chef'")
printf 'resume %s\nquit\n' "$t" | "$ALLO" drive s.db --as iv3 >"$TMP/replies"
expect_grep hold-test-interview-owned "l'entretien d'essai $t est celui de chef : refusé" "$TMP/replies"

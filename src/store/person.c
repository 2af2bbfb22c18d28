/* What the database holds on one respondent (a case), read for an access request. */
#include "store/person.h"

#include <stdio.h>

#include "store/sql.h"
#include "store/store.h"

/* One statement per part; ?1 is the case id. */
static const char *const person_sql[PERSON_COUNT] = {
	[PERSON_CASE] = "SELECT id, wave, state, coalesce(final_code, ''), attempts, priority,"
	    " created_at, coalesce(last_call_at, ''), coalesce(purged_at, ''), frame"
	    " FROM cases WHERE id = ?1",
	[PERSON_CONTACT] = "SELECT phone, coalesce(name, ''), coalesce(note, '') FROM contacts"
	    " WHERE case_id = ?1",
	[PERSON_CALLS] = "SELECT at, login, outcome, coalesce(note, '') FROM calls"
	    " WHERE case_id = ?1 ORDER BY id",
	[PERSON_APPOINTMENTS] = "SELECT due_at, kind, set_by, set_at, coalesce(note, ''), done"
	    " FROM appointments WHERE case_id = ?1 ORDER BY id",
	[PERSON_NOTES] = "SELECT at, login, note FROM notes WHERE case_id = ?1 ORDER BY id",
	[PERSON_INTERVIEWS] = "SELECT id, login, status, started_at, coalesce(ended_at, ''),"
	    " questionnaire_id, is_test FROM interviews WHERE case_id = ?1 ORDER BY id",
	[PERSON_ANSWERS] = "SELECT a.interview_id, a.var, a.instance, a.kind,"
	    " CASE a.kind WHEN 'num' THEN printf('%.15g', a.value) ELSE coalesce(a.value, '') END,"
	    " a.on_path FROM answers a JOIN interviews i ON i.id = a.interview_id"
	    " WHERE i.case_id = ?1 AND a.kind <> 'seen' ORDER BY a.interview_id, a.answered_at,"
	    " a.var, a.instance",
	[PERSON_CHANGES] = "SELECT l.at, l.login, l.interview_id, l.var, l.instance,"
	    " coalesce(l.old, ''), coalesce(l.new, '') FROM answer_log l JOIN interviews i"
	    " ON i.id = l.interview_id WHERE i.case_id = ?1 AND l.old IS NOT NULL ORDER BY l.id",
	[PERSON_SUPERVISION] = "SELECT at, login, action, coalesce(detail, '') FROM supervisor_log"
	    " WHERE target = ?1 ORDER BY id",
	[PERSON_ACCESS] = "SELECT at, login, what FROM access_log WHERE case_id = ?1 ORDER BY id",
	[PERSON_PURGES] = "SELECT at, login, scope, target FROM purges WHERE done = 1 AND"
	    " ((scope = 'case' AND target = ?1) OR (scope = 'wave' AND target ="
	    " (SELECT wave FROM cases WHERE id = ?1))) ORDER BY id",
	[PERSON_DNC] = "SELECT added_at, added_by FROM dnc WHERE hash = ?1",
};

int store_person_rows(struct store *s, enum person_part part, const char *key,
    store_person_fn fn, void *arg, char **cause)
{
	const char *col[PERSON_MAX_COLS];
	sqlite3_stmt *st;
	size_t n = 0;
	int rc, i, ncol;

	if (sqlite3_prepare_v2(s->db, person_sql[part], -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "lecture du dossier du cas impossible");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	ncol = sqlite3_column_count(st);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < ncol && i < PERSON_MAX_COLS; i++) {
			const unsigned char *t = sqlite3_column_text(st, i);

			col[i] = t != NULL ? (const char *)t : "";
		}
		fn(arg, col, ncol);
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "lecture du dossier du cas impossible");
	return n > 0;
}

int store_person_dnc(struct store *s, const char *phone, store_person_fn fn, void *arg,
    char **cause)
{
	char hash[65];

	if (store_dnc_hash(s, phone, hash) < 0)
		return store_fail(s, cause, "clé de la liste d'opposition illisible");
	return store_person_rows(s, PERSON_DNC, hash, fn, arg, cause);
}

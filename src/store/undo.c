/* The SQL of an undo: read the last call, check nobody took the case since, put it back. */
#include "store/undo.h"

#include <stdio.h>
#include <string.h>

#include "store/quota.h"
#include "store/sql.h"

enum undo_sql {
	U_LAST, U_TAKEN, U_CASE, U_APPT_DROP, U_APPT_BACK, U_INTERVIEW, U_QUOTA_EVENT,
	U_QUOTA_DROP, U_RECORD, U_COUNT
};

static const char *const undo_sql_text[U_COUNT] = {
	[U_LAST] = "SELECT k.id, k.case_id, k.at, k.outcome, coalesce(k.interview_id, 0),"
	    " EXISTS (SELECT 1 FROM call_undos u WHERE u.call_id = k.id),"
	    " EXISTS (SELECT 1 FROM call_before b WHERE b.call_id = k.id),"
	    " (SELECT c.purged_at IS NOT NULL FROM cases c WHERE c.id = k.case_id)"
	    " FROM calls k WHERE k.login = ?1 ORDER BY k.id DESC LIMIT 1",
	/* ?1 case, ?2 the call's time, ?3 the caller, ?4 the call's id. */
	[U_TAKEN] = "SELECT login FROM (SELECT login, at FROM leases WHERE case_id = ?1"
	    " AND at >= ?2 AND login <> ?3"
	    " UNION ALL SELECT login, at FROM calls WHERE case_id = ?1 AND id > ?4"
	    " UNION ALL SELECT login, started_at FROM interviews WHERE case_id = ?1"
	    " AND started_at >= ?2 AND login <> ?3) ORDER BY at LIMIT 1",
	/* ?1 call, ?2 case, ?3 login, ?4 lease end. */
	[U_CASE] = "UPDATE cases SET state = b.state, final_code = b.final_code,"
	    " attempts = b.attempts, s0 = b.s0, s1 = b.s1, s2 = b.s2, s3 = b.s3, s4 = b.s4,"
	    " s5 = b.s5, next_at = b.next_at, last_call_at = b.last_call_at,"
	    " queue_last = b.queue_last, flag = b.flag, lease_login = ?3, lease_until = ?4"
	    " FROM call_before b WHERE b.call_id = ?1 AND cases.id = ?2",
	[U_APPT_DROP] = "DELETE FROM appointments WHERE call_id = ?1",
	[U_APPT_BACK] = "UPDATE appointments SET done = 0, closed_by = NULL WHERE closed_by = ?1",
	/* ?1 interview, ?2 now. */
	[U_INTERVIEW] = "UPDATE interviews SET status = 'in_progress', outcome = NULL,"
	    " ended_at = NULL, updated_at = ?2 WHERE id = ?1"
	    " AND status IN ('complete', 'screened_out', 'broken_off')",
	/* ?1 interview, ?2 login, ?3 now. */
	[U_QUOTA_EVENT] = "INSERT INTO quota_events (quota, cell, event, detail, login, at)"
	    " SELECT quota, cell, 'undo', 'interview ' || ?1 || ' no longer complete', ?2, ?3"
	    " FROM quota_members WHERE interview_id = ?1",
	[U_QUOTA_DROP] = "DELETE FROM quota_members WHERE interview_id = ?1",
	[U_RECORD] = "INSERT INTO call_undos (call_id, login, at) VALUES (?1, ?2, ?3)",
};

/* Prepares q; NULL with *cause on error. */
static sqlite3_stmt *undo_prepare(struct store *s, enum undo_sql q, char **cause)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db, undo_sql_text[q], -1, &st, NULL) != SQLITE_OK) {
		store_fail(s, cause, "annulation impossible");
		return NULL;
	}
	return st;
}

static void undo_col(sqlite3_stmt *st, int col, char *dst, size_t len)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(dst, len, "%s", t != NULL ? (const char *)t : "");
}

int store_call_last(struct store *s, const char *login, struct store_last_call *k, char **cause)
{
	sqlite3_stmt *st = undo_prepare(s, U_LAST, cause);
	int rc;

	memset(k, 0, sizeof *k);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		k->id = sqlite3_column_int64(st, 0);
		undo_col(st, 1, k->case_id, sizeof k->case_id);
		undo_col(st, 2, k->at, sizeof k->at);
		undo_col(st, 3, k->outcome, sizeof k->outcome);
		k->interview = sqlite3_column_int64(st, 4);
		k->undone = sqlite3_column_int(st, 5);
		k->restorable = sqlite3_column_int(st, 6);
		k->purged = sqlite3_column_int(st, 7);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "lecture du dernier appel impossible");
	return rc == SQLITE_ROW;
}

int store_call_taken(struct store *s, const struct store_last_call *k, const char *login,
    char *who, size_t len, char **cause)
{
	sqlite3_stmt *st = undo_prepare(s, U_TAKEN, cause);
	int rc;

	*who = '\0';
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, k->case_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, k->at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, login, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, k->id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		undo_col(st, 0, who, len);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "lecture du cas impossible");
	return rc == SQLITE_ROW;
}

/* Runs q with an integer ?1 and up to three text parameters after it. */
static int undo_run(struct store *s, enum undo_sql q, int64_t id, const char *a, const char *b,
    const char *c, char **cause)
{
	const char *args[3] = { a, b, c };
	sqlite3_stmt *st = undo_prepare(s, q, cause);
	int i, rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	for (i = 0; i < 3; i++)
		if (args[i] != NULL)
			sqlite3_bind_text(st, i + 2, args[i], -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "annulation impossible");
	return 0;
}

/* The interview the call ended goes back in progress; a complete leaves its quota cells. */
static int undo_interview(struct store *s, const struct store_last_call *k, const char *login,
    const char *now, char **cause)
{
	if (k->interview <= 0)
		return 0;
	if (undo_run(s, U_INTERVIEW, k->interview, now, NULL, NULL, cause) < 0)
		return -1;
	if (strcmp(k->outcome, "complete") != 0)
		return 0;
	if (undo_run(s, U_QUOTA_EVENT, k->interview, login, now, NULL, cause) < 0 ||
	    undo_run(s, U_QUOTA_DROP, k->interview, NULL, NULL, NULL, cause) < 0)
		return -1;
	if (store_cells_recount(s) < 0)
		return store_fail(s, cause, "recompte des quotas impossible");
	return 0;
}

int store_call_undo(struct store *s, const struct store_last_call *k, const char *login,
    const char *now, const char *until, char **cause)
{
	sqlite3_stmt *st = undo_prepare(s, U_CASE, cause);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, k->id);
	sqlite3_bind_text(st, 2, k->case_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, until, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || sqlite3_changes(s->db) != 1)
		return store_fail(s, cause, "le cas n'a pas pu être rétabli");
	if (undo_run(s, U_APPT_DROP, k->id, NULL, NULL, NULL, cause) < 0 ||
	    undo_run(s, U_APPT_BACK, k->id, NULL, NULL, NULL, cause) < 0 ||
	    undo_interview(s, k, login, now, cause) < 0 ||
	    undo_run(s, U_RECORD, k->id, login, now, NULL, cause) < 0)
		return -1;
	return 0;
}

#include "store/calls.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sql.h"
#include "util/clock.h"
#include "util/xmalloc.h"

static void calls_col(sqlite3_stmt *st, int col, char *dst, size_t len)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(dst, len, "%s", t != NULL ? (const char *)t : "");
}

/* Binds text, or NULL for an empty string where the column allows it. */
static void calls_bind(sqlite3_stmt *st, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* Steps a statement expected to give at most one row with one text column. */
static int calls_one(sqlite3_stmt *st, char *out, size_t len)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW && out != NULL)
		calls_col(st, 0, out, len);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_case_get(struct store *s, const char *id, struct store_case *c, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_CASE_GET);
	int rc, i;

	memset(c, 0, sizeof *c);
	if (st == NULL)
		return store_fail(s, cause, "cannot read the case");
	calls_bind(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		calls_col(st, 0, c->id, sizeof c->id);
		calls_col(st, 1, c->wave, sizeof c->wave);
		c->frame = xstrdup((const char *)sqlite3_column_text(st, 2));
		calls_col(st, 3, c->state, sizeof c->state);
		calls_col(st, 4, c->final_code, sizeof c->final_code);
		c->priority = sqlite3_column_int(st, 5);
		c->attempts = sqlite3_column_int(st, 6);
		for (i = 0; i < 6; i++)
			c->slots[i] = sqlite3_column_int(st, 7 + i);
		calls_col(st, 13, c->lease_login, sizeof c->lease_login);
		calls_col(st, 14, c->lease_until, sizeof c->lease_until);
		calls_col(st, 15, c->next_at, sizeof c->next_at);
		calls_col(st, 16, c->last_call_at, sizeof c->last_call_at);
		calls_col(st, 17, c->queue_last, sizeof c->queue_last);
		calls_col(st, 18, c->flag, sizeof c->flag);
		c->blocked = sqlite3_column_int(st, 19);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the case");
	return rc == SQLITE_ROW;
}

void store_case_clear(struct store_case *c)
{
	free(c->frame);
	c->frame = NULL;
}

/* One text column of a case, by the case's id: 1 with it in out, 0 no such case, -1 error. */
static int calls_case_text(struct store *s, enum store_sql q, const char *id, char *out,
    size_t len)
{
	sqlite3_stmt *st = store_stmt(s, q);

	*out = '\0';
	if (st == NULL)
		return -1;
	calls_bind(st, 1, id);
	return calls_one(st, out, len);
}

int store_case_phone_show(struct store *s, const char *id, const char *login, const char *what,
    char *phone, size_t len, char **cause)
{
	sqlite3_stmt *st;
	char now[32];
	int rc;

	if (store_begin(s, cause) < 0)
		return -1;
	if ((rc = calls_case_text(s, SQL_CASE_PHONE, id, phone, len)) < 0) {
		store_rollback(s);
		return store_fail(s, cause, "lecture du numéro impossible");
	}
	if (rc == 0) {
		store_rollback(s);
		return 0;
	}
	if ((st = store_stmt(s, SQL_ACCESS_ADD)) == NULL) {
		store_fail(s, cause, "trace de l'accès au numéro impossible");
		goto fail;
	}
	clock_iso(clock_now(), now, sizeof now);
	calls_bind(st, 1, id);
	calls_bind(st, 2, login);
	calls_bind(st, 3, now);
	calls_bind(st, 4, what);
	if (store_exec_stmt(s, st, cause, "trace de l'accès au numéro impossible") < 0)
		goto fail;
	if (store_commit(s, cause) < 0)
		goto fail;
	return 1;
fail:
	store_rollback(s);
	phone[0] = '\0';	/* a number that could not be traced is not shown */
	return -1;
}

int store_case_update(struct store *s, const struct store_case *c, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_CASE_UPDATE);
	int i;

	if (st == NULL)
		return store_fail(s, cause, "cannot update the case");
	calls_bind(st, 1, c->id);
	calls_bind(st, 2, c->state);
	calls_bind(st, 3, c->final_code);
	sqlite3_bind_int(st, 4, c->attempts);
	for (i = 0; i < 6; i++)
		sqlite3_bind_int(st, 5 + i, c->slots[i]);
	calls_bind(st, 11, c->next_at);
	calls_bind(st, 12, c->last_call_at);
	calls_bind(st, 13, c->queue_last);
	calls_bind(st, 14, c->flag);
	calls_bind(st, 15, c->lease_login);
	calls_bind(st, 16, c->lease_until);
	sqlite3_bind_int(st, 17, c->priority);
	return store_exec_stmt(s, st, cause, "cannot update the case");
}

int store_next_appointment(struct store *s, const char *now, const char *horizon,
    const char *missed, const char *login, char *id, size_t len)
{
	sqlite3_stmt *st = store_stmt(s, SQL_APPT_NEXT);

	if (st == NULL)
		return -1;
	calls_bind(st, 1, now);
	calls_bind(st, 2, horizon);
	calls_bind(st, 3, login);
	calls_bind(st, 4, missed);
	return calls_one(st, id, len);
}

int store_next_case(struct store *s, int slot, const char *now, const char *login,
    int max_attempts, int max_per_slot, char *id, size_t len)
{
	sqlite3_stmt *st = store_stmt(s, slot >= 0 && slot < 6 ? SQL_NEXT_S0 + slot : SQL_NEXT_ANY);

	if (st == NULL)
		return -1;
	calls_bind(st, 1, now);
	calls_bind(st, 2, login);
	sqlite3_bind_int(st, 3, max_attempts);
	sqlite3_bind_int(st, 4, max_per_slot);
	return calls_one(st, id, len);
}

int store_next_resume(struct store *s, int slot, const char *now, const char *login,
    int max_attempts, int max_per_slot, char *id, size_t len)
{
	sqlite3_stmt *st = store_stmt(s, SQL_NEXT_RESUME);

	if (st == NULL)
		return -1;
	calls_bind(st, 1, now);
	calls_bind(st, 2, login);
	sqlite3_bind_int(st, 3, max_attempts);
	sqlite3_bind_int(st, 4, max_per_slot);
	sqlite3_bind_int(st, 5, slot);
	return calls_one(st, id, len);
}

int store_lease(struct store *s, const char *id, const char *login, const char *until,
    const char *now)
{
	sqlite3_stmt *st = store_stmt(s, SQL_LEASE);

	if (st == NULL)
		return -1;
	calls_bind(st, 1, id);
	calls_bind(st, 2, login);
	calls_bind(st, 3, until);
	calls_bind(st, 4, now);
	if (store_exec_stmt(s, st, NULL, "lease") < 0)
		return -1;
	if (sqlite3_changes(s->db) != 1)
		return 0;
	if ((st = store_stmt(s, SQL_LEASE_LOG)) == NULL)
		return -1;
	calls_bind(st, 1, id);
	calls_bind(st, 2, login);
	calls_bind(st, 3, now);
	return store_exec_stmt(s, st, NULL, "lease") < 0 ? -1 : 1;
}

int store_case_holder(struct store *s, const char *id, char *login, size_t len)
{
	return calls_case_text(s, SQL_CASE_HOLDER, id, login, len);
}

int store_case_wave_closed(struct store *s, const char *id, char *wave, size_t len)
{
	return calls_case_text(s, SQL_CASE_WAVE_CLOSED, id, wave, len);
}

int store_release(struct store *s, const char *login, const char *keep)
{
	sqlite3_stmt *st = store_stmt(s, SQL_RELEASE);

	if (st == NULL)
		return -1;
	calls_bind(st, 1, login);
	calls_bind(st, 2, keep);
	return store_exec_stmt(s, st, NULL, "release");
}

int store_call_add(struct store *s, const char *id, const char *login, const char *at,
    const char *outcome, const char *note, int slot, int64_t interview, int64_t *call,
    char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_CALL_ADD);

	if (st == NULL)
		return store_fail(s, cause, "cannot record the call");
	calls_bind(st, 1, id);
	calls_bind(st, 2, login);
	calls_bind(st, 3, at);
	calls_bind(st, 4, outcome);
	if (note != NULL && *note != '\0')
		calls_bind(st, 5, note);
	if (slot >= 0)
		sqlite3_bind_int(st, 6, slot);
	if (interview > 0)
		sqlite3_bind_int64(st, 7, interview);
	if (store_exec_stmt(s, st, cause, "cannot record the call") < 0)
		return -1;
	*call = sqlite3_last_insert_rowid(s->db);
	if ((st = store_stmt(s, SQL_CALL_BEFORE)) == NULL)
		return store_fail(s, cause, "cannot record the call");
	sqlite3_bind_int64(st, 1, *call);
	calls_bind(st, 2, id);
	return store_exec_stmt(s, st, cause, "cannot record the call");
}

int store_appointment_add(struct store *s, const char *id, const char *due, const char *kind,
    const char *note, const char *login, const char *now, int64_t call, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_APPT_ADD);

	if (st == NULL)
		return store_fail(s, cause, "cannot record the appointment");
	calls_bind(st, 1, id);
	calls_bind(st, 2, due);
	calls_bind(st, 3, kind);
	if (note != NULL && *note != '\0')
		calls_bind(st, 4, note);
	calls_bind(st, 5, login);
	calls_bind(st, 6, now);
	sqlite3_bind_int64(st, 7, call);
	return store_exec_stmt(s, st, cause, "cannot record the appointment");
}

int store_appointment_close(struct store *s, const char *id, int64_t call)
{
	sqlite3_stmt *st = store_stmt(s, SQL_APPT_CLOSE);

	if (st == NULL)
		return -1;
	calls_bind(st, 1, id);
	sqlite3_bind_int64(st, 2, call);
	return store_exec_stmt(s, st, NULL, "close appointments");
}

int store_appointment_get(struct store *s, const char *id, struct store_appointment *a)
{
	sqlite3_stmt *st = store_stmt(s, SQL_APPT_OF_CASE);
	int rc;

	memset(a, 0, sizeof *a);
	if (st == NULL)
		return -1;
	calls_bind(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		calls_col(st, 0, a->due_at, sizeof a->due_at);
		calls_col(st, 1, a->kind, sizeof a->kind);
		calls_col(st, 2, a->note, sizeof a->note);
		calls_col(st, 3, a->set_by, sizeof a->set_by);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_history(struct store *s, const char *id, store_call_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, SQL_HISTORY);
	int rc;

	if (st == NULL)
		return -1;
	calls_bind(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(arg, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_queue_rank(struct store *s, int slot, const char *now, int max_attempts,
    int max_per_slot, int resume_first, const struct store_case *c, int *ahead, int *eligible)
{
	char col[8], sql[2048];
	sqlite3_stmt *st;
	int64_t iv;
	int rc;

	/* Under resume_first, a case of the other group is ahead when it is the interrupted one. */
	snprintf(col, sizeof col, slot >= 0 && slot < 6 ? "s%d" : "0", slot);
	snprintf(sql, sizeof sql,
	    "SELECT count(*), coalesce(sum(CASE WHEN ?8 AND r <> ?9 THEN r ELSE better END), 0)"
	    " FROM (SELECT id IN " SQL_INTERRUPTED " AS r, priority > ?5 OR (priority = ?5 AND"
	    " (%s < ?6 OR (%s = ?6 AND (queue_last < ?7 OR (queue_last = ?7 AND id < ?4)))))"
	    " AS better FROM cases WHERE state <> 'final' AND blocked = 0"
	    " AND (lease_until IS NULL OR lease_until < ?1) AND attempts < ?2 AND %s < ?3"
	    " AND (next_at IS NULL OR next_at <= ?1) AND id <> ?4"
	    " AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.case_id = cases.id AND a.done = 0)"
	    SQL_WAVE_OPEN("cases") ")",
	    col, col, col);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	calls_bind(st, 1, now);
	sqlite3_bind_int(st, 2, max_attempts);
	sqlite3_bind_int(st, 3, max_per_slot);
	calls_bind(st, 4, c->id);
	sqlite3_bind_int(st, 5, c->priority);
	sqlite3_bind_int(st, 6, slot >= 0 && slot < 6 ? c->slots[slot] : 0);
	calls_bind(st, 7, c->queue_last);
	sqlite3_bind_int(st, 8, resume_first);
	sqlite3_bind_int(st, 9, store_interview_open_for_case(s, c->id, &iv) == 1);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*eligible = sqlite3_column_int(st, 0) + 1;
		*ahead = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int store_case_held(struct store *s, const char *login, char *id, size_t len)
{
	sqlite3_stmt *st = store_stmt(s, SQL_CASE_HELD);
	char now[32];

	if (st == NULL)
		return -1;
	clock_iso(clock_now(), now, sizeof now);
	calls_bind(st, 1, login);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	return calls_one(st, id, len);
}

int store_note_add(struct store *s, const char *id, const char *login, const char *at,
    const char *note, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_NOTE_ADD);

	if (st == NULL)
		return store_fail(s, cause, "cannot save the note");
	calls_bind(st, 1, id);
	calls_bind(st, 2, login);
	calls_bind(st, 3, at);
	calls_bind(st, 4, note);
	return store_exec_stmt(s, st, cause, "cannot save the note");
}

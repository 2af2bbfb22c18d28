#include "store/quota.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sql.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/xmalloc.h"

/* Runs a statement with text parameters (NULL binds NULL) and no row; 0 on success. */
static int quota_run(struct store *s, const char *sql, const char *const *args, int n)
{
	sqlite3_stmt *st;
	int i, rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	for (i = 0; i < n; i++)
		if (args[i] != NULL)
			sqlite3_bind_text(st, i + 1, args[i], -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* quota_run with up to four parameters written out. */
static int quota_exec(struct store *s, const char *sql, const char *a, const char *b,
    const char *c, const char *d)
{
	const char *args[4] = { a, b, c, d };

	return quota_run(s, sql, args, 4);
}

int store_cell_get(struct store *s, const char *quota, const char *cell, struct store_cell *c)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT target, completes, closed FROM quota_cells"
	    " WHERE quota = ?1 AND cell = ?2", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, quota, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, cell, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c->target = sqlite3_column_int(st, 0);
		c->completes = sqlite3_column_int(st, 1);
		c->closed = sqlite3_column_int(st, 2);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_cell_reserved(struct store *s, const char *quota, const char *cell, int64_t except,
    const char *now)
{
	sqlite3_stmt *st;
	int n = -1;

	/* A place is held only while its interview is in progress on a case whose lease lives. */
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM quota_reservations r"
	    " JOIN interviews i ON i.id = r.interview_id JOIN cases c ON c.id = i.case_id"
	    " WHERE r.quota = ?1 AND r.cell = ?2 AND r.interview_id <> ?3"
	    " AND i.status = 'in_progress' AND c.lease_until >= ?4", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, quota, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, cell, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, except);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

int store_quota_reserve(struct store *s, int64_t interview, const char *quota, const char *cell)
{
	char id[32];

	snprintf(id, sizeof id, "%lld", (long long)interview);
	if (cell == NULL)
		return quota_exec(s, "DELETE FROM quota_reservations WHERE interview_id ="
		    " CAST(?1 AS INTEGER) AND quota = ?2", id, quota, NULL, NULL);
	return quota_exec(s, "INSERT OR REPLACE INTO quota_reservations (interview_id, quota, cell)"
	    " VALUES (CAST(?1 AS INTEGER), ?2, ?3)", id, quota, cell, NULL);
}

int store_quota_checked(struct store *s, int64_t interview, const char *now)
{
	char id[32];

	snprintf(id, sizeof id, "%lld", (long long)interview);
	return quota_exec(s, "UPDATE interviews SET quota_checked_at = ?2 WHERE id ="
	    " CAST(?1 AS INTEGER) AND quota_checked_at IS NULL", id, now, NULL, NULL);
}

int store_cell_ensure(struct store *s, const char *quota, const char *cell, int target)
{
	char t[16];

	snprintf(t, sizeof t, "%d", target);
	return quota_exec(s, "INSERT OR IGNORE INTO quota_cells (quota, cell, target)"
	    " VALUES (?1, ?2, CAST(?3 AS INTEGER))", quota, cell, t, NULL);
}

int store_cell_count(struct store *s, int64_t interview, const char *quota, const char *cell,
    int *after, char **cause)
{
	char id[32];
	struct store_cell c;

	snprintf(id, sizeof id, "%lld", (long long)interview);
	if (quota_exec(s, "INSERT OR REPLACE INTO quota_members (interview_id, quota, cell)"
	    " VALUES (CAST(?1 AS INTEGER), ?2, ?3)", id, quota, cell, NULL) < 0 ||
	    quota_exec(s, "UPDATE quota_cells SET completes = completes + 1 WHERE quota = ?1"
	    " AND cell = ?2", quota, cell, NULL, NULL) < 0)
		return store_fail(s, cause, "cannot count the quota");
	*after = store_cell_get(s, quota, cell, &c) == 1 ? c.completes : 0;
	return 0;
}

int store_cell_set(struct store *s, const char *quota, const char *cell, int target, int closed,
    const char *login)
{
	char t[16], cl[16];

	snprintf(t, sizeof t, "%d", target);
	snprintf(cl, sizeof cl, "%d", closed);
	return quota_exec(s, "UPDATE quota_cells SET target = CAST(?3 AS INTEGER),"
	    " closed = CAST(?4 AS INTEGER) WHERE quota = ?1 AND cell = ?2", quota, cell, t, cl) < 0 ?
	    -1 :
	    quota_exec(s, "UPDATE quota_cells SET target_set_by = ?3 WHERE quota = ?1 AND cell = ?2",
	    quota, cell, login, NULL);
}

int store_cells_recount(struct store *s)
{
	return quota_exec(s, "UPDATE quota_cells SET completes = (SELECT count(*) FROM quota_members m"
	    " JOIN interviews i ON i.id = m.interview_id WHERE i.status = 'complete'"
	    " AND m.quota = quota_cells.quota AND m.cell = quota_cells.cell)", NULL, NULL, NULL, NULL);
}

int store_quota_event(struct store *s, const char *quota, const char *cell, const char *event,
    const char *detail, const char *login, const char *at)
{
	const char *args[6] = { quota, cell, event, detail, login, at };

	return quota_run(s, "INSERT INTO quota_events (quota, cell, event, detail, login, at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", args, 6);
}

int store_cell_cases(struct store *s, const struct quota *qt, const long *codes, int blocked,
    int priority)
{
	struct buf sql = { 0 };
	sqlite3_stmt *st;
	size_t i;
	int rc;

	/* Rows already right are left alone: every write would rewrite the queue indexes. */
	buf_addf(&sql, "UPDATE cases SET blocked = max(blocked, %d), priority = %d"
	    " WHERE state <> 'final' AND (blocked < %d OR priority <> %d)", blocked, priority,
	    blocked, priority);
	for (i = 0; i < qt->nby; i++)
		buf_addf(&sql, " AND json_extract(frame, ?%zu) = %ld", i + 1, codes[i]);
	rc = sqlite3_prepare_v2(s->db, sql.s, -1, &st, NULL);
	buf_free(&sql);
	if (rc != SQLITE_OK)
		return -1;
	for (i = 0; i < qt->nby; i++) {
		char *path = xasprintf("$.%s", qt->by[i]->id);

		sqlite3_bind_text(st, (int)i + 1, path, -1, SQLITE_TRANSIENT);
		free(path);
	}
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_cases_unblock(struct store *s)
{
	return quota_exec(s, "UPDATE cases SET blocked = 0 WHERE blocked <> 0", NULL, NULL, NULL, NULL);
}

int store_supervisor_log(struct store *s, const char *login, const char *action,
    const char *target, const char *detail)
{
	char now[32];
	const char *args[5] = { login, now, action, target, detail };

	clock_iso(clock_now(), now, sizeof now);
	return quota_run(s, "INSERT INTO supervisor_log (login, at, action, target, detail)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)", args, 5);
}

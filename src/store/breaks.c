/* The SQL of breaks: one open break per person at most (a unique index says so). */
#include "store/breaks.h"

#include <stdio.h>

#include "store/sql.h"

static const char break_open_sql[] =
    "SELECT started_at FROM breaks WHERE login = ?1 AND ended_at IS NULL";
static const char break_start_sql[] =
    "INSERT INTO breaks (login, started_at) VALUES (?1, ?2)";
/* Its length in whole seconds, never negative should the clock have gone back. */
static const char break_end_sql[] =
    "UPDATE breaks SET ended_at = ?2, seconds = max(0, CAST(strftime('%s', ?2) AS INTEGER)"
    " - CAST(strftime('%s', started_at) AS INTEGER)) WHERE login = ?1 AND ended_at IS NULL"
    " RETURNING seconds, started_at";

/* Runs sql with login and now; copies a first row's columns. 1 row, 0 none, -1 error. */
static int break_run(struct store *s, const char *sql, const char *login, const char *now,
    long *seconds, char *since)
{
	sqlite3_stmt *st;
	int rc, k;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	if (now != NULL)
		sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		k = sqlite3_column_count(st) - 1;
		if (seconds != NULL)
			*seconds = (long)sqlite3_column_int64(st, 0);
		if (since != NULL)
			snprintf(since, 24, "%s", (const char *)sqlite3_column_text(st, k));
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		return rc == SQLITE_DONE ? 1 : -1;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_break_open(struct store *s, const char *login, char *since)
{
	return break_run(s, break_open_sql, login, NULL, NULL, since);
}

int store_break_start(struct store *s, const char *login, const char *now, char *since,
    char **cause)
{
	int rc;

	if (store_begin(s, cause) < 0)
		return -1;
	if ((rc = store_break_open(s, login, since)) == 0 &&
	    (rc = break_run(s, break_start_sql, login, now, NULL, NULL)) == 0) {
		snprintf(since, 24, "%s", now);
		if (store_commit(s, cause) < 0)
			return -1;
		return 1;
	}
	store_rollback(s);
	if (rc < 0)
		return store_fail(s, cause, "pause non enregistrée");
	return 0;
}

int store_break_end(struct store *s, const char *login, const char *now, long *seconds,
    char *since, char **cause)
{
	int rc;

	if (store_begin(s, cause) < 0)
		return -1;
	if ((rc = break_run(s, break_end_sql, login, now, seconds, since)) < 0) {
		store_rollback(s);
		return store_fail(s, cause, "fin de pause non enregistrée");
	}
	if (store_commit(s, cause) < 0)
		return -1;
	return rc;
}

/*
 * The SQL of `allo report`: sequential scans, run in one read transaction.
 * Rows are classified and counted by the caller (field/report.c): one pass
 * over each table costs less than grouping or a lookup per case.
 */
#include "store/report.h"

#include "store/sql.h"

static const char report_cases_sql[] =
    "SELECT id, state, coalesce(final_code, ''), coalesce(last_call_at, '') FROM cases"
    " WHERE ?1 IS NULL OR wave = ?1";

/* An undone call is left out, as if it had never been made. */
static const char report_calls_sql[] =
    "SELECT id, case_id, login, outcome, at FROM calls WHERE at < ?1" SQL_CALL_LIVE("calls");

static const char report_interviews_sql[] =
    "SELECT case_id, login, status, coalesce(outcome, ''), started_at, coalesce(ended_at, '')"
    " FROM interviews WHERE is_test = 0 AND case_id IS NOT NULL AND started_at < ?1";

static const char report_now_sql[] =
    "SELECT (SELECT count(*) FROM appointments a WHERE a.done = 0"
    "   AND a.due_at >= ?2 AND a.due_at < ?3 AND (?1 IS NULL"
    "   OR EXISTS (SELECT 1 FROM cases c WHERE c.id = a.case_id AND c.wave = ?1))),"
    " (SELECT count(*) FROM cases c WHERE c.lease_login IS NOT NULL AND c.lease_until > ?4"
    "   AND (?1 IS NULL OR c.wave = ?1))";

static const char report_breaks_sql[] =
    "SELECT login, started_at, coalesce(ended_at, ''), coalesce(seconds, -1) FROM breaks"
    " WHERE started_at >= ?1 AND started_at < ?2 ORDER BY id";

static const char report_cells_sql[] =
    "SELECT quota, cell, target, completes, closed FROM quota_cells ORDER BY quota, cell";

int store_report_begin(struct store *s, char **cause)
{
	/* A report reads whole tables: mapped, and kept in 64 MiB of cache, rather than copied. */
	if (sqlite3_exec(s->db, "PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824;"
	    " BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, cause, "report");
	return 0;
}

void store_report_end(struct store *s)
{
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Prepares sql and binds its text parameters (NULL stays NULL). */
static sqlite3_stmt *report_prepare(struct store *s, const char *sql, const char *const *args,
    int nargs, char **cause)
{
	sqlite3_stmt *st;
	int i;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_fail(s, cause, "report");
		return NULL;
	}
	for (i = 0; i < nargs; i++)
		if (args[i] != NULL)
			sqlite3_bind_text(st, i + 1, args[i], -1, SQLITE_STATIC);
	return st;
}

/* Finalizes a statement that stepped to its end; -1 with the cause when it did not. */
static int report_done(struct store *s, sqlite3_stmt *st, int rc, char **cause)
{
	if (rc != SQLITE_DONE) {
		store_fail(s, cause, "report");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

static const char *report_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return t != NULL ? (const char *)t : "";
}

int store_report_cases(struct store *s, const char *wave, store_report_case_fn fn, void *arg,
    char **cause)
{
	struct store_report_case row;
	sqlite3_stmt *st;
	int rc;

	if ((st = report_prepare(s, report_cases_sql, &wave, 1, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.id = report_text(st, 0);
		row.state = report_text(st, 1);
		row.code = report_text(st, 2);
		row.last_call_at = report_text(st, 3);
		fn(arg, &row);
	}
	return report_done(s, st, rc, cause);
}

int store_report_calls(struct store *s, const char *until, store_report_call_fn fn, void *arg,
    char **cause)
{
	const char *bound = until != NULL ? until : "9999";
	struct store_report_call row;
	sqlite3_stmt *st;
	int rc;

	if ((st = report_prepare(s, report_calls_sql, &bound, 1, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.id = sqlite3_column_int64(st, 0);
		row.case_id = report_text(st, 1);
		row.login = report_text(st, 2);
		row.outcome = report_text(st, 3);
		row.at = report_text(st, 4);
		fn(arg, &row);
	}
	return report_done(s, st, rc, cause);
}

int store_report_interviews(struct store *s, const char *until, store_report_interview_fn fn,
    void *arg, char **cause)
{
	const char *bound = until != NULL ? until : "9999";
	struct store_report_interview row;
	sqlite3_stmt *st;
	int rc;

	if ((st = report_prepare(s, report_interviews_sql, &bound, 1, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.case_id = report_text(st, 0);
		row.login = report_text(st, 1);
		row.status = report_text(st, 2);
		row.outcome = report_text(st, 3);
		row.started_at = report_text(st, 4);
		row.ended_at = report_text(st, 5);
		fn(arg, &row);
	}
	return report_done(s, st, rc, cause);
}

int store_report_now(struct store *s, const char *wave, const char *now, const char *from,
    const char *to, long *appointments, long *held, char **cause)
{
	const char *args[4] = { wave, from, to, now };
	sqlite3_stmt *st;
	int rc;

	if ((st = report_prepare(s, report_now_sql, args, 4, cause)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*appointments = (long)sqlite3_column_int64(st, 0);
		*held = (long)sqlite3_column_int64(st, 1);
		rc = sqlite3_step(st);
	}
	return report_done(s, st, rc, cause);
}

int store_report_cells(struct store *s, store_report_cell_fn fn, void *arg, char **cause)
{
	struct store_report_cell row;
	sqlite3_stmt *st;
	int rc;

	if ((st = report_prepare(s, report_cells_sql, NULL, 0, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.quota = report_text(st, 0);
		row.cell = report_text(st, 1);
		row.target = (long)sqlite3_column_int64(st, 2);
		row.completes = (long)sqlite3_column_int64(st, 3);
		row.closed = sqlite3_column_int(st, 4);
		fn(arg, &row);
	}
	return report_done(s, st, rc, cause);
}

int store_report_breaks(struct store *s, const char *since, const char *until,
    store_report_break_fn fn, void *arg, char **cause)
{
	const char *args[2] = { since != NULL ? since : "", until != NULL ? until : "9999" };
	struct store_report_break row;
	sqlite3_stmt *st;
	int rc;

	if ((st = report_prepare(s, report_breaks_sql, args, 2, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.login = report_text(st, 0);
		row.started_at = report_text(st, 1);
		row.ended_at = report_text(st, 2);
		row.seconds = (long)sqlite3_column_int64(st, 3);
		fn(arg, &row);
	}
	return report_done(s, st, rc, cause);
}

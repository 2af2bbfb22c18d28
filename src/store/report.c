/* The SQL of `allo report`: a handful of grouped scans, run in one read transaction. */
#include "store/report.h"

#include <stdlib.h>
#include <string.h>

#include "store/sql.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* The wave test of a row that names its case in col. */
#define REPORT_WAVE_OF(col) \
	" AND (?1 IS NULL OR EXISTS (SELECT 1 FROM cases c WHERE c.id = " col " AND c.wave = ?1))"

/* Interviews that count: not test ones, each of a case. */
#define REPORT_REAL " i.is_test = 0 AND i.case_id IS NOT NULL"

static const char report_calls_sql[] =
    "SELECT k.login, k.outcome, count(*) FROM calls k WHERE k.at >= ?2 AND k.at < ?3"
    REPORT_WAVE_OF("k.case_id") " GROUP BY 1, 2 ORDER BY 1, 2";

static const char report_interviews_sql[] =
    "SELECT i.login, i.status, coalesce(i.outcome, ''), count(*),"
    " total(i.status = 'complete' AND i.ended_at IS NOT NULL),"
    " total(CASE WHEN i.status = 'complete' AND i.ended_at IS NOT NULL"
    "   THEN (julianday(i.ended_at) - julianday(i.started_at)) * 1440 END)"
    " FROM interviews i WHERE" REPORT_REAL " AND i.started_at >= ?2 AND i.started_at < ?3"
    REPORT_WAVE_OF("i.case_id") " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";

static const char report_hours_sql[] =
    "SELECT login, count(*), total(span) FROM ("
    " SELECT login, (julianday(max(t)) - julianday(min(t))) * 24 AS span FROM ("
    "  SELECT k.login AS login, k.at AS t FROM calls k WHERE k.at >= ?2 AND k.at < ?3"
    REPORT_WAVE_OF("k.case_id")
    "  UNION ALL SELECT i.login, i.started_at FROM interviews i WHERE" REPORT_REAL
    "   AND i.started_at >= ?2 AND i.started_at < ?3" REPORT_WAVE_OF("i.case_id")
    "  UNION ALL SELECT i.login, i.ended_at FROM interviews i WHERE" REPORT_REAL
    "   AND i.ended_at >= ?2 AND i.ended_at < ?3" REPORT_WAVE_OF("i.case_id")
    " ) GROUP BY login, date(t, 'localtime')"
    ") GROUP BY login ORDER BY login";

static const char report_now_sql[] =
    "SELECT (SELECT count(*) FROM appointments a WHERE a.done = 0"
    "   AND a.due_at >= ?2 AND a.due_at < ?3" REPORT_WAVE_OF("a.case_id") "),"
    " (SELECT count(*) FROM cases c WHERE c.lease_login IS NOT NULL AND c.lease_until > ?4"
    "   AND (?1 IS NULL OR c.wave = ?1))";

static const char report_cells_sql[] =
    "SELECT quota, cell, target, completes, closed FROM quota_cells ORDER BY quota, cell";

/*
 * The cases of the scope, grouped by how they stand at the end of the period:
 * final when they are final and their last call came before its end, else by
 * the calls they had by then (%s is the CASE of the outcome ranks).
 */
static const char report_cases_sql[] =
    "WITH s AS (SELECT c.id AS id, c.final_code AS code,"
    "   c.state = 'final' AND (c.last_call_at IS NULL OR c.last_call_at < ?3) AS fin"
    " FROM cases c WHERE (?1 IS NULL OR c.wave = ?1) AND (?4 = 0"
    "   OR EXISTS (SELECT 1 FROM calls k WHERE k.case_id = c.id AND k.at >= ?2 AND k.at < ?3)"
    "   OR EXISTS (SELECT 1 FROM interviews i WHERE i.case_id = c.id AND i.is_test = 0"
    "     AND i.started_at >= ?2 AND i.started_at < ?3)))"
    " SELECT fin, CASE WHEN fin THEN coalesce(code, '') ELSE '' END,"
    " CASE WHEN fin THEN 0 ELSE coalesce((SELECT max(%s) FROM calls k"
    "   WHERE k.case_id = s.id AND k.at < ?3), 0) END,"
    " CASE WHEN fin THEN 0 ELSE EXISTS (SELECT 1 FROM interviews i WHERE i.case_id = s.id"
    "   AND i.is_test = 0 AND i.started_at < ?3"
    "   AND (i.status IN ('in_progress', 'broken_off') OR i.ended_at >= ?3)) END,"
    " CASE WHEN fin THEN '' ELSE coalesce((SELECT k.outcome FROM calls k"
    "   WHERE k.case_id = s.id AND k.at < ?3 ORDER BY k.id DESC LIMIT 1), '') END,"
    " count(*) FROM s GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5";

int store_report_begin(struct store *s, char **cause)
{
	if (sqlite3_exec(s->db, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, cause, "report");
	return 0;
}

void store_report_end(struct store *s)
{
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Prepares sql and binds the scope: ?1 wave, ?2 since, ?3 until, ?4 whether a period is set. */
static sqlite3_stmt *report_prepare(struct store *s, const char *sql,
    const struct store_report_scope *sc, char **cause)
{
	sqlite3_stmt *st;
	int n;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_fail(s, cause, "report");
		return NULL;
	}
	n = sqlite3_bind_parameter_count(st);
	if (sc->wave != NULL)
		sqlite3_bind_text(st, 1, sc->wave, -1, SQLITE_STATIC);
	if (n >= 3) {
		sqlite3_bind_text(st, 2, sc->since ? sc->since : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, sc->until ? sc->until : "9999", -1, SQLITE_STATIC);
	}
	if (n >= 4)
		sqlite3_bind_int(st, 4, sc->since != NULL || sc->until != NULL);
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

/* "CASE k.outcome WHEN 'no_answer' THEN 1 ... ELSE 0 END". Caller frees. */
static char *report_rank_case(const struct store_report_rank *ranks, size_t n)
{
	struct buf b = { 0 };
	size_t i;

	buf_adds(&b, "CASE k.outcome");
	for (i = 0; i < n; i++) {
		char *w = sqlite3_mprintf(" WHEN %Q THEN %d", ranks[i].token, ranks[i].rank);

		buf_adds(&b, w);
		sqlite3_free(w);
	}
	buf_adds(&b, " ELSE 0 END");
	return buf_take(&b);
}

int store_report_cases(struct store *s, const struct store_report_scope *sc,
    const struct store_report_rank *ranks, size_t nranks, store_report_cases_fn fn, void *arg,
    char **cause)
{
	char *rank = report_rank_case(ranks, nranks), *sql;
	struct store_report_cases row;
	sqlite3_stmt *st;
	int rc;

	sql = xasprintf(report_cases_sql, rank);
	free(rank);
	st = report_prepare(s, sql, sc, cause);
	free(sql);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.final = sqlite3_column_int(st, 0);
		row.code = report_text(st, 1);
		row.rank = sqlite3_column_int(st, 2);
		row.interview = sqlite3_column_int(st, 3);
		row.last = report_text(st, 4);
		row.n = (long)sqlite3_column_int64(st, 5);
		fn(arg, &row);
	}
	return report_done(s, st, rc, cause);
}

int store_report_calls(struct store *s, const struct store_report_scope *sc,
    store_report_calls_fn fn, void *arg, char **cause)
{
	struct store_report_calls row;
	sqlite3_stmt *st;
	int rc;

	if ((st = report_prepare(s, report_calls_sql, sc, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.login = report_text(st, 0);
		row.outcome = report_text(st, 1);
		row.n = (long)sqlite3_column_int64(st, 2);
		fn(arg, &row);
	}
	return report_done(s, st, rc, cause);
}

int store_report_interviews(struct store *s, const struct store_report_scope *sc,
    store_report_interviews_fn fn, void *arg, char **cause)
{
	struct store_report_interviews row;
	sqlite3_stmt *st;
	int rc;

	if ((st = report_prepare(s, report_interviews_sql, sc, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.login = report_text(st, 0);
		row.status = report_text(st, 1);
		row.outcome = report_text(st, 2);
		row.n = (long)sqlite3_column_int64(st, 3);
		row.timed = (long)sqlite3_column_double(st, 4);
		row.minutes = sqlite3_column_double(st, 5);
		fn(arg, &row);
	}
	return report_done(s, st, rc, cause);
}

int store_report_hours(struct store *s, const struct store_report_scope *sc,
    store_report_hours_fn fn, void *arg, char **cause)
{
	struct store_report_hours row;
	sqlite3_stmt *st;
	int rc;

	if ((st = report_prepare(s, report_hours_sql, sc, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.login = report_text(st, 0);
		row.days = (long)sqlite3_column_int64(st, 1);
		row.hours = sqlite3_column_double(st, 2);
		fn(arg, &row);
	}
	return report_done(s, st, rc, cause);
}

int store_report_now(struct store *s, const char *wave, const char *now, const char *from,
    const char *to, long *appointments, long *held, char **cause)
{
	struct store_report_scope sc = { wave, from, to };
	sqlite3_stmt *st;
	int rc;

	if ((st = report_prepare(s, report_now_sql, &sc, cause)) == NULL)
		return -1;
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*appointments = (long)sqlite3_column_int64(st, 0);
		*held = (long)sqlite3_column_int64(st, 1);
		rc = sqlite3_step(st);
	}
	return report_done(s, st, rc, cause);
}

int store_report_cells(struct store *s, store_report_cell_fn fn, void *arg, char **cause)
{
	struct store_report_scope sc = { NULL, NULL, NULL };
	struct store_report_cell row;
	sqlite3_stmt *st;
	int rc;

	if ((st = report_prepare(s, report_cells_sql, &sc, cause)) == NULL)
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

/* The export's SQL: reads of one snapshot, and the secret of pseudonymous ids. */
#include "store/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sql.h"
#include "store/store.h"
#include "util/xmalloc.h"

enum export_sql {
	X_CASES, X_VERSIONS, X_INTERVIEWS, X_ANSWERS, X_CALLS, X_COUNT
};

/* Typed notes stay out; the phone and the name are read only for the export to mask them. */
static const char *const export_sql_text[X_COUNT] = {
	[X_CASES] = "SELECT count(*) FROM cases WHERE wave = ?1",
	[X_VERSIONS] = "SELECT id, sha256, survey, version, source FROM questionnaires ORDER BY id",
	[X_INTERVIEWS] = "SELECT i.id, i.questionnaire_id, c.id, i.login, i.status, i.is_test,"
	    " i.started_at, coalesce(i.ended_at, ''), coalesce(c.final_code, ''), c.frame,"
	    " t.phone, t.name, coalesce(i.outcome, '') FROM cases c JOIN interviews i ON i.case_id = c.id"
	    " LEFT JOIN contacts t ON t.case_id = c.id WHERE c.wave = ?1"
	    " ORDER BY c.id, i.id",
	[X_ANSWERS] = "SELECT var, instance, kind, value, on_path, coalesce(seconds, -1)"
	    " FROM answers WHERE interview_id = ?1 ORDER BY var, instance",
	[X_CALLS] = "SELECT k.case_id, k.login, k.at, k.outcome, coalesce(i.outcome, '')"
	    " FROM cases c JOIN calls k ON k.case_id = c.id"
	    " LEFT JOIN interviews i ON i.id = k.interview_id"
	    " WHERE c.wave = ?1" SQL_CALL_LIVE("k") " ORDER BY k.case_id, k.id",
};

struct store_export {
	struct store *s;
	sqlite3_stmt *stmt[X_COUNT];
	int open;		/* the read transaction is ours to end */
};

/* The text of column col, "" for NULL. */
static const char *export_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return t != NULL ? (const char *)t : "";
}

int store_export_secret(struct store *s, const char *wave, const char *candidate, char *out,
    size_t len, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	/* Each wave has its own secret, so that a new one never renames an earlier wave's rows. */
	if (sqlite3_prepare_v2(s->db, "INSERT INTO waves (name, opened_at, secret) SELECT ?1,"
	    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?2 WHERE EXISTS (SELECT 1 FROM cases"
	    " WHERE wave = ?1) ON CONFLICT (name) DO UPDATE SET"
	    " secret = coalesce(secret, excluded.secret) RETURNING secret", -1, &st, NULL) !=
	    SQLITE_OK)
		return store_fail(s, cause, "cannot keep the export secret");
	sqlite3_bind_text(st, 1, wave, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, candidate, -1, SQLITE_STATIC);
	out[0] = '\0';		/* a wave without cases has no secret: nothing will be exported */
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(out, len, "%s", export_text(st, 0));
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot keep the export secret");
	return 0;
}

struct store_export *store_export_begin(struct store *s, char **cause)
{
	struct store_export *x = xcalloc(1, sizeof *x);
	int i;

	x->s = s;
	for (i = 0; i < X_COUNT; i++) {
		if (sqlite3_prepare_v2(s->db, export_sql_text[i], -1, &x->stmt[i], NULL) !=
		    SQLITE_OK) {
			store_fail(s, cause, "cannot prepare the export");
			store_export_end(x);
			return NULL;
		}
	}
	/* Reads the whole wave: pages mapped rather than copied, where SQLite allows. */
	sqlite3_exec(s->db, "PRAGMA mmap_size = 2147418112", NULL, NULL, NULL);
	if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		store_fail(s, cause, "cannot start reading");
		store_export_end(x);
		return NULL;
	}
	x->open = 1;
	return x;
}

void store_export_end(struct store_export *x)
{
	int i;

	if (x == NULL)
		return;
	for (i = 0; i < X_COUNT; i++)
		sqlite3_finalize(x->stmt[i]);
	if (x->open)
		sqlite3_exec(x->s->db, "COMMIT", NULL, NULL, NULL);
	free(x);
}

/* The statement q, reset, with the wave bound as ?1 when given. */
static sqlite3_stmt *export_stmt(struct store_export *x, enum export_sql q, const char *wave)
{
	sqlite3_stmt *st = x->stmt[q];

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (wave != NULL)
		sqlite3_bind_text(st, 1, wave, -1, SQLITE_TRANSIENT);
	return st;
}

/* Ends a loop of steps: 0 when the rows ran out or fn stopped, else the error. */
static int export_done(struct store_export *x, sqlite3_stmt *st, int rc, char **cause,
    const char *what)
{
	sqlite3_reset(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	return store_fail(x->s, cause, what);
}

int store_export_wave_cases(struct store_export *x, const char *wave, size_t *n, char **cause)
{
	sqlite3_stmt *st = export_stmt(x, X_CASES, wave);
	int rc = sqlite3_step(st);

	*n = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
	return export_done(x, st, rc, cause, "cannot count the cases");
}

int store_export_versions(struct store_export *x, store_export_version_fn fn, void *arg,
    char **cause)
{
	sqlite3_stmt *st = export_stmt(x, X_VERSIONS, NULL);
	struct store_export_version v;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v.id = sqlite3_column_int64(st, 0);
		v.sha256 = export_text(st, 1);
		v.survey = export_text(st, 2);
		v.version = export_text(st, 3);
		v.source = export_text(st, 4);
		v.len = (size_t)sqlite3_column_bytes(st, 4);
		if (fn(arg, &v) < 0)
			break;
	}
	return export_done(x, st, rc, cause, "cannot read the questionnaires");
}

int store_export_interviews(struct store_export *x, const char *wave,
    store_export_interview_fn fn, void *arg, char **cause)
{
	sqlite3_stmt *st = export_stmt(x, X_INTERVIEWS, wave);
	struct store_export_interview iv;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		iv.id = sqlite3_column_int64(st, 0);
		iv.questionnaire = sqlite3_column_int64(st, 1);
		iv.case_id = export_text(st, 2);
		iv.login = export_text(st, 3);
		iv.status = export_text(st, 4);
		iv.is_test = sqlite3_column_int(st, 5);
		iv.started_at = export_text(st, 6);
		iv.ended_at = export_text(st, 7);
		iv.final_code = export_text(st, 8);
		iv.frame = export_text(st, 9);
		iv.phone = (const char *)sqlite3_column_text(st, 10);
		iv.name = (const char *)sqlite3_column_text(st, 11);
		iv.outcome = export_text(st, 12);
		if (fn(arg, &iv) < 0)
			break;
	}
	return export_done(x, st, rc, cause, "cannot read the interviews");
}

/* Parses "1,3,9" into codes (a buffer that grows); returns how many. */
static size_t export_codes(const char *t, long **codes, size_t *cap)
{
	size_t n = 0, need = strlen(t) / 2 + 1;
	char *end;

	if (need > *cap) {
		*cap = need;
		*codes = xreallocarray(*codes, *cap, sizeof **codes);
	}
	while (*t != '\0') {
		(*codes)[n++] = strtol(t, &end, 10);
		if (end == t)
			break;
		t = *end == ',' ? end + 1 : end;
	}
	return n;
}

int store_export_answers(struct store_export *x, int64_t interview, store_export_answer_fn fn,
    void *arg, char **cause)
{
	sqlite3_stmt *st = export_stmt(x, X_ANSWERS, NULL);
	long *codes = NULL;
	size_t cap = 0;
	struct value v;
	int rc;

	sqlite3_bind_int64(st, 1, interview);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *kind = export_text(st, 2);

		memset(&v, 0, sizeof v);
		switch (kind[0]) {
		case 'n':
			v.kind = V_NUM;
			v.num = sqlite3_column_double(st, 3);
			break;
		case 't':
			v.kind = V_TEXT;
			v.text = export_text(st, 3);
			break;
		case 'm':
			v.kind = V_MULTI;
			v.ncodes = export_codes(export_text(st, 3), &codes, &cap);
			v.codes = codes;
			break;
		case 'd':
			v.kind = V_DK;
			break;
		case 'r':
			v.kind = V_RF;
			break;
		default:
			continue;	/* "seen": an info screen acknowledged */
		}
		fn(arg, export_text(st, 0), sqlite3_column_int(st, 1), &v, sqlite3_column_int(st, 4),
		    sqlite3_column_double(st, 5));
	}
	free(codes);
	return export_done(x, st, rc, cause, "cannot read the answers");
}

int store_export_calls(struct store_export *x, const char *wave, store_export_call_fn fn,
    void *arg, char **cause)
{
	sqlite3_stmt *st = export_stmt(x, X_CALLS, wave);
	struct store_export_call c;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c.case_id = export_text(st, 0);
		c.login = export_text(st, 1);
		c.at = export_text(st, 2);
		c.outcome = export_text(st, 3);
		c.ended_as = export_text(st, 4);
		if (fn(arg, &c) < 0)
			break;
	}
	return export_done(x, st, rc, cause, "cannot read the calls");
}

/* The SQL of waves: their list, their state, the cases held in them. */
#include "store/wave.h"

#include <stdio.h>
#include <string.h>

#include "store/sql.h"
#include "store/store.h"

static void wave_col(sqlite3_stmt *st, int col, char *dst, size_t len)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(dst, len, "%s", t != NULL ? (const char *)t : "");
}

/* Runs the list for one wave (name) or all (NULL); the number of waves seen, or -1. */
static int wave_each(struct store *s, const char *name, store_wave_fn fn, void *arg,
    char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_WAVE_LIST);
	struct store_wave w;
	int rc, n = 0;

	if (st == NULL)
		return store_fail(s, cause, "lecture des vagues impossible");
	if (name != NULL)
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&w, 0, sizeof w);
		wave_col(st, 0, w.name, sizeof w.name);
		wave_col(st, 1, w.opened_at, sizeof w.opened_at);
		wave_col(st, 2, w.closed_at, sizeof w.closed_at);
		wave_col(st, 3, w.closed_by, sizeof w.closed_by);
		wave_col(st, 4, w.purged_at, sizeof w.purged_at);
		wave_col(st, 5, w.purged_by, sizeof w.purged_by);
		w.cases = sqlite3_column_int(st, 6);
		w.finals = sqlite3_column_int(st, 7);
		fn(arg, &w);
		n++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? n : store_fail(s, cause, "lecture des vagues impossible");
}

int store_wave_list(struct store *s, store_wave_fn fn, void *arg, char **cause)
{
	return wave_each(s, NULL, fn, arg, cause) < 0 ? -1 : 0;
}

static void wave_copy(void *arg, const struct store_wave *w)
{
	*(struct store_wave *)arg = *w;
}

int store_wave_get(struct store *s, const char *name, struct store_wave *w, char **cause)
{
	int n;

	memset(w, 0, sizeof *w);
	if ((n = wave_each(s, name, wave_copy, w, cause)) < 0)
		return -1;
	return n > 0;
}

int store_wave_holds(struct store *s, const char *name, const char *now, store_hold_fn fn,
    void *arg, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_WAVE_HOLDS);
	int rc, n = 0;

	if (st == NULL)
		return store_fail(s, cause, "lecture des cas tenus impossible");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fn(arg, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1));
		n++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? n : store_fail(s, cause, "lecture des cas tenus impossible");
}

int store_wave_add(struct store *s, const char *name, const char *now, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_WAVE_ADD);

	if (st == NULL)
		return store_fail(s, cause, "enregistrement de la vague impossible");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	return store_exec_stmt(s, st, cause, "enregistrement de la vague impossible");
}

int store_wave_set_closed(struct store *s, const char *name, const char *at, const char *login,
    char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_WAVE_KEEP);

	if (st == NULL)
		return store_fail(s, cause, "enregistrement de la vague impossible");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (store_exec_stmt(s, st, cause, "enregistrement de la vague impossible") < 0)
		return -1;
	if ((st = store_stmt(s, SQL_WAVE_SET)) == NULL)
		return store_fail(s, cause, "enregistrement de la vague impossible");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (at != NULL) {
		sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, login, -1, SQLITE_STATIC);
	}
	return store_exec_stmt(s, st, cause, "enregistrement de la vague impossible");
}

#include "store/timing.h"

#include <stdlib.h>
#include <string.h>

#include "store/sql.h"
#include "util/xmalloc.h"

/* The completed interviews, real and test, for the summary line. */
static int timing_counts(struct store *s, struct timing *t, char **cause)
{
	static const char sql[] =
	    "SELECT coalesce(sum(is_test = 0), 0), coalesce(sum(is_test <> 0), 0)"
	    " FROM interviews WHERE status = 'complete'";
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "compter les entretiens complets");
	if (sqlite3_step(st) == SQLITE_ROW) {
		t->completes = (size_t)sqlite3_column_int64(st, 0);
		t->test_completes = (size_t)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return 0;
}

/* The median of the sorted values x[0..n-1], halfway between the middle two when n is even. */
static double timing_median(const double *x, size_t n)
{
	return n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

/* Closes the run of seconds of one variable into t. */
static void timing_close(struct timing *t, const char *var, const double *x, size_t n)
{
	struct timing_var *tv;

	if (n == 0)
		return;
	t->v = xreallocarray(t->v, t->n + 1, sizeof *t->v);
	tv = &t->v[t->n++];
	tv->var = xstrdup(var);
	tv->median = timing_median(x, n);
	tv->answers = n;
}

/* Reads the seconds of every answer on the path of a completed interview, variable by variable. */
static int timing_answers(struct store *s, int with_test, struct timing *t, char **cause)
{
	static const char sql[] =
	    "SELECT a.var, a.seconds FROM answers a JOIN interviews i ON i.id = a.interview_id"
	    " WHERE i.status = 'complete' AND (?1 OR i.is_test = 0) AND a.on_path = 1"
	    " AND a.seconds IS NOT NULL ORDER BY a.var, a.seconds";
	sqlite3_stmt *st;
	char *var = NULL;
	double *x = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "lire les secondes par réponse");
	sqlite3_bind_int(st, 1, with_test);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);

		if (var == NULL || strcmp(var, v) != 0) {
			timing_close(t, var, x, n);
			free(var);
			var = xstrdup(v);
			n = 0;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			x = xreallocarray(x, cap, sizeof *x);
		}
		x[n++] = sqlite3_column_double(st, 1);
	}
	timing_close(t, var, x, n);
	free(var);
	free(x);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, cause, "lire les secondes par réponse");
}

int store_timing(struct store *s, int with_test, struct timing *t, char **cause)
{
	memset(t, 0, sizeof *t);
	if (timing_counts(s, t, cause) != 0 || timing_answers(s, with_test, t, cause) != 0) {
		store_timing_free(t);
		return -1;
	}
	if (with_test)
		t->completes += t->test_completes;
	return 0;
}

void store_timing_free(struct timing *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].var);
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

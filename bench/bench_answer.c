/*
 * Benchmark: one answer (validate + durable commit + re-route + next screen) beside a bare
 * SQLite insert+commit with the same pragmas; and route recomputation on the real questionnaire.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "instrument/instrument.h"
#include "interview/engine.h"
#include "session/session.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/clock.h"

#define ANSWERS 10000

static int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double bench_pct(double *t, size_t n, double p)
{
	qsort(t, n, sizeof *t, bench_cmp);
	return t[(size_t)(p * (double)(n - 1))];
}

/* 220 number questions in 20 themes, each asked when the previous one was answered. */
static char *bench_questionnaire(size_t *len)
{
	struct buf b = { 0 };
	int t, q;

	buf_adds(&b, "survey: {id: bench, title: \"Bench\", version: \"1\"}\nthemes:\n");
	for (t = 0; t < 20; t++) {
		buf_addf(&b, "  - id: t%d\n    title: \"Thème %d\"\n    questions:\n", t, t);
		for (q = 0; q < 11; q++) {
			buf_addf(&b, "      - id: q%d_%d\n        type: number\n        min: 0\n"
			    "        max: 1000\n        text: \"Question %d du thème %d ?\"\n", t, q, q, t);
			if (q > 0)
				buf_addf(&b, "        when: \"q%d_%d >= 0 or not answered(q%d_%d)\"\n", t,
				    q - 1, t, q - 1);
		}
	}
	*len = b.len;
	return buf_take(&b);
}

static void bench_die(const char *what, char *cause)
{
	fprintf(stderr, "bench_answer: %s: %s\n", what, cause ? cause : "?");
	exit(1);
}

/* The full path of one answer as an interviewer's key triggers it. */
static double bench_session(const char *dir, double *t)
{
	char path[512], *text, *cause = NULL, *screen;
	struct store_user u = { "bench", "Bench", "interviewer" };
	struct session *s = NULL;
	struct store *st;
	size_t len, n = 0;
	int64_t id;
	int existed;

	snprintf(path, sizeof path, "%s/session.db", dir);
	text = bench_questionnaire(&len);
	if ((st = store_open(path, STORE_CREATE_TEST, &cause)) == NULL ||
	    store_questionnaire_add(st, text, len, "bench", "1", "bench", &id, &existed, &cause) < 0 ||
	    store_user_add(st, "bench", "interviewer", "Bench", &cause) < 0)
		bench_die("setup", cause);
	while (n < ANSWERS) {
		if (s == NULL || session_done(s)) {
			session_free(s);
			if ((s = session_start(st, &u, NULL, &cause)) == NULL)
				bench_die("start", cause);
		}
		double start = clock_micros();
		char *msg = NULL;

		if (session_answer(s, "42", &msg) != SESSION_OK)
			bench_die("answer", msg);
		screen = session_done(s) ? NULL :
		    engine_fill(s->engine, engine_current(s->engine)->q->text, engine_current(s->engine));
		t[n++] = clock_micros() - start;
		free(screen);
	}
	session_free(s);
	store_close(st);
	free(text);
	return 0;
}

/* The bare limit: one row inserted and committed, same pragmas, same table shape. */
static void bench_bare(const char *dir, double *t)
{
	char path[512];
	sqlite3 *db;
	sqlite3_stmt *ins, *begin, *commit;
	int i;

	snprintf(path, sizeof path, "%s/bare.db", dir);
	sqlite3_open(path, &db);
	sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
	    "PRAGMA foreign_keys = ON; CREATE TABLE answers (interview_id INTEGER, var TEXT,"
	    " instance INTEGER, kind TEXT, value, on_path INTEGER, answered_at TEXT, seconds REAL,"
	    " PRIMARY KEY (interview_id, var, instance)) WITHOUT ROWID", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO answers VALUES (1, ?1, 0, 'num', 42, 1,"
	    " '2026-11-26T10:00:00Z', 1.5)", -1, &ins, NULL);
	sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, NULL);
	sqlite3_prepare_v2(db, "COMMIT", -1, &commit, NULL);
	for (i = 0; i < ANSWERS; i++) {
		char var[32];
		double start = clock_micros();

		snprintf(var, sizeof var, "q%d", i);
		sqlite3_step(begin);
		sqlite3_reset(begin);
		sqlite3_bind_text(ins, 1, var, -1, SQLITE_TRANSIENT);
		sqlite3_step(ins);
		sqlite3_reset(ins);
		sqlite3_step(commit);
		sqlite3_reset(commit);
		t[i] = clock_micros() - start;
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(begin);
	sqlite3_finalize(commit);
	sqlite3_close(db);
}

/* A plausible answer for the current step: the first option, a mid-range number, or DK. */
static void bench_auto_answer(struct engine *e)
{
	const struct question *q = engine_current(e)->q;
	struct value v = { V_NUM, 0, NULL, NULL, 0 };
	long code;
	char *msg = NULL;

	if (q->type == Q_INFO) {
		engine_next(e);
		return;
	}
	if (q->options != NULL && q->options->n > 0) {
		code = q->options->v[0].code;
		v.num = (double)code;
		if (q->type == Q_MULTI) {
			v.kind = V_MULTI;
			v.codes = &code;
			v.ncodes = 1;
		}
	} else if (q->type == Q_NUMBER)
		v.num = q->has_min ? q->min + (q->has_max ? floor((q->max - q->min) / 4) : 1) : 1;
	else {
		v.kind = V_TEXT;
		v.text = q->type == Q_DATE ? "2000-01-01" : "texte";
	}
	if (engine_validate(e, &v, 1, &msg) != VERDICT_OK) {
		v.kind = q->dk ? V_DK : V_RF;
		free(msg);
		msg = NULL;
		if (engine_validate(e, &v, 1, &msg) != VERDICT_OK)
			v.kind = V_DK;
	}
	free(msg);
	engine_accept(e, &v);
}

static void bench_route(const char *file)
{
	struct instrument *ins;
	struct engine *e;
	struct diag d;
	char *buf, *cause = NULL;
	double t[2001];
	size_t len;
	int i;

	if ((buf = instrument_read(file, &len, &cause)) == NULL)
		bench_die(file, cause);
	diag_init(&d, file);
	if ((ins = instrument_load(file, buf, len, &d)) == NULL)
		bench_die(file, diag_first(&d));
	e = engine_new(ins, 1);
	engine_route(e);
	engine_seek(e, NULL, 0);
	for (i = 0; i < 2000 && e->state == ENGINE_ACTIVE && engine_current(e) != NULL; i++)
		bench_auto_answer(e);
	for (i = 0; i < 2001; i++) {
		double start = clock_micros();

		engine_route(e);
		t[i] = clock_micros() - start;
	}
	printf("route recompute %s (%zu steps on the route): median %.1f us\n", file, e->nroute,
	    bench_pct(t, 2001, 0.5));
	engine_free(e);
	instrument_free(ins);
	diag_free(&d);
	free(buf);
}

int main(int argc, char **argv)
{
	static double full[ANSWERS], bare[ANSWERS];
	char dir[] = "/tmp/allo-bench-XXXXXX", cmd[600];
	double f50, f99, b50, b99;

	if (mkdtemp(dir) == NULL)
		return 1;
	bench_session(dir, full);
	bench_bare(dir, bare);
	f50 = bench_pct(full, ANSWERS, 0.5);
	f99 = bench_pct(full, ANSWERS, 0.99);
	b50 = bench_pct(bare, ANSWERS, 0.5);
	b99 = bench_pct(bare, ANSWERS, 0.99);
	printf("answer (validate+commit+route+screen) x%d: p50 %.0f us, p99 %.0f us; "
	    "bare insert+commit p50 %.0f us, p99 %.0f us; ratio p50 %.2f, p99 %.2f\n",
	    ANSWERS, f50, f99, b50, b99, f50 / b50, f99 / b99);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_answer: could not remove %s\n", dir);
	if (argc > 1)
		bench_route(argv[1]);
	return 0;
}

/*
 * Benchmark: export of 100,000 completed interviews of the 220-question questionnaire,
 * each format timed, beside a bare `sqlite3 -csv DB "SELECT * FROM answers"` dump of the
 * answers. Interviews are made from a few hundred templates driven through the route
 * engine, then copied with SQL. BENCH_EXPORT_N scales the count; BENCH_EXPORT_KEEP=1 keeps
 * the folder (database and exports) for a closer look.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export/export.h"
#include "instrument/instrument.h"
#include "interview/engine.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/clock.h"

#define TEMPLATES 200

static void __attribute__((noreturn)) bench_die(const char *what, const char *cause)
{
	fprintf(stderr, "bench_export: %s: %s\n", what, cause ? cause : "?");
	exit(1);
}

static uint64_t bench_rng = 0x9e3779b97f4a7c15ULL;

static unsigned bench_below(unsigned n)
{
	bench_rng ^= bench_rng << 13;
	bench_rng ^= bench_rng >> 7;
	bench_rng ^= bench_rng << 17;
	return n ? (unsigned)(bench_rng % n) : 0;
}

static void bench_exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		bench_die(sql, err);
}

/* A plausible answer for the step: mostly the first option, within bounds. */
static void bench_value(const struct question *q, struct value *v, long *codes, char *text,
    size_t len)
{
	memset(v, 0, sizeof *v);
	switch (q->type) {
	case Q_SINGLE:
		v->kind = V_NUM;
		v->num = (double)q->options->v[bench_below(10) < 7 ? 0 :
		    bench_below((unsigned)q->options->n)].code;
		break;
	case Q_MULTI:
		v->kind = V_MULTI;
		codes[0] = q->options->v[bench_below((unsigned)q->options->n)].code;
		v->codes = codes;
		v->ncodes = 1;
		break;
	case Q_NUMBER:
		v->kind = V_NUM;
		if (q->has_min && q->has_max)
			v->num = q->min + bench_below((unsigned)(fmin(q->max - q->min, 60) + 1));
		else
			v->num = (q->has_min ? q->min : 0) + bench_below(10);
		break;
	case Q_DATE:
		v->kind = V_TEXT;
		snprintf(text, len, "20%02u-%02u-%02u", bench_below(20), 1 + bench_below(12),
		    1 + bench_below(28));
		v->text = text;
		break;
	default:
		v->kind = V_TEXT;
		snprintf(text, len, "Réponse libre %u", bench_below(1000));
		v->text = text;
		break;
	}
}

/* Drives one respondent to the end; 1 if the interview completed. */
static int bench_drive(struct engine *e)
{
	const struct step *st;
	long codes[4];
	char text[64], *msg;
	struct value v;
	int tries;

	engine_route(e);
	engine_seek(e, NULL, 0);
	while (e->state == ENGINE_ACTIVE && (st = engine_current(e)) != NULL) {
		if (st->q->type == Q_INFO) {
			engine_next(e);
			continue;
		}
		for (tries = 0; tries < 40; tries++) {
			bench_value(st->q, &v, codes, text, sizeof text);
			msg = NULL;
			if (engine_validate(e, &v, 1, &msg) == VERDICT_OK)
				break;
			free(msg);
		}
		free(msg);
		if (tries == 40) {
			if (!st->q->dk)
				return 0;
			memset(&v, 0, sizeof v);
			v.kind = V_DK;
		}
		engine_accept(e, &v);
	}
	return e->state == ENGINE_COMPLETE;
}

/* Keeps a completed template's answers and frame in the scratch tables. */
static void bench_keep(sqlite3 *db, const struct instrument *ins, struct engine *e, int t,
    const char *frame)
{
	sqlite3_stmt *a, *f;
	struct buf b = { 0 };
	size_t i, j;
	int k;

	sqlite3_prepare_v2(db, "INSERT INTO tpl VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &a, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO tplframe VALUES (?1, ?2)", -1, &f, NULL);
	for (i = 0; i < ins->nvars; i++) {
		const struct question *q = ins->vars[i];
		int w = q->roster ? q->roster->max + 1 : 1;

		if (q->kind != K_ASKED || q->type == Q_INFO)
			continue;
		for (k = 0; k < w; k++) {
			struct slot *s = engine_slot(e, q, k);

			if (s->kind == V_NONE || s->off_path)
				continue;
			sqlite3_reset(a);
			sqlite3_bind_int(a, 1, t);
			sqlite3_bind_text(a, 2, q->id, -1, SQLITE_STATIC);
			sqlite3_bind_int(a, 3, k);
			sqlite3_bind_double(a, 6, 1.5 + bench_below(200) / 10.0);
			buf_reset(&b);
			if (s->kind == V_NUM) {
				sqlite3_bind_text(a, 4, "num", -1, SQLITE_STATIC);
				sqlite3_bind_double(a, 5, s->num);
			} else if (s->kind == V_TEXT) {
				sqlite3_bind_text(a, 4, "text", -1, SQLITE_STATIC);
				sqlite3_bind_text(a, 5, s->text, -1, SQLITE_TRANSIENT);
			} else if (s->kind == V_MULTI) {
				for (j = 0; j < s->ncodes; j++)
					buf_addf(&b, "%s%ld", j ? "," : "", s->codes[j]);
				sqlite3_bind_text(a, 4, "multi", -1, SQLITE_STATIC);
				sqlite3_bind_text(a, 5, b.s, -1, SQLITE_TRANSIENT);
			} else
				sqlite3_bind_text(a, 4, s->kind == V_DK ? "dk" : "rf", -1, SQLITE_STATIC);
			if (sqlite3_step(a) != SQLITE_DONE)
				bench_die("template", sqlite3_errmsg(db));
		}
	}
	sqlite3_bind_int(f, 1, t);
	sqlite3_bind_text(f, 2, frame, -1, SQLITE_STATIC);
	sqlite3_step(f);
	sqlite3_finalize(a);
	sqlite3_finalize(f);
	buf_free(&b);
}

/* TEMPLATES completed respondents, each with a frame of its own. */
static size_t bench_templates(sqlite3 *db, const struct instrument *ins)
{
	char frame[256];
	int t = 0, tries = 0;

	bench_exec(db, "CREATE TABLE tpl (t INTEGER, var TEXT, instance INTEGER, kind TEXT, value,"
	    " seconds REAL, PRIMARY KEY (t, var, instance)) WITHOUT ROWID;"
	    "CREATE TABLE tplframe (t INTEGER PRIMARY KEY, frame TEXT); BEGIN");
	while (t < TEMPLATES && tries++ < 100 * TEMPLATES) {
		struct engine *e = engine_new(ins, bench_rng);
		struct value v;
		size_t i;
		int n;

		n = snprintf(frame, sizeof frame, "{");
		for (i = 0; i < ins->nframe; i++) {
			const struct question *q = ins->frame[i];

			memset(&v, 0, sizeof v);
			v.kind = V_NUM;
			v.num = q->options ? (double)q->options->v[bench_below((unsigned)q->options->n)].code
			    : (double)bench_below(100);
			engine_put(e, q, 0, &v);
			n += snprintf(frame + n, sizeof frame - (size_t)n, "%s\"%s\":%g", i ? "," : "", q->id,
			    v.num);
		}
		snprintf(frame + n, sizeof frame - (size_t)n, "}");
		if (bench_drive(e))
			bench_keep(db, ins, e, t++, frame);
		engine_free(e);
	}
	bench_exec(db, "COMMIT");
	return (size_t)t;
}

/* The database: the questionnaire, n complete interviews copied from the templates, a call each. */
static void bench_setup(const char *path, const char *yaml, int n, size_t *answers)
{
	struct instrument *ins;
	struct store *st;
	struct diag d;
	char *text, *cause = NULL, sql[2048];
	size_t len, t;
	int64_t id = 0;
	int existed;
	sqlite3 *db;
	double t0 = clock_micros();

	if ((text = instrument_read(yaml, &len, &cause)) == NULL)
		bench_die(yaml, cause);
	diag_init(&d, yaml);
	if ((ins = instrument_load(yaml, text, len, &d)) == NULL)
		bench_die(yaml, "does not load");
	diag_free(&d);
	if ((st = store_open(path, STORE_CREATE_TEST, &cause)) == NULL ||
	    store_questionnaire_add(st, text, len, ins->id, ins->version, "bench", &id, &existed,
	    &cause) < 0)
		bench_die("setup", cause);
	store_close(st);
	free(text);
	sqlite3_open(path, &db);
	bench_exec(db, "PRAGMA synchronous = OFF; PRAGMA cache_size = -400000");
	if ((t = bench_templates(db, ins)) == 0)
		bench_die("templates", "no respondent completed");
	snprintf(sql, sizeof sql, "BEGIN;"
	    "CREATE TEMP TABLE n (i INTEGER PRIMARY KEY);"
	    "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %d)"
	    " INSERT INTO n SELECT i FROM c;"
	    "INSERT INTO cases (id, wave, frame, state, final_code, created_at)"
	    " SELECT printf('C%%06d', i), 'w1', (SELECT frame FROM tplframe WHERE t = i %% %zu),"
	    " 'final', '1.1', '2017-10-01T08:00:00Z' FROM n;"
	    "INSERT INTO interviews (id, case_id, questionnaire_id, login, seed, status, started_at,"
	    " ended_at) SELECT i, printf('C%%06d', i), %lld, 'enq' || (i %% 40), 0, 'complete',"
	    " printf('2017-10-%%02dT%%02d:%%02d:00Z', 2 + i %% 20, 9 + i %% 10, i %% 60),"
	    " printf('2017-10-%%02dT%%02d:%%02d:00Z', 2 + i %% 20, 10 + i %% 10, i %% 60) FROM n;"
	    "INSERT INTO answers (interview_id, var, instance, kind, value, on_path, answered_at,"
	    " seconds) SELECT n.i, tpl.var, tpl.instance, tpl.kind, tpl.value, 1,"
	    " '2017-10-02T10:00:00Z', tpl.seconds FROM n JOIN tpl ON tpl.t = n.i %% %zu"
	    " ORDER BY n.i, tpl.var, tpl.instance;"
	    "INSERT INTO calls (case_id, login, at, outcome, interview_id)"
	    " SELECT printf('C%%06d', i), 'enq' || (i %% 40), '2017-10-02T10:00:00Z', 'complete', i"
	    " FROM n;"
	    "DROP TABLE tpl; DROP TABLE tplframe; COMMIT", n, t, (long long)id, t);
	bench_exec(db, sql);
	{
		sqlite3_stmt *s;

		sqlite3_prepare_v2(db, "SELECT count(*) FROM answers", -1, &s, NULL);
		sqlite3_step(s);
		*answers = (size_t)sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	printf("bench_export: %d interviews from %zu templates, %zu answers, made in %.1f s\n", n, t,
	    *answers, (clock_micros() - t0) / 1e6);
	instrument_free(ins);
}

/* CPU seconds used so far by this process (who = RUSAGE_SELF) or its waited-for children. */
static double bench_cpu(int who)
{
	struct rusage ru;

	getrusage(who, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
	    ru.ru_stime.tv_usec / 1e6;
}

/* One export; the report gives each step's time. */
static double bench_export(const char *db, const char *out, unsigned formats,
    struct export_report *r)
{
	struct export_opts o;
	struct store *st;
	char *cause = NULL;
	double t0;

	memset(&o, 0, sizeof o);
	o.wave = "w1";
	o.out = out;
	o.formats = formats;
	if ((st = store_open(db, STORE_EXISTING, &cause)) == NULL)
		bench_die(db, cause);
	t0 = clock_micros();
	if (export_run(st, &o, r, &cause) < 0)
		bench_die("export", cause);
	t0 = (clock_micros() - t0) / 1e6;
	store_close(st);
	return t0;
}

int main(int argc, char **argv)
{
	const char *yaml = argc > 1 ? argv[1] : "questionnaire/allo-quartiers.yaml";
	const char *env = getenv("BENCH_EXPORT_N");
	char dir[] = "/tmp/bench_export.XXXXXX", db[256], out[256], cmd[1024];
	int n = env != NULL && atoi(env) > 0 ? atoi(env) : 100000;
	struct export_report r, all;
	double bare, csv, total, bare_cpu, csv_cpu, all_cpu;
	size_t answers;
	struct stat sb;

	if (mkdtemp(dir) == NULL)
		bench_die("mkdtemp", "cannot make a folder");
	snprintf(db, sizeof db, "%s/wave.db", dir);
	snprintf(out, sizeof out, "%s/out", dir);
	bench_setup(db, yaml, n, &answers);
	snprintf(cmd, sizeof cmd, "sqlite3 -csv %s \"SELECT * FROM answers\" > %s/bare.csv", db, dir);
	total = clock_micros();
	bare_cpu = bench_cpu(RUSAGE_CHILDREN);
	if (system(cmd) != 0)
		bench_die("bare dump", cmd);
	bare = (clock_micros() - total) / 1e6;
	bare_cpu = bench_cpu(RUSAGE_CHILDREN) - bare_cpu;
	csv_cpu = bench_cpu(RUSAGE_SELF);
	csv = bench_export(db, out, EXPORT_CSV, &r);
	all_cpu = bench_cpu(RUSAGE_SELF);
	csv_cpu = all_cpu - csv_cpu;
	total = bench_export(db, out, EXPORT_ALL, &all);
	all_cpu = bench_cpu(RUSAGE_SELF) - all_cpu;
	snprintf(cmd, sizeof cmd, "%s/out/w1.csv", dir);
	stat(cmd, &sb);
	printf("export of %zu interviews (%zu columns, W.csv %.0f MB): csv %.2f s (cpu %.2f s) ="
	    " %.2fx the bare dump of %zu answers, %.2f s (cpu %.2f s)\n", all.rows, all.columns,
	    (double)sb.st_size / 1e6, csv, csv_cpu, csv / bare, answers, bare, bare_cpu);
	printf("all formats %.2f s (cpu %.2f s; target < 30 s): clean pass with csv and timings"
	    " %.2f s, paradata %.2f s, sav %.2f s, dta %.2f s, ddi %.2f s, codebook and manifest"
	    " %.2f s\n", total, all_cpu, all.seconds[PHASE_CLEAN], all.seconds[PHASE_PARADATA],
	    all.seconds[PHASE_SAV], all.seconds[PHASE_DTA], all.seconds[PHASE_DDI],
	    all.seconds[PHASE_CODEBOOK]);
	if (getenv("BENCH_EXPORT_KEEP") != NULL) {
		printf("bench_export: kept %s\n", dir);
		return 0;
	}
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_export: could not remove %s\n", dir);
	return 0;
}

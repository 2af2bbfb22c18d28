/*
 * Benchmark: `allo sample import` of a generated 100,000-line sample into a fresh database,
 * beside a bare `sqlite3 DB ".import --csv FILE cases_raw"` of the same file, and beside the
 * same rows moved by SQL alone into the survey's schema (the cost of its indexes); best of three.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "field/sample.h"
#include "instrument/instrument.h"
#include "store/store.h"
#include "util/clock.h"

#define LINES 100000
#define RUNS 3

/* Wall and processor seconds of one run. */
struct bench_time {
	double wall, cpu;
};

/* User and system seconds used so far by this process (who = RUSAGE_SELF) or its children. */
static double bench_cpu(int who)
{
	struct rusage ru;

	getrusage(who, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static void bench_die(const char *what, const char *cause)
{
	fprintf(stderr, "bench_import: %s: %s\n", what, cause ? cause : "?");
	exit(1);
}

/* Writes the sample: every phone style a spreadsheet gives, a name and a quoted note now and then. */
static void bench_sample(const char *path)
{
	static const char *const styles[] = {
		"0%d %02d %02d %02d %02d", "0%d.%02d.%02d.%02d.%02d", "+33 %d %02d %02d %02d %02d",
		"0%d%02d%02d%02d%02d"
	};
	FILE *f = fopen(path, "w");
	int i, q;

	if (f == NULL)
		bench_die(path, "cannot create");
	fprintf(f, "id,phone,quartier,qpv,name,note\n");
	for (i = 0; i < LINES; i++) {
		q = 1 + i % 9;
		/* Synthetic numbers 01 10 00 00 00 upwards: never dialled, they stay in a temp dir. */
		fprintf(f, "C%06d,", i);
		fprintf(f, styles[i % 4], 1, 10 + i / 1000000, i / 10000 % 100, i / 100 % 100, i % 100);
		fprintf(f, ",%d,%d,%s,%s\n", q, q <= 7 ? 1 : 2, i % 5 == 0 ? "Mme Exemple" : "",
		    i % 7 == 0 ? "\"Rappeler le soir, après 18 h\"" : "");
	}
	if (fclose(f) != 0)
		bench_die(path, "cannot write");
}

/* A fresh survey database for the questionnaire text. */
static void bench_db(const char *path, const char *text, size_t len, const struct instrument *ins)
{
	struct store *st;
	char *cause = NULL;
	int64_t id;
	int existed;

	unlink(path);
	if ((st = store_open(path, STORE_CREATE_TEST, &cause)) == NULL ||
	    store_questionnaire_add(st, text, len, ins->id, ins->version, "bench", &id, &existed,
	    &cause) < 0)
		bench_die("setup", cause);
	store_close(st);
}

/* One import as the command does it: open, load the newest questionnaire, import. */
static struct bench_time bench_allo(const char *db, const char *csv)
{
	struct sample_opts o = { "w1", NULL };
	struct sample_result r;
	struct instrument *ins;
	struct store *st;
	struct diag d;
	char *text, *cause = NULL;
	size_t len;
	int64_t id;
	struct bench_time t = { clock_micros(), bench_cpu(RUSAGE_SELF) };

	if ((st = store_open(db, STORE_EXISTING, &cause)) == NULL ||
	    store_questionnaire_get(st, 0, &id, &text, &len, &cause) < 0)
		bench_die("open", cause);
	diag_init(&d, "q");
	if ((ins = instrument_load("q", text, len, &d)) == NULL)
		bench_die("questionnaire", "does not load");
	if (sample_import(st, ins, csv, &o, stderr, &r, &cause) != 0 || r.cases != LINES)
		bench_die("import", cause ? cause : "errors");
	store_close(st);
	instrument_free(ins);
	diag_free(&d);
	free(text);
	t.wall = (clock_micros() - t.wall) / 1e6;
	t.cpu = bench_cpu(RUSAGE_SELF) - t.cpu;
	return t;
}

/* The bare limit: the sqlite3 shell's own CSV import into a fresh file. */
static struct bench_time bench_bare(const char *db, const char *csv)
{
	struct bench_time t;
	char cmd[1400];

	unlink(db);
	snprintf(cmd, sizeof cmd, "sqlite3 %s \".import --csv %s cases_raw\"", db, csv);
	t.wall = clock_micros();
	t.cpu = bench_cpu(RUSAGE_CHILDREN);
	if (system(cmd) != 0)
		bench_die("sqlite3", cmd);
	t.wall = (clock_micros() - t.wall) / 1e6;
	t.cpu = bench_cpu(RUSAGE_CHILDREN) - t.cpu;
	return t;
}

/*
 * The floor of the schema: the same rows moved by SQL alone from the bare table
 * into a fresh survey database, every index of cases and contacts maintained.
 */
static struct bench_time bench_floor(const char *db, const char *bare, const char *text,
    size_t len, const struct instrument *ins)
{
	struct bench_time t;
	char cmd[2400];

	bench_db(db, text, len, ins);
	snprintf(cmd, sizeof cmd, "sqlite3 %s \"ATTACH '%s' AS r; BEGIN;"
	    " INSERT INTO cases (id, wave, frame, created_at) SELECT id, 'w1',"
	    " json_object('quartier', quartier, 'qpv', qpv), '2026-11-26T10:00:00Z' FROM r.cases_raw;"
	    " INSERT INTO contacts (case_id, phone, name, note) SELECT id, phone, nullif(name, ''),"
	    " nullif(note, '') FROM r.cases_raw; COMMIT;\"", db, bare);
	t.wall = clock_micros();
	t.cpu = bench_cpu(RUSAGE_CHILDREN);
	if (system(cmd) != 0)
		bench_die("sqlite3", cmd);
	t.wall = (clock_micros() - t.wall) / 1e6;
	t.cpu = bench_cpu(RUSAGE_CHILDREN) - t.cpu;
	return t;
}

/* Keeps the best wall and processor times seen. */
static void bench_best(struct bench_time *best, struct bench_time t)
{
	if (t.wall < best->wall)
		best->wall = t.wall;
	if (t.cpu < best->cpu)
		best->cpu = t.cpu;
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/allo-bench-XXXXXX", csv[600], db[600], bare[600], cmd[640];
	const char *qpath = argc > 1 ? argv[1] : "questionnaire/allo-quartiers.yaml";
	struct instrument *ins;
	struct diag d;
	struct bench_time allo = { 1e9, 1e9 }, bare_t = { 1e9, 1e9 }, floor_t = { 1e9, 1e9 };
	char *text, *cause = NULL;
	size_t len;
	int i;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(csv, sizeof csv, "%s/sample.csv", dir);
	snprintf(db, sizeof db, "%s/allo.db", dir);
	snprintf(bare, sizeof bare, "%s/bare.db", dir);
	if ((text = instrument_read(qpath, &len, &cause)) == NULL)
		bench_die(qpath, cause);
	diag_init(&d, qpath);
	if ((ins = instrument_load(qpath, text, len, &d)) == NULL || ins->nframe != 2)
		bench_die(qpath, "needs the Allo Quartiers frame (quartier, qpv)");
	diag_free(&d);
	bench_sample(csv);
	for (i = 0; i < RUNS; i++) {
		bench_db(db, text, len, ins);
		bench_best(&allo, bench_allo(db, csv));
		bench_best(&bare_t, bench_bare(bare, csv));
		bench_best(&floor_t, bench_floor(db, bare, text, len, ins));
	}
	printf("sample import of %d lines: %.2f s (%.0f lines/s), cpu %.2f s; bare sqlite3"
	    " .import %.2f s, cpu %.2f s; ratio %.2f, cpu %.2f (target <= 3)\n", LINES, allo.wall,
	    LINES / allo.wall, allo.cpu, bare_t.wall, bare_t.cpu, allo.wall / bare_t.wall,
	    allo.cpu / bare_t.cpu);
	printf("  the same rows moved by SQL into the survey schema (its indexes): %.2f s, cpu %.2f s;"
	    " ratio %.2f, cpu %.2f\n", floor_t.wall, floor_t.cpu, floor_t.wall / bare_t.wall,
	    floor_t.cpu / bare_t.cpu);
	instrument_free(ins);
	free(text);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : 1;
}

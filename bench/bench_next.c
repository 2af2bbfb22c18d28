/* Benchmark: `next` (choose, lease, commit) on 100,000 cases, alone and with 16 processes at once. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "field/schedule.h"
#include "instrument/instrument.h"
#include "store/store.h"
#include "util/clock.h"

#define CASES 100000
#define CALLS 400
#define PROCS 16

static int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void bench_die(const char *what, const char *cause)
{
	fprintf(stderr, "bench_next: %s: %s\n", what, cause ? cause : "?");
	exit(1);
}

/* A database of CASES fresh cases in one open wave; the fieldwork rules are the defaults. */
static void bench_setup(const char *path)
{
	static const char yaml[] = "survey: {id: b, title: \"B\", version: \"1\"}\n"
	    "themes: [{id: t, title: \"T\", questions: [{id: q, type: text, text: \"Q ?\"}]}]\n";
	struct store *st;
	char *cause = NULL;
	int64_t id;
	int existed;
	sqlite3 *db;

	if ((st = store_open(path, STORE_CREATE_TEST, &cause)) == NULL ||
	    store_questionnaire_add(st, yaml, sizeof yaml - 1, "b", "1", "b", &id, &existed,
	    &cause) < 0)
		bench_die("setup", cause);
	store_close(st);
	sqlite3_open(path, &db);
	if (sqlite3_exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
	    " WHERE i < 100000) INSERT INTO cases (id, wave, created_at)"
	    " SELECT printf('B%06d', i), 'w', 'x' FROM n;"
	    " INSERT INTO waves (name, opened_at) VALUES ('w', 'x')", NULL, NULL, NULL) != SQLITE_OK)
		bench_die("cases", sqlite3_errmsg(db));
	sqlite3_close(db);
}

/* One interviewer: n times next then a no-answer outcome; the next latencies go to t. */
static void bench_interviewer(const char *path, const char *login, int n, double *t)
{
	struct fieldwork fw;
	struct store *st;
	char id[64], *why = NULL, *cause = NULL;
	time_t now = clock_now();
	int i;

	fieldwork_defaults(&fw);
	if ((st = store_open(path, STORE_EXISTING, &cause)) == NULL)
		bench_die("open", cause);
	for (i = 0; i < n; i++) {
		double start = clock_micros();

		if (schedule_next(st, &fw, login, now, id, sizeof id, &why, &cause) != 1)
			bench_die("next", cause ? cause : why);
		t[i] = clock_micros() - start;
		if (schedule_outcome(st, &fw, login, id, "no_answer", NULL, now, &cause) < 0)
			bench_die("outcome", cause);
	}
	store_close(st);
}

static void bench_report(const char *what, double *t, size_t n)
{
	qsort(t, n, sizeof *t, bench_cmp);
	printf("next on %d cases, %s: median %.0f us, p99 %.0f us (%zu calls)\n", CASES, what,
	    t[n / 2], t[(size_t)(0.99 * (double)(n - 1))], n);
}

int main(void)
{
	static double t[CALLS * PROCS];
	char dir[] = "/tmp/allo-bench-XXXXXX", path[600], cmd[640], login[16];
	int fds[PROCS][2], p;
	size_t got = 0;

	if (setenv("ALLO_NOW", "2026-11-30T10:00:00+01:00", 1) < 0 || mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof path, "%s/next.db", dir);
	bench_setup(path);
	bench_interviewer(path, "solo", CALLS, t);
	bench_report("1 process", t, CALLS);
	fflush(stdout);
	for (p = 0; p < PROCS; p++) {
		if (pipe(fds[p]) < 0)
			return 1;
		if (fork() == 0) {
			snprintf(login, sizeof login, "enq%d", p);
			bench_interviewer(path, login, CALLS / 4, t);
			if (write(fds[p][1], t, sizeof(double) * (CALLS / 4)) < 0)
				_exit(1);
			_exit(0);
		}
		close(fds[p][1]);
	}
	for (p = 0; p < PROCS; p++) {
		ssize_t n = read(fds[p][0], t + got, sizeof(double) * (CALLS / 4));

		got += n > 0 ? (size_t)n / sizeof(double) : 0;
		close(fds[p][0]);
	}
	while (wait(NULL) > 0)
		;
	bench_report("16 processes at once", t, got);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : 1;
}

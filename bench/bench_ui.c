/*
 * Benchmark: the interviewer terminal as an interviewer meets it. allo interview runs in a
 * pty of 80x24; the last key of each answer is timed until the next screen has been written
 * out (engine + durable commit + draw), beside the bare write+read round trip through a pty;
 * then the resident memory of the process after a full interview.
 *
 * Usage: bench_ui ALLO [QUESTIONNAIRE.yaml [SAMPLE.csv]]; without a questionnaire, a long
 * generated one. Answers: the first option, a low number, a date, a word; DK or refused when
 * a check refuses; soft checks confirmed. The question on screen is read from the database.
 */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "instrument/instrument.h"
#include "interview/engine.h"
#include "util/buf.h"
#include "util/clock.h"

#define MIN_ANSWERS 400		/* timed answers wanted; interviews follow one another */
#define MAX_INTERVIEWS 12
#define QUIET_MS 5		/* the screen is drawn once the pty stays silent this long */
#define STUCK_MS 3000		/* no output at all after a key: the key changed nothing */
#define ROUND_TRIPS 2000
#define NOW "2026-11-30T10:00:00+01:00"	/* a Monday inside the calling windows */

struct pane {
	int fd;
	pid_t pid;
	struct buf seen;	/* what the last key made allo write */
	double first, last;	/* when its first and last bytes came */
};

static void bench_die(const char *what, const char *why)
{
	fprintf(stderr, "bench_ui: %s: %s\n", what, why ? why : "?");
	exit(1);
}

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

static void bench_run(const char *cmd)
{
	if (system(cmd) != 0)
		bench_die("command failed", cmd);
}

/* 300 questions of every type in 20 themes, none of them filtered out; and a sample for it. */
static void bench_generate(const char *dir, char *yaml, char *csv, size_t len)
{
	FILE *f;
	int t, q;

	snprintf(yaml, len, "%s/long.yaml", dir);
	snprintf(csv, len, "%s/long.csv", dir);
	if ((f = fopen(yaml, "w")) == NULL)
		bench_die(yaml, strerror(errno));
	fprintf(f, "survey: {id: longue, title: \"Longue\", version: \"1\"}\nthemes:\n");
	for (t = 0; t < 20; t++) {
		fprintf(f, "  - id: t%d\n    title: \"Thème %d\"\n    questions:\n", t, t);
		for (q = 0; q < 15; q++) {
			fprintf(f, "      - id: q%d_%d\n        text: \"Question %d du thème %d, assez "
			    "longue pour tenir sur deux lignes d'un terminal de quatre-vingts colonnes ?\"\n",
			    t, q, q, t);
			if (q % 5 == 0)
				fprintf(f, "        type: single\n        options: {1: \"Oui\", 2: \"Non\","
				    " 3: \"Peut-être\", 10: \"Autre\", 11: \"Ne sait pas dire\"}\n");
			else if (q % 5 == 1)
				fprintf(f, "        type: multi\n        options: {1: \"Un\", 2: \"Deux\","
				    " 3: \"Trois\", 9: \"Aucun\"}\n        exclusive: [9]\n");
			else if (q % 5 == 2)
				fprintf(f, "        type: number\n        min: 0\n        max: 120\n");
			else if (q % 5 == 3)
				fprintf(f, "        type: text\n");
			else
				fprintf(f, "        type: date\n");
		}
	}
	if (fclose(f) != 0 || (f = fopen(csv, "w")) == NULL)
		bench_die(csv, strerror(errno));
	fprintf(f, "id,phone\n");
	for (t = 0; t < MAX_INTERVIEWS + 2; t++)
		fprintf(f, "B%d,04 65 71 %02d %02d\n", t, t / 100, t % 100);
	if (fclose(f) != 0)
		bench_die(csv, strerror(errno));
}

/*
 * Reads what allo writes until the pty stays silent QUIET_MS; the time of the last byte, or
 * -1 when nothing came for stuck_ms. A screen update is written in one burst, after the commit.
 */
static double bench_drain(struct pane *p, int stuck_ms)
{
	struct pollfd pfd = { p->fd, POLLIN, 0 };
	double last = -1;
	char chunk[8192];
	ssize_t n;

	buf_reset(&p->seen);
	for (;;) {
		int rc = poll(&pfd, 1, last < 0 ? stuck_ms : QUIET_MS);

		if (rc < 0 && errno == EINTR)
			continue;
		if (rc <= 0)
			break;
		if ((n = read(p->fd, chunk, sizeof chunk)) <= 0)
			break;
		last = clock_micros();
		if (p->seen.len == 0)
			p->first = last;
		buf_add(&p->seen, chunk, (size_t)n);
	}
	p->last = last;
	return last;
}

static void bench_send(struct pane *p, const char *keys)
{
	size_t n = strlen(keys);

	if (write(p->fd, keys, n) != (ssize_t)n)
		bench_die("write to the pty", strerror(errno));
}

/* Sends keys and times them to the end of the redraw; -1 when nothing was redrawn. */
static double bench_key(struct pane *p, const char *keys)
{
	double start, end;

	bench_drain(p, 0);	/* the tail of an earlier screen, when the machine is busy */
	start = clock_micros();
	bench_send(p, keys);
	end = bench_drain(p, STUCK_MS);
	return end < 0 ? -1 : end - start;
}

static int bench_saw(const struct pane *p, const char *what)
{
	return p->seen.s != NULL && strstr(p->seen.s, what) != NULL;
}

/* Reads until allo has written what (its first screen comes after its start-up output). */
static int bench_wait_for(struct pane *p, const char *what, int ms)
{
	struct buf all = { 0 };
	double end = clock_micros() + ms * 1000.0;
	int found = 0;

	while (!found && clock_micros() < end && bench_drain(p, 200) >= 0) {
		buf_add(&all, p->seen.s, p->seen.len);
		found = strstr(all.s, what) != NULL;
	}
	buf_free(&all);
	return found;
}

static void bench_spawn(struct pane *p, const char *allo, const char *db)
{
	struct winsize ws = { 24, 80, 0, 0 };

	memset(&p->seen, 0, sizeof p->seen);
	p->pid = forkpty(&p->fd, NULL, NULL, &ws);
	if (p->pid < 0)
		bench_die("forkpty", strerror(errno));
	if (p->pid == 0) {
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("TERM", "xterm-256color", 1);
		setenv("ALLO_NOW", NOW, 1);
		execl(allo, allo, "interview", db, (char *)NULL);
		_exit(127);
	}
}

/* The interview on screen, as the database has it after the last commit. */
struct position {
	long long id;
	char status[16], var[128];
	int instance;
};

static void bench_position(sqlite3 *db, struct position *pos)
{
	sqlite3_stmt *st;

	memset(pos, 0, sizeof *pos);
	if (sqlite3_prepare_v2(db, "SELECT id, status, coalesce(position_var, ''), position_instance"
	    " FROM interviews ORDER BY id DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		bench_die("position", sqlite3_errmsg(db));
	if (sqlite3_step(st) == SQLITE_ROW) {
		pos->id = sqlite3_column_int64(st, 0);
		snprintf(pos->status, sizeof pos->status, "%s", sqlite3_column_text(st, 1));
		snprintf(pos->var, sizeof pos->var, "%s", sqlite3_column_text(st, 2));
		pos->instance = sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
}

static int bench_exclusive(const struct question *q, long code)
{
	size_t i;

	for (i = 0; i < q->nexclusive; i++)
		if (q->exclusive[i] == code)
			return 1;
	return 0;
}

/* Whether typing code alone leaves it open (another code starts with its digits). */
static int bench_ambiguous(const struct question *q, long code)
{
	char a[32], b[32];
	size_t i, n;

	n = (size_t)snprintf(a, sizeof a, "%ld", code);
	for (i = 0; i < q->options->n; i++) {
		snprintf(b, sizeof b, "%ld", q->options->v[i].code);
		if (q->options->v[i].code != code && strncmp(a, b, n) == 0)
			return 1;
	}
	return 0;
}

/* The keys of a plausible answer: typed untimed (*typed), then the one timed (*last). */
static void bench_answer_keys(const struct question *q, char *typed, char *last, size_t len)
{
	size_t i, picked = 0, want = q->min_choices > 1 ? (size_t)q->min_choices : 1;
	double v;

	typed[0] = '\0';
	snprintf(last, len, "\r");
	switch (q->type) {
	case Q_SINGLE:
		snprintf(typed, len, "%ld", q->options->v[0].code);
		if (!bench_ambiguous(q, q->options->v[0].code)) {
			snprintf(last, len, "%s", typed + strlen(typed) - 1);
			typed[strlen(typed) - 1] = '\0';
		}
		break;
	case Q_MULTI:
		for (i = 0; i < q->options->n && picked < want; i++) {
			long code = q->options->v[i].code;

			if (bench_exclusive(q, code))
				continue;
			snprintf(typed + strlen(typed), len - strlen(typed), "%ld%s", code,
			    bench_ambiguous(q, code) ? " " : "");
			picked++;
		}
		break;
	case Q_NUMBER:
		v = q->has_min ? q->min : 0;
		if (q->has_max && v < q->max)
			v += (q->max - v) / 4 > 1 ? (double)(long)((q->max - v) / 4) : 0;
		snprintf(typed, len, "%.0f", v);
		break;
	case Q_TEXT:
		snprintf(typed, len, "texte");
		break;
	case Q_DATE:
		snprintf(typed, len, "01/01/2000");
		break;
	default:
		break;
	}
}

struct run {
	double *t, *first;	/* key to the last byte of the screen, and to its first byte */
	size_t n, cap;
	int interviews, fallbacks, confirms;
	long rss_kb, anon_kb, hwm_kb;
};

static void bench_record(struct run *r, const struct pane *p, double us)
{
	if (us < 0)
		return;
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 512;
		if ((r->t = realloc(r->t, r->cap * sizeof *r->t)) == NULL ||
		    (r->first = realloc(r->first, r->cap * sizeof *r->first)) == NULL)
			bench_die("realloc", strerror(errno));
	}
	r->first[r->n] = us - (p->last - p->first);
	r->t[r->n++] = us;
}

static long bench_status_kb(pid_t pid, const char *field)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, field, strlen(field)) == 0)
			kb = strtol(line + strlen(field) + 1, NULL, 10);
	fclose(f);
	return kb;
}

/* The question on screen: where the interview stands, or the first step before any answer. */
static const struct question *bench_question(const struct instrument *ins, const char *var)
{
	const struct question *q = NULL;
	struct engine *e;

	if (*var != '\0')
		return instrument_var(ins, var);
	e = engine_new(ins, 1);
	engine_route(e);
	engine_seek(e, NULL, 0);
	if (engine_current(e) != NULL)
		q = engine_current(e)->q;
	engine_free(e);
	return q;
}

/* Answers the question on screen; falls back to DK then refused when it stays. */
static void bench_step(struct pane *p, sqlite3 *db, const struct instrument *ins,
    const struct position *at, struct run *r)
{
	static const char *const fallback[] = { "\033OQ", "\033OR" };	/* F2, F3 */
	const struct question *q = bench_question(ins, at->var);
	char typed[256], last[16];
	struct position now;
	size_t i;

	if (q == NULL)
		bench_die("unknown question on screen", at->var);
	bench_answer_keys(q, typed, last, sizeof typed);
	for (i = 0; typed[i] != '\0'; i++) {
		char one[2] = { typed[i], '\0' };

		bench_send(p, one);
		bench_drain(p, STUCK_MS);
	}
	bench_record(r, p, bench_key(p, last));
	if (bench_saw(p, "(o/n)")) {
		r->confirms++;
		bench_record(r, p, bench_key(p, "o"));
	}
	for (i = 0; i < 2; i++) {
		bench_position(db, &now);
		if (now.id == at->id && strcmp(now.var, at->var) == 0 && bench_drain(p, 500) >= 0)
			bench_position(db, &now);	/* a busy machine: the screen came late */
		if (now.id != at->id || strcmp(now.status, "in_progress") != 0 ||
		    strcmp(now.var, at->var) != 0 || now.instance != at->instance)
			return;
		r->fallbacks++;
		bench_send(p, "\033");	/* clears the entry */
		bench_drain(p, 200);
		bench_record(r, p, bench_key(p, fallback[i]));
	}
	bench_position(db, &now);
	if (now.id == at->id && strcmp(now.var, at->var) == 0 && now.instance == at->instance)
		bench_die("answer refused, even DK and refused", at->var);
}

/* Interviews one case after another until enough answers are timed. */
static void bench_interviews(struct pane *p, const char *dbpath, const struct instrument *ins,
    struct run *r)
{
	struct position at;
	sqlite3 *db;
	long long id = 0;

	if (sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		bench_die(dbpath, sqlite3_errmsg(db));
	sqlite3_busy_timeout(db, 2000);
	if (!bench_wait_for(p, "Issue de l'appel", 10000))
		bench_die("allo interview", "no case screen");
	while (r->interviews < MAX_INTERVIEWS) {
		bench_key(p, "1");
		bench_position(db, &at);
		if (at.id == id || strcmp(at.status, "in_progress") != 0)
			bench_die("allo interview", "the interview did not start");
		id = at.id;
		while (strcmp(at.status, "in_progress") == 0) {
			bench_step(p, db, ins, &at, r);
			bench_position(db, &at);
		}
		r->interviews++;
		if (r->rss_kb < 0) {
			r->rss_kb = bench_status_kb(p->pid, "VmRSS:");
			r->anon_kb = bench_status_kb(p->pid, "RssAnon:");
		}
		if (r->n >= MIN_ANSWERS)
			break;
		bench_key(p, "\r");	/* the end screen: the next case */
		if (!bench_saw(p, "Issue de l'appel"))
			bench_die("allo interview", "no next case after the end screen");
	}
	r->hwm_kb = bench_status_kb(p->pid, "VmHWM:");
	sqlite3_close(db);
}

/* The bare limit: one byte written to a pty and echoed back by a raw child. */
static double bench_round_trip(double *p99)
{
	static double t[ROUND_TRIPS];
	struct pane p;
	char c = 'x';
	int i;

	memset(&p, 0, sizeof p);
	if ((p.pid = forkpty(&p.fd, NULL, NULL, NULL)) < 0)
		bench_die("forkpty", strerror(errno));
	if (p.pid == 0) {
		struct termios tio;

		tcgetattr(0, &tio);
		cfmakeraw(&tio);
		tcsetattr(0, TCSANOW, &tio);
		while (read(0, &c, 1) == 1 && c != 'q')
			if (write(1, &c, 1) != 1)
				break;
		_exit(0);
	}
	usleep(50000);
	for (i = 0; i < ROUND_TRIPS; i++) {
		double start = clock_micros();

		if (write(p.fd, &c, 1) != 1 || read(p.fd, &c, 1) != 1)
			bench_die("pty round trip", strerror(errno));
		t[i] = clock_micros() - start;
	}
	if (write(p.fd, "q", 1) != 1)
		bench_die("pty round trip", strerror(errno));
	waitpid(p.pid, NULL, 0);
	close(p.fd);
	*p99 = bench_pct(t, ROUND_TRIPS, 0.99);
	return bench_pct(t, ROUND_TRIPS, 0.5);
}

static struct instrument *bench_instrument(const char *file)
{
	struct instrument *ins;
	struct diag d;
	char *text, *cause = NULL;
	size_t len;

	if ((text = instrument_read(file, &len, &cause)) == NULL)
		bench_die(file, cause);
	diag_init(&d, file);
	if ((ins = instrument_load(file, text, len, &d)) == NULL)
		bench_die(file, diag_first(&d));
	diag_free(&d);
	free(text);
	return ins;
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/allo-bench-ui-XXXXXX", yaml[600], csv[600], db[600];
	struct buf cmd = { 0 };
	struct passwd *pw = getpwuid(geteuid());
	struct run r = { NULL, NULL, 0, 0, 0, 0, 0, -1, -1, -1 };
	struct instrument *ins;
	struct pane p;
	double rt50, rt99, k50, k99, f50;
	int status;

	if (argc < 2 || pw == NULL) {
		fprintf(stderr, "usage: bench_ui ALLO [QUESTIONNAIRE.yaml [SAMPLE.csv]]\n");
		return 2;
	}
	if (mkdtemp(dir) == NULL)
		bench_die("mkdtemp", strerror(errno));
	if (argc > 2) {
		snprintf(yaml, sizeof yaml, "%s", argv[2]);
		snprintf(csv, sizeof csv, "%s", argc > 3 ? argv[3] : "questionnaire/sample-demo.csv");
	} else
		bench_generate(dir, yaml, csv, sizeof yaml);
	snprintf(db, sizeof db, "%s/ui.db", dir);
	buf_addf(&cmd, "'%s' init '%s' '%s' >/dev/null && '%s' sample import '%s' '%s' >/dev/null"
	    " && '%s' user add '%s' '%s' --role interviewer --name Bench >/dev/null", argv[1], db,
	    yaml, argv[1], db, csv, argv[1], db, pw->pw_name);
	bench_run(cmd.s);
	ins = bench_instrument(yaml);
	bench_spawn(&p, argv[1], db);
	bench_interviews(&p, db, ins, &r);
	bench_send(&p, "\r");
	bench_drain(&p, 2000);
	bench_send(&p, "\033[21~");	/* F10 on the case screen: pause, leave */
	while (bench_drain(&p, 2000) >= 0)
		;
	if (waitpid(p.pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fprintf(stderr, "bench_ui: allo interview did not exit cleanly\n");
	close(p.fd);
	rt50 = bench_round_trip(&rt99);
	f50 = bench_pct(r.first, r.n, 0.5);
	k50 = bench_pct(r.t, r.n, 0.5);
	k99 = bench_pct(r.t, r.n, 0.99);
	printf("interview key to drawn screen (pty 80x24) x%zu in %d interviews: p50 %.0f us "
	    "(first byte %.0f us), p99 %.0f us; bare pty write+read p50 %.0f us, p99 %.0f us;"
	    " ratio p50 %.0f, p99 %.0f\n", r.n, r.interviews, k50, f50, k99, rt50, rt99, k50 / rt50,
	    k99 / rt99);
	printf("allo interview memory after a full interview of %s: VmRSS %.1f MiB (limit 8 MiB),"
	    " of which private RssAnon %.1f MiB; peak VmHWM %.1f MiB after %d;"
	    " %d DK/RF fallbacks, %d soft checks confirmed\n",
	    argc > 2 ? argv[2] : "a generated 300-question questionnaire", r.rss_kb / 1024.0,
	    r.anon_kb / 1024.0, r.hwm_kb / 1024.0, r.interviews, r.fallbacks, r.confirms);
	instrument_free(ins);
	free(r.t);
	free(r.first);
	buf_free(&p.seen);
	cmd.len = 0;
	buf_addf(&cmd, "rm -rf '%s'", dir);
	bench_run(cmd.s);
	buf_free(&cmd);
	return 0;
}

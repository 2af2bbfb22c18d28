/* allo paths: random respondents through the route engine, and what they never reached. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "instrument/instrument.h"
#include "interview/simulate.h"
#include "store/timing.h"
#include "util/xmalloc.h"

#define PATHS_MAX_RESPONDENTS 1000000
/* Telephone survey reading speed in French, and a respondent's time to answer (see allo-paths(1)). */
#define PATHS_WORDS_PER_MINUTE	150
#define PATHS_ANSWER_SECONDS	4

/* The command line once read. */
struct paths_args {
	const char *file;
	uint64_t respondents;
	uint64_t seed;
	uint64_t words_per_minute;
	uint64_t answer_seconds;
	const char *calibrate;	/* a database, or NULL */
	int with_test;
};

/* Reads a whole decimal number up to max; 0 on success. */
static int paths_number(const char *s, uint64_t max, uint64_t *out)
{
	unsigned long long n;
	char *end;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || n > max)
		return -1;
	*out = n;
	return 0;
}

/* The value of option name at argv[*i], written "--name=V" or "--name V"; NULL if not it. */
static const char *paths_option(int argc, char **argv, int *i, const char *name, int *missing)
{
	size_t len = strlen(name);

	if (strncmp(argv[*i], name, len) != 0)
		return NULL;
	if (argv[*i][len] == '=')
		return argv[*i] + len + 1;
	if (argv[*i][len] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
}

/* Reads the command line into a; prints why and returns -1 when it is wrong. */
static int paths_parse(int argc, char **argv, struct paths_args *a)
{
	const char *v;
	int i, missing = 0;

	a->file = NULL;
	a->respondents = 1000;
	a->seed = 1;
	a->words_per_minute = PATHS_WORDS_PER_MINUTE;
	a->answer_seconds = PATHS_ANSWER_SECONDS;
	a->calibrate = NULL;
	a->with_test = 0;
	for (i = 1; i < argc; i++) {
		if ((v = paths_option(argc, argv, &i, "--respondents", &missing)) != NULL) {
			if (paths_number(v, PATHS_MAX_RESPONDENTS, &a->respondents) != 0 ||
			    a->respondents == 0) {
				fprintf(stderr, "allo: --respondents wants 1 to %d, not '%s'\n",
				    PATHS_MAX_RESPONDENTS, v);
				return -1;
			}
		} else if ((v = paths_option(argc, argv, &i, "--seed", &missing)) != NULL) {
			if (paths_number(v, UINT64_MAX, &a->seed) != 0) {
				fprintf(stderr, "allo: --seed wants a whole number, not '%s'\n",
				    v);
				return -1;
			}
		} else if ((v = paths_option(argc, argv, &i, "--words-per-minute", &missing)) != NULL) {
			if (paths_number(v, 1000, &a->words_per_minute) != 0 ||
			    a->words_per_minute == 0) {
				fprintf(stderr, "allo: --words-per-minute wants 1 to 1000, not '%s'\n", v);
				return -1;
			}
		} else if ((v = paths_option(argc, argv, &i, "--answer-seconds", &missing)) != NULL) {
			if (paths_number(v, 600, &a->answer_seconds) != 0) {
				fprintf(stderr, "allo: --answer-seconds wants 0 to 600, not '%s'\n", v);
				return -1;
			}
		} else if ((v = paths_option(argc, argv, &i, "--calibrate", &missing)) != NULL) {
			a->calibrate = v;
		} else if (strcmp(argv[i], "--include-test") == 0) {
			a->with_test = 1;
		} else if (missing || (argv[i][0] == '-' && argv[i][1] != '\0')) {
			fprintf(stderr, "allo: %s: %s\n",
			    missing ? "missing value" : "unknown option", argv[i]);
			return -1;
		} else if (a->file != NULL) {
			fprintf(stderr, "allo: one questionnaire at a time\n");
			return -1;
		} else
			a->file = argv[i];
	}
	return a->file != NULL ? 0 : -1;
}

/* A question and its roster instance as the report names it: id, or id[N] in a roster. */
static void paths_print_step(const struct question *q, int instance)
{
	if (q->roster != NULL && instance > 0)
		printf("%s[%d] (line %d)", q->id, instance, q->pos.line);
	else
		printf("%s (line %d)", q->id, q->pos.line);
}

/* How each interview ended. */
static void paths_print_outcomes(const struct sim *s)
{
	static const enum outcome outs[] = { OUT_REFUSAL, OUT_INELIGIBLE, OUT_QUOTA_FULL };
	size_t i;

	printf("respondents: %zu\noutcomes:\n  complete: %zu\n", s->respondents, s->complete);
	for (i = 0; i < sizeof outs / sizeof outs[0]; i++)
		printf("  screened out, %s: %zu\n", outcome_name(outs[i]), s->screened[outs[i]]);
	printf("  stopped, stuck: %zu\n  stopped, step limit: %zu\n", s->stuck, s->step_limit);
}

/* The nearest-rank percentile pct of the sorted route lengths. */
static size_t paths_percentile(const struct sim *s, size_t pct)
{
	size_t rank = (s->nlengths * pct + 99) / 100;

	return s->lengths[rank > 0 ? rank - 1 : 0];
}

/* The minutes one completed interview takes: its words read aloud, then a pause per answer. */
static double paths_minutes(const struct sim_time *t, const struct paths_args *a)
{
	return (double)t->words / (double)a->words_per_minute +
	    (double)t->answers * (double)a->answer_seconds / 60.0;
}

/* Orders minutes for the quartiles. */
static int paths_cmp_double(const void *x, const void *y)
{
	double u = *(const double *)x, v = *(const double *)y;

	return (u > v) - (u < v);
}

/* The nearest-rank percentile pct of n sorted minutes. */
static double paths_quantile(const double *m, size_t n, size_t pct)
{
	size_t rank = (n * pct + 99) / 100;

	return m[rank > 0 ? rank - 1 : 0];
}

/* The estimated length of a complete: minimum, quartiles and maximum in minutes. */
static void paths_print_minutes(const struct sim *s, const struct paths_args *a)
{
	double *m;
	size_t i;

	printf("estimated minutes per completed respondent (%llu words per minute, %llu s per answer): ",
	    (unsigned long long)a->words_per_minute, (unsigned long long)a->answer_seconds);
	if (s->ntimes == 0) {
		printf("no completed respondent\n");
		return;
	}
	m = xcalloc(s->ntimes, sizeof *m);
	for (i = 0; i < s->ntimes; i++)
		m[i] = paths_minutes(&s->times[i], a);
	qsort(m, s->ntimes, sizeof *m, paths_cmp_double);
	printf("min %.1f, q1 %.1f, median %.1f, q3 %.1f, max %.1f\n", m[0],
	    paths_quantile(m, s->ntimes, 25), paths_quantile(m, s->ntimes, 50),
	    paths_quantile(m, s->ntimes, 75), m[s->ntimes - 1]);
	free(m);
}

/* Route lengths of the completed interviews, then the mean asked per theme. */
static void paths_print_lengths(const struct sim *s)
{
	const struct instrument *ins = s->ins;
	size_t i;

	printf("questions asked per completed respondent: ");
	if (s->nlengths == 0)
		printf("no completed respondent\n");
	else
		printf("min %zu, median %zu, p90 %zu, max %zu\n", s->lengths[0],
		    paths_percentile(s, 50), paths_percentile(s, 90), s->lengths[s->nlengths - 1]);
	printf("questions asked per theme (mean per respondent):\n");
	for (i = 0; i < ins->nthemes; i++)
		printf("  %s: %.2f\n", ins->themes[i].id,
		    (double)s->theme_asked[i] / (double)s->respondents);
}

/* 1 if q was reached: only those are looked at for checks, options and terminate rules. */
static int paths_reached(const struct sim *s, const struct question *q)
{
	return simulate_counted(q) && s->vars[q->index].reached > 0;
}

/* 1 if q is a question no respondent was asked, printing it when print is set. */
static size_t paths_unreached(const struct sim *s, const struct question *q, int print)
{
	if (!simulate_counted(q) || s->vars[q->index].reached > 0)
		return 0;
	if (print)
		printf("  %s (line %d)\n", q->id, q->pos.line);
	return 1;
}

/* The checks of q that no answer failed, printed one a line when print is set. */
static size_t paths_unfired(const struct sim *s, const struct question *q, int print)
{
	size_t j, n = 0;

	for (j = 0; paths_reached(s, q) && j < q->nchecks; j++) {
		if (s->vars[q->index].fired[j] > 0)
			continue;
		if (print)
			printf("  %s check %zu (%s, line %d)\n", q->id, j + 1,
			    q->checks[j].soft ? "soft" : "hard", q->checks[j].pos.line);
		n++;
	}
	return n;
}

/* 1 if some option of q was never chosen, printing them on one line when print is set. */
static size_t paths_unchosen(const struct sim *s, const struct question *q, int print)
{
	size_t j, n = 0;

	if (q->options == NULL || !paths_reached(s, q))
		return 0;
	for (j = 0; j < q->options->n; j++) {
		if (s->vars[q->index].chosen[j] > 0)
			continue;
		if (print && n == 0)
			printf("  %s: ", q->id);
		if (print)
			printf("%s%ld", n == 0 ? "" : ", ", q->options->v[j].code);
		n++;
	}
	if (print && n > 0)
		printf("\n");
	return n > 0;
}

/* The terminate rules of q that never ended an interview, printed when print is set. */
static size_t paths_unmet(const struct sim *s, const struct question *q, int print)
{
	size_t j, n = 0;

	for (j = 0; paths_reached(s, q) && j < q->nterms; j++) {
		if (s->vars[q->index].met[j] > 0)
			continue;
		if (print)
			printf("  %s terminate %zu (%s, line %d)\n", q->id, j + 1,
			    outcome_name(q->terms[j].outcome), q->terms[j].pos.line);
		n++;
	}
	return n;
}

/* Prints "TITLE: N", then the lines fn prints for each variable in file order; returns N. */
static size_t paths_print_list(const struct sim *s, const char *title,
    size_t (*fn)(const struct sim *, const struct question *, int))
{
	size_t i, n = 0;

	for (i = 0; i < s->ins->nvars; i++)
		n += fn(s, s->ins->vars[i], 0);
	printf("%s: %zu\n", title, n);
	for (i = 0; i < s->ins->nvars; i++)
		fn(s, s->ins->vars[i], 1);
	return n;
}

/* How an event line starts, after the respondent's number. */
static const char *paths_event_prefix(enum sim_kind k)
{
	switch (k) {
	case SIM_STUCK:
		return "stuck at ";
	case SIM_STEP_LIMIT:
		return "step limit at ";
	case SIM_ANOMALY:
		return "at ";
	case SIM_BROKEN:
		break;
	}
	return "";
}

/* The kept events of the given kinds, with a count of those left out. */
static void paths_print_events(const struct sim *s, const char *title, size_t total,
    enum sim_kind k1, enum sim_kind k2)
{
	size_t i, shown = 0;

	printf("%s: %zu\n", title, total);
	for (i = 0; i < s->nevents; i++) {
		const struct sim_event *ev = &s->events[i];

		if (ev->kind != k1 && ev->kind != k2)
			continue;
		printf("  respondent %zu: %s", ev->respondent, paths_event_prefix(ev->kind));
		paths_print_step(ev->q, ev->instance);
		printf(": %s\n", ev->detail != NULL ? ev->detail : "");
		shown++;
	}
	if (shown < total)
		printf("  ... and %zu more\n", total - shown);
}

/* The whole report; returns the number of questions never reached. */
static size_t paths_report(const struct sim *s, const struct paths_args *a)
{
	size_t i, unreached = 0, total = 0;

	printf("questionnaire: %s\nseed: %llu\n", a->file, (unsigned long long)s->seed);
	paths_print_outcomes(s);
	paths_print_lengths(s);
	paths_print_minutes(s, a);
	for (i = 0; i < s->ins->nvars; i++) {
		total += simulate_counted(s->ins->vars[i]);
		unreached += paths_unreached(s, s->ins->vars[i], 0);
	}
	printf("questions reached: %zu of %zu\n", total - unreached, total);
	paths_print_list(s, "questions never reached", paths_unreached);
	paths_print_list(s, "checks never fired", paths_unfired);
	paths_print_list(s, "options never chosen", paths_unchosen);
	paths_print_list(s, "terminate rules never met", paths_unmet);
	paths_print_events(s, "stopped respondents", s->stuck + s->step_limit, SIM_STUCK,
	    SIM_STEP_LIMIT);
	paths_print_events(s, "rules broken by kept answers", s->broken, SIM_BROKEN, SIM_BROKEN);
	paths_print_events(s, "engine anomalies", s->anomalies, SIM_ANOMALY, SIM_ANOMALY);
	return unreached;
}

/* The estimated seconds of q at one asking: its mean words read aloud, then the answer's pause. */
static double paths_seconds(const struct sim *s, const struct question *q,
    const struct paths_args *a)
{
	const struct sim_var *sv = &s->vars[q->index];

	return (double)sv->words / (double)sv->asked * 60.0 / (double)a->words_per_minute +
	    (q->type == Q_INFO ? 0.0 : (double)a->answer_seconds);
}

/* One line per question both estimated and recorded; sums what the ratio and the fit need. */
static void paths_calibrate_lines(const struct sim *s, const struct timing *t,
    const struct paths_args *a, double sum[4], size_t *matched)
{
	const struct sim_var *sv;
	const struct question *q;
	size_t i, j;
	double est;

	for (i = 0; i < s->ins->nvars; i++) {
		q = s->ins->vars[i];
		sv = &s->vars[q->index];
		for (j = 0; sv->asked > 0 && j < t->n && strcmp(t->v[j].var, q->id) != 0; j++)
			;
		if (sv->asked == 0 || j == t->n)
			continue;
		est = paths_seconds(s, q, a);
		printf("  %s: estimated %.1f s, recorded median %.1f s (%zu answers)\n", q->id, est,
		    t->v[j].median, t->v[j].answers);
		sum[0] += t->v[j].median;
		sum[1] += est;
		sum[2] += (double)sv->words / (double)sv->asked;
		sum[3] += q->type == Q_INFO ? 0.0 : (double)a->answer_seconds;
		(*matched)++;
	}
}

/* Compares the estimate with the median seconds recorded in a database; 0 when it could. */
static int paths_calibrate(const struct sim *s, const struct paths_args *a)
{
	double sum[4] = { 0, 0, 0, 0 };	/* recorded, estimated, words, answer pauses */
	struct timing t;
	struct store *st;
	size_t matched = 0;
	char *cause = NULL;
	int rc;

	if ((st = store_open(a->calibrate, STORE_EXISTING, &cause)) == NULL ||
	    store_timing(st, a->with_test, &t, &cause) != 0) {
		fprintf(stderr, "allo: %s: %s\n", a->calibrate, cause != NULL ? cause : "?");
		free(cause);
		if (st != NULL)
			store_close(st);
		return -1;
	}
	store_close(st);
	printf("calibration: %s: %zu completed interviews (%s)\n", a->calibrate, t.completes,
	    a->with_test ? "test interviews included" : "test interviews left out");
	if (t.completes == 0 || t.n == 0) {
		fprintf(stderr, "allo: %s: %s\n", a->calibrate, t.completes == 0 &&
		    t.test_completes > 0 ? "only test interviews are complete; --include-test "
		    "uses them" : "no completed interview with seconds recorded");
		store_timing_free(&t);
		return -1;
	}
	paths_calibrate_lines(s, &t, a, sum, &matched);
	rc = matched > 0 ? 0 : -1;
	if (matched == 0)
		fprintf(stderr, "allo: %s: no question of the database is in the questionnaire\n",
		    a->calibrate);
	else
		printf("recorded / estimated: %.2f over %zu questions\n", sum[0] / sum[1], matched);
	if (matched > 0 && sum[0] > sum[3])
		printf("fitted words per minute at %llu s per answer: %.0f\n",
		    (unsigned long long)a->answer_seconds, sum[2] * 60.0 / (sum[0] - sum[3]));
	else if (matched > 0)
		printf("fitted words per minute at %llu s per answer: none (the answers alone "
		    "take longer than recorded)\n", (unsigned long long)a->answer_seconds);
	store_timing_free(&t);
	return rc;
}

/* Loads the questionnaire, drives the respondents and reports. */
static enum cmd_status cmd_paths_exec(int argc, char **argv)
{
	struct paths_args a;
	struct instrument *ins;
	struct diag d;
	struct sim s;
	size_t len, unreached;
	char *buf, *cause;
	enum cmd_status status = CMD_OK;

	if (paths_parse(argc, argv, &a) != 0)
		return cmd_usage(&cmd_paths_entry);
	if ((buf = instrument_read(a.file, &len, &cause)) == NULL) {
		fprintf(stderr, "allo: %s\n", cause);
		free(cause);
		return CMD_USAGE;
	}
	diag_init(&d, a.file);
	ins = instrument_load(a.file, buf, len, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	if (ins == NULL) {
		free(buf);
		return CMD_FAIL;
	}
	simulate_init(&s, ins, a.seed);
	simulate_run(&s, (size_t)a.respondents);
	unreached = paths_report(&s, &a);
	if (a.calibrate != NULL && paths_calibrate(&s, &a) != 0)
		status = CMD_FAIL;
	simulate_free(&s);
	instrument_free(ins);
	free(buf);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "allo: cannot write the report: %s\n", strerror(errno));
		return CMD_SOFTWARE;
	}
	return unreached > 0 ? CMD_FAIL : status;
}

const struct cmd_entry cmd_paths_entry = {
	"paths", NULL, "FILE.yaml [--respondents N] [--seed S] [--words-per-minute N] "
	"[--answer-seconds S] [--calibrate DB [--include-test]]",
	"random respondents through the routing: what they never reach",
	cmd_paths_exec
};

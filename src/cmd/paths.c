/* allo paths: random respondents through the route engine, and what they never reached. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "instrument/instrument.h"
#include "interview/simulate.h"

#define PATHS_MAX_RESPONDENTS 1000000

/* The command line once read. */
struct paths_args {
	const char *file;
	uint64_t respondents;
	uint64_t seed;
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
static size_t paths_report(const struct sim *s, const char *file)
{
	size_t i, unreached = 0, total = 0;

	printf("questionnaire: %s\nseed: %llu\n", file, (unsigned long long)s->seed);
	paths_print_outcomes(s);
	paths_print_lengths(s);
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

/* Loads the questionnaire, drives the respondents and reports. */
static enum cmd_status cmd_paths_exec(int argc, char **argv)
{
	struct paths_args a;
	struct instrument *ins;
	struct diag d;
	struct sim s;
	size_t len, unreached;
	char *buf, *cause;

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
	unreached = paths_report(&s, a.file);
	simulate_free(&s);
	instrument_free(ins);
	free(buf);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "allo: cannot write the report: %s\n", strerror(errno));
		return CMD_SOFTWARE;
	}
	return unreached > 0 ? CMD_FAIL : CMD_OK;
}

const struct cmd_entry cmd_paths_entry = {
	"paths", NULL, "FILE.yaml [--respondents N] [--seed S]",
	"random respondents through the routing: what they never reach",
	cmd_paths_exec
};

/* allo report: progress, dispositions, AAPOR rates, quotas and interviewers, for supervisors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "field/report.h"
#include "field/schedule.h"
#include "instrument/instrument.h"
#include "session/session.h"
#include "util/clock.h"
#include "util/str.h"
#include "util/xmalloc.h"

/* The options as typed, before they are checked. */
struct cmd_report_args {
	const char *format, *section, *wave, *since, *until, *e, *as;
};

/* Reports are for supervisors and managers, or the database's owner and root. */
static struct store *cmd_report_open(const char *db, const char *as, char **cause)
{
	struct store_user u;
	struct store *st;

	st = cmd_open_staff(db, as, "supervisor,manager,interviewer", &u, cause);
	if (st != NULL && strcmp(u.role, "interviewer") == 0) {
		store_close(st);
		*cause = xasprintf("accès refusé : le rapport est réservé aux superviseurs et aux"
		    " responsables, et %s est enquêteur", u.login);
		return NULL;
	}
	return st;
}

/* e as a proportion: "0.62" or "0,62", from 0 to 1. */
static int cmd_report_e(const char *s, double *e)
{
	char *t = xstrdup(s), *comma = strchr(t, ',');
	int rc;

	if (comma != NULL)
		*comma = '.';
	rc = str_to_double(t, e) == 0 && *e >= 0 && *e <= 1 ? 0 : -1;
	free(t);
	return rc;
}

/* Checks the options that need no database; 0, or -1 after a message. */
static int cmd_report_options(const struct cmd_report_args *a, struct report_options *o)
{
	o->format = REPORT_TEXT;
	o->sections = REPORT_ALL;
	o->wave = a->wave;
	o->e = -1;
	if (a->format != NULL && strcmp(a->format, "text") != 0) {
		if (strcmp(a->format, "csv") == 0)
			o->format = REPORT_CSV;
		else if (strcmp(a->format, "json") == 0)
			o->format = REPORT_JSON;
		else {
			fprintf(stderr, "allo: --format: text, csv ou json, pas %s\n", a->format);
			return -1;
		}
	}
	if (a->section != NULL && (o->sections = report_sections(a->section)) == 0) {
		fprintf(stderr, "allo: --section: progress, dispositions, rates, quotas ou"
		    " interviewers (séparées par des virgules), pas %s\n", a->section);
		return -1;
	}
	if (a->e != NULL && cmd_report_e(a->e, &o->e) < 0) {
		fprintf(stderr, "allo: --e: une proportion entre 0 et 1, pas %s\n", a->e);
		return -1;
	}
	return 0;
}

/* Reads the period, in the survey's time zone (set before). */
static int cmd_report_period(const struct cmd_report_args *a, struct report_options *o)
{
	o->since = o->until = (time_t)-1;
	if (a->since != NULL && report_time(a->since, 0, &o->since) < 0) {
		fprintf(stderr, "allo: --since: date ou heure invalide : %s (AAAA-MM-JJ ou"
		    " AAAA-MM-JJTHH:MM)\n", a->since);
		return -1;
	}
	if (a->until != NULL && report_time(a->until, 1, &o->until) < 0) {
		fprintf(stderr, "allo: --until: date ou heure invalide : %s (AAAA-MM-JJ ou"
		    " AAAA-MM-JJTHH:MM)\n", a->until);
		return -1;
	}
	if (o->since != (time_t)-1 && o->until != (time_t)-1 && o->since >= o->until) {
		fprintf(stderr, "allo: période vide : --since doit précéder --until\n");
		return -1;
	}
	return 0;
}

static enum cmd_status cmd_report_exec(int argc, char **argv)
{
	struct cmd_report_args a;
	struct report_options o;
	struct instrument *ins;
	struct store *st;
	struct buf out = { 0 };
	char *cause = NULL;
	int bad = 0, rc;

	a.format = cmd_opt(&argc, argv, "--format", &bad);
	a.section = cmd_opt(&argc, argv, "--section", &bad);
	a.wave = cmd_opt(&argc, argv, "--wave", &bad);
	a.since = cmd_opt(&argc, argv, "--since", &bad);
	a.until = cmd_opt(&argc, argv, "--until", &bad);
	a.e = cmd_opt(&argc, argv, "--e", &bad);
	a.as = cmd_opt(&argc, argv, "--as", &bad);
	if (bad || cmd_stray_option(argc, argv) || argc != 2)
		return cmd_usage(&cmd_report_entry);
	if (cmd_report_options(&a, &o) < 0)
		return CMD_USAGE;
	if ((st = cmd_report_open(argv[1], a.as, &cause)) == NULL)
		return cmd_fail(cause, CMD_FAIL);
	if ((ins = cmd_questionnaire(st, &cause)) == NULL) {
		store_close(st);
		return cmd_fail(cause, CMD_FAIL);
	}
	schedule_timezone(&ins->fieldwork);
	o.now = clock_now();
	if (cmd_report_period(&a, &o) < 0) {
		instrument_free(ins);
		store_close(st);
		return CMD_USAGE;
	}
	rc = report_write(st, ins, &o, &out, &cause);
	if (rc == 0 && (fputs(out.s != NULL ? out.s : "", stdout) == EOF ||
	    fflush(stdout) == EOF)) {
		cause = xstrdup("cannot write the report: standard output failed");
		rc = -1;
	}
	buf_free(&out);
	instrument_free(ins);
	store_close(st);
	return rc == 0 ? CMD_OK : cmd_fail(cause, CMD_FAIL);
}

const struct cmd_entry cmd_report_entry = {
	"report", NULL,
	"DB [--format text|csv|json] [--section S[,S...]] [--wave W] [--since T] [--until T]"
	" [--e E] [--as LOGIN]",
	"progress, dispositions, AAPOR rates, quotas and interviewers", cmd_report_exec
};

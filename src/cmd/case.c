/*
 * allo case: one case. `explain`: why it is or is not dialled now, and its place
 * in the queue; `show`: everything held on it, for a respondent's access request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "field/explain.h"
#include "instrument/instrument.h"
#include "privacy/record.h"
#include "session/session.h"
#include "util/clock.h"

static int cmd_case_explain(struct store *st, const struct store_user *u, struct instrument *ins,
    const char *id, struct buf *b, char **cause)
{
	(void)u;
	return explain_case(st, ins, id, clock_now(), b, cause);
}

static int cmd_case_show(struct store *st, const struct store_user *u, struct instrument *ins,
    const char *id, struct buf *b, char **cause)
{
	return record_case(st, ins, id, u->login, b, cause);
}

static enum cmd_status cmd_case_exec(int argc, char **argv)
{
	int (*run)(struct store *, const struct store_user *, struct instrument *, const char *,
	    struct buf *, char **);
	struct store *(*open)(const char *, const char *, const char *, struct store_user *,
	    char **);
	struct store_user u;
	struct instrument *ins = NULL;
	struct store *st;
	struct buf b = { 0 };
	const char *as, *roles;
	char *cause = NULL;
	int bad = 0, rc = -1;

	as = cmd_opt(&argc, argv, "--as", &bad);
	if (bad || cmd_stray_option(argc, argv) || argc != 4)
		return cmd_usage(&cmd_case_entry);
	if (strcmp(argv[1], "explain") == 0) {
		run = cmd_case_explain;
		open = cmd_open_as;
		roles = "supervisor,manager,interviewer";
	} else if (strcmp(argv[1], "show") == 0) {
		run = cmd_case_show;	/* personal data: for the managers who answer requests */
		open = cmd_open_staff;
		roles = "manager";
	} else
		return cmd_usage(&cmd_case_entry);
	if ((st = open(argv[2], as, roles, &u, &cause)) == NULL)
		return cmd_fail(cause, CMD_FAIL);
	if ((ins = cmd_questionnaire(st, &cause)) != NULL) {
		schedule_timezone(&ins->fieldwork);
		rc = run(st, &u, ins, argv[3], &b, &cause);
	}
	if (rc == 0)
		fputs(b.s, stdout);
	buf_free(&b);
	instrument_free(ins);
	store_close(st);
	return rc == 0 ? CMD_OK : cmd_fail(cause, CMD_FAIL);
}

const struct cmd_entry cmd_case_entry = {
	"case", NULL, "explain|show DB CASE [--as LOGIN]",
	"why a case is or is not dialled now; everything held on it", cmd_case_exec
};

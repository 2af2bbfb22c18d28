/* allo case explain: why a case is or is not dialled now, and its place in the queue. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "field/explain.h"
#include "instrument/instrument.h"
#include "session/session.h"
#include "util/clock.h"

static enum cmd_status cmd_case_exec(int argc, char **argv)
{
	struct cmd_survey sv;
	struct buf b = { 0 };
	const char *as;
	char *cause = NULL;
	int bad = 0, rc;

	as = cmd_opt(&argc, argv, "--as", &bad);
	if (bad || cmd_stray_option(argc, argv) || argc != 4 || strcmp(argv[1], "explain") != 0)
		return cmd_usage(&cmd_case_entry);
	if (cmd_survey_open(argv[2], as, "supervisor,manager,interviewer", &sv, &cause) < 0)
		return cmd_fail(cause, CMD_FAIL);
	schedule_timezone(&sv.ins->fieldwork);
	rc = explain_case(sv.store, sv.ins, argv[3], clock_now(), &b, &cause);
	if (rc == 0)
		fputs(b.s, stdout);
	buf_free(&b);
	cmd_survey_close(&sv);
	return rc == 0 ? CMD_OK : cmd_fail(cause, CMD_FAIL);
}

const struct cmd_entry cmd_case_entry = {
	"case", NULL, "explain DB CASE [--as LOGIN]",
	"explain why a case is or is not dialled now, and its place in the queue", cmd_case_exec
};

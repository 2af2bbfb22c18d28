/* allo interview: the interviewer terminal. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "instrument/instrument.h"
#include "session/session.h"
#include "ui/interview.h"

static enum cmd_status cmd_interview_exec(int argc, char **argv)
{
	struct cmd_survey sv;
	const char *as;
	char *cause = NULL;
	int bad = 0, rc;

	as = cmd_opt(&argc, argv, "--as", &bad);
	if (bad || cmd_stray_option(argc, argv) || argc != 2)
		return cmd_usage(&cmd_interview_entry);
	if (cmd_survey_open(argv[1], as, "interviewer,supervisor,manager", &sv, &cause) < 0)
		return cmd_fail(cause, CMD_FAIL);
	rc = ui_interview(sv.store, &sv.user, sv.ins, &cause);
	cmd_survey_close(&sv);
	if (rc > 0)
		return (enum cmd_status)(128 + rc);	/* as shells report a death by signal */
	return rc == 0 ? CMD_OK : cmd_fail(cause, CMD_FAIL);
}

const struct cmd_entry cmd_interview_entry = {
	"interview", NULL, "DB [--as LOGIN]",
	"the interviewer terminal: cases to call, then the interview", cmd_interview_exec
};

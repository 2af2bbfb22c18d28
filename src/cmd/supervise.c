/* allo supervise: the live supervisor dashboard. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "field/quota.h"
#include "instrument/instrument.h"
#include "session/session.h"
#include "ui/supervise.h"

static enum cmd_status cmd_supervise_exec(int argc, char **argv)
{
	struct cmd_survey sv;
	const char *as;
	char *cause = NULL;
	int bad = 0, rc;

	as = cmd_opt(&argc, argv, "--as", &bad);
	if (bad || cmd_stray_option(argc, argv) || argc != 2)
		return cmd_usage(&cmd_supervise_entry);
	if (cmd_survey_open_staff(argv[1], as, "supervisor,manager", &sv, &cause) < 0)
		return cmd_fail(cause, CMD_FAIL);
	if (quota_sync(sv.store, sv.ins, &cause) < 0) {
		cmd_survey_close(&sv);
		return cmd_fail(cause, CMD_FAIL);
	}
	rc = ui_supervise(sv.store, &sv.user, sv.ins, &cause);
	cmd_survey_close(&sv);
	return rc == 0 ? CMD_OK : cmd_fail(cause, CMD_FAIL);
}

const struct cmd_entry cmd_supervise_entry = {
	"supervise", NULL, "DB [--as LOGIN]",
	"the supervisor dashboard: quotas, rates, interviewers, actions",
	cmd_supervise_exec
};

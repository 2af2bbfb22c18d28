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
	struct store_user u;
	struct instrument *ins;
	struct store *st;
	const char *as;
	char *cause = NULL;
	int bad = 0, rc;

	as = cmd_opt(&argc, argv, "--as", &bad);
	if (bad || cmd_stray_option(argc, argv) || argc != 2)
		return cmd_usage(&cmd_supervise_entry);
	if ((st = cmd_open_as(argv[1], as, "supervisor,manager", &u, &cause)) == NULL)
		return cmd_fail(cause, CMD_FAIL);
	if ((ins = cmd_questionnaire(st, &cause)) == NULL || quota_sync(st, ins, &cause) < 0) {
		instrument_free(ins);
		store_close(st);
		return cmd_fail(cause, CMD_FAIL);
	}
	rc = ui_supervise(st, &u, ins, &cause);
	instrument_free(ins);
	store_close(st);
	return rc == 0 ? CMD_OK : cmd_fail(cause, CMD_FAIL);
}

const struct cmd_entry cmd_supervise_entry = {
	"supervise", NULL, "DB [--as LOGIN]",
	"the supervisor dashboard: quotas, rates, interviewers, appointments, actions",
	cmd_supervise_exec
};

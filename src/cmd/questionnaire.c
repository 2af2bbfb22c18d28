/* allo questionnaire add: a new version of the instrument; running interviews keep theirs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "field/quota.h"
#include "instrument/instrument.h"
#include "session/session.h"
#include "store/store.h"
#include "util/xmalloc.h"

/* A database holds one survey: a new version must carry the same survey id. */
static int cmd_questionnaire_same_survey(struct store *st, const struct instrument *ins,
    char **cause)
{
	struct instrument *cur = cmd_questionnaire(st, cause);
	int rc = 0;

	if (cur == NULL)
		return -1;
	if (strcmp(cur->id, ins->id) != 0) {
		*cause = xasprintf("this database holds survey '%s', not '%s'", cur->id, ins->id);
		rc = -1;
	}
	instrument_free(cur);
	return rc;
}

static enum cmd_status cmd_questionnaire_exec(int argc, char **argv)
{
	struct store_user u = { "", "", "" };
	struct instrument *ins;
	struct store *st;
	struct diag d;
	const char *as;
	char *text, *cause = NULL;
	size_t len;
	int64_t id;
	int bad = 0, existed;

	as = cmd_opt(&argc, argv, "--as", &bad);
	if (bad || cmd_stray_option(argc, argv) || argc != 4 || strcmp(argv[1], "add") != 0)
		return cmd_usage(&cmd_questionnaire_entry);
	if ((text = instrument_read(argv[3], &len, &cause)) == NULL)
		return cmd_fail(cause, CMD_USAGE);
	diag_init(&d, argv[3]);
	ins = instrument_load(argv[3], text, len, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	if (ins == NULL) {
		free(text);
		return CMD_FAIL;
	}
	st = cmd_open_staff(argv[2], as, "manager", &u, &cause);
	if (st != NULL && cmd_questionnaire_same_survey(st, ins, &cause) < 0) {
		store_close(st);
		st = NULL;
	}
	if (st == NULL || store_questionnaire_add(st, text, len, ins->id, ins->version, u.login,
	    &id, &existed, &cause) < 0) {
		store_close(st);
		instrument_free(ins);
		free(text);
		return cmd_fail(cause, CMD_FAIL);
	}
	if (quota_sync(st, ins, &cause) < 0) {
		store_close(st);
		instrument_free(ins);
		free(text);
		return cmd_fail(cause, CMD_FAIL);
	}
	printf("%s: questionnaire version %lld%s (%s %s)\n", argv[2], (long long)id,
	    existed ? ", already registered" : "", ins->id, ins->version);
	store_close(st);
	instrument_free(ins);
	free(text);
	return CMD_OK;
}

const struct cmd_entry cmd_questionnaire_entry = {
	"questionnaire", NULL, "add DB FILE.yaml [--as LOGIN]",
	"register a new version of the questionnaire", cmd_questionnaire_exec
};

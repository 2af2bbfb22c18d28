/* allo init: a new survey database from a questionnaire that passes every check. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "field/quota.h"
#include "instrument/instrument.h"
#include "session/session.h"
#include "store/store.h"

static enum cmd_status cmd_init_exec(int argc, char **argv)
{
	struct instrument *ins;
	struct store *st;
	struct diag d;
	char *text, *cause = NULL, login[64];
	size_t len;
	int64_t id;
	int existed, test = cmd_flag(&argc, argv, "--test");

	if (argc != 3 || cmd_stray_option(argc, argv))
		return cmd_usage(&cmd_init_entry);
	if ((text = instrument_read(argv[2], &len, &cause)) == NULL)
		return cmd_fail(cause, CMD_USAGE);
	diag_init(&d, argv[2]);
	ins = instrument_load(argv[2], text, len, &d);
	diag_print(&d, stderr);
	if (ins == NULL) {
		diag_free(&d);
		free(text);
		return CMD_FAIL;
	}
	diag_free(&d);
	if (session_login(login, sizeof login, &cause) < 0 ||
	    (st = store_open(argv[1], test ? STORE_CREATE_TEST : STORE_CREATE, &cause)) == NULL) {
		instrument_free(ins);
		free(text);
		return cmd_fail(cause, CMD_FAIL);
	}
	if (store_questionnaire_add(st, text, len, ins->id, ins->version, login, &id, &existed,
	    &cause) < 0) {
		store_close(st);
		unlink(argv[1]);
		instrument_free(ins);
		free(text);
		return cmd_fail(cause, CMD_FAIL);
	}
	if (quota_sync(st, ins, &cause) < 0) {
		store_close(st);
		unlink(argv[1]);
		instrument_free(ins);
		free(text);
		return cmd_fail(cause, CMD_FAIL);
	}
	printf("%s: %s database created for %s%s%s (%zu question%s)\n", argv[1],
	    test ? "test" : "fieldwork", ins->id, *ins->version ? " " : "", ins->version,
	    ins->nquestions, ins->nquestions > 1 ? "s" : "");
	store_close(st);
	instrument_free(ins);
	free(text);
	return CMD_OK;
}

const struct cmd_entry cmd_init_entry = {
	"init", NULL, "[--test] DB QUESTIONNAIRE.yaml",
	"create a fieldwork (or --test) database from a questionnaire", cmd_init_exec
};

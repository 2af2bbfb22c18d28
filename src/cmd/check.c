/* allo check: every static rule of a questionnaire, reported like a compiler. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "instrument/instrument.h"

/* Checks one file; returns its status. */
static enum cmd_status cmd_check_file(const char *path)
{
	struct instrument *ins;
	struct diag d;
	size_t len;
	char *buf, *cause;

	if ((buf = instrument_read(path, &len, &cause)) == NULL) {
		fprintf(stderr, "allo: %s\n", cause);
		free(cause);
		return CMD_USAGE;
	}
	diag_init(&d, path);
	ins = instrument_load(path, buf, len, &d);
	diag_print(&d, stderr);
	if (ins != NULL)
		printf("%s: ok: %zu questions, %zu themes\n", path, ins->nquestions, ins->nthemes);
	diag_free(&d);
	instrument_free(ins);
	free(buf);
	return ins != NULL ? CMD_OK : CMD_FAIL;
}

static enum cmd_status cmd_check_exec(int argc, char **argv)
{
	enum cmd_status worst = CMD_OK, st;
	int i;

	if (argc < 2)
		return cmd_usage(&cmd_check_entry);
	for (i = 1; i < argc; i++) {
		st = cmd_check_file(argv[i]);
		if (st > worst)
			worst = st;
	}
	return worst;
}

const struct cmd_entry cmd_check_entry = {
	"check", NULL, "FILE.yaml ...",
	"check a questionnaire: errors as FILE:LINE:COL, then a summary", cmd_check_exec
};

/* Helpers every subcommand shares. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

enum cmd_status cmd_usage(const struct cmd_entry *e)
{
	fprintf(stderr, "usage: allo %s %s\n", e->name, e->usage);
	return CMD_USAGE;
}

int cmd_wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

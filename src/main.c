/* allo: a CATI capture terminal. The table below dispatches every subcommand. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "util/priv.h"

static const struct cmd_entry *const cmd_table[] = {
	&cmd_case_entry,
	&cmd_check_entry,
	&cmd_drive_entry,
	&cmd_export_entry,
	&cmd_help_entry,
	&cmd_init_entry,
	&cmd_interview_entry,
	&cmd_paths_entry,
	&cmd_purge_entry,
	&cmd_questionnaire_entry,
	&cmd_quota_entry,
	&cmd_report_entry,
	&cmd_sample_entry,
	&cmd_supervise_entry,
	&cmd_user_entry,
	&cmd_wave_entry,
	NULL
};

/* Finds a command by exact name, alias or unique prefix. */
static const struct cmd_entry *cmd_find(const char *name, char *cause, size_t len)
{
	const struct cmd_entry *found = NULL;
	size_t i, n = strlen(name);
	int ambiguous = 0;

	for (i = 0; cmd_table[i] != NULL; i++) {
		const struct cmd_entry *e = cmd_table[i];

		if (strcmp(e->name, name) == 0 || (e->alias && strcmp(e->alias, name) == 0))
			return e;
		if (n > 0 && strncmp(e->name, name, n) == 0) {
			ambiguous += found != NULL;
			found = found ? found : e;
		}
	}
	if (found != NULL && !ambiguous)
		return found;
	if (found == NULL) {
		snprintf(cause, len, "unknown command: %s (try 'allo help')", name);
		return NULL;
	}
	snprintf(cause, len, "ambiguous command: %s, could be:", name);
	for (i = 0; cmd_table[i] != NULL; i++)
		if (strncmp(cmd_table[i]->name, name, n) == 0)
			snprintf(cause + strlen(cause), len - strlen(cause), " %s", cmd_table[i]->name);
	return NULL;
}

/* Lists every command with its summary. */
static enum cmd_status cmd_help_exec(int argc, char **argv)
{
	char cause[256];
	const struct cmd_entry *e;
	size_t i;

	if (argc > 1) {
		if ((e = cmd_find(argv[1], cause, sizeof cause)) == NULL) {
			fprintf(stderr, "allo: %s\n", cause);
			return CMD_USAGE;
		}
		printf("usage: allo %s %s\n  %s\nSee man %s%s.\n", e->name, e->usage, e->summary,
		    e == &cmd_help_entry ? "allo" : "allo-", e == &cmd_help_entry ? "" : e->name);
		return CMD_OK;
	}
	printf("usage: allo COMMAND [ARGS]\n       allo --version\n\ncommands:\n");
	for (i = 0; cmd_table[i] != NULL; i++)
		printf("  %-13s %s\n", cmd_table[i]->name, cmd_table[i]->summary);
	printf("\n'allo COMMAND --help' shows a command's arguments; man allo has the rest.\n");
	return CMD_OK;
}

const struct cmd_entry cmd_help_entry = {
	"help", NULL, "[COMMAND]", "list the commands, or show one command's usage", cmd_help_exec
};

int main(int argc, char **argv)
{
	char cause[256];
	const struct cmd_entry *e;

	priv_init();	/* before any library reads the environment */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");	/* numbers in files and protocols use a dot */
	if (argc < 2) {
		cmd_help_exec(1, argv);
		return CMD_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("allo %s\n", ALLO_VERSION);
		return CMD_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help_exec(1, argv);
	if ((e = cmd_find(argv[1], cause, sizeof cause)) == NULL) {
		fprintf(stderr, "allo: %s\n", cause);
		return CMD_USAGE;
	}
	if (e != &cmd_help_entry && cmd_wants_help(argc - 1, argv + 1)) {
		printf("usage: allo %s %s\n  %s\n", e->name, e->usage, e->summary);
		return CMD_OK;
	}
	return (int)e->exec(argc - 1, argv + 1);
}

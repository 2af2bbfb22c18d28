/* allo user: the people who may use a survey database, and their roles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "session/session.h"
#include "store/store.h"
#include "util/str.h"

/* Adding users is for the database's owner, root, or a manager. */
static struct store *cmd_user_open(const char *db, const char *as, char **cause)
{
	struct store_user u;

	return cmd_open_staff(db, as, "manager", &u, cause);
}

static enum cmd_status cmd_user_add(int argc, char **argv, const char *as)
{
	const char *role, *name;
	struct store *st;
	char *cause = NULL;
	int bad = 0;

	role = cmd_opt(&argc, argv, "--role", &bad);
	name = cmd_opt(&argc, argv, "--name", &bad);
	if (bad || cmd_stray_option(argc, argv) || argc != 4 || role == NULL)
		return cmd_usage(&cmd_user_entry);
	if (strcmp(role, "interviewer") != 0 && strcmp(role, "supervisor") != 0 &&
	    strcmp(role, "manager") != 0) {
		fprintf(stderr, "allo: unknown role %s (interviewer, supervisor or manager)\n", role);
		return CMD_USAGE;
	}
	if (argv[3][0] == '\0' || strlen(argv[3]) > 32 || strspn(argv[3], "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != strlen(argv[3])) {
		fprintf(stderr, "allo: invalid login %s\n", argv[3]);
		return CMD_USAGE;
	}
	if ((st = cmd_user_open(argv[2], as, &cause)) == NULL)
		return cmd_fail(cause, CMD_FAIL);
	if (store_user_add(st, argv[3], role, name != NULL ? name : argv[3], &cause) < 0) {
		store_close(st);
		return cmd_fail(cause, CMD_FAIL);
	}
	store_close(st);
	printf("%s: %s (%s)\n", argv[3], name != NULL ? name : argv[3], role);
	return CMD_OK;
}

static enum cmd_status cmd_user_exec(int argc, char **argv)
{
	const char *as;
	int bad = 0;

	as = cmd_opt(&argc, argv, "--as", &bad);
	if (bad || argc < 3 || strcmp(argv[1], "add") != 0)
		return cmd_usage(&cmd_user_entry);
	return cmd_user_add(argc, argv, as);
}

const struct cmd_entry cmd_user_entry = {
	"user", NULL, "add DB LOGIN --role interviewer|supervisor|manager [--name NAME] [--as LOGIN]",
	"add a user, or change a user's role and name", cmd_user_exec
};

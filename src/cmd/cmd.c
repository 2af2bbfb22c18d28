/* Helpers every subcommand shares. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "cmd/cmd.h"
#include "instrument/instrument.h"
#include "session/session.h"

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

enum cmd_status cmd_fail(char *cause, enum cmd_status st)
{
	fprintf(stderr, "allo: %s\n", cause != NULL ? cause : "failed");
	free(cause);
	return st;
}

const char *cmd_opt(int *argc, char **argv, const char *name, int *bad)
{
	size_t n = strlen(name);
	const char *v = NULL;
	int i, j;

	for (i = 1; i < *argc; i++) {
		int take;

		if (strncmp(argv[i], name, n) != 0 || (argv[i][n] != '\0' && argv[i][n] != '='))
			continue;
		if (argv[i][n] == '=') {
			v = argv[i] + n + 1;
			take = 1;
		} else if (i + 1 < *argc) {
			v = argv[i + 1];
			take = 2;
		} else {
			fprintf(stderr, "allo: %s needs a value\n", name);
			*bad = 1;
			return NULL;
		}
		for (j = i; j + take < *argc; j++)
			argv[j] = argv[j + take];
		*argc -= take;
		argv[*argc] = NULL;
		return v;
	}
	return v;
}

int cmd_flag(int *argc, char **argv, const char *name)
{
	int i, j, found = 0;

	for (i = 1; i < *argc; i++) {
		if (strcmp(argv[i], name) != 0)
			continue;
		for (j = i; j + 1 < *argc; j++)
			argv[j] = argv[j + 1];
		argv[--*argc] = NULL;
		found = 1;
		i--;
	}
	return found;
}

int cmd_stray_option(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, "allo: unknown option %s\n", argv[i]);
			return 1;
		}
	}
	return 0;
}

/* Opens the database for a person: who they are, that they exist, that their role fits. */
struct store *cmd_open_as(const char *db, const char *as, const char *roles,
    struct store_user *u, char **cause)
{
	char login[64];
	struct store *st;

	if ((st = store_open(db, STORE_EXISTING, cause)) == NULL)
		return NULL;
	if (session_identity(st, as, login, sizeof login, cause) < 0 ||
	    session_user(st, login, roles, u, cause) < 0) {
		store_close(st);
		return NULL;
	}
	return st;
}

struct store *cmd_open_staff(const char *db, const char *as, const char *roles,
    struct store_user *u, char **cause)
{
	struct store *st;

	if (as != NULL)
		return cmd_open_as(db, as, roles, u, cause);
	if ((st = store_open(db, STORE_EXISTING, cause)) == NULL)
		return NULL;
	memset(u, 0, sizeof *u);
	if (session_login(u->login, sizeof u->login, cause) < 0)
		goto fail;
	if (store_owned_by_caller(st)) {
		/* Whatever role the owner was registered with (make demo: interviewer). */
		if (store_user_get(st, u->login, u, NULL) != 1)
			snprintf(u->name, sizeof u->name, "%s", u->login);
		snprintf(u->role, sizeof u->role, "owner");
		return st;
	}
	if (session_user(st, u->login, roles, u, cause) < 0)
		goto fail;
	return st;
fail:
	store_close(st);
	return NULL;
}

struct instrument *cmd_questionnaire(struct store *st, char **cause)
{
	return session_questionnaire(st, 0, cause);
}

/* Opens the survey through open (cmd_open_as or cmd_open_staff), with its questionnaire. */
static int cmd_survey_with(struct store *(*open)(const char *, const char *, const char *,
    struct store_user *, char **), const char *db, const char *as, const char *roles,
    struct cmd_survey *sv, char **cause)
{
	memset(sv, 0, sizeof *sv);
	if ((sv->store = open(db, as, roles, &sv->user, cause)) == NULL)
		return -1;
	if ((sv->ins = cmd_questionnaire(sv->store, cause)) == NULL) {
		store_close(sv->store);
		sv->store = NULL;
		return -1;
	}
	return 0;
}

int cmd_survey_open(const char *db, const char *as, const char *roles, struct cmd_survey *sv,
    char **cause)
{
	return cmd_survey_with(cmd_open_as, db, as, roles, sv, cause);
}

int cmd_survey_open_staff(const char *db, const char *as, const char *roles,
    struct cmd_survey *sv, char **cause)
{
	return cmd_survey_with(cmd_open_staff, db, as, roles, sv, cause);
}

void cmd_survey_close(struct cmd_survey *sv)
{
	instrument_free(sv->ins);
	store_close(sv->store);
	memset(sv, 0, sizeof *sv);
}

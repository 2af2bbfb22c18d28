/* allo user: the people who may use a survey database, and their roles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "session/session.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/str.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

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

/* A role as the French list says it. */
static const char *cmd_user_role(const char *role)
{
	if (strcmp(role, "interviewer") == 0)
		return "enquêteur";
	if (strcmp(role, "supervisor") == 0)
		return "superviseur";
	return strcmp(role, "manager") == 0 ? "responsable" : role;
}

/* "actif" or "désactivé le 30/11/2026 10:00 par chef". */
static void cmd_user_state(struct store *st, const struct store_user_state *state, char *out,
    size_t len)
{
	char when[32];

	if (!state->disabled) {
		snprintf(out, len, "actif");
		return;
	}
	session_local_time(st, state->at, when, sizeof when);
	snprintf(out, len, "désactivé le %s par %s", when, state->by[0] ? state->by : "?");
}

/* The rows of the list, kept to be printed in columns as wide as their widest cell. */
struct cmd_user_rows {
	struct store *st;
	char **cells;		/* four per row, the headers first */
	size_t n;
};

static void cmd_user_cells(struct cmd_user_rows *r, const char *login, const char *name,
    const char *role, const char *state)
{
	r->cells = xreallocarray(r->cells, r->n + 4, sizeof *r->cells);
	r->cells[r->n++] = xstrdup(login);
	r->cells[r->n++] = xstrdup(name);
	r->cells[r->n++] = xstrdup(role);
	r->cells[r->n++] = xstrdup(state);
}

static void cmd_user_row(void *arg, const struct store_user *u,
    const struct store_user_state *state)
{
	struct cmd_user_rows *r = arg;
	char text[256];

	cmd_user_state(r->st, state, text, sizeof text);
	cmd_user_cells(r, u->login, u->name, cmd_user_role(u->role), text);
}

static void cmd_user_print(const struct cmd_user_rows *r)
{
	size_t w[3] = { 0, 0, 0 }, i, k;

	for (i = 0; i < r->n; i++)
		if (i % 4 < 3 && utf8_width(r->cells[i]) > w[i % 4])
			w[i % 4] = utf8_width(r->cells[i]);
	for (i = 0; i < r->n; i += 4) {
		for (k = 0; k < 3; k++)
			printf("%s%*s  ", r->cells[i + k], (int)(w[k] - utf8_width(r->cells[i + k])), "");
		printf("%s\n", r->cells[i + 3]);
	}
}

static void cmd_user_free(struct cmd_user_rows *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->cells[i]);
	free(r->cells);
}

/* The list is for supervisors and managers, or the database's owner and root. */
static enum cmd_status cmd_user_list(int argc, char **argv, const char *as)
{
	struct cmd_user_rows r = { NULL, NULL, 0 };
	struct store_user u;
	char *cause = NULL;
	int rc;

	if (cmd_stray_option(argc, argv) || argc != 3)
		return cmd_usage(&cmd_user_entry);
	if ((r.st = cmd_open_staff(argv[2], as, "supervisor,manager", &u, &cause)) == NULL)
		return cmd_fail(cause, CMD_FAIL);
	cmd_user_cells(&r, "identifiant", "nom", "rôle", "état");
	rc = store_user_list(r.st, cmd_user_row, &r, &cause);
	if (rc == 0)
		cmd_user_print(&r);
	cmd_user_free(&r);
	store_close(r.st);
	return rc == 0 ? CMD_OK : cmd_fail(cause, CMD_FAIL);
}

/* Disabling and enabling are for managers, or the database's owner and root; never oneself. */
static enum cmd_status cmd_user_switch(int argc, char **argv, const char *as, int disabled)
{
	struct store_user_state state;
	struct store_user u, who;
	struct store *st;
	char *cause = NULL, now[32], text[256];
	int rc;

	if (cmd_stray_option(argc, argv) || argc != 4)
		return cmd_usage(&cmd_user_entry);
	if ((st = cmd_open_staff(argv[2], as, "manager", &u, &cause)) == NULL)
		return cmd_fail(cause, CMD_FAIL);
	if ((rc = store_user_get(st, argv[3], &who, &cause)) != 1) {
		store_close(st);
		return cmd_fail(rc < 0 ? cause : xasprintf("utilisateur inconnu : %s", argv[3]),
		    CMD_FAIL);
	}
	if (disabled && strcmp(argv[3], u.login) == 0) {
		store_close(st);
		return cmd_fail(xstrdup("vous ne pouvez pas désactiver votre propre compte"), CMD_FAIL);
	}
	clock_iso(clock_now(), now, sizeof now);
	if ((rc = store_user_set_disabled(st, argv[3], disabled, u.login, now, &cause)) < 0 ||
	    store_user_state(st, argv[3], &state, &cause) < 0) {
		store_close(st);
		return cmd_fail(cause, CMD_FAIL);
	}
	cmd_user_state(st, &state, text, sizeof text);
	printf("%s : %s%s\n", argv[3], rc == 0 ? "déjà " : "", text);
	store_close(st);
	return CMD_OK;
}

static enum cmd_status cmd_user_exec(int argc, char **argv)
{
	const char *as;
	int bad = 0;

	as = cmd_opt(&argc, argv, "--as", &bad);
	if (bad || argc < 3)
		return cmd_usage(&cmd_user_entry);
	if (strcmp(argv[1], "add") == 0)
		return cmd_user_add(argc, argv, as);
	if (strcmp(argv[1], "list") == 0)
		return cmd_user_list(argc, argv, as);
	if (strcmp(argv[1], "disable") == 0 || strcmp(argv[1], "enable") == 0)
		return cmd_user_switch(argc, argv, as, argv[1][0] == 'd');
	return cmd_usage(&cmd_user_entry);
}

const struct cmd_entry cmd_user_entry = {
	"user", NULL, "add DB LOGIN --role interviewer|supervisor|manager [--name NAME] [--as LOGIN]"
	" | list DB [--as LOGIN] | disable DB LOGIN [--as LOGIN] | enable DB LOGIN [--as LOGIN]",
	"add, list, disable or enable the users; change roles and names", cmd_user_exec
};

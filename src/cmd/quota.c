/* allo quota: the quota cells, and the supervisor's changes to them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "field/quota.h"
#include "instrument/instrument.h"
#include "session/session.h"
#include "store/quota.h"
#include "util/clock.h"
#include "util/str.h"
#include "util/utf8.h"

/*
 * Prints every cell: quota, cell, labels, completes, target, the places held by
 * interviews in progress past their check, status (from the completes alone).
 */
static void cmd_quota_list(struct store *st, const struct instrument *ins)
{
	struct store_cell c;
	char key[128], label[256], padded[256], now[32];
	size_t i, j, k, o;
	int held;

	clock_iso(clock_now(), now, sizeof now);
	printf("%-20s %-10s %-40s %9s %6s %9s  %s\n", "quota", "cellule", "libelle", "complets",
	    "cible", "en cours", "état");
	for (i = 0; i < ins->nquotas; i++) {
		const struct quota *qt = &ins->quotas[i];

		for (j = 0; j < qt->ncells; j++) {
			for (k = 0, o = 0; k < qt->nby; k++)
				o += (size_t)snprintf(key + o, sizeof key - o, "%s%ld", k ? "," : "",
				    qt->cells[j].codes[k]);
			if (store_cell_get(st, qt->id, key, &c) != 1)
				continue;
			quota_label(ins, qt, key, padded, sizeof padded);
			utf8_pad(label, sizeof label, padded, 40);
			held = store_cell_reserved(st, qt->id, key, 0, now);
			printf("%-20s %-10s %s %9d %6d %9d  %s\n", qt->id, key, label, c.completes,
			    c.target, held > 0 ? held : 0, c.closed ? "fermée" : c.completes > c.target ? "dépassée" :
			    c.completes == c.target ? "pleine" : "ouverte");
		}
	}
}

static enum cmd_status cmd_quota_change(struct store *st, const struct instrument *ins,
    const struct store_user *u, int argc, char **argv)
{
	char *cause = NULL;
	long target = -1;
	int closed = -1;

	if (strcmp(argv[2], "target") == 0) {
		if (argc != 6 || str_to_long(argv[5], &target) != 0 || target < 0 || target > 1000000)
			return cmd_usage(&cmd_quota_entry);
	} else if (strcmp(argv[2], "close") == 0 || strcmp(argv[2], "reopen") == 0) {
		if (argc != 5)
			return cmd_usage(&cmd_quota_entry);
		closed = argv[2][0] == 'c';
	} else
		return cmd_usage(&cmd_quota_entry);
	if (quota_set(st, ins, argv[3], argv[4], (int)target, closed, u->login, &cause) < 0)
		return cmd_fail(cause, CMD_FAIL);
	printf("%s %s: %s\n", argv[3], argv[4], argv[2]);
	return CMD_OK;
}

static enum cmd_status cmd_quota_exec(int argc, char **argv)
{
	struct cmd_survey sv;
	const char *as;
	char *cause = NULL;
	enum cmd_status rc = CMD_OK;
	int bad = 0;

	as = cmd_opt(&argc, argv, "--as", &bad);
	if (bad || cmd_stray_option(argc, argv) || argc < 3)
		return cmd_usage(&cmd_quota_entry);
	if (cmd_survey_open_staff(argv[1], as, "supervisor,manager", &sv, &cause) < 0)
		return cmd_fail(cause, CMD_FAIL);
	if (strcmp(argv[2], "list") == 0 && argc == 3) {
		if (quota_sync(sv.store, sv.ins, &cause) < 0)
			rc = cmd_fail(cause, CMD_FAIL);
		else
			cmd_quota_list(sv.store, sv.ins);
	} else
		rc = cmd_quota_change(sv.store, sv.ins, &sv.user, argc, argv);
	cmd_survey_close(&sv);
	return rc;
}

const struct cmd_entry cmd_quota_entry = {
	"quota", NULL, "DB list | target QUOTA CELL N | close QUOTA CELL | reopen QUOTA CELL"
	" [--as LOGIN]", "quota cells: list them, change a target, close or reopen a cell",
	cmd_quota_exec
};

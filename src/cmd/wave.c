/* allo wave: list the waves of the sample, close one (no more calls), reopen it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "field/schedule.h"
#include "instrument/instrument.h"
#include "store/quota.h"
#include "store/wave.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/xmalloc.h"

/* An ISO time as "30/11/2026 10:00" in the survey's time zone; "-" when there is none. */
static void cmd_wave_when(const char *iso, char *out, size_t len)
{
	schedule_local_iso(*iso != '\0' ? iso : "-", out, len, "%d/%m/%Y %H:%M");
}

/* "30/11/2026 12:00 (chef)": when and by whom, or "-". */
static void cmd_wave_by(const char *iso, const char *login, char *out, size_t len)
{
	char when[32];

	cmd_wave_when(iso, when, sizeof when);
	if (*iso != '\0' && *login != '\0')
		snprintf(out, len, "%s (%s)", when, login);
	else
		snprintf(out, len, "%s", when);
}

static void cmd_wave_row(void *arg, const struct store_wave *w)
{
	char opened[32], closed[128], purged[128];

	(*(int *)arg)++;
	cmd_wave_when(w->opened_at, opened, sizeof opened);
	cmd_wave_by(w->closed_at, w->closed_by, closed, sizeof closed);
	cmd_wave_by(w->purged_at, w->purged_by, purged, sizeof purged);
	printf("%-10s %6d %6d  %-16s  %-25s  %s\n", w->name, w->cases, w->finals, opened, closed,
	    purged);
}

/* Opens db for a wave command, with the survey's time zone set for the dates it prints. */
static struct store *cmd_wave_open(const char *db, const char *as, const char *roles,
    struct store_user *u, char **cause)
{
	struct instrument *ins;
	struct store *st;

	if ((st = cmd_open_staff(db, as, roles, u, cause)) == NULL)
		return NULL;
	if ((ins = cmd_questionnaire(st, cause)) == NULL) {
		store_close(st);
		return NULL;
	}
	schedule_timezone(&ins->fieldwork);
	instrument_free(ins);
	return st;
}

static enum cmd_status cmd_wave_list(int argc, char **argv, const char *as)
{
	struct store_user u;
	struct store *st;
	char *cause = NULL;
	int n = 0;

	if (cmd_stray_option(argc, argv) || argc != 3)
		return cmd_usage(&cmd_wave_entry);
	if ((st = cmd_wave_open(argv[2], as, "manager,supervisor", &u, &cause)) == NULL)
		return cmd_fail(cause, CMD_FAIL);
	printf("%-10s %6s %6s  %-16s  %-25s  %s\n", "vague", "cas", "finals", "ouverte le",
	    "close le", "purgée le");
	if (store_wave_list(st, cmd_wave_row, &n, &cause) < 0) {
		store_close(st);
		return cmd_fail(cause, CMD_FAIL);
	}
	if (n == 0)
		printf("(aucune vague : allo sample import)\n");
	store_close(st);
	return CMD_OK;
}

struct cmd_wave_held {
	struct buf names;
	int n;
};

static void cmd_wave_held(void *arg, const char *case_id, const char *login)
{
	struct cmd_wave_held *h = arg;

	buf_addf(&h->names, "%s%s (%s)", h->n++ > 0 ? ", " : "", case_id, login);
}

/* Inside the transaction: -1 with *cause while someone holds a case of the wave. */
static int cmd_wave_none_held(struct store *st, const char *wave, char **cause)
{
	struct cmd_wave_held h = { { 0 }, 0 };
	char now[32];
	int rc;

	clock_iso(clock_now(), now, sizeof now);
	buf_adds(&h.names, "");
	if ((rc = store_wave_holds(st, wave, now, cmd_wave_held, &h, cause)) > 0)
		*cause = xasprintf("vague %s : %d cas en main, fermeture refusée : %s ; demandez-leur"
		    " de finir leur appel, puis recommencez", wave, rc, h.names.s);
	buf_free(&h.names);
	return rc == 0 ? 0 : -1;
}

/*
 * Inside the transaction: whether the wave can change to closed (close) or
 * open; 1 when it is so already (*said tells how), -1 with *cause when refused.
 */
static int cmd_wave_can(struct store *st, const char *wave, int close, char *said, size_t len,
    char **cause)
{
	struct store_wave w;
	char when[128];
	int rc;

	if ((rc = store_wave_get(st, wave, &w, cause)) <= 0) {
		if (rc == 0)
			*cause = xasprintf("vague inconnue : %s (allo wave list)", wave);
		return -1;
	}
	if (!close && w.purged_at[0] != '\0') {
		cmd_wave_by(w.purged_at, w.purged_by, when, sizeof when);
		*cause = xasprintf("vague %s : purgée le %s, elle ne peut plus être rouverte", wave,
		    when);
		return -1;
	}
	cmd_wave_by(w.closed_at, w.closed_by, when, sizeof when);
	if (close && w.closed_at[0] != '\0') {
		snprintf(said, len, "vague %s : déjà close le %s", wave, when);
		return 1;
	}
	if (!close && w.closed_at[0] == '\0') {
		snprintf(said, len, "vague %s : déjà ouverte", wave);
		return 1;
	}
	if (close)
		snprintf(said, len, "vague %s close : plus aucun appel ni entretien sur ses %d cas",
		    wave, w.cases);
	else
		snprintf(said, len, "vague %s rouverte : ses cas non finals reviennent dans la file",
		    wave);
	return close ? cmd_wave_none_held(st, wave, cause) : 0;
}

/* allo wave close and allo wave reopen: one transaction, recorded in the supervisor's log. */
static enum cmd_status cmd_wave_set(int argc, char **argv, const char *as, int close)
{
	struct store_user u;
	struct store *st;
	char *cause = NULL, now[32], said[256];
	int rc;

	if (cmd_stray_option(argc, argv) || argc != 4)
		return cmd_usage(&cmd_wave_entry);
	if ((st = cmd_wave_open(argv[2], as, "manager", &u, &cause)) == NULL)
		return cmd_fail(cause, CMD_FAIL);
	clock_iso(clock_now(), now, sizeof now);
	if (store_begin(st, &cause) < 0 ||
	    (rc = cmd_wave_can(st, argv[3], close, said, sizeof said, &cause)) < 0 ||
	    (rc == 0 && (store_wave_set_closed(st, argv[3], close ? now : NULL, u.login,
	    &cause) < 0 || store_supervisor_log(st, u.login, close ? "wave_close" : "wave_reopen",
	    argv[3], NULL) < 0)) || store_commit(st, &cause) < 0) {
		store_rollback(st);
		store_close(st);
		return cmd_fail(cause != NULL ? cause : xstrdup("vague non modifiée"), CMD_FAIL);
	}
	store_close(st);
	printf("%s\n", said);
	return CMD_OK;
}

static enum cmd_status cmd_wave_exec(int argc, char **argv)
{
	const char *as;
	int bad = 0;

	as = cmd_opt(&argc, argv, "--as", &bad);
	if (bad || argc < 2)
		return cmd_usage(&cmd_wave_entry);
	if (strcmp(argv[1], "list") == 0)
		return cmd_wave_list(argc, argv, as);
	if (strcmp(argv[1], "close") == 0)
		return cmd_wave_set(argc, argv, as, 1);
	if (strcmp(argv[1], "reopen") == 0)
		return cmd_wave_set(argc, argv, as, 0);
	return cmd_usage(&cmd_wave_entry);
}

const struct cmd_entry cmd_wave_entry = {
	"wave", NULL,
	"list DB [--as LOGIN]\n"
	"       allo wave close DB WAVE [--as LOGIN]\n"
	"       allo wave reopen DB WAVE [--as LOGIN]",
	"list the waves; close one (no more calls), or reopen it", cmd_wave_exec
};

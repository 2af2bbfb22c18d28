#include "field/undo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field/disposition.h"
#include "field/quota.h"
#include "field/schedule.h"
#include "store/calls.h"
#include "store/undo.h"
#include "util/clock.h"
#include "util/xmalloc.h"

/* A call is undone by its interviewer: one typed by hand, or the end of an interview. */
static int undo_allowed(const struct store_last_call *k)
{
	const struct disposition *d = disposition_find(k->outcome);

	return d != NULL && (d->by_interviewer || k->interview > 0) && !k->undone &&
	    k->restorable && !k->purged;
}

/* The checks of an undo, inside its transaction: 0 when k may be undone now, else -1. */
static int undo_check(struct store *st, const struct store_last_call *k, const char *login,
    time_t now, char **cause)
{
	char who[64], held[64];
	time_t at;
	int rc;

	if (!undo_allowed(k)) {
		*cause = xstrdup("Rien à annuler.");
		return -1;
	}
	if (clock_parse(k->at, &at) < 0 || now - at > UNDO_SECONDS) {
		*cause = xstrdup("Trop tard : plus de 10 minutes.");
		return -1;
	}
	if (schedule_wave_open(st, k->case_id, cause) < 0)
		return -1;
	if ((rc = store_call_taken(st, k, login, who, sizeof who, cause)) != 0) {
		if (rc > 0)
			*cause = xasprintf("Le cas a été repris par %s depuis.", who);
		return -1;
	}
	if (store_case_held(st, login, held, sizeof held) == 1 && strcmp(held, k->case_id) != 0) {
		*cause = xasprintf("Un entretien est en cours sur le cas %s : terminez-le d'abord.",
		    held);
		return -1;
	}
	return 0;
}

/* Blocks and priorities of frame cells follow the counts again, after a complete is undone. */
static void undo_quotas(struct store *st, const struct instrument *ins,
    const struct store_last_call *k)
{
	char *ignored = NULL;

	/* The counts are right already; a failure here is mended by the next quota_sync. */
	if (k->interview > 0 && strcmp(k->outcome, "complete") == 0)
		quota_sync(st, ins, &ignored);
	free(ignored);
}

int undo_last_call(struct store *st, const struct instrument *ins, const char *login,
    time_t now, struct undo_done *u, char **cause)
{
	const struct disposition *d;
	struct store_last_call k;
	char snow[32], until[32];
	int rc;

	memset(u, 0, sizeof *u);
	clock_iso(now, snow, sizeof snow);
	clock_iso(now + ins->fieldwork.lease_minutes * 60, until, sizeof until);
	if (store_begin(st, cause) < 0)
		return -1;
	if ((rc = store_call_last(st, login, &k, cause)) == 0)
		*cause = xstrdup("Rien à annuler.");
	if (rc != 1 || undo_check(st, &k, login, now, cause) < 0 ||
	    store_release(st, login, k.case_id) < 0 ||
	    store_call_undo(st, &k, login, snow, until, cause) < 0) {
		if (*cause == NULL)
			*cause = xasprintf("annulation impossible : %s", store_error(st));
		store_rollback(st);
		return -1;
	}
	if (store_commit(st, cause) < 0)
		return -1;
	undo_quotas(st, ins, &k);
	d = disposition_find(k.outcome);
	snprintf(u->case_id, sizeof u->case_id, "%s", k.case_id);
	snprintf(u->outcome, sizeof u->outcome, "%s", k.outcome);
	snprintf(u->label, sizeof u->label, "%s", d != NULL ? d->label : k.outcome);
	u->interview = k.interview;
	return 0;
}

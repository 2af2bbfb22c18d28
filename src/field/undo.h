/* Undoing an interviewer's last call outcome, for a few minutes, while nobody else took the case. */
#ifndef ALLO_UNDO_H
#define ALLO_UNDO_H

#include <stdint.h>
#include <time.h>

#include "instrument/instrument.h"
#include "store/store.h"

#define UNDO_SECONDS 600	/* how long a call outcome can be undone: 10 minutes */

/* What an undo put back, for the screen to say it. */
struct undo_done {
	char case_id[64];	/* the case, leased again to the interviewer */
	char outcome[32];	/* the token of the call undone */
	char label[96];		/* its French label */
	int64_t interview;	/* the interview in progress again, 0 when the call ended none */
};

/*
 * Undoes login's last call outcome, in one transaction, within UNDO_SECONDS
 * of it and unless the case was given to someone else since: the case's state,
 * attempts and slot counts, retry time and flag come back as the call found
 * them, the case is leased to login again (every other lease of login is let
 * go), the appointment the call set is removed and the one it replaced is open
 * again, the interview it ended is in progress again (a complete leaves its
 * quota cells, whose blocks and priorities are then applied again), and an
 * undo record names the call, which readers of calls leave out from then on.
 * 0 with *u filled; -1 with *cause in French ("Rien à annuler.", "Trop tard :
 * plus de 10 minutes.", "Le cas C1 a été repris par X depuis.", or an error).
 */
int undo_last_call(struct store *st, const struct instrument *ins, const char *login,
    time_t now, struct undo_done *u, char **cause);

#endif

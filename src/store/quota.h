/* Quota cells in the database: targets, counts, members, events; and the cases they block. */
#ifndef ALLO_STORE_QUOTA_H
#define ALLO_STORE_QUOTA_H

#include <stdint.h>

#include "instrument/model.h"
#include "store/store.h"

struct store_cell {
	int target, completes, closed;
};

/* 1 with the cell's state, 0 when the cell has no row (not under quota), -1 on error. */
int store_cell_get(struct store *s, const char *quota, const char *cell, struct store_cell *c);
/*
 * The places held in a cell by interviews other than except: in progress, on a
 * case whose lease is still live at now; -1 on error.
 */
int store_cell_reserved(struct store *s, const char *quota, const char *cell, int64_t except,
    const char *now);
/* Holds a place for the interview in the cell of quota (cell NULL lets it go). */
int store_quota_reserve(struct store *s, int64_t interview, const char *quota, const char *cell);
/* Records that the interview passed its quota check (kept from the first time). */
int store_quota_checked(struct store *s, int64_t interview, const char *now);
/* Creates the cell with its questionnaire target unless it exists. */
int store_cell_ensure(struct store *s, const char *quota, const char *cell, int target);
/* Counts an interview into a cell; *after gets the new count. */
int store_cell_count(struct store *s, int64_t interview, const char *quota, const char *cell,
    int *after, char **cause);
int store_cell_set(struct store *s, const char *quota, const char *cell, int target, int closed,
    const char *login);
/* Recounts every cell from the members of complete interviews. */
int store_cells_recount(struct store *s);
int store_quota_event(struct store *s, const char *quota, const char *cell, const char *event,
    const char *detail, const char *login, const char *at);
/*
 * Sets blocked and priority on the cases of one frame-only cell: the cell's
 * frame codes select the cases through their frame JSON.
 */
int store_cell_cases(struct store *s, const struct quota *qt, const long *codes, int blocked,
    int priority);
/* Unblocks every case, before cells are applied again. */
int store_cases_unblock(struct store *s);
int store_supervisor_log(struct store *s, const char *login, const char *action,
    const char *target, const char *detail);

#endif

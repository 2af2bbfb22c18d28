/* Undoing a call: the call log stays as it is, an undo record names the call, the case goes back. */
#ifndef ALLO_STORE_UNDO_H
#define ALLO_STORE_UNDO_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* A person's last call, as an undo sees it. */
struct store_last_call {
	int64_t id, interview;		/* interview: the one the call ended, 0 if none */
	char case_id[64], at[24], outcome[32];
	int undone;			/* an undo record names it already */
	int restorable;			/* the case as the call found it was kept (schema 7 on) */
	int purged;			/* the case's personal data were erased since */
};

/* login's latest call, undone or not: 1 found, 0 none, -1 error. */
int store_call_last(struct store *s, const char *login, struct store_last_call *k, char **cause);
/*
 * Someone other than login given the case of k (leased, called or
 * interviewed) since k was made: 1 with their login in who, 0 nobody, -1 error.
 */
int store_call_taken(struct store *s, const struct store_last_call *k, const char *login,
    char *who, size_t len, char **cause);
/*
 * Inside the caller's transaction: undoes k as login at now. The case gets
 * back its state, final code, attempts, slot counts, retry time, last call and
 * flag as the call found them, leased to login until until; the appointment
 * the call set is removed and the one it closed is open again; the interview
 * the call ended is in progress again and, when the call was its complete,
 * no longer counted in its quota cells; then the undo record is added.
 */
int store_call_undo(struct store *s, const struct store_last_call *k, const char *login,
    const char *now, const char *until, char **cause);

#endif

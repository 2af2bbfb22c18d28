/* Interviewers' breaks: when each began and ended, and how long it lasted. */
#ifndef ALLO_STORE_BREAKS_H
#define ALLO_STORE_BREAKS_H

#include <stddef.h>

#include "store/store.h"

/*
 * Starts a break of login at now (ISO): 1 started, 0 when one is open already
 * (its start in since), -1 on error. since (24 bytes) gets the break's start.
 */
int store_break_start(struct store *s, const char *login, const char *now, char *since,
    char **cause);
/*
 * Ends login's open break at now, recording its length: 1 ended (*seconds its
 * length, since its start), 0 when none is open, -1 on error.
 */
int store_break_end(struct store *s, const char *login, const char *now, long *seconds,
    char *since, char **cause);
/* 1 with the start of login's open break in since (24 bytes), 0 when none, -1 on error. */
int store_break_open(struct store *s, const char *login, char *since);

#endif

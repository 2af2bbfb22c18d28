/* An interviewer's own appointments still to keep, for "Mes rendez-vous". */
#ifndef ALLO_STORE_AGENDA_H
#define ALLO_STORE_AGENDA_H

#include "store/store.h"

typedef void (*store_agenda_fn)(void *arg, const char *case_id, const char *due_at,
    const char *kind, const char *note);

/* Calls fn for every open appointment login set, soonest first; 0, or -1 on error. */
int store_agenda(struct store *s, const char *login, store_agenda_fn fn, void *arg);

#endif

/* Waves of the sample in the database: open, closed (no more calls), purged. */
#ifndef ALLO_STORE_WAVE_H
#define ALLO_STORE_WAVE_H

#include <stddef.h>

struct store;

/* One wave as allo wave list shows it; the secret of its pseudonymous ids is never read. */
struct store_wave {
	char name[64];
	char opened_at[32], closed_at[32], purged_at[32];	/* "" when not so */
	char closed_by[64], purged_by[64];
	int cases, finals;
};

typedef void (*store_wave_fn)(void *arg, const struct store_wave *w);
typedef void (*store_hold_fn)(void *arg, const char *case_id, const char *login);

/* Calls fn for every wave, oldest first; -1 on error. */
int store_wave_list(struct store *s, store_wave_fn fn, void *arg, char **cause);
/* 1 with the wave named name, 0 when no wave has that name, -1 on error. */
int store_wave_get(struct store *s, const char *name, struct store_wave *w, char **cause);
/* Calls fn for every case of the wave (of any wave: NULL) held at now; the count, or -1. */
int store_wave_holds(struct store *s, const char *name, const char *now, store_hold_fn fn,
    void *arg, char **cause);
/* Records the wave as opened at now unless it has its row already. */
int store_wave_add(struct store *s, const char *name, const char *now, char **cause);
/* Closes the wave at at by login, or reopens it when at is NULL (its row made if missing). */
int store_wave_set_closed(struct store *s, const char *name, const char *at, const char *login,
    char **cause);

#endif

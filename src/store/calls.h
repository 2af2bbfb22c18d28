/* Cases as the scheduler sees them: leases, calls, appointments, the queue. */
#ifndef ALLO_CALLS_H
#define ALLO_CALLS_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct store_case {
	char id[64], wave[64], state[16], final_code[16], flag[32];
	char lease_login[64], lease_until[24], next_at[24], last_call_at[24], queue_last[24];
	char *frame;		/* JSON object text, owned */
	int priority, attempts, slots[6];
	int blocked;		/* its frame quota cell is full or closed */
};

struct store_appointment {
	char due_at[24], kind[8], note[256], set_by[64];
};

typedef void (*store_call_fn)(void *arg, const char *at, const char *login, const char *outcome,
    const char *note);

/* 1 found, 0 not found, -1 error. c->frame is freed by store_case_clear. */
int store_case_get(struct store *s, const char *id, struct store_case *c, char **cause);
void store_case_clear(struct store_case *c);
/*
 * The case's phone number for a person about to be shown it: read and traced in
 * the access log (who, when, which case, what) in one transaction, so that no
 * number is shown untraced. 1 with the number; 0 when the case has none (erased,
 * or imported from the do-not-call list): nothing is logged; -1 on error.
 */
int store_case_phone_show(struct store *s, const char *id, const char *login, const char *what,
    char *phone, size_t len, char **cause);
/* The displays of access_log's what column. */
#define STORE_SHOWN_CASE_SCREEN "case_screen"	/* the interviewer's case screen */
#define STORE_SHOWN_DRIVER "driver"		/* the headless driver's case */
#define STORE_SHOWN_CASE_SHOW "case_show"	/* a manager's allo case show */
/* Writes every scheduling field of c back, lease included. */
int store_case_update(struct store *s, const struct store_case *c, char **cause);

/* The first appointment due for login: 1 with its case id, 0 none, -1 error. */
int store_next_appointment(struct store *s, const char *now, const char *horizon,
    const char *missed, const char *login, char *id, size_t len);
/* The best eligible case in the queue for the time slot (-1: no slot). */
int store_next_case(struct store *s, int slot, const char *now, const char *login,
    int max_attempts, int max_per_slot, char *id, size_t len);
/* The best eligible case with an interrupted interview, in the queue's order for the slot. */
int store_next_resume(struct store *s, int slot, const char *now, const char *login,
    int max_attempts, int max_per_slot, char *id, size_t len);
/*
 * Takes the case's lease unless someone else holds a live one, and keeps who
 * was given the case when: 1 taken, 0 not, -1 error.
 */
int store_lease(struct store *s, const char *id, const char *login, const char *until,
    const char *now);
/* Who holds the case's lease ("" when nobody): 1 with the login, 0 no such case, -1 error. */
int store_case_holder(struct store *s, const char *id, char *login, size_t len);
/* 1 with the name of the case's wave in wave when that wave is closed, 0 if not, -1 on error. */
int store_case_wave_closed(struct store *s, const char *id, char *wave, size_t len);
/* Releases every lease of login except on case keep (may be NULL). */
int store_release(struct store *s, const char *login, const char *keep);

/*
 * Records a call of case id, and the case as it stands (before the caller
 * updates it), for an undo; *call gets the call's id.
 */
int store_call_add(struct store *s, const char *id, const char *login, const char *at,
    const char *outcome, const char *note, int slot, int64_t interview, int64_t *call,
    char **cause);
/* An appointment set by the call call. */
int store_appointment_add(struct store *s, const char *id, const char *due, const char *kind,
    const char *note, const char *login, const char *now, int64_t call, char **cause);
/* Closes the case's open appointments, as the call call did. */
int store_appointment_close(struct store *s, const char *id, int64_t call);
/* The case's open appointment: 1 found, 0 none. */
int store_appointment_get(struct store *s, const char *id, struct store_appointment *a);
int store_history(struct store *s, const char *id, store_call_fn fn, void *arg);

/*
 * How many eligible cases stand before c in the queue now, and how many are
 * eligible; with resume_first, cases with an interrupted interview come first.
 */
int store_queue_rank(struct store *s, int slot, const char *now, int max_attempts,
    int max_per_slot, int resume_first, const struct store_case *c, int *ahead, int *eligible);

/* The case login holds with a live lease and an interview in progress: 1 found. */
int store_case_held(struct store *s, const char *login, char *id, size_t len);
/* A note on a case, typed by an interviewer (personal data: never exported). */
int store_note_add(struct store *s, const char *id, const char *login, const char *at,
    const char *note, char **cause);

#endif

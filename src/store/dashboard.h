/* What the supervisor dashboard reads, in one read-only snapshot. */
#ifndef ALLO_STORE_DASHBOARD_H
#define ALLO_STORE_DASHBOARD_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* What one interviewer is doing now, and their day so far. */
struct dash_interviewer {
	char login[64], name[128];
	char state[16];		/* "pause", "entretien", "appel" or "inactif" */
	char case_id[64];	/* the case they hold, "" when none (kept during a break) */
	/*
	 * ISO time the state began: the break's start, the interview's start, the
	 * time the case was given, or, idle, their last call, break or answer.
	 */
	char since[24];
	char question[64];	/* in an interview: the question it is on */
	int percent;		/* in an interview: share of its route answered, -1 unknown */
	int64_t interview;	/* in an interview: its id, else 0 */
	int completes_today, calls_today;
	int cases_today;	/* cases given to them today (distinct) */
	long break_seconds_today;	/* breaks begun today, an open one up to now */
};

/* An open appointment due soon, for the supervisor: no personal data. */
struct dash_appointment {
	char case_id[64];
	char set_by[64];	/* the interviewer who made it */
	char due_at[24];	/* ISO, UTC */
	char kind[8];		/* "hard" or "soft" */
	char holder[64];	/* who holds the case now, "" when nobody */
	/* The note as typed, with phone numbers, e-mails, the case's name and number masked. */
	char note[256];
	int overdue;		/* due before now */
};

struct dash {
	int completes, breakoffs, screened, fresh, active, final, held;
	int appointments_hour, appointments_missed;
	struct dash_interviewer *who;
	size_t nwho;
};

/* Reads everything the dashboard shows, inside one read transaction. */
int store_dashboard(struct store *s, const char *now, const char *hour_later,
    const char *day_start, struct dash *d, char **cause);
void store_dashboard_free(struct dash *d);
/*
 * The open appointments of cases not final due before until (now + 1 hour for
 * the screen), oldest first, overdue ones included; *due (caller frees) gets
 * *n of them. The notes are masked like exported texts (privacy/mask.h),
 * knowing the case's number and name and the values of its frame variables
 * named in personal (may be NULL).
 */
int store_dashboard_due(struct store *s, const char *now, const char *until,
    const char *const *personal, size_t npersonal, struct dash_appointment **due, size_t *n,
    char **cause);
/* Releases whatever case login holds (a dead terminal's lease), unless its wave is closed. */
int store_release_lease(struct store *s, const char *login);
/* Sets a case's priority unless its wave is closed: the number of cases changed, or -1. */
int store_case_priority(struct store *s, const char *id, int priority);

#endif

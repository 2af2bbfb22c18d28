/* What the database holds on one respondent (a case), read for an access request. */
#ifndef ALLO_STORE_PERSON_H
#define ALLO_STORE_PERSON_H

struct store;

/* The parts of a case's file, each read by one statement; columns as the comments say. */
enum person_part {
	PERSON_CASE,		/* id, wave, state, final code, attempts, priority, created,
				   last call, purged, frame JSON */
	PERSON_CONTACT,		/* phone, name, sample note: absent once erased */
	PERSON_CALLS,		/* at, login, outcome, note */
	PERSON_APPOINTMENTS,	/* due, kind, set by, set at, note, done */
	PERSON_NOTES,		/* at, login, note */
	PERSON_INTERVIEWS,	/* id, login, status, started, ended, questionnaire, is test */
	PERSON_ANSWERS,		/* interview, var, instance, kind, value, on path */
	PERSON_CHANGES,		/* at, login, interview, var, instance, old, new */
	PERSON_SUPERVISION,	/* at, login, action, detail */
	PERSON_ACCESS,		/* at, login, what */
	PERSON_PURGES,		/* at, login, scope, target */
	PERSON_DNC,		/* added at, added by (keyed by the number's hash) */
	PERSON_COUNT
};

#define PERSON_MAX_COLS 10

/* Called once per row with the row's columns as text ("" for NULL). */
typedef void (*store_person_fn)(void *arg, const char *const *col, int ncol);

/* Reads one part of the case key: 1 if it had rows, 0 if none, -1 on error. */
int store_person_rows(struct store *s, enum person_part part, const char *key,
    store_person_fn fn, void *arg, char **cause);
/* The do-not-call entry of phone (E.164), as PERSON_DNC rows. */
int store_person_dnc(struct store *s, const char *phone, store_person_fn fn, void *arg,
    char **cause);

#endif

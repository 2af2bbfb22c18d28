/* The queries of `allo report`: counts over cases, calls, interviews and quota cells, read only. */
#ifndef ALLO_STORE_REPORT_H
#define ALLO_STORE_REPORT_H

#include <stddef.h>

#include "store/store.h"

/* What a report covers: a wave, and a period [since, until) of calls and interviews. */
struct store_report_scope {
	const char *wave;	/* NULL: every wave */
	const char *since;	/* "YYYY-MM-DDTHH:MM:SSZ", or NULL: from the start */
	const char *until;	/* the same, excluded, or NULL: up to now */
};

/* How informative a call outcome is: the highest rank among a case's calls names its status. */
struct store_report_rank {
	const char *token;
	int rank;
};

/*
 * Cases alike at the end of the period. Without a period every case of the
 * wave counts; with one, the cases with a call or an interview in it.
 */
struct store_report_cases {
	int final;		/* final by the end of the period */
	const char *code;	/* its AAPOR code, "" unless final */
	int rank;		/* not final: the highest rank of its calls, 0 without any */
	int interview;		/* not final: an interview of it was open or broken off */
	const char *last;	/* not final: its last call's outcome, "" without any */
	long n;
};

/* Calls of the period, by interviewer and outcome. */
struct store_report_calls {
	const char *login, *outcome;
	long n;
};

/* Interviews started in the period (test interviews left out), by interviewer and result. */
struct store_report_interviews {
	const char *login, *status, *outcome;	/* outcome "" when none */
	long n;
	long timed;		/* complete ones with an end time */
	double minutes;		/* their lengths added up, start to end */
};

/* Time logged by an interviewer: the first to the last event of each local day, added up. */
struct store_report_hours {
	const char *login;
	long days;
	double hours;
};

struct store_report_cell {
	const char *quota, *cell;
	long target, completes;
	int closed;
};

/* Rows are handed to fn one at a time; their strings live until fn returns. */
typedef void (*store_report_cases_fn)(void *arg, const struct store_report_cases *row);
typedef void (*store_report_calls_fn)(void *arg, const struct store_report_calls *row);
typedef void (*store_report_interviews_fn)(void *arg, const struct store_report_interviews *row);
typedef void (*store_report_hours_fn)(void *arg, const struct store_report_hours *row);
typedef void (*store_report_cell_fn)(void *arg, const struct store_report_cell *row);

/* A read transaction, so that every section sees the same database. */
int store_report_begin(struct store *s, char **cause);
void store_report_end(struct store *s);

int store_report_cases(struct store *s, const struct store_report_scope *sc,
    const struct store_report_rank *ranks, size_t nranks, store_report_cases_fn fn, void *arg,
    char **cause);
int store_report_calls(struct store *s, const struct store_report_scope *sc,
    store_report_calls_fn fn, void *arg, char **cause);
int store_report_interviews(struct store *s, const struct store_report_scope *sc,
    store_report_interviews_fn fn, void *arg, char **cause);
/* Days are cut at local midnight, in the process's time zone. */
int store_report_hours(struct store *s, const struct store_report_scope *sc,
    store_report_hours_fn fn, void *arg, char **cause);
/* Open appointments due in [from, to), and cases under a live lease at now, of the wave. */
int store_report_now(struct store *s, const char *wave, const char *now, const char *from,
    const char *to, long *appointments, long *held, char **cause);
int store_report_cells(struct store *s, store_report_cell_fn fn, void *arg, char **cause);

#endif

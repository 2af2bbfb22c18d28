/* The queries of `allo report`: plain scans of cases, calls, interviews and quota cells, read only. */
#ifndef ALLO_STORE_REPORT_H
#define ALLO_STORE_REPORT_H

#include <stdint.h>

#include "store/store.h"

/* A case, as the report classifies it. */
struct store_report_case {
	const char *id, *state;
	const char *code;		/* final code, "" when none */
	const char *last_call_at;	/* "" when never called */
};

/* A call. */
struct store_report_call {
	int64_t id;
	const char *case_id, *login, *outcome, *at;
};

/* An interview of a case (test interviews are left out). */
struct store_report_interview {
	const char *case_id, *login, *status;
	const char *outcome;		/* "" when none */
	const char *started_at;
	const char *ended_at;		/* "" when not ended */
};

struct store_report_cell {
	const char *quota, *cell;
	long target, completes;
	int closed;
};

/* A break of an interviewer; an open one has ended_at "" and seconds -1. */
struct store_report_break {
	const char *login, *started_at, *ended_at;
	long seconds;
};

/* Rows are handed to fn one at a time; their strings live until fn returns. */
typedef void (*store_report_case_fn)(void *arg, const struct store_report_case *row);
typedef void (*store_report_call_fn)(void *arg, const struct store_report_call *row);
typedef void (*store_report_interview_fn)(void *arg, const struct store_report_interview *row);
typedef void (*store_report_cell_fn)(void *arg, const struct store_report_cell *row);
typedef void (*store_report_break_fn)(void *arg, const struct store_report_break *row);

/* A read transaction, so that every section sees the same database; a large page cache. */
int store_report_begin(struct store *s, char **cause);
void store_report_end(struct store *s);

/* The cases of wave (NULL: every wave). */
int store_report_cases(struct store *s, const char *wave, store_report_case_fn fn, void *arg,
    char **cause);
/* The calls made before until ("YYYY-MM-DDTHH:MM:SSZ", NULL: all), in no particular order. */
int store_report_calls(struct store *s, const char *until, store_report_call_fn fn, void *arg,
    char **cause);
/* The interviews started before until (NULL: all). */
int store_report_interviews(struct store *s, const char *until, store_report_interview_fn fn,
    void *arg, char **cause);
/* Open appointments due in [from, to), and cases under a live lease at now, of the wave. */
int store_report_now(struct store *s, const char *wave, const char *now, const char *from,
    const char *to, long *appointments, long *held, char **cause);
int store_report_cells(struct store *s, store_report_cell_fn fn, void *arg, char **cause);
/* The breaks begun in [since, until) ("" and NULL: no bound). */
int store_report_breaks(struct store *s, const char *since, const char *until,
    store_report_break_fn fn, void *arg, char **cause);

#endif

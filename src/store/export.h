/* The wave export's reads: one snapshot of a wave's interviews, answers and calls. */
#ifndef ALLO_STORE_EXPORT_H
#define ALLO_STORE_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "instrument/expr.h"

struct store;
struct store_export;

/* An interview of a case of the wave; the strings live until the callback returns. */
struct store_export_interview {
	int64_t id, questionnaire;
	const char *case_id, *login, *status;
	int is_test;
	const char *started_at, *ended_at;	/* "" when unknown */
	const char *final_code;			/* the case's AAPOR code, "" when not final */
	const char *frame;			/* the case's frame variables, a JSON object */
	const char *phone, *name;		/* personal, to be masked; NULL when erased */
	const char *outcome;			/* the interview's outcome ("partial": AAPOR 1.2), or "" */
};

/* A call of a case of the wave; never its note. */
struct store_export_call {
	const char *case_id, *login, *at, *outcome;
	const char *ended_as;	/* the outcome of the interview it ended, "" when none */
};

/* A questionnaire version: id, SHA-256, survey, version, and its source text. */
struct store_export_version {
	int64_t id;
	const char *sha256, *survey, *version, *source;
	size_t len;
};

typedef int (*store_export_version_fn)(void *arg, const struct store_export_version *v);
typedef int (*store_export_interview_fn)(void *arg, const struct store_export_interview *iv);
typedef int (*store_export_call_fn)(void *arg, const struct store_export_call *c);
/* One answer: value points into the statement until the callback returns. */
typedef void (*store_export_answer_fn)(void *arg, const char *var, int instance,
    const struct value *v, int on_path, double seconds);

/*
 * The secret of the wave's pseudonymous ids: the one the wave holds, or
 * candidate (hex) stored now when it has none. Copies it into out.
 */
int store_export_secret(struct store *s, const char *wave, const char *candidate, char *out,
    size_t len, char **cause);

/* Starts a read transaction: every read until store_export_end sees one snapshot. */
struct store_export *store_export_begin(struct store *s, char **cause);
void store_export_end(struct store_export *x);

/* How many cases the wave has. */
int store_export_wave_cases(struct store_export *x, const char *wave, size_t *n, char **cause);
/* Every questionnaire version, oldest first. */
int store_export_versions(struct store_export *x, store_export_version_fn fn, void *arg,
    char **cause);
/* Every interview of the wave's cases, by case then id; fn returning -1 stops. */
int store_export_interviews(struct store_export *x, const char *wave,
    store_export_interview_fn fn, void *arg, char **cause);
/* The answers of one interview, ordered by variable then instance. */
int store_export_answers(struct store_export *x, int64_t interview, store_export_answer_fn fn,
    void *arg, char **cause);
/* Every call of the wave's cases, by case then time of recording. */
int store_export_calls(struct store_export *x, const char *wave, store_export_call_fn fn,
    void *arg, char **cause);

#endif

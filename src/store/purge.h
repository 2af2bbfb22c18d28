/* The SQL of erasure: a purge's one transaction, and the scrub of the file after it. */
#ifndef ALLO_STORE_PURGE_H
#define ALLO_STORE_PURGE_H

#include <stddef.h>
#include <stdint.h>

struct store;

/* What a purge erased: its record's detail, and what allo purge tells. */
struct store_purge_counts {
	size_t cases;			/* cases covered */
	size_t contacts;		/* phones, names and sample notes */
	size_t call_notes, appointment_notes, notes;
	size_t access;			/* lines of the access log */
	size_t texts, log_texts;	/* answers and answer-log lines masked */
	size_t frames;			/* frame values declared personal */
	size_t dnc;			/* numbers put on the do-not-call list */
	size_t closed;			/* cases made final by a case purge */
	size_t breaks;			/* interviewers' breaks taken in the wave only */
};

/* A purge in progress: what it covers and what it has erased so far. */
struct store_purge {
	struct store *s;
	int wave;			/* 1: every case of wave target; 0: case target */
	const char *target;
	char now[32];
	int64_t id;			/* its row in purges */
	struct store_purge_counts n;
};

/* One case of the purge, with its personal data (phone and name NULL once erased). */
struct store_purge_case {
	const char *id, *frame, *phone, *name;
};

typedef int (*store_purge_case_fn)(void *arg, const struct store_purge_case *c);

/* A text to rewrite: an answer (key: interview, a: value) or a log line (key: id, a/b: old/new). */
struct store_purge_text {
	int64_t key;
	char *a, *b, *var;
	int instance;
};

/*
 * Starts the purge of a wave (wave = 1) or a case: refused (-1, *cause in
 * French) while any case of the database is held by a terminal; otherwise the
 * transaction is open and the purge recorded as unfinished, which alone lets
 * the answer log be rewritten.
 */
int store_purge_begin(struct store_purge *p, struct store *s, int wave, const char *target,
    const char *login, char **cause);
/* Calls fn for each case the purge covers. */
int store_purge_cases(struct store_purge *p, store_purge_case_fn fn, void *arg, char **cause);
/* The free-text answers, and the answer log lines, of a case's interviews. */
int store_purge_answers(struct store_purge *p, const char *case_id, struct store_purge_text **t,
    size_t *n, char **cause);
int store_purge_log(struct store_purge *p, const char *case_id, struct store_purge_text **t,
    size_t *n, char **cause);
void store_purge_texts_free(struct store_purge_text *t, size_t n);
/* Rewrites one answer's text, one log line's old and new values; removes a frame value. */
int store_purge_answer_put(struct store_purge *p, const struct store_purge_text *t,
    const char *masked, char **cause);
int store_purge_log_put(struct store_purge *p, const struct store_purge_text *t,
    const char *old, const char *new, char **cause);
int store_purge_frame(struct store_purge *p, const char *case_id, const char *key,
    char **cause);
/* A case purge: its number kept as a do-not-call hash, the case final with final_code. */
int store_purge_dnc(struct store_purge *p, const char *phone, const char *login,
    const char *final_code, char **cause);
/*
 * Erases contacts, call and appointment notes, notes and the access log of the
 * cases, marks them (and the wave) purged, completes the purge's record with
 * what it erased, and commits. -1 (rolled back) on error.
 */
int store_purge_finish(struct store_purge *p, const char *login, char **cause);
void store_purge_abort(struct store_purge *p);

/*
 * Empties the log into the file, rebuilds the file (VACUUM) with erased content
 * overwritten and no temporary file, and empties the log again: 0 done; 1 when
 * another session held it up (the erasure stands; run again); -1 on error.
 */
int store_scrub(struct store *s, char **cause);

#endif

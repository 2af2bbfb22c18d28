/* The sample's rows: cases and their frame, contacts (personal data), the do-not-call list. */
#ifndef ALLO_STORE_SAMPLE_H
#define ALLO_STORE_SAMPLE_H

#include <stddef.h>

struct store;
struct sample_store;

/* One case of a sample, as it is written. */
struct store_sample_case {
	const char *id, *wave;
	const char *frame;		/* JSON object text */
	const char *phone;		/* E.164 */
	const char *name, *note;	/* NULL when the file has none */
	const char *final_code;		/* NULL: a fresh case; else it is final at once */
	int dnc;			/* on the do-not-call list: the phone is not kept */
	const char *now;
};

/* Starts an import: one write transaction and its prepared statements. */
struct sample_store *store_sample_begin(struct store *s, char **cause);
/* Commits (commit = 1) or rolls back the import, and frees ss. */
int store_sample_end(struct sample_store *ss, int commit, char **cause);

/* 1 if a case has this id (and its wave into wave), 0 if none, -1 on error. */
int store_sample_case_wave(struct sample_store *ss, const char *id, char *wave, size_t len,
    char **cause);
/* 1 if a contact has this phone (and its case into case_id), 0 if none, -1 on error. */
int store_sample_phone_case(struct sample_store *ss, const char *phone, char *case_id,
    size_t len, char **cause);
/* Calls fn for the keyed hash of every number of the do-not-call list; -1 on error. */
int store_sample_dnc_list(struct sample_store *ss, void (*fn)(void *arg, const char *hash),
    void *arg, char **cause);
/* The keyed hash (64 hex digits) the do-not-call list holds for phone (E.164); -1 on error. */
int store_sample_dnc_hash(struct sample_store *ss, const char *phone, char hex[65]);
/* Cases written by one statement: the import is fastest with many rows per insert. */
#define STORE_SAMPLE_BATCH 256

/*
 * Adds n cases and their contacts, all or none: 0; 1 when an id or a phone is
 * taken already (nothing was written); -1 on error.
 */
int store_sample_add(struct sample_store *ss, const struct store_sample_case *c, size_t n,
    char **cause);

/*
 * Puts phone on the do-not-call list (*added: 0 if it was there already) and,
 * in the same transaction, makes the case with that phone final with
 * final_code unless it is final already (*closed). case_id gets the case's
 * id, or "" when no case has that phone.
 */
int store_sample_dnc(struct store *s, const char *phone, const char *login, const char *now,
    const char *final_code, int *added, char *case_id, size_t len, int *closed, char **cause);

#endif

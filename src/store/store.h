/* The survey database: schema, migrations and every SQL statement of the program. */
#ifndef ALLO_STORE_H
#define ALLO_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "instrument/expr.h"

#define STORE_APP_ID 0x616c6c6f	/* "allo": marks a file as ours */
#define STORE_SCHEMA 7

struct store;

enum store_open_mode {
	STORE_EXISTING,		/* the file must exist and be an allo database */
	STORE_CREATE,		/* a fieldwork database: the file must not exist; it is created */
	STORE_CREATE_TEST	/* the same, for a test database (it may follow ALLO_NOW) */
};

struct store_user {
	char login[64];
	char name[128];
	char role[16];
};

struct store_interview {
	int64_t id;
	char case_id[64];	/* "" for a test interview */
	int64_t questionnaire;
	char login[64];
	int is_test;
	uint64_t seed;
	char status[16];
	char outcome[32];
	char position[64];	/* question id of the cursor, "" when none */
	int instance;
	char started_at[24];
	int quota_checked;	/* its quota check is behind it: never screened out for quota */
};

/* One stored answer, as loaded: value points into the statement until the next row. */
typedef void (*store_answer_fn)(void *arg, const char *var, int instance,
    const struct value *v, int on_path);

struct store *store_open(const char *path, enum store_open_mode mode, char **cause);
void store_close(struct store *s);
/* 1 when the person running allo (real uid) owns the database, or is root. */
int store_owned_by_caller(const struct store *s);
/* 1 for a test database, 0 for a fieldwork one. */
int store_is_test(const struct store *s);
/* "test" or "fieldwork", as the reports and exports say it. */
const char *store_kind(const struct store *s);
/* The last SQLite error as text, for messages. */
const char *store_error(struct store *s);

/* A write transaction, taken at once so that concurrent writers queue instead of failing. */
/* The keyed hash (64 hex digits) the do-not-call list holds for phone (E.164); -1 on error. */
int store_dnc_hash(struct store *s, const char *phone, char hex[65]);
int store_begin(struct store *s, char **cause);
int store_commit(struct store *s, char **cause);
void store_rollback(struct store *s);

int store_questionnaire_add(struct store *s, const char *text, size_t len, const char *survey,
    const char *version, const char *login, int64_t *id, int *existed, char **cause);
/* The newest questionnaire (id 0) or a given one; *text is the caller's to free. */
int store_questionnaire_get(struct store *s, int64_t id, int64_t *got, char **text, size_t *len,
    char **cause);

int store_user_add(struct store *s, const char *login, const char *role, const char *name,
    char **cause);
/* 1 found, 0 not found, -1 error. */
int store_user_get(struct store *s, const char *login, struct store_user *u, char **cause);
int store_user_count(struct store *s);
/* Whether a user may still act: disabled, since when (ISO) and by whom. */
struct store_user_state {
	int disabled;
	char at[24], by[64];
};
/* 1 with the user's state, 0 no such user, -1 error. */
int store_user_state(struct store *s, const char *login, struct store_user_state *state,
    char **cause);
/*
 * Disables (disabled 1) or enables login, as by at now, logged in the
 * supervisor log, in one transaction: 1 changed, 0 already so, -1 error.
 */
int store_user_set_disabled(struct store *s, const char *login, int disabled, const char *by,
    const char *now, char **cause);
typedef void (*store_user_fn)(void *arg, const struct store_user *u,
    const struct store_user_state *state);
/* Every user, disabled ones included, in order of login. */
int store_user_list(struct store *s, store_user_fn fn, void *arg, char **cause);

int store_case_exists(struct store *s, const char *case_id);
int store_interview_new(struct store *s, const char *case_id, int64_t questionnaire,
    const char *login, int is_test, uint64_t seed, const char *now, int64_t *id, char **cause);
/* The status of the case's latest interview, "" when it has none. */
int store_case_status(struct store *s, const char *case_id, char *status, size_t len);
/* Puts a broken-off interview back in progress, to resume it. */
int store_interview_reopen(struct store *s, int64_t id, const char *now, char **cause);
/* The in-progress (or broken-off) interview of a case, if any: 1 found, 0 none, -1 error. */
int store_interview_open_for_case(struct store *s, const char *case_id, int64_t *id);
int store_interview_get(struct store *s, int64_t id, struct store_interview *iv, char **cause);
/* Where the interview's cursor is, and its progress in percent (-1: keep the one stored). */
int store_interview_position(struct store *s, int64_t id, const char *var, int instance,
    int percent, const char *now, char **cause);
int store_interview_end(struct store *s, int64_t id, const char *status, const char *outcome,
    const char *now, char **cause);
int store_answers_load(struct store *s, int64_t id, store_answer_fn fn, void *arg, char **cause);
/* Upserts an answer and appends the change to the audit log. */
int store_answer_put(struct store *s, int64_t id, const char *var, int instance,
    const struct value *v, const char *login, const char *now, double seconds, char **cause);
int store_answer_path(struct store *s, int64_t id, const char *var, int instance, int on_path,
    char **cause);

/* Renders v for the audit log and messages: "3", "1,3", "DK", "RF", text. Caller frees. */
char *store_value_text(const struct value *v);

#endif

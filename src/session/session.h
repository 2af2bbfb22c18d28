/* A session couples the route engine and the store: answer -> validate -> commit -> advance. */
#ifndef ALLO_SESSION_H
#define ALLO_SESSION_H

#include <stdint.h>

#include "instrument/instrument.h"
#include "interview/engine.h"
#include "store/store.h"

enum session_result {
	SESSION_OK,		/* accepted and on disk; the cursor moved (a message, if any,
				   says the store failed but the change was found on disk) */
	SESSION_REFUSED,	/* not accepted: message says why */
	SESSION_SOFT,		/* a soft check asks for confirmation: message says what */
	SESSION_ERROR		/* the store failed and the change is not on disk, or cannot be
				   told: the session was read again from disk; message says so */
};

/* What the answer being committed does to the interview's one quota check. */
enum session_quota {
	QUOTA_NONE,		/* nothing: before the check, or past it and recorded */
	QUOTA_CHECK,		/* this answer is the check */
	QUOTA_PAST		/* past the check without a record of it: record it, no check */
};

struct session {
	struct store *store;		/* borrowed */
	struct store_user user;
	struct store_interview iv;
	struct instrument *ins;		/* the interview's own questionnaire version */
	struct engine *engine;
	unsigned char *was_off;		/* off-path marks as last written */
	char *pending;			/* the answer waiting for a soft-check confirmation */
	double shown_at;		/* when the current screen appeared, for timings */
	struct terminate quota_end;	/* how a full quota cell ends the interview */
	enum session_quota quota_moment; /* set by the answer, used inside its transaction */
};

/* The person's login, from the real uid. */
int session_login(char *login, size_t len, char **cause);
/* Who is acting: the OS login, or --as LOGIN for the database's recorded owner and root. */
int session_identity(const struct store *st, const char *as, char *login, size_t len,
    char **cause);
/* Loads the user and checks the role may do what is asked (roles: "interviewer,supervisor"...). */
int session_user(struct store *st, const char *login, const char *roles, struct store_user *u,
    char **cause);

/* "30/11/2026 10:00": a stored time in the survey's time zone (the newest questionnaire's). */
void session_local_time(struct store *st, const char *iso, char *out, size_t len);

/* A stored questionnaire version, loaded (id 0: the newest); NULL with *cause. */
struct instrument *session_questionnaire(struct store *st, int64_t id, char **cause);
/* Starts or resumes the case's interview; case_id NULL starts a test interview. */
struct session *session_start(struct store *st, const struct store_user *u, const char *case_id,
    char **cause);
/* Resumes an interview by its id: refused when a colleague holds its case or it is not u's test. */
struct session *session_resume(struct store *st, const struct store_user *u, int64_t id,
    char **cause);
/* Loads an interview by its id with no check, for the session's own use (start, reload). */
struct session *session_load_id(struct store *st, const struct store_user *u, int64_t id,
    char **cause);
void session_free(struct session *s);

enum session_result session_answer(struct session *s, const char *text, char **msg);
enum session_result session_missing(struct session *s, enum vkind kind, char **msg);
enum session_result session_confirm(struct session *s, char **msg);
enum session_result session_back(struct session *s, char **msg);
enum session_result session_goto(struct session *s, const char *id, int instance, char **msg);
/*
 * Ends the interview for now (resumable). For a case, records the call as token
 * (NULL: the caller records it, e.g. with an appointment), final overriding its code.
 */
enum session_result session_breakoff(struct session *s, const char *note, const char *token,
    const char *final, char **msg);

/* Records the engine's off-path marks as the ones on disk. */
void session_remember_paths(struct session *s);
/* 1 when the interview has ended (complete, screened out or broken off). */
int session_done(const struct session *s);

#endif

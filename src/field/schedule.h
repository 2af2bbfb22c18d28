/* Call scheduling: which case an interviewer gets next, and what each call outcome does. */
#ifndef ALLO_SCHEDULE_H
#define ALLO_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "instrument/model.h"
#include "store/calls.h"

/* Makes the survey's time zone the process's, so local hours are the respondents'. */
void schedule_timezone(const struct fieldwork *fw);
/* 1 if now falls in a calling window; else 0 and *why (caller frees) says when calls resume. */
int schedule_open(const struct fieldwork *fw, time_t now, char **why);
/* The time slot now falls in, or -1. */
int schedule_slot(const struct fieldwork *fw, time_t now);
/* 1 if t (a hard appointment) is inside a calling window; else 0 with *why. */
int schedule_allowed(const struct fieldwork *fw, time_t t, char **why);

/*
 * Gives login the best eligible case, leased for fw->lease_minutes, in one
 * transaction: 1 with its id, 0 when none is eligible (*why says why), -1 on error.
 */
int schedule_next(struct store *st, const struct fieldwork *fw, const char *login, time_t now,
    char *id, size_t len, char **why, char **cause);

/* 0 while the wave of case id is open; -1 with *cause once it is closed (or on error). */
int schedule_wave_open(struct store *st, const char *id, char **cause);
/*
 * Records one call of case id with an outcome token, inside the caller's
 * transaction: attempts, retry delay, final disposition, lease released.
 * final overrides the table's final code (screened-out interviews). Refused
 * once the case's wave is closed.
 */
int schedule_record(struct store *st, const struct fieldwork *fw, const char *login,
    const char *id, const char *token, const char *final, const char *note, time_t now,
    int64_t interview, char **cause);
/*
 * Inside a transaction: 0 when login holds the case (taking it back when nobody
 * does), -1 with *cause when someone else holds it or its wave is closed.
 */
int schedule_hold(struct store *st, const struct fieldwork *fw, const char *id,
    const char *login, time_t now, char **cause);
/* schedule_record in its own transaction, for outcomes typed by an interviewer. */
int schedule_outcome(struct store *st, const struct fieldwork *fw, const char *login,
    const char *id, const char *token, const char *note, time_t now, char **cause);
/* Sets an appointment (hard: a time; soft: a part of day starting at due) and records the call. */
int schedule_appointment(struct store *st, const struct fieldwork *fw, const char *login,
    const char *id, time_t due, const char *kind, const char *note, time_t now, char **cause);

/* "24/11 18:40" in the survey's time zone. */
void schedule_local(time_t t, char *buf, size_t len, const char *fmt);
/* The same for a stored UTC time (ISO 8601); text that is not one is copied as it is. */
void schedule_local_iso(const char *iso, char *buf, size_t len, const char *fmt);

#endif

/* Appointment times as French interviewers type them: "demain 10h", "jeudi soir", "27/11 18h30". */
#ifndef ALLO_WHEN_H
#define ALLO_WHEN_H

#include <stddef.h>
#include <time.h>

#include "instrument/model.h"

/* Hard: a precise time; soft: a part of day, called back any time within it. */
enum when_kind { WHEN_HARD, WHEN_SOFT };

/* An appointment as understood from what the interviewer typed. */
struct when {
	time_t at;		/* hard: the time; soft: the start of the part of day */
	time_t until;		/* soft: the end of the part of day; hard: equal to at */
	enum when_kind kind;
};

/*
 * Parses what an interviewer typed, relative to now, in the process's local time
 * zone (the survey's: schedule_timezone was called). Returns 0 and fills *w, or -1
 * with *why (caller frees), in French, saying what was not understood or why the
 * time is refused (past, outside the calling windows of fw: use schedule_allowed).
 */
int when_parse(const char *text, time_t now, const struct fieldwork *fw, struct when *w, char **why);
/* "jeudi 27/11 à 14:30" or "demain après-midi": a French rendering for confirmations. */
void when_format(const struct when *w, time_t now, char *buf, size_t len);

#endif

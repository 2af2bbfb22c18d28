#include "field/schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field/disposition.h"
#include "util/clock.h"
#include "util/xmalloc.h"

void schedule_timezone(const struct fieldwork *fw)
{
	setenv("TZ", fw->timezone, 1);
	tzset();
}

void schedule_local(time_t t, char *buf, size_t len, const char *fmt)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, len, fmt, &tm);
}

void schedule_local_iso(const char *iso, char *buf, size_t len, const char *fmt)
{
	time_t t;

	if (clock_parse(iso, &t) == 0)
		schedule_local(t, buf, len, fmt);
	else
		snprintf(buf, len, "%s", iso);
}

/* The calling window of the day t falls on, and t's minute of the day. */
static struct window schedule_day(const struct fieldwork *fw, time_t t, int *minute)
{
	struct tm tm;

	localtime_r(&t, &tm);
	*minute = tm.tm_hour * 60 + tm.tm_min;
	if (tm.tm_wday == 0)
		return fw->sunday;
	return tm.tm_wday == 6 ? fw->saturday : fw->weekday;
}

static int schedule_inside(struct window w, int minute)
{
	return w.from >= 0 && minute >= w.from && minute < w.to;
}

int schedule_open(const struct fieldwork *fw, time_t now, char **why)
{
	int minute;
	struct window w = schedule_day(fw, now, &minute);

	if (schedule_inside(w, minute))
		return 1;
	if (w.from >= 0 && minute < w.from)
		*why = xasprintf("Hors des heures d'appel : les appels reprennent à %02d:%02d.",
		    w.from / 60, w.from % 60);
	else
		*why = xstrdup("Hors des heures d'appel : plus d'appel aujourd'hui.");
	return 0;
}

int schedule_allowed(const struct fieldwork *fw, time_t t, char **why)
{
	int minute;
	struct window w = schedule_day(fw, t, &minute);

	if (schedule_inside(w, minute))
		return 1;
	if (w.from < 0)
		*why = xstrdup("Pas d'appel ce jour-là.");
	else
		*why = xasprintf("En dehors des heures d'appel de ce jour (%02d:%02d-%02d:%02d).",
		    w.from / 60, w.from % 60, w.to / 60, w.to % 60);
	return 0;
}

int schedule_slot(const struct fieldwork *fw, time_t now)
{
	int minute;
	size_t i;

	schedule_day(fw, now, &minute);
	for (i = 0; i < fw->nslots; i++)
		if (schedule_inside(fw->slots[i], minute))
			return (int)i;
	return -1;
}

/*
 * Picks the case: a due appointment first, then (resume_priority: first) an
 * interrupted interview whose retry delay has passed, else the head of the
 * queue for this slot.
 */
static int schedule_pick(struct store *st, const struct fieldwork *fw, const char *login,
    time_t now, char *id, size_t len)
{
	char snow[32], horizon[32], missed[32];
	int rc, slot = schedule_slot(fw, now);

	clock_iso(now, snow, sizeof snow);
	clock_iso(now + fw->appointment_window * 60, horizon, sizeof horizon);
	clock_iso(now - fw->appointment_window * 60, missed, sizeof missed);
	rc = store_next_appointment(st, snow, horizon, missed, login, id, len);
	if (rc == 0 && fw->resume_first)
		rc = store_next_resume(st, slot, snow, login, fw->max_attempts,
		    fw->max_attempts_per_slot, id, len);
	if (rc != 0)
		return rc;
	return store_next_case(st, slot, snow, login, fw->max_attempts, fw->max_attempts_per_slot,
	    id, len);
}

/* Flags a hard appointment whose window has passed, so the screen can say so. */
static int schedule_flag_missed(struct store *st, const struct fieldwork *fw, const char *id,
    time_t now, char **cause)
{
	struct store_appointment a;
	struct store_case c;
	time_t due;
	int rc = 0;

	if (store_appointment_get(st, id, &a) != 1 || strcmp(a.kind, "hard") != 0 ||
	    clock_parse(a.due_at, &due) < 0 || due + fw->appointment_window * 60 >= now)
		return 0;
	if (store_case_get(st, id, &c, cause) != 1)
		return -1;
	if (strcmp(c.flag, "missed_appointment") != 0) {
		snprintf(c.flag, sizeof c.flag, "missed_appointment");
		rc = store_case_update(st, &c, cause);
	}
	store_case_clear(&c);
	return rc;
}

/* After a commit that failed (it may still have landed), the person is left holding nothing. */
static void schedule_let_go(struct store *st, const char *login)
{
	if (store_begin(st, NULL) == 0 && store_release(st, login, NULL) == 0)
		store_commit(st, NULL);
	store_rollback(st);
}

int schedule_next(struct store *st, const struct fieldwork *fw, const char *login, time_t now,
    char *id, size_t len, char **why, char **cause)
{
	char snow[32], until[32];
	int rc;

	*why = NULL;
	if (!schedule_open(fw, now, why))
		return 0;
	clock_iso(now, snow, sizeof snow);
	clock_iso(now + fw->lease_minutes * 60, until, sizeof until);
	if (store_begin(st, cause) < 0)
		return -1;
	if (store_release(st, login, NULL) < 0 ||
	    (rc = schedule_pick(st, fw, login, now, id, len)) < 0 ||
	    (rc == 1 && (store_lease(st, id, login, until, snow) != 1 ||
	    schedule_flag_missed(st, fw, id, now, cause) < 0))) {
		if (*cause == NULL)
			*cause = xasprintf("choix d'un cas impossible : %s", store_error(st));
		store_rollback(st);
		*id = '\0';
		return -1;
	}
	if (store_commit(st, cause) < 0) {
		schedule_let_go(st, login);
		*id = '\0';
		return -1;
	}
	if (rc == 0)
		*why = xstrdup("Aucun cas à appeler pour le moment.");
	return rc;
}

struct schedule_best {
	int rank;
	const char *code;
};

/* Keeps the most informative outcome seen among a case's calls. */
static void schedule_best_call(void *arg, const char *at, const char *login, const char *outcome,
    const char *note)
{
	struct schedule_best *b = arg;
	const struct disposition *d = disposition_find(outcome);

	(void)at;
	(void)login;
	(void)note;
	if (d != NULL && d->final_at_max != NULL && d->rank > b->rank) {
		b->rank = d->rank;
		b->code = d->final_at_max;
	}
}

/* The case's state after a call with disposition d; final when d ends it or attempts run out. */
static void schedule_apply(struct store *st, const struct fieldwork *fw, struct store_case *c,
    const struct disposition *d, const char *final, time_t now)
{
	struct schedule_best best = { 0, "3.13" };
	char next[24];

	snprintf(c->state, sizeof c->state, "active");
	c->next_at[0] = '\0';
	c->flag[0] = '\0';
	if (final != NULL || d->final_now != NULL) {
		snprintf(c->state, sizeof c->state, "final");
		snprintf(c->final_code, sizeof c->final_code, "%s", final ? final : d->final_now);
		return;
	}
	if (c->attempts >= fw->max_attempts && d->retry >= 0) {
		store_history(st, c->id, schedule_best_call, &best);
		snprintf(c->state, sizeof c->state, "final");
		snprintf(c->final_code, sizeof c->final_code, "%s", best.code);
		return;
	}
	if (d->retry >= 0) {
		clock_iso(now + fw->retry[d->retry] * 60, next, sizeof next);
		snprintf(c->next_at, sizeof c->next_at, "%s", next);
	}
}

int schedule_wave_open(struct store *st, const char *id, char **cause)
{
	char wave[64];
	int rc = store_case_wave_closed(st, id, wave, sizeof wave);

	if (rc == 0)
		return 0;
	*cause = rc < 0 ? xasprintf("lecture de la vague impossible : %s", store_error(st)) :
	    xasprintf("la vague %s du cas %s est close : plus d'appel ni d'entretien", wave, id);
	return -1;
}

/* schedule_record, giving the id of the call recorded. */
static int schedule_record_call(struct store *st, const struct fieldwork *fw, const char *login,
    const char *id, const char *token, const char *final, const char *note, time_t now,
    int64_t interview, int64_t *call, char **cause)
{
	const struct disposition *d = disposition_find(token);
	struct store_case c;
	char snow[24];
	int slot = schedule_slot(fw, now), rc;

	if (d == NULL) {
		*cause = xasprintf("issue inconnue : %s", token);
		return -1;
	}
	if (schedule_wave_open(st, id, cause) < 0)
		return -1;
	if ((rc = store_case_get(st, id, &c, cause)) != 1) {
		if (rc == 0)
			*cause = xasprintf("cas inconnu : %s", id);
		return -1;
	}
	clock_iso(now, snow, sizeof snow);
	rc = store_call_add(st, id, login, snow, token, note, slot, interview, call, cause);
	c.attempts++;
	if (slot >= 0)
		c.slots[slot]++;
	snprintf(c.last_call_at, sizeof c.last_call_at, "%s", snow);
	snprintf(c.queue_last, sizeof c.queue_last, "%s", snow);
	c.lease_login[0] = c.lease_until[0] = '\0';
	/* Every call closes the open appointment; an appointment call sets the next one after. */
	if (rc == 0 && store_appointment_close(st, id, *call) < 0) {
		*cause = xasprintf("cannot close the appointment: %s", store_error(st));
		rc = -1;
	}
	schedule_apply(st, fw, &c, d, final, now);
	if (rc == 0)
		rc = store_case_update(st, &c, cause);
	store_case_clear(&c);
	return rc;
}

int schedule_record(struct store *st, const struct fieldwork *fw, const char *login,
    const char *id, const char *token, const char *final, const char *note, time_t now,
    int64_t interview, char **cause)
{
	int64_t call;

	return schedule_record_call(st, fw, login, id, token, final, note, now, interview, &call,
	    cause);
}

/* Refuses to record a call on a case that is already final. */
static int schedule_not_final(struct store *st, const char *id, char **cause)
{
	struct store_case c;
	int rc = store_case_get(st, id, &c, cause);

	if (rc == 1 && strcmp(c.state, "final") == 0) {
		*cause = xasprintf("le cas %s est final (%s) : plus d'appel", id, c.final_code);
		rc = -1;
	} else if (rc == 0) {
		*cause = xasprintf("cas inconnu : %s", id);
		rc = -1;
	}
	store_case_clear(&c);
	return rc < 0 ? -1 : 0;
}

int schedule_hold(struct store *st, const struct fieldwork *fw, const char *id,
    const char *login, time_t now, char **cause)
{
	char holder[64], snow[32], until[32];
	int rc = store_case_holder(st, id, holder, sizeof holder);

	if (rc > 0 && schedule_wave_open(st, id, cause) < 0)
		return -1;
	if (rc <= 0) {
		*cause = rc < 0 ? xasprintf("lecture du cas impossible : %s", store_error(st)) :
		    xasprintf("cas inconnu : %s", id);
		return -1;
	}
	if (strcmp(holder, login) == 0)
		return 0;
	if (holder[0] != '\0') {
		*cause = xasprintf("le cas %s est tenu par %s, pas par vous : refusé", id, holder);
		return -1;
	}
	/* Nobody holds it (a supervisor released it): the person at work on it takes it back. */
	clock_iso(now, snow, sizeof snow);
	clock_iso(now + fw->lease_minutes * 60, until, sizeof until);
	if (store_lease(st, id, login, until, snow) != 1) {
		*cause = xasprintf("le cas %s n'a pas pu être repris", id);
		return -1;
	}
	return 0;
}

int schedule_outcome(struct store *st, const struct fieldwork *fw, const char *login,
    const char *id, const char *token, const char *note, time_t now, char **cause)
{
	const struct disposition *d = disposition_find(token);

	if (d == NULL || !d->by_interviewer || strcmp(token, "appointment") == 0) {
		*cause = xasprintf("issue inconnue ou réservée : %s", token);
		return -1;
	}
	if (store_begin(st, cause) < 0)
		return -1;
	if (schedule_not_final(st, id, cause) < 0 || schedule_hold(st, fw, id, login, now, cause) < 0 ||
	    schedule_record(st, fw, login, id, token, NULL, note, now, 0, cause) < 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, cause);
}

int schedule_appointment(struct store *st, const struct fieldwork *fw, const char *login,
    const char *id, time_t due, const char *kind, const char *note, time_t now, char **cause)
{
	char sdue[32], snow[32], *why = NULL;
	int64_t call;

	if (due <= now) {
		*cause = xstrdup("Le rendez-vous doit être dans le futur.");
		return -1;
	}
	if (strcmp(kind, "hard") == 0 && !schedule_allowed(fw, due, &why)) {
		*cause = why;
		return -1;
	}
	clock_iso(due, sdue, sizeof sdue);
	clock_iso(now, snow, sizeof snow);
	if (store_begin(st, cause) < 0)
		return -1;
	if (schedule_not_final(st, id, cause) < 0 || schedule_hold(st, fw, id, login, now, cause) < 0 ||
	    schedule_record_call(st, fw, login, id, "appointment", NULL, note, now, 0, &call,
	    cause) < 0 ||
	    store_appointment_add(st, id, sdue, kind, note, login, snow, call, cause) < 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, cause);
}

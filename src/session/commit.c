/* The session's writes: every accepted answer is committed before the cursor moves. */
#include <stdlib.h>
#include <string.h>

#include "field/disposition.h"
#include "field/quota.h"
#include "field/schedule.h"
#include "interview/partial.h"
#include "session/session.h"
#include "session/truth.h"
#include "store/quota.h"
#include "util/clock.h"
#include "util/xmalloc.h"

/* Writes the off-path marks that changed since the last commit. */
static int commit_paths(struct session *s, char **cause)
{
	const struct instrument *ins = s->ins;
	size_t i;

	for (i = 0; i < ins->nvars; i++) {
		const struct question *q = ins->vars[i];
		int k, w = q->roster ? q->roster->max + 1 : 1;

		for (k = 0; k < w; k++) {
			struct slot *sl = engine_slot(s->engine, q, k);
			size_t at = (size_t)(sl - s->engine->slots);

			if (q->kind != K_ASKED || sl->off_path == s->was_off[at])
				continue;
			if (store_answer_path(s->store, s->iv.id, q->id, k, !sl->off_path, cause) < 0)
				return -1;
		}
	}
	return 0;
}

/* Records the call that ended with the interview, for a case (test interviews have none). */
static int commit_call(struct session *s, const char *token, const char *final, char **cause)
{
	if (s->iv.case_id[0] == '\0')
		return 0;
	return schedule_record(s->store, &s->ins->fieldwork, s->user.login, s->iv.case_id, token,
	    final, NULL, clock_now(), s->iv.id, cause);
}

/* The share of its route the interview has answered, in percent, for the supervisor. */
static int commit_percent(const struct session *s)
{
	struct partial_share sh;

	partial_share(s->engine, &sh);
	return sh.route > 0 ? (int)(sh.answered * 100 / sh.route) : 0;
}

/* The interview's status once the engine has moved: the end, or where the cursor is. */
static int commit_position(struct session *s, const char *now, char **cause)
{
	const struct step *cur = engine_current(s->engine);

	if (s->engine->state == ENGINE_COMPLETE) {
		snprintf(s->iv.status, sizeof s->iv.status, "complete");
		if (store_interview_end(s->store, s->iv.id, "complete", NULL, now, cause) < 0 ||
		    (!s->iv.is_test && quota_count(s->store, s->ins, s->engine, s->iv.id,
		    s->user.login, cause) < 0))
			return -1;
		return commit_call(s, "complete", NULL, cause);
	}
	if (s->engine->state == ENGINE_SCREENED_OUT) {
		/* The question that ended it: where an undo of its call resumes it. */
		if (cur != NULL && store_interview_position(s->store, s->iv.id, cur->q->id,
		    cur->instance, -1, now, cause) < 0)
			return -1;
		snprintf(s->iv.status, sizeof s->iv.status, "screened_out");
		snprintf(s->iv.outcome, sizeof s->iv.outcome, "%s",
		    outcome_name(s->engine->ended_by->outcome));
		if (store_interview_end(s->store, s->iv.id, "screened_out", s->iv.outcome, now,
		    cause) < 0)
			return -1;
		return commit_call(s, "screened_out",
		    disposition_screened(s->engine->ended_by->outcome), cause);
	}
	return store_interview_position(s->store, s->iv.id, cur ? cur->q->id : "",
	    cur ? cur->instance : 0, commit_percent(s), now, cause);
}

/* Inside the transaction: a case's interview changes only while its interviewer holds the case. */
static int commit_held(struct session *s, char **cause)
{
	if (s->iv.case_id[0] == '\0')
		return 0;
	return schedule_hold(s->store, &s->ins->fieldwork, s->iv.case_id, s->user.login, clock_now(),
	    cause);
}

/* 1 when a cell key "1,2;;" names at least one cell. */
static int commit_cells_known(const char *cells)
{
	return cells[strspn(cells, ";")] != '\0';
}

/* 1 when the interview holds an answer to an asked question other than at's. */
static int commit_answered_before(const struct session *s, const struct step *at)
{
	size_t i;

	for (i = 0; i < s->ins->nvars; i++)
		if (s->ins->vars[i]->kind == K_ASKED && s->ins->vars[i] != at->q &&
		    engine_value(s->engine, s->ins->vars[i], 0).kind != V_NONE)
			return 1;
	return 0;
}

/*
 * Where this answer stands against the interview's one quota check: at the
 * answer to quotas.check_at, or else at the first answer after which a cell is
 * known (the first answer for a frame cell). QUOTA_PAST marks an interview
 * already beyond it with no record of the check (begun before it was recorded).
 * Called after the answer is accepted, with the cells as they were before it.
 */
static enum session_quota commit_quota_moment(const struct session *s, const struct step *at,
    const char *cells_before)
{
	const struct question *ca = s->ins->quota_check_at;
	char cells[1024];

	if (s->iv.quota_checked || s->ins->nquotas == 0 ||
	    s->engine->state == ENGINE_SCREENED_OUT)
		return QUOTA_NONE;
	if (ca != NULL) {
		if (at->q == ca)
			return QUOTA_CHECK;
		return engine_value(s->engine, ca, 0).kind != V_NONE ? QUOTA_PAST : QUOTA_NONE;
	}
	quota_cells_key(s->ins, s->engine, cells, sizeof cells);
	if (!commit_cells_known(cells))
		return QUOTA_NONE;
	return commit_cells_known(cells_before) && commit_answered_before(s, at) ? QUOTA_PAST :
	    QUOTA_CHECK;
}

/*
 * Inside the transaction: the quota check, when this answer is its moment. A
 * full cell (completes and the places others hold) ends the interview; else the
 * check is recorded, and an interview past it is never screened out for quota.
 */
static int commit_quota(struct session *s, const char *now, int *checked, char **cause)
{
	const struct quota *qt;

	*checked = s->iv.quota_checked;
	if (s->quota_moment == QUOTA_NONE)
		return 0;
	if (s->quota_moment == QUOTA_CHECK &&
	    (qt = quota_full(s->store, s->ins, s->engine, s->iv.id, now)) != NULL) {
		s->quota_end.outcome = OUT_QUOTA_FULL;
		s->quota_end.message = qt->message;
		s->engine->state = ENGINE_SCREENED_OUT;
		s->engine->ended_by = &s->quota_end;
		return 0;
	}
	*checked = 1;
	if (store_quota_checked(s->store, s->iv.id, now) < 0) {
		*cause = xasprintf("cannot record the quota check: %s", store_error(s->store));
		return -1;
	}
	return 0;
}

/* Inside the transaction: an interview past its check holds places in its cells as they stand. */
static int commit_reserve(struct session *s, int checked, char **cause)
{
	if (!checked || s->iv.is_test || s->engine->state != ENGINE_ACTIVE)
		return 0;
	return quota_reserve(s->store, s->ins, s->engine, s->iv.id, cause);
}

/*
 * Runs one change in one transaction: the answer (if any), the off-path marks,
 * the position or the end. On failure, the engine is reloaded from disk and the
 * message says what the disk holds.
 */
static enum session_result commit_step(struct session *s, const struct step *at,
    const struct value *v, char **msg)
{
	char now[32], *cause = NULL;
	double seconds = (clock_micros() - s->shown_at) / 1e6;
	int began = 0, checked = 0;
	enum session_result r;

	clock_iso(clock_now(), now, sizeof now);
	if (store_begin(s->store, &cause) < 0)
		goto fail;
	began = 1;
	if (commit_held(s, &cause) < 0 || commit_quota(s, now, &checked, &cause) < 0)
		goto fail;
	if (v != NULL && store_answer_put(s->store, s->iv.id, at->q->id, at->instance, v,
	    s->user.login, now, seconds, &cause) < 0)
		goto fail;
	if (commit_paths(s, &cause) < 0 || commit_position(s, now, &cause) < 0 ||
	    commit_reserve(s, checked, &cause) < 0 || store_commit(s->store, &cause) < 0)
		goto fail;
	s->quota_moment = QUOTA_NONE;
	s->iv.quota_checked = checked;
	session_remember_paths(s);
	s->shown_at = clock_micros();
	return SESSION_OK;
fail:
	store_rollback(s->store);
	s->quota_moment = QUOTA_NONE;
	r = truth_step(s, at, v, began, cause, msg);
	free(cause);
	return r;
}

/* Refuses any change once the interview has ended. */
static int commit_closed(struct session *s, char **msg)
{
	if (!session_done(s))
		return 0;
	*msg = xstrdup("L'entretien est terminé.");
	return 1;
}

/* Validates v at the cursor, then commits it. */
static enum session_result commit_value(struct session *s, const struct value *v, int confirmed,
    const char *typed, char **msg)
{
	struct step at;
	char cells[1024];

	switch (engine_validate(s->engine, v, confirmed, msg)) {
	case VERDICT_REFUSED:
		return SESSION_REFUSED;
	case VERDICT_SOFT:
		free(s->pending);
		s->pending = xstrdup(typed);
		return SESSION_SOFT;
	case VERDICT_OK:
		break;
	}
	free(s->pending);
	s->pending = NULL;
	at = *engine_current(s->engine);
	quota_cells_key(s->ins, s->engine, cells, sizeof cells);
	engine_accept(s->engine, v);
	s->quota_moment = commit_quota_moment(s, &at, cells);
	return commit_step(s, &at, v, msg);
}

enum session_result session_answer(struct session *s, const char *text, char **msg)
{
	const struct step *cur;
	struct value v;

	*msg = NULL;
	if (commit_closed(s, msg))
		return SESSION_REFUSED;
	cur = engine_current(s->engine);
	free(s->pending);
	s->pending = NULL;
	if (cur->q->type == Q_INFO) {
		struct step at = *cur;
		struct value seen = { V_NONE, 0, NULL, NULL, 0 };

		engine_next(s->engine);
		return commit_step(s, &at, &seen, msg);
	}
	if (text[strspn(text, " \t")] == '\0' && engine_answered(s->engine, cur)) {
		/* Keeping an answer re-checks it: earlier changes may have made it wrong. */
		v = engine_value(s->engine, cur->q, cur->instance);
		return commit_value(s, &v, 1, "", msg);
	}
	if (engine_parse(s->engine, text, &v, msg) < 0)
		return SESSION_REFUSED;
	return commit_value(s, &v, 0, text, msg);
}

enum session_result session_missing(struct session *s, enum vkind kind, char **msg)
{
	struct value v = { kind, 0, NULL, NULL, 0 };

	*msg = NULL;
	if (commit_closed(s, msg))
		return SESSION_REFUSED;
	if (engine_current(s->engine)->q->type == Q_INFO) {
		*msg = xstrdup("Écran d'information : rien à répondre.");
		return SESSION_REFUSED;
	}
	return commit_value(s, &v, 0, kind == V_DK ? "NSP" : "Refus", msg);
}

enum session_result session_confirm(struct session *s, char **msg)
{
	struct value v;
	char *typed;
	enum session_result r;

	*msg = NULL;
	if (s->pending == NULL) {
		*msg = xstrdup("Rien à confirmer.");
		return SESSION_REFUSED;
	}
	typed = s->pending;
	s->pending = NULL;
	if (engine_parse(s->engine, typed, &v, msg) < 0)
		r = SESSION_REFUSED;
	else
		r = commit_value(s, &v, 1, typed, msg);
	free(typed);
	return r;
}

enum session_result session_back(struct session *s, char **msg)
{
	*msg = NULL;
	if (commit_closed(s, msg))
		return SESSION_REFUSED;
	free(s->pending);
	s->pending = NULL;
	if (engine_back(s->engine) < 0) {
		*msg = xstrdup("Déjà à la première question.");
		return SESSION_REFUSED;
	}
	return commit_step(s, NULL, NULL, msg);
}

enum session_result session_goto(struct session *s, const char *id, int instance, char **msg)
{
	*msg = NULL;
	if (commit_closed(s, msg))
		return SESSION_REFUSED;
	free(s->pending);
	s->pending = NULL;
	if (engine_goto(s->engine, id, instance) < 0) {
		*msg = xasprintf("« %s » n'est pas sur le parcours déjà atteint.", id);
		return SESSION_REFUSED;
	}
	return commit_step(s, NULL, NULL, msg);
}

enum session_result session_breakoff(struct session *s, const char *note, const char *token,
    const char *final, char **msg)
{
	char now[32], *cause = NULL;
	enum session_result r;
	int began, partial;

	*msg = NULL;
	if (commit_closed(s, msg))
		return SESSION_REFUSED;
	/* A break-off past the fieldwork's rule is a partial: 1.2 where it would be 2.12. */
	partial = partial_met(s->engine);
	if (partial && token != NULL && strcmp(token, "breakoff") == 0)
		token = "partial";
	if (partial && final != NULL && strcmp(final, "2.12") == 0)
		final = "1.2";
	clock_iso(clock_now(), now, sizeof now);
	began = store_begin(s->store, &cause) == 0;
	if (!began || store_interview_end(s->store, s->iv.id, "broken_off",
	    partial ? "partial" : "breakoff", now, &cause) < 0 ||
	    (s->iv.case_id[0] != '\0' && token != NULL && schedule_record(s->store,
	    &s->ins->fieldwork, s->user.login, s->iv.case_id, token, final, note, clock_now(),
	    s->iv.id, &cause) < 0) || store_commit(s->store, &cause) < 0) {
		store_rollback(s->store);
		r = truth_breakoff(s, began, cause, msg);
		free(cause);
		return r;
	}
	snprintf(s->iv.status, sizeof s->iv.status, "broken_off");
	snprintf(s->iv.outcome, sizeof s->iv.outcome, "%s", partial ? "partial" : "breakoff");
	return SESSION_OK;
}

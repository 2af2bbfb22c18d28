/*
 * The truth after a failed write. A commit that fails at the sync may still
 * have left its whole transaction in SQLite's log, so the interviewer is told
 * what the database holds once read again, never what was hoped.
 */
#include "session/truth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define TRUTH_VALUE_COLS 24	/* at most this much of an answer is quoted back */
#define TRUTH_CAUSE_COLS 16	/* at least this much of a cause is kept beside a quoted answer */

/* What one kind of change says in each outcome; %s is the answer as shown. */
struct truth_words {
	const char *landed;	/* on disk after all */
	const char *same;	/* not written, but the disk already holds the same answer */
	const char *other;	/* not written; the disk holds another answer */
	const char *none;	/* not written; nothing on disk */
	const char *uncertain;	/* not written, and its trace in the log not overwritten */
	const char *unread;	/* the database could not be read back */
	const char *refused;	/* not written, for a cause that trying again would not cure */
};

static const struct truth_words truth_answer = {
	"réponse bien enregistrée (%s).",
	"réponse (%s) déjà enregistrée, la valider à nouveau.",
	"réponse NON enregistrée (reste %s), à ressaisir.",
	"réponse NON enregistrée, la saisir à nouveau.",
	"réponse incertaine, la saisir à nouveau.",
	"relecture impossible, réponse peut-être NON enregistrée.",
	"réponse NON enregistrée."
};

static const struct truth_words truth_screen = {
	"écran bien enregistré.",
	"écran déjà enregistré, le valider à nouveau.",
	"écran NON enregistré, le valider à nouveau.",
	"écran NON enregistré, le valider à nouveau.",
	"écran incertain, le valider à nouveau.",
	"relecture impossible, écran peut-être NON enregistré.",
	"écran NON enregistré."
};

static const struct truth_words truth_move = {
	"déplacement bien enregistré.",
	"déplacement NON enregistré, le refaire.",
	"déplacement NON enregistré, le refaire.",
	"déplacement NON enregistré, le refaire.",
	"déplacement incertain, le refaire.",
	"relecture impossible, déplacement peut-être NON enregistré.",
	"déplacement NON enregistré."
};

static const struct truth_words truth_pause = {
	"interruption bien enregistrée.",
	"interruption NON enregistrée, la refaire.",
	"interruption NON enregistrée, la refaire.",
	"interruption NON enregistrée, la refaire.",
	"interruption incertaine, la refaire.",
	"relecture impossible, interruption peut-être NON enregistrée.",
	"interruption NON enregistrée."
};

/* The interview's status and cursor as a commit leaves them: what tells whether it landed. */
struct truth_mark {
	char status[16];
	char position[64];
	int instance;
};

/*
 * What went wrong in the interviewer's words, for the store's failures that
 * trying again may cure (SQLite's messages are fixed per error code, and
 * store/busy.c says "base occupée" when it gives up a wait); NULL for any
 * other cause, such as a case now held by a colleague.
 */
static const char *truth_trouble(const char *cause)
{
	static const struct {
		const char *sqlite, *said;
	} known[] = {
		{ "disk I/O error", "Disque en erreur" },
		{ "database or disk is full", "Disque plein" },
		{ "database is locked", "Base occupée" },
		{ "base occupée", "Base occupée" },
	};
	size_t i;

	for (i = 0; cause != NULL && i < sizeof known / sizeof *known; i++)
		if (strstr(cause, known[i].sqlite) != NULL)
			return known[i].said;
	return NULL;
}

/* A cause the program has no words for, capitalised and cut to cols columns. Caller frees. */
static char *truth_cause(const char *cause, size_t cols)
{
	char *said;

	if (cause == NULL || *cause == '\0')
		cause = "Erreur";
	said = utf8_ellipsize(cause, strlen(cause), cols);
	if (*said >= 'a' && *said <= 'z')
		*said = (char)(*said - 'a' + 'A');
	return said;
}

/*
 * The one line said after a failure, within TRUTH_LINE_COLS: the trouble
 * (or the cause itself, given the room left), then words with the value cut
 * short. Caller frees.
 */
static char *truth_say(const char *cause, const char *words, const char *value)
{
	const char *known = truth_trouble(cause);
	char *bare = xasprintf(words, ""), *cut, *body, *trouble, *line, *fit;
	size_t lead = known != NULL ? utf8_width(known) : TRUTH_CAUSE_COLS, room;

	lead += utf8_width(" : ") + utf8_width(bare);
	room = lead + 2 < TRUTH_LINE_COLS ? TRUTH_LINE_COLS - lead : 2;
	cut = utf8_ellipsize(value != NULL ? value : "", value != NULL ? strlen(value) : 0,
	    room < TRUTH_VALUE_COLS ? room : TRUTH_VALUE_COLS);
	body = xasprintf(words, cut);
	lead = utf8_width(" : ") + utf8_width(body);
	trouble = known != NULL ? xstrdup(known) : truth_cause(cause, lead + TRUTH_CAUSE_COLS <
	    TRUTH_LINE_COLS ? TRUTH_LINE_COLS - lead : TRUTH_CAUSE_COLS);
	line = xasprintf("%s : %s", trouble, body);
	fit = utf8_ellipsize(line, strlen(line), TRUTH_LINE_COLS);
	free(bare);
	free(cut);
	free(body);
	free(trouble);
	free(line);
	return fit;
}

/* An answer as the interviewer reads it: NSP, Refus, 2,5, 03/11/2026; control characters as '?'. */
static char *truth_shown(const struct question *q, const struct value *v)
{
	char *t, *p;

	if (v->kind == V_DK)
		return xstrdup("NSP");
	if (v->kind == V_RF)
		return xstrdup("Refus");
	t = store_value_text(v);
	if (q->type == Q_DATE && strlen(t) == 10) {
		p = xasprintf("%.2s/%.2s/%.4s", t + 8, t + 5, t);
		free(t);
		return p;
	}
	for (p = t; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
		else if (q->type == Q_NUMBER && *p == '.')
			*p = ',';
	}
	return t;
}

/* The marks the change under way would leave, read from the engine that has moved. */
static void truth_expect(const struct session *s, struct truth_mark *m)
{
	const struct step *cur = engine_current(s->engine);
	const char *status = "in_progress";

	if (s->engine->state == ENGINE_COMPLETE)
		status = "complete";
	else if (s->engine->state == ENGINE_SCREENED_OUT)
		status = "screened_out";
	snprintf(m->status, sizeof m->status, "%s", status);
	snprintf(m->position, sizeof m->position, "%s", cur != NULL ? cur->q->id : "");
	m->instance = cur != NULL ? cur->instance : 0;
}

/* 1 when the interview as read back carries the marks; an ended one has no cursor to compare. */
static int truth_marked(const struct store_interview *iv, const struct truth_mark *m)
{
	if (strcmp(iv->status, m->status) != 0)
		return 0;
	return strcmp(m->status, "in_progress") != 0 ||
	    (strcmp(iv->position, m->position) == 0 && iv->instance == m->instance);
}

int truth_reload(struct session *s)
{
	struct session *fresh;
	char *cause = NULL;

	fresh = session_load_id(s->store, &s->user, s->iv.id, &cause);
	free(cause);
	if (fresh == NULL)
		return -1;
	engine_free(s->engine);
	instrument_free(s->ins);
	free(s->was_off);
	s->engine = fresh->engine;
	s->ins = fresh->ins;
	s->was_off = fresh->was_off;
	s->iv = fresh->iv;
	fresh->engine = NULL;
	fresh->ins = NULL;
	fresh->was_off = NULL;
	session_free(fresh);
	return 0;
}

/* The answer now on disk for var at instance, as shown; NULL when there is none. */
static char *truth_stored(struct session *s, const char *var, int instance)
{
	struct step st = { instrument_var(s->ins, var), instance };
	struct value v;

	if (st.q == NULL || !engine_answered(s->engine, &st))
		return NULL;
	v = engine_value(s->engine, st.q, instance);
	return truth_shown(st.q, &v);
}

/*
 * Writes the interview's position once more, as read inside the transaction:
 * a failed commit may have left its transaction whole in the log, where the
 * recovery after a crash would bring it back; the next commit overwrites it.
 * SQLite writes no page for an update that changes nothing, so the cursor is
 * moved to instance -1 and back.
 */
static int truth_seal(struct session *s)
{
	struct store_interview iv;
	char now[32], *cause = NULL;
	int rc = -1;

	clock_iso(clock_now(), now, sizeof now);
	if (store_begin(s->store, &cause) == 0 && store_interview_get(s->store, s->iv.id, &iv,
	    &cause) == 0 && store_interview_position(s->store, iv.id, iv.position, -1, -1, now,
	    &cause) == 0 && store_interview_position(s->store, iv.id, iv.position, iv.instance, -1,
	    now, &cause) == 0 && store_commit(s->store, &cause) == 0)
		rc = 0;
	store_rollback(s->store);
	free(cause);
	return rc;
}

/*
 * The words for a change that did not land. A failure of the store may have
 * left a trace in the log, overwritten first; any other cause refused the
 * change before it was written, and trying again would not help.
 */
static const char *truth_missed(struct session *s, const struct truth_words *w, int began,
    const char *cause, const char *typed, const char *stored)
{
	if (truth_trouble(cause) == NULL)
		return w->refused;
	if (began && truth_seal(s) < 0)
		return w->uncertain;
	if (stored == NULL)
		return w->none;
	return typed != NULL && strcmp(stored, typed) == 0 ? w->same : w->other;
}

enum session_result truth_step(struct session *s, const struct step *at, const struct value *v,
    int began, const char *cause, char **msg)
{
	const struct truth_words *w = at == NULL ? &truth_move : at->q->type == Q_INFO ?
	    &truth_screen : &truth_answer;
	char var[64] = "", *typed = NULL, *stored = NULL;
	const char *words;
	int instance = at != NULL ? at->instance : 0, landed;
	struct truth_mark want;

	/* The old engine goes with the reload: what it meant to write is taken first. */
	truth_expect(s, &want);
	if (at != NULL) {
		snprintf(var, sizeof var, "%s", at->q->id);
		typed = v != NULL ? truth_shown(at->q, v) : xstrdup("");
	}
	if (truth_reload(s) < 0) {
		*msg = truth_say(cause, w->unread, NULL);
		free(typed);
		return SESSION_ERROR;
	}
	if (at != NULL)
		stored = truth_stored(s, var, instance);
	landed = truth_marked(&s->iv, &want) && (at == NULL || (stored != NULL &&
	    strcmp(stored, typed) == 0));
	words = landed ? w->landed : truth_missed(s, w, began, cause, typed, stored);
	*msg = truth_say(cause, words, stored);
	free(typed);
	free(stored);
	return landed ? SESSION_OK : SESSION_ERROR;
}

enum session_result truth_breakoff(struct session *s, int began, const char *cause, char **msg)
{
	struct store_interview iv;
	char *err = NULL;

	if (store_interview_get(s->store, s->iv.id, &iv, &err) < 0) {
		free(err);
		*msg = truth_say(cause, truth_pause.unread, NULL);
		return SESSION_ERROR;
	}
	if (strcmp(iv.status, "broken_off") == 0) {
		snprintf(s->iv.status, sizeof s->iv.status, "broken_off");
		snprintf(s->iv.outcome, sizeof s->iv.outcome, "%s", iv.outcome);
		*msg = truth_say(cause, truth_pause.landed, NULL);
		return SESSION_OK;
	}
	*msg = truth_say(cause, truth_missed(s, &truth_pause, began, cause, NULL, NULL), NULL);
	return SESSION_ERROR;
}

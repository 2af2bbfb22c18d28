/* What keys do on the question screen: entry, DK/RF, back, go to, confirm, break-off. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interview/partial.h"
#include "ui/ui.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/xmalloc.h"

/* Shows the outcome of a session call: next screen, refusal, soft check, or the end. */
static void answer_result(struct ui *u, enum session_result r, char *msg)
{
	struct session *s = u->session;

	if (r == SESSION_SOFT) {
		u->confirming = 1;
		ui_say(u, STYLE_WARNING, xasprintf("⚠ %s Confirmer ? (o/n)", msg != NULL ? msg : ""));
		free(msg);
		return;
	}
	if (r != SESSION_OK) {
		ui_say(u, STYLE_ERROR, msg != NULL ? msg : xstrdup("Refusé."));
		return;
	}
	/* A message with success is a notice: the store failed, yet the change is on disk. */
	ui_say(u, STYLE_WARNING, msg);
	if (!session_done(s)) {
		struct partial_share sh;
		int now = partial_progress(s->engine);

		partial_steps(s->engine, &sh);
		if (msg == NULL && now < u->progress && sh.route > u->progress_route)
			ui_say(u, STYLE_WARNING, xasprintf("Progression %d %% → %d %% : cette réponse"
			    " allonge le parcours.", u->progress, now));
		u->progress = now;
		u->progress_route = sh.route;
		question_enter(u);
		return;
	}
	u->ended = 1;
	if (s->engine->state == ENGINE_COMPLETE)
		ui_say(u, STYLE_OK, xstrdup("Entretien complet, enregistré. Remercier la personne."));
	else if (s->engine->state == ENGINE_SCREENED_OUT)
		ui_say(u, STYLE_WARNING, s->engine->ended_by && s->engine->ended_by->message ?
		    engine_fill(s->engine, s->engine->ended_by->message, NULL) :
		    xstrdup("Fin de l'entretien (hors cible)."));
	else
		ui_say(u, STYLE_WARNING, xstrdup("Entretien interrompu ; il reprendra à cette question."));
}

/* Leaves the ended interview for the next case. */
static void answer_leave(struct ui *u)
{
	session_free(u->session);
	u->session = NULL;
	u->ended = 0;
	ui_say(u, STYLE_NORMAL, NULL);
	ui_next_case(u);
}

static void answer_submit_now(struct ui *u, const char *text)
{
	char *msg = NULL;

	enum session_result r = session_answer(u->session, text, &msg);

	answer_result(u, r, msg);
}

static void answer_submit_confirmed(struct ui *u)
{
	answer_submit_now(u, u->confirm_answer);
}

/* An answer that ends the interview (a terminate rule) is asked once, with what it does. */
static void answer_submit(struct ui *u, const char *text)
{
	struct engine *e = u->session->engine;
	const struct terminate *t;
	struct value v;
	char *msg = NULL, *said;

	if (engine_parse(e, text, &v, &msg) < 0 || (t = engine_would_end(e, &v)) == NULL) {
		free(msg);
		answer_submit_now(u, text);
		return;
	}
	said = t->message != NULL ? engine_fill(e, t->message, NULL) : xstrdup("");
	snprintf(u->confirm_answer, sizeof u->confirm_answer, "%s", text);
	ui_ask(u, xasprintf("Cette réponse termine l'entretien (%s)%s%s Confirmer ? (o/n)",
	    t->outcome == OUT_REFUSAL ? "refus, définitif" : t->outcome == OUT_INELIGIBLE ?
	    "hors cible, définitif" : "quota atteint", *said ? " : " : ".", said), answer_submit_confirmed);
	free(said);
}

/* Multi: Enter with nothing typed sends the ticked codes. */
static void answer_multi_submit(struct ui *u)
{
	struct buf b = { 0 };
	size_t i;

	for (i = 0; i < u->ntoggled; i++)
		buf_addf(&b, "%s%ld", i ? "," : "", u->toggled[i]);
	if (b.len == 0)
		buf_adds(&b, "");
	answer_submit(u, b.s != NULL ? b.s : "");
	buf_free(&b);
}

static void answer_toggle(struct ui *u, long code)
{
	size_t i;

	for (i = 0; i < u->ntoggled; i++) {
		if (u->toggled[i] == code) {
			memmove(u->toggled + i, u->toggled + i + 1, (u->ntoggled - i - 1) * sizeof *u->toggled);
			u->ntoggled--;
			return;
		}
	}
	u->toggled = xreallocarray(u->toggled, u->ntoggled + 1, sizeof *u->toggled);
	u->toggled[u->ntoggled++] = code;
}

/* 1 if the typed digits name exactly one option and no longer code starts with them. */
static int answer_unambiguous(const struct question *q, const char *typed, long *code)
{
	char s[32];
	size_t i, n = strlen(typed), starts = 0;

	if (str_to_long(typed, code) != 0 || optlist_find(q->options, *code) == NULL)
		return 0;
	for (i = 0; i < q->options->n; i++) {
		snprintf(s, sizeof s, "%ld", q->options->v[i].code);
		starts += strncmp(s, typed, n) == 0;
	}
	return starts == 1;
}

static void answer_typed_code(struct ui *u, const struct question *q)
{
	long code;

	if (!answer_unambiguous(q, u->input, &code))
		return;
	if (q->type == Q_SINGLE)
		answer_submit(u, u->input);
	else {
		answer_toggle(u, code);
		u->input[0] = '\0';
	}
}

static void answer_enter(struct ui *u, const struct question *q)
{
	long code;

	if (q->type == Q_MULTI && u->input[0] != '\0') {
		if (str_to_long(u->input, &code) == 0 && optlist_find(q->options, code) != NULL)
			answer_toggle(u, code);
		else
			ui_say(u, STYLE_ERROR, xasprintf("Code %s inconnu.", u->input));
		u->input[0] = '\0';
		return;
	}
	if (q->type == Q_MULTI && u->ntoggled > 0)
		answer_multi_submit(u);
	else
		answer_submit(u, u->input);
}

static void answer_missing(struct ui *u, enum vkind kind)
{
	char *msg = NULL;

	enum session_result r = session_missing(u->session, kind, &msg);

	answer_result(u, r, msg);
}

static void answer_back(struct ui *u)
{
	char *msg = NULL;

	enum session_result r = session_back(u->session, &msg);

	answer_result(u, r, msg);
}

/* The soft check's question: o confirms, n (or Esc) returns to the entry. */
static void answer_confirm_key(struct ui *u, int ch)
{
	char *msg = NULL;

	if (ch == 'o' || ch == 'O') {
		u->confirming = 0;
		enum session_result r = session_confirm(u->session, &msg);

		answer_result(u, r, msg);
	} else if (ch == 'n' || ch == 'N' || ch == 27) {
		u->confirming = 0;
		ui_say(u, STYLE_NORMAL, NULL);
	}
}

/* Function keys and their control twins. */
static int answer_command(struct ui *u, int ch, int is_key)
{
	if ((is_key && ch == KEY_F(2)) || (!is_key && ch == CTRL('d')))
		answer_missing(u, V_DK);
	else if ((is_key && ch == KEY_F(3)) || (!is_key && ch == CTRL('r')))
		answer_missing(u, V_RF);
	else if ((is_key && ch == KEY_PPAGE) || (!is_key && ch == CTRL('b')))
		answer_back(u);
	else if (!is_key && ch == CTRL('g'))
		dialog_goto(u);
	else if ((is_key && ch == KEY_F(5)) || (!is_key && ch == CTRL('n')))
		dialog_note(u);
	else if ((is_key && ch == KEY_F(9)) || (!is_key && ch == CTRL('t'))) {
		u->after_appointment = NULL;
		dialog_appointment(u);
	} else if ((is_key && ch == KEY_F(10)) || (!is_key && ch == CTRL('x')))
		dialog_breakoff(u);
	else if (is_key && ch == KEY_DOWN)
		u->scroll++;
	else if (is_key && ch == KEY_UP && u->scroll > 0)
		u->scroll--;
	else
		return 0;
	return 1;
}

void question_key(struct ui *u, int ch, int is_key)
{
	const struct step *st;

	if (u->ended) {
		if (!is_key && (ch == '\r' || ch == '\n'))
			answer_leave(u);
		return;
	}
	if (u->confirming) {
		if (!is_key)
			answer_confirm_key(u, ch);
		return;
	}
	if (answer_command(u, ch, is_key) || (st = engine_current(u->session->engine)) == NULL)
		return;
	if ((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\r' || ch == '\n')))
		answer_enter(u, st->q);
	else if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8)))
		term_erase_char(u->input);
	else if (!is_key && ch == 27)
		u->input[0] = '\0';
	else if (!is_key && ch == ' ' && st->q->type == Q_MULTI) {
		if (u->input[0] != '\0')
			answer_enter(u, st->q);	/* Space ticks the code typed; alone it does nothing */
	}
	else if (!is_key && ch >= 32 && st->q->type != Q_INFO) {
		term_type(u->input, sizeof u->input, ch);
		if (st->q->options != NULL && ch >= '0' && ch <= '9')
			answer_typed_code(u, st->q);
	}
}

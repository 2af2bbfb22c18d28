/* The interviewer terminal: one input loop, one state variable picking the screen. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field/disposition.h"
#include "field/schedule.h"
#include "field/undo.h"
#include "instrument/instrument.h"
#include "interview/partial.h"
#include "store/breaks.h"
#include "ui/interview.h"
#include "ui/ui.h"
#include "util/clock.h"
#include "util/xmalloc.h"

void ui_say(struct ui *u, enum term_style style, char *msg)
{
	free(u->message);
	u->message = msg;
	u->message_style = style;
}

int ui_message_rows(const struct ui *u, int cols, int max)
{
	char **lines;
	size_t n;

	if (u->message == NULL || *u->message == '\0')
		return 0;
	n = term_wrap(u->message, cols, &lines);
	term_free_lines(lines, n);
	return n > (size_t)max ? max : (int)n;
}

void ui_message_draw(const struct ui *u, int y, int rows)
{
	char **lines;
	size_t n, i;

	if (u->message == NULL || rows <= 0)
		return;
	n = term_wrap(u->message, COLS - 2, &lines);
	term_style(u->message_style);
	for (i = 0; i < n && (int)i < rows; i++) {
		move(y + (int)i, 0);
		clrtoeol();
		term_put(y + (int)i, 1, lines[i], COLS - 2);
	}
	term_style(STYLE_NORMAL);
	term_free_lines(lines, n);
}

void ui_ask(struct ui *u, char *text, void (*yes)(struct ui *u))
{
	free(u->confirm);
	u->confirm = text;
	u->confirm_yes = yes;
	flushinp();		/* a key typed before the question appeared never answers it */
}

static void ui_record_now(struct ui *u, const char *token, const char *final);
static int ui_load_case(struct ui *u, char **cause);

static void ui_load_call(void *arg, const char *at, const char *login, const char *outcome,
    const char *note)
{
	struct ui *u = arg;
	struct ui_call *c;

	u->calls = xreallocarray(u->calls, u->ncalls + 1, sizeof *u->calls);
	c = &u->calls[u->ncalls++];
	snprintf(c->at, sizeof c->at, "%s", at);
	snprintf(c->login, sizeof c->login, "%s", login);
	snprintf(c->outcome, sizeof c->outcome, "%s", outcome);
	snprintf(c->note, sizeof c->note, "%s", note);
}

/* Reads the case on screen afresh: scheduling state, number, appointment, history. */
static int ui_load_case(struct ui *u, char **cause)
{
	store_case_clear(&u->c);
	free(u->calls);
	u->calls = NULL;
	u->ncalls = 0;
	if (store_case_get(u->store, u->case_id, &u->c, cause) != 1)
		return -1;
	if (store_case_phone_show(u->store, u->case_id, u->user.login, STORE_SHOWN_CASE_SCREEN,
	    u->phone, sizeof u->phone, cause) < 0)
		return -1;
	u->has_appt = store_appointment_get(u->store, u->case_id, &u->appt) == 1;
	store_history(u->store, u->case_id, ui_load_call, u);
	case_load_interview(u);
	return 0;
}

void ui_next_case(struct ui *u)
{
	char *why = NULL, *cause = NULL;
	int rc;

	free(u->idle_why);
	u->idle_why = NULL;
	free(u->pending_note);		/* a note belongs to the case it was typed on */
	u->pending_note = NULL;
	rc = schedule_next(u->store, &u->ins->fieldwork, u->user.login, clock_now(), u->case_id,
	    sizeof u->case_id, &why, &cause);
	if (rc == 1 && ui_load_case(u, &cause) == 0) {
		u->screen = UI_CASE;
		free(why);
		return;
	}
	u->screen = UI_IDLE;
	u->idle_why = rc < 0 || cause != NULL ? xasprintf("Erreur : %s", cause ? cause : "?") : why;
	if (rc < 0 || cause != NULL)
		free(why);
	free(cause);
}

/* The interview in progress that this interviewer left (dropped connection): resumed first. */
static int ui_resume_left(struct ui *u)
{
	char *cause = NULL;

	if (store_case_held(u->store, u->user.login, u->case_id, sizeof u->case_id) != 1)
		return 0;
	if (ui_load_case(u, &cause) < 0) {
		free(cause);
		return 0;
	}
	u->screen = UI_CASE;
	ui_say(u, STYLE_WARNING, xstrdup("Reprise du cas en cours."));
	return 1;
}

/* After a refusal: when the case's wave was closed meanwhile, the next case comes instead. */
static int ui_wave_gone(struct ui *u, const char *what)
{
	char wave[64], id[64];

	if (store_case_wave_closed(u->store, u->case_id, wave, sizeof wave) != 1)
		return 0;
	snprintf(id, sizeof id, "%s", u->case_id);
	ui_next_case(u);
	ui_say(u, STYLE_WARNING, xasprintf("Vague %s close : %s, cas %s laissé.", wave, what, id));
	return 1;
}

void ui_start_interview(struct ui *u)
{
	char *cause = NULL;

	session_free(u->session);
	u->session = session_start(u->store, &u->user, u->case_id, &cause);
	if (u->session == NULL && ui_wave_gone(u, "pas d'entretien")) {
		free(cause);
		return;
	}
	if (u->session == NULL) {
		ui_say(u, STYLE_ERROR, xasprintf("Impossible de commencer : %s", cause));
		free(cause);
		return;
	}
	u->screen = UI_QUESTION;
	u->sitting_start = (long)clock_now();
	{
		struct partial_share sh;

		partial_steps(u->session->engine, &sh);
		u->progress = partial_progress(u->session->engine);
		u->progress_route = sh.route;
	}
	ui_say(u, STYLE_NORMAL, NULL);
	u->input[0] = '\0';
	u->confirming = 0;
	u->scroll = 0;
	question_enter(u);
}

static void ui_record_confirmed(struct ui *u)
{
	char token[32], final[16];

	snprintf(token, sizeof token, "%s", u->confirm_token);
	snprintf(final, sizeof final, "%s", u->confirm_final);
	ui_record_now(u, token, *final ? final : NULL);
}

void ui_record(struct ui *u, const char *token, const char *final)
{
	const struct disposition *d = disposition_find(token);
	const char *code = final != NULL ? final : d != NULL ? d->final_now : NULL;

	if (code == NULL) {
		ui_record_now(u, token, final);
		return;
	}
	snprintf(u->confirm_token, sizeof u->confirm_token, "%s", token);
	snprintf(u->confirm_final, sizeof u->confirm_final, "%s", final != NULL ? final : "");
	ui_ask(u, xasprintf("Le cas deviendra définitif : %s (%s). Confirmer ? (o/n)",
	    d != NULL ? d->label : token, code), ui_record_confirmed);
}

static void ui_record_now(struct ui *u, const char *token, const char *final)
{
	char *cause = NULL;
	int rc;

	if (store_begin(u->store, &cause) == 0) {
		rc = schedule_record(u->store, &u->ins->fieldwork, u->user.login, u->case_id, token,
		    final, u->pending_note, clock_now(), 0, &cause);
		if (rc == 0 && store_commit(u->store, &cause) == 0) {
			free(u->pending_note);
			u->pending_note = NULL;
			ui_say(u, STYLE_OK, xasprintf("Cas %s : appel enregistré.", u->case_id));
			ui_next_case(u);
			return;
		}
		store_rollback(u->store);
	}
	if (!ui_wave_gone(u, "appel non enregistré"))
		ui_say(u, STYLE_ERROR, xasprintf("Appel NON enregistré : %s", cause ? cause : "?"));
	free(cause);
}

void ui_open_prompt(struct ui *u, const char *label, void (*done)(struct ui *, const char *))
{
	u->prompt.active = 1;
	u->prompt.label = label;
	u->prompt.buf[0] = '\0';
	u->prompt.done = done;
}

void ui_pause(struct ui *u)
{
	char now[32], *cause = NULL;

	clock_iso(clock_now(), now, sizeof now);
	store_release(u->store, u->user.login, NULL);
	if (store_break_start(u->store, u->user.login, now, u->pause_since, &cause) < 0) {
		ui_say(u, STYLE_ERROR, xasprintf("Pause NON enregistrée : %s", cause ? cause : "?"));
		free(cause);
		return;
	}
	u->screen = UI_PAUSE;
	ui_say(u, STYLE_NORMAL, NULL);
}

/* Ends the break; leaving says it too, so that a break never stays open. */
static void ui_pause_end(struct ui *u, int leave)
{
	char now[32], since[24], *cause = NULL;
	long secs = 0;

	clock_iso(clock_now(), now, sizeof now);
	if (store_break_end(u->store, u->user.login, now, &secs, since, &cause) < 0) {
		ui_say(u, STYLE_ERROR, xasprintf("Fin de pause NON enregistrée : %s", cause ? cause : "?"));
		free(cause);
		return;
	}
	if (leave) {
		u->quit = 1;
		return;
	}
	ui_next_case(u);
	ui_say(u, STYLE_OK, xasprintf("Pause terminée : %ld min.", (secs + 30) / 60));
}

static void ui_pause_draw(struct ui *u)
{
	char line[160], since[16];
	time_t t;

	since[0] = '\0';
	if (clock_parse(u->pause_since, &t) == 0)
		schedule_local(t, since, sizeof since, "%H:%M");
	term_style(STYLE_TITLE);
	term_put(0, 0, " allo · pause", COLS);
	term_style(STYLE_NORMAL);
	term_rule(1);
	snprintf(line, sizeof line, "En pause depuis %s (pause enregistrée).", since);
	term_center(LINES / 2 - 1, line);
	term_center(LINES / 2 + 1, "Entrée : reprendre   F10 : quitter");
}

void ui_undo(struct ui *u)
{
	struct undo_done d;
	char *cause = NULL;

	if (undo_last_call(u->store, u->ins, u->user.login, clock_now(), &d, &cause) < 0) {
		ui_say(u, STYLE_ERROR, xasprintf("Annulation impossible : %s", cause ? cause : "?"));
		free(cause);
		return;
	}
	snprintf(u->case_id, sizeof u->case_id, "%s", d.case_id);
	if (ui_load_case(u, &cause) < 0) {
		ui_say(u, STYLE_ERROR, xasprintf("Erreur : %s", cause ? cause : "?"));
		free(cause);
		return;
	}
	u->screen = UI_CASE;
	ui_say(u, STYLE_OK, xasprintf("Appel annulé (%s) : le cas %s est rouvert.", d.label,
	    d.case_id));
}

static void ui_idle_draw(struct ui *u)
{
	char head[160], now[16];

	schedule_local(clock_now(), now, sizeof now, "%H:%M");
	snprintf(head, sizeof head, " allo · %s %s", u->ins->title, u->ins->version);
	term_style(STYLE_TITLE);
	term_put(0, 0, head, COLS - 8);
	term_put(0, COLS - 6, now, 6);
	term_style(STYLE_NORMAL);
	term_rule(1);
	term_center(LINES / 2 - 1, u->idle_why ? u->idle_why : "Aucun cas.");
	term_center(LINES / 2 + 1, "Entrée : chercher un cas   F10 : quitter");
	if (u->message != NULL) {
		term_style(u->message_style);
		term_center(LINES / 2 + 3, u->message);
		term_style(STYLE_NORMAL);
	}
}

static void ui_draw(struct ui *u)
{
	erase();
	if (term_too_small())
		return;
	if (u->help)
		help_draw(u);
	else if (u->agenda)
		agenda_draw(u);
	else if (u->screen == UI_CASE)
		case_draw(u);
	else if (u->screen == UI_QUESTION)
		question_draw(u);
	else if (u->screen == UI_PAUSE)
		ui_pause_draw(u);
	else
		ui_idle_draw(u);
	if (u->prompt.active || u->menu != NULL || u->confirm != NULL)
		dialog_draw(u);
	refresh();
}

/* Keys that mean the same on every screen. */
static int ui_global_key(struct ui *u, int ch, int is_key)
{
	if (is_key && ch == KEY_RESIZE)
		return 1;
	if (u->help || u->agenda) {
		u->help = u->agenda = 0;
		return 1;
	}
	if (!is_key && ch == 'r' && (u->screen == UI_CASE || u->screen == UI_IDLE) &&
	    !u->prompt.active && u->menu == NULL && u->confirm == NULL) {
		u->agenda = 1;
		return 1;
	}
	if ((is_key && ch == KEY_F(1)) || (!is_key && ch == CTRL('a'))) {
		u->help = 1;
		return 1;
	}
	return dialog_key(u, ch, is_key);
}

static void ui_key(struct ui *u, int ch, int is_key)
{
	if (ui_global_key(u, ch, is_key))
		return;
	if (u->screen == UI_CASE)
		case_key(u, ch, is_key);
	else if (u->screen == UI_QUESTION)
		question_key(u, ch, is_key);
	else if (u->screen == UI_PAUSE && ((is_key && ch == KEY_F(10)) || (!is_key && ch == CTRL('x'))))
		ui_pause_end(u, 1);
	else if (u->screen == UI_PAUSE && !is_key && (ch == '\r' || ch == '\n'))
		ui_pause_end(u, 0);
	else if (u->screen == UI_PAUSE)
		return;
	else if (!is_key && ch == 'u')
		ui_undo(u);
	else if ((is_key && ch == KEY_F(10)) || (!is_key && ch == CTRL('x')))
		u->quit = 1;
	else if (!is_key && (ch == '\r' || ch == '\n'))
		ui_next_case(u);
}

static void ui_free(struct ui *u)
{
	session_free(u->session);
	store_case_clear(&u->c);
	free(u->calls);
	free(u->message);
	free(u->confirm);
	free(u->idle_why);
	free(u->pending_note);
	free(u->toggled);
}

int ui_interview(struct store *st, const struct store_user *user, struct instrument *ins,
    char **cause)
{
	struct ui u;
	int ch, is_key;

	memset(&u, 0, sizeof u);
	u.store = st;
	u.user = *user;
	u.ins = ins;
	schedule_timezone(&ins->fieldwork);
	if (term_start(cause) < 0)
		return -1;
	if (!ui_resume_left(&u))
		ui_next_case(&u);
	while (!u.quit && !term_signalled()) {
		ui_draw(&u);
		ch = term_key(&is_key, 1000);
		if (ch == ERR) {
			if (u.screen == UI_IDLE && !u.prompt.active && !u.help && u.confirm == NULL)
				ui_next_case(&u);	/* new cases become due as time passes */
			continue;
		}
		ui_key(&u, ch, is_key);
	}
	term_stop();
	ui_free(&u);
	return term_signalled();
}

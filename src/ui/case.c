/* The case screen: who to call, the number large, the history, one key per call outcome. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field/disposition.h"
#include "field/frame.h"
#include "field/schedule.h"
#include "interview/partial.h"
#include "ui/ui.h"
#include "util/clock.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* "+33465710001" as the French read it: "04 65 71 00 01". */
static void case_phone_text(const char *e164, char *out, size_t len)
{
	char digits[32];
	size_t i, n = 0, o = 0;

	if (strncmp(e164, "+33", 3) == 0 && strlen(e164) == 12)
		snprintf(digits, sizeof digits, "0%s", e164 + 3);
	else
		snprintf(digits, sizeof digits, "%s", e164);
	for (i = 0; digits[i] != '\0' && o + 4 < len; i++) {
		if (n > 0 && n % 2 == 0 && digits[0] == '0')
			out[o++] = ' ', out[o++] = ' ';
		out[o++] = digits[i];
		n++;
	}
	out[o] = '\0';
}

static void case_header(struct ui *u)
{
	char left[160], right[192], now[16];

	schedule_local(clock_now(), now, sizeof now, "%H:%M");
	snprintf(left, sizeof left, " allo · %s %s", u->ins->title, u->ins->version);
	snprintf(right, sizeof right, "Enquêteur : %s", u->user.name);
	term_style(STYLE_TITLE);
	term_put(0, 0, left, COLS / 2);
	term_style(STYLE_NORMAL);
	term_put(0, COLS / 2 + 1, right, COLS / 2 - 8);
	term_put(0, COLS - 6, now, 6);
	term_rule(1);
}

static void case_identity(struct ui *u)
{
	char line[320], label[128], qpv[64], tries[64];

	frame_label(u->ins, u->c.frame, u->ins->nframe > 0 ? u->ins->frame[0]->id : "", label,
	    sizeof label);
	qpv[0] = '\0';
	if (u->ins->nframe > 1)
		frame_label(u->ins, u->c.frame, u->ins->frame[1]->id, qpv, sizeof qpv);
	snprintf(line, sizeof line, " Cas %s · %s%s%s%s", u->c.id, label, *qpv ? " (" : "", qpv,
	    *qpv ? ")" : "");
	snprintf(tries, sizeof tries, "Tentative %d sur %d ", u->c.attempts + 1,
	    u->ins->fieldwork.max_attempts);
	term_style(STYLE_TITLE);
	term_put(2, 0, line, COLS - (int)utf8_width(tries) - 1);
	term_style(STYLE_NORMAL);
	term_put(2, COLS - (int)utf8_width(tries), tries, COLS);
}

static void case_number(struct ui *u, int y)
{
	char text[64], padded[80];

	case_phone_text(u->phone, text, sizeof text);
	snprintf(padded, sizeof padded, "   %s   ", text);
	term_style(STYLE_PHONE);
	term_center(y, padded);
	term_style(STYLE_NORMAL);
}

static void case_appointment(struct ui *u, int y)
{
	char when[32], line[400];
	time_t due;

	if (!u->has_appt || clock_parse(u->appt.due_at, &due) < 0)
		return;
	schedule_local(due, when, sizeof when, "%d/%m %H:%M");
	snprintf(line, sizeof line, " Rendez-vous : %s (%s%s)%s%s%s", when,
	    strcmp(u->appt.kind, "hard") == 0 ? "ferme" : "souple",
	    strcmp(u->c.flag, "missed_appointment") == 0 ? ", MANQUÉ" : "",
	    *u->appt.note ? " « " : "", u->appt.note, *u->appt.note ? " »" : "");
	term_style(strcmp(u->c.flag, "missed_appointment") == 0 ? STYLE_ERROR : STYLE_WARNING);
	term_put(y, 0, line, COLS);
	term_style(STYLE_NORMAL);
}

static void case_put_answer(void *arg, const char *var, int instance, const struct value *v,
    int on_path)
{
	struct engine *e = arg;
	const struct question *q = instrument_var(e->ins, var);

	if (q != NULL && on_path)
		engine_put(e, q, instance, v);
}

/* "entretien interrompu, reprise à Q78, 44 %": the interview the case holds, read once per case. */
void case_load_interview(struct ui *u)
{
	char *out = u->iv_line;
	size_t len = sizeof u->iv_line;

	struct store_interview iv;
	const struct question *q;
	struct engine *e;
	char *cause = NULL, where[96];
	int64_t id;
	int pct;

	out[0] = '\0';
	if (store_interview_open_for_case(u->store, u->case_id, &id) != 1 ||
	    store_interview_get(u->store, id, &iv, &cause) < 0) {
		free(cause);
		return;
	}
	e = engine_new(u->ins, iv.seed);
	if (store_answers_load(u->store, id, case_put_answer, e, &cause) < 0)
		free(cause);
	engine_route(e);
	pct = partial_progress(e);
	engine_free(e);
	q = instrument_var(u->ins, iv.position);
	if (q != NULL && q->number > 0)
		snprintf(where, sizeof where, "Q%d", q->number);
	else
		snprintf(where, sizeof where, "%s", *iv.position ? iv.position : "début");
	snprintf(out, len, "entretien %s, reprise à %s, %d %%", strcmp(iv.status, "in_progress") == 0 ?
	    "en cours" : "interrompu", where, pct);
}

/* The last calls, newest at the bottom, as many as fit. */
static void case_history(struct ui *u, int y, int rows)
{
	size_t i, first = u->ncalls > (size_t)rows ? u->ncalls - (size_t)rows : 0;
	char when[32], line[400];
	time_t t;

	term_put(y++, 0, " Historique", COLS);
	if (u->iv_line[0] != '\0') {
		term_style(STYLE_WARNING);
		term_put(y++, 3, u->iv_line, COLS - 3);
		term_style(STYLE_NORMAL);
		if (first < u->ncalls && u->ncalls - first >= (size_t)rows)
			first++;	/* the interview's line takes a call's row */
	} else if (u->ncalls == 0) {
		term_style(STYLE_DIM);
		term_put(y, 3, "jamais appelé", COLS);
		term_style(STYLE_NORMAL);
	}
	for (i = first; i < u->ncalls; i++) {
		const struct disposition *d = disposition_find(u->calls[i].outcome);

		if (clock_parse(u->calls[i].at, &t) == 0)
			schedule_local(t, when, sizeof when, "%d/%m %H:%M");
		else
			snprintf(when, sizeof when, "?");
		char login[64], label[96];

		utf8_pad(login, sizeof login, u->calls[i].login, 8);
		utf8_pad(label, sizeof label, d ? d->label : u->calls[i].outcome, 20);
		snprintf(line, sizeof line, "   %s  %s  %s%s%s%s", when, login, label,
		    *u->calls[i].note ? " « " : "", u->calls[i].note, *u->calls[i].note ? " »" : "");
		term_put(y++, 0, line, COLS);
	}
}

static void case_outcomes(int y)
{
	static const char *const left[] = {
		"1  Répond : commencer l'entretien", "2  Pas de réponse", "3  Occupé", "4  Répondeur…"
	};
	static const char *const right[] = {
		"5  Numéro non attribué", "6  Rendez-vous…", "7  Refus…", "8  Autre issue…"
	};
	int i;

	term_put(y++, 0, " Issue de l'appel", COLS);
	for (i = 0; i < 4; i++) {
		term_put(y + i, 3, left[i], COLS / 2 - 3);
		term_put(y + i, COLS / 2 + 1, right[i], COLS / 2 - 1);
	}
}

void case_draw(struct ui *u)
{
	int mrows = ui_message_rows(u, COLS - 2, 2), extra = mrows > 1 ? mrows - 1 : 0;
	int hist_rows = LINES - 17 - (u->has_appt ? 1 : 0) - extra;

	case_header(u);
	case_identity(u);
	case_number(u, 4);
	case_appointment(u, 6);
	case_history(u, u->has_appt ? 8 : 7, hist_rows < 1 ? 1 : hist_rows);
	case_outcomes(LINES - 8 - extra);
	ui_message_draw(u, LINES - 3 - extra, 1 + extra);
	term_rule(LINES - 2);
	term_style(STYLE_FOOTER);
	mvhline(LINES - 1, 0, ' ', COLS);
	term_put(LINES - 1, 0, COLS >= 80 ?
	    " F1 Aide  F5 Note  u Annuler le dernier appel  F10 Pause  ^X Quitter" :
	    " F1 Aide F5 Note u Annuler F10 Pause ^X Quitter", COLS);
	term_style(STYLE_NORMAL);
}

void case_key(struct ui *u, int ch, int is_key)
{
	if (is_key && ch == KEY_F(10)) {
		ui_pause(u);
		return;
	}
	if (!is_key && ch == CTRL('x')) {
		store_release(u->store, u->user.login, NULL);
		u->quit = 1;
		return;
	}
	if (!is_key && ch == 'u') {
		ui_undo(u);
		return;
	}
	if ((is_key && ch == KEY_F(5)) || (!is_key && ch == CTRL('n'))) {
		dialog_note(u);
		return;
	}
	if (is_key)
		return;
	switch (ch) {
	case '1':
		ui_start_interview(u);
		break;
	case '2':
		ui_record(u, "no_answer", NULL);
		break;
	case '3':
		ui_record(u, "busy", NULL);
		break;
	case '4':
		dialog_answering_machine(u);
		break;
	case '5':
		ui_record(u, "disconnected", NULL);	/* final: asked first */
		break;
	case '6':
		u->after_appointment = NULL;
		dialog_appointment(u);
		break;
	case '7':
		dialog_refusal(u);
		break;
	case '8':
		dialog_other(u);
		break;
	}
}

/* The question screen: the text read aloud dominates; entry, checks and notices in place. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field/frame.h"
#include "interview/partial.h"
#include "ui/ui.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/str.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

static const struct step *question_step(const struct ui *u)
{
	return engine_current(u->session->engine);
}

/* Prepares the entry for the step now on screen: a multi starts from its current codes. */
void question_enter(struct ui *u)
{
	const struct step *st = question_step(u);
	struct value v;

	u->input[0] = '\0';
	u->confirming = 0;
	u->scroll = 0;
	free(u->toggled);
	u->toggled = NULL;
	u->ntoggled = 0;
	if (st == NULL || st->q->type != Q_MULTI)
		return;
	v = engine_value(u->session->engine, st->q, st->instance);
	if (v.kind == V_MULTI && v.ncodes > 0) {
		u->toggled = xcalloc(v.ncodes, sizeof *u->toggled);
		memcpy(u->toggled, v.codes, v.ncodes * sizeof *u->toggled);
		u->ntoggled = v.ncodes;
	}
}

static void question_header(struct ui *u, const struct step *st)
{
	const struct engine *e = u->session->engine;
	char left[256], mid[160], right[64], label[96];
	int pct = partial_progress(e), i, bar = 9, x;

	label[0] = '\0';
	if (u->ins->nframe > 0 && u->c.frame != NULL)
		frame_label(u->ins, u->c.frame, u->ins->frame[0]->id, label, sizeof label);
	snprintf(left, sizeof left, " %s%s%s", u->session->iv.case_id[0] ? u->session->iv.case_id :
	    "TEST", *label ? " · " : "", label);
	snprintf(mid, sizeof mid, "%d/%zu %s", st->q->theme->number, e->ins->nthemes,
	    st->q->theme->title);
	long min = ((long)clock_now() - u->sitting_start) / 60;

	/* The clock of this sitting, in whole minutes: what the respondent has given so far. */
	if (st->q->number > 0)
		snprintf(right, sizeof right, "Q%d · %d%% · %ld min ", st->q->number, pct, min);
	else
		snprintf(right, sizeof right, "Info · %d%% · %ld min ", pct, min);
	term_style(STYLE_TITLE);
	x = COLS - bar - (int)utf8_width(right) - 1;
	/* Each field shortens itself and keeps a space before the next. */
	term_put(0, 0, left, COLS / 3 - 1);
	term_put(0, COLS / 3, mid, x - COLS / 3 - 1 < COLS / 3 - 1 ? x - COLS / 3 - 1 : COLS / 3 - 1);
	term_style(STYLE_NORMAL);
	term_put(0, x, right, COLS - x);
	for (i = 0; i < bar; i++)
		mvaddstr(0, COLS - bar - 1 + i, i < (pct * bar + 50) / 100 ? "▓" : "░");
	term_rule(1);
}

/* Wraps and draws text from row y, skipping *skip lines (kept within the text); returns the next free row. */
static int question_text(int y, int last, const char *text, int *skip, enum term_style style,
    const char *lead)
{
	char **lines, *full = xasprintf("%s%s", lead, text);
	size_t n = term_wrap(full, COLS - 2, &lines), i;

	if (skip != NULL && *skip >= (int)n)
		*skip = n > 0 ? (int)n - 1 : 0;

	term_style(style);
	for (i = skip != NULL ? (size_t)*skip : 0; i < n && y <= last; i++)
		term_put(y++, 1, lines[i], COLS - 2);
	term_style(STYLE_NORMAL);
	term_free_lines(lines, n);
	free(full);
	return y;
}

static int question_is_toggled(const struct ui *u, long code)
{
	size_t i;

	for (i = 0; i < u->ntoggled; i++)
		if (u->toggled[i] == code)
			return 1;
	return 0;
}

/* The options, numbered by their codes; two columns when one does not fit. */
static int question_options(struct ui *u, const struct step *st, int y, int last)
{
	const struct question *q = st->q;
	struct value v = engine_value(u->session->engine, q, st->instance);
	size_t i, *order, n = q->options->n, rows;
	int cols = 1, colw;

	order = xcalloc(n, sizeof *order);
	engine_option_order(u->session->engine, q, order);
	rows = n;
	if ((int)n > last - y + 1 && last - y + 1 > 0) {
		/* As many columns as it takes: every option stays on screen. */
		cols = (int)((n + (size_t)(last - y)) / (size_t)(last - y + 1));
		rows = (n + (size_t)cols - 1) / (size_t)cols;
	}
	colw = (COLS - 2) / cols;
	for (i = 0; i < n; i++) {
		const struct option *o = &q->options->v[order[i]];
		int row = y + (int)(i % rows), col = 1 + (int)(i / rows) * colw, chosen;
		char *label = engine_fill(u->session->engine, o->label, st), line[512];

		if (row > last) {
			free(label);
			continue;
		}
		chosen = q->type == Q_MULTI ? question_is_toggled(u, o->code) :
		    (v.kind == V_NUM && (long)v.num == o->code);
		if (q->type == Q_MULTI)
			snprintf(line, sizeof line, " %s %3ld  %s", chosen ? "[x]" : "[ ]", o->code, label);
		else
			snprintf(line, sizeof line, " %s %3ld  %s", chosen ? "▸" : " ", o->code, label);
		term_style(chosen ? STYLE_CHOSEN : STYLE_NORMAL);
		term_put(row, col, line, colw - 1);
		free(label);
	}
	term_style(STYLE_NORMAL);
	free(order);
	return y + (int)rows;
}

/* The current answer as the interviewer would type it again. */
static void question_current(struct ui *u, const struct step *st, char *out, size_t len)
{
	struct value v = engine_value(u->session->engine, st->q, st->instance);
	char *t;

	out[0] = '\0';
	if (v.kind == V_DK)
		snprintf(out, len, "NSP");
	else if (v.kind == V_RF)
		snprintf(out, len, "Refus");
	else if (v.kind == V_NUM || v.kind == V_TEXT || v.kind == V_MULTI) {
		t = store_value_text(&v);
		if (st->q->type == Q_DATE && strlen(t) == 10)
			snprintf(out, len, "%.2s/%.2s/%.4s", t + 8, t + 5, t);
		else if (st->q->type == Q_NUMBER && strchr(t, '.') != NULL)
			snprintf(out, len, "%s", t), *strchr(out, '.') = ',';
		else
			snprintf(out, len, "%s", t);
		free(t);
	}
}

static void question_entry(struct ui *u, const struct step *st, int y)
{
	char cur[256], line[1024];
	const char *hint = st->q->type == Q_DATE ? " (JJ/MM/AAAA)" : "";

	if (st->q->type == Q_INFO) {
		term_style(STYLE_DIM);
		term_put(y, 1, "Entrée : continuer", COLS - 2);
		term_style(STYLE_NORMAL);
		return;
	}
	question_current(u, st, cur, sizeof cur);
	if (*cur && !*u->input)
		snprintf(line, sizeof line, "Réponse%s : %s▁   (Entrée : garder « %s »)", hint,
		    u->input, cur);
	else if (st->q->type == Q_MULTI)
		snprintf(line, sizeof line, "Réponse : %s▁   (code puis Espace ; Entrée : valider)",
		    u->input);
	else
		snprintf(line, sizeof line, "Réponse%s : %s▁", hint, u->input);
	term_put(y, 1, line, COLS - 2);
}

/* The message wrapped on its own rows above the footer, or the off-path notice. */
static void question_notice(struct ui *u, int y, int rows)
{
	size_t off = engine_offpath(u->session->engine);
	char line[160];

	if (u->message != NULL) {
		ui_message_draw(u, y, rows);
		return;
	}
	if (off > 0) {
		snprintf(line, sizeof line, "⚠ %zu réponse%s hors parcours (gardée%s, non exportée%s)",
		    off, off > 1 ? "s" : "", off > 1 ? "s" : "", off > 1 ? "s" : "");
		term_style(STYLE_WARNING);
		term_put(y, 1, line, COLS - 2);
	}
	term_style(STYLE_NORMAL);
}

static void question_footer(void)
{
	term_rule(LINES - 2);
	term_style(STYLE_FOOTER);
	mvhline(LINES - 1, 0, ' ', COLS);
	term_put(LINES - 1, 0, COLS >= 80 ?
	    " F2 NSP  F3 Refus  PgUp Retour  ^G Aller à  F9 RDV  F10 Interrompre  F1 Aide" :
	    " F2 NSP F3 Refus PgUp Retour ^G Aller F9 RDV F10 Interr. F1 Aide", COLS);
	term_style(STYLE_NORMAL);
}

static void question_ended(struct ui *u)
{
	term_style(STYLE_TITLE);
	term_put(0, 0, " allo · fin de l'entretien", COLS);
	term_style(STYLE_NORMAL);
	term_rule(1);
	question_text(3, LINES - 5, u->message ? u->message : "", NULL, u->message_style, "");
	term_center(LINES - 4, "Entrée : cas suivant");
	term_rule(LINES - 2);
	term_style(STYLE_FOOTER);
	mvhline(LINES - 1, 0, ' ', COLS);
	term_put(LINES - 1, 0, " Entrée Cas suivant   F1 Aide", COLS);
	term_style(STYLE_NORMAL);
}

void question_draw(struct ui *u)
{
	const struct step *st = u->ended ? NULL : question_step(u);
	int mrows = ui_message_rows(u, COLS - 2, 4), y = 2, last;
	char *text, *title;

	mrows = mrows > 0 ? mrows : 1;
	last = LINES - 4 - mrows;
	if (st == NULL) {
		question_ended(u);
		return;
	}
	question_header(u, st);
	if (st->q->roster != NULL && st->q->roster->title != NULL) {
		title = engine_fill(u->session->engine, st->q->roster->title, st);
		term_style(STYLE_DIM);
		term_put(y++, 1, title, COLS - 2);
		term_style(STYLE_NORMAL);
		free(title);
	}
	text = engine_fill(u->session->engine, st->q->text, st);
	y = question_text(y, last, text, &u->scroll, STYLE_NORMAL, "") + 1;
	free(text);
	if (st->q->instruction != NULL && y <= last) {
		text = engine_fill(u->session->engine, st->q->instruction, st);
		y = question_text(y, last, text, NULL, STYLE_INSTRUCTION, "» ") + 1;
		free(text);
	}
	if (st->q->options != NULL && (st->q->type == Q_SINGLE || st->q->type == Q_MULTI))
		y = question_options(u, st, y, last - 1) + 1;
	question_entry(u, st, y <= LINES - 3 - mrows ? y : LINES - 3 - mrows);
	question_notice(u, LINES - 2 - mrows, mrows);
	question_footer();
}

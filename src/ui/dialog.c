/* Dialogs in place: appointment, note, refusal, other outcomes, break-off, go to, help. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field/schedule.h"
#include "field/when.h"
#include "store/agenda.h"
#include "ui/ui.h"
#include "util/clock.h"
#include "util/str.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

static struct when dialog_when;		/* the appointment being set, between its two prompts */

/* The rows of the dialog's body: the question to confirm, a menu, or a prompt. */
static int dialog_body(struct ui *u, int y, int rows)
{
	char line[512], **lines;
	size_t n, i;

	if (u->confirm != NULL) {
		n = term_wrap(u->confirm, COLS - 2, &lines);
		term_style(STYLE_WARNING);
		for (i = 0; i < n && (int)i < rows - 1; i++)
			term_put(y + (int)i, 1, lines[i], COLS - 2);
		term_style(STYLE_NORMAL);
		term_free_lines(lines, n);
		term_put(y + rows - 1, 3, "o  Oui, confirmer      n  Non (Échap)", COLS - 4);
		return 0;
	}
	if (u->menu != NULL) {
		term_style(STYLE_TITLE);
		term_put(y, 1, u->menu->title, COLS - 2);
		term_style(STYLE_NORMAL);
		for (i = 0; u->menu->items[i].key != 0; i++) {
			snprintf(line, sizeof line, "%c  %s", u->menu->items[i].key, u->menu->items[i].label);
			term_put(y + 1 + (int)i % 3, 3 + ((int)i / 3) * (COLS / 2), line, COLS / 2 - 4);
		}
		return 0;
	}
	term_style(STYLE_TITLE);
	term_put(y, 1, u->prompt.label, COLS - 2);
	term_style(STYLE_NORMAL);
	snprintf(line, sizeof line, "> %s▁", u->prompt.buf);
	term_put(y + 2, 1, line, COLS - 2);
	return 0;
}

/* The dialog owns the bottom rows: its body, then the message below it, never over it. */
void dialog_draw(struct ui *u)
{
	int mrows = ui_message_rows(u, COLS - 2, 3), body = 4, y, i;
	char **lines;
	size_t n;

	if (u->confirm != NULL) {
		n = term_wrap(u->confirm, COLS - 2, &lines);
		term_free_lines(lines, n);
		body = (int)n + 2;
	}
	y = LINES - 2 - mrows - body;
	for (i = y; i < LINES - 1; i++)
		mvhline(i, 0, ' ', COLS);
	term_rule(y);
	dialog_body(u, y + 1, body);
	ui_message_draw(u, LINES - 1 - mrows, mrows);
	term_style(STYLE_FOOTER);
	mvhline(LINES - 1, 0, ' ', COLS);
	term_put(LINES - 1, 0, u->confirm != NULL ? " o Confirmer   n ou Échap : annuler" :
	    u->prompt.active ? " Entrée : valider   Échap : effacer, puis fermer" :
	    " Une touche du menu   Échap : fermer", COLS);
	term_style(STYLE_NORMAL);
}

static void dialog_close(struct ui *u)
{
	u->prompt.active = 0;
	u->menu = NULL;
	flushinp();		/* keys typed while it closes never reach the screen behind */
}

static int dialog_menu_key(struct ui *u, int ch, int is_key)
{
	const struct ui_menu *m = u->menu;
	int i;

	if (!is_key && ch == 27) {
		dialog_close(u);
		return 1;
	}
	for (i = 0; !is_key && m->items[i].key != 0; i++) {
		if (m->items[i].key == ch) {
			dialog_close(u);
			m->items[i].pick(u);
			return 1;
		}
	}
	return 1;
}

/* o runs what was asked; n or Esc drops it and says that nothing was recorded. */
static int dialog_confirm_key(struct ui *u, int ch, int is_key)
{
	void (*yes)(struct ui *) = u->confirm_yes;

	if (is_key)
		return 1;
	if (ch == 'o' || ch == 'O') {
		free(u->confirm);
		u->confirm = NULL;
		ui_say(u, STYLE_NORMAL, NULL);
		yes(u);
	} else if (ch == 'n' || ch == 'N' || ch == 27) {
		free(u->confirm);
		u->confirm = NULL;
		u->input[0] = '\0';	/* what was typed for it goes too */
		flushinp();
		ui_say(u, STYLE_WARNING, xstrdup("Annulé : rien n'a été enregistré."));
	}
	return 1;
}

/* Handles a key when a dialog is open; 0 when none is. */
int dialog_key(struct ui *u, int ch, int is_key)
{
	struct ui_prompt *p = &u->prompt;

	if (u->confirm != NULL)
		return dialog_confirm_key(u, ch, is_key);
	if (u->menu != NULL)
		return dialog_menu_key(u, ch, is_key);
	if (!p->active)
		return 0;
	if (!is_key && ch == 27 && p->buf[0] != '\0') {
		p->buf[0] = '\0';	/* the first Esc clears the entry, the second closes */
		ui_say(u, STYLE_NORMAL, NULL);
	} else if (!is_key && ch == 27) {
		dialog_close(u);
		ui_say(u, STYLE_NORMAL, NULL);
	} else if ((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\r' || ch == '\n'))) {
		char text[sizeof p->buf];

		snprintf(text, sizeof text, "%s", p->buf);
		p->active = 0;
		p->done(u, text);
	} else if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8)))
		term_erase_char(p->buf);
	else if (!is_key && ch >= 32)
		term_type(p->buf, sizeof p->buf, ch);
	return 1;
}

/* Records the appointment; inside an interview, breaks it off to resume at the same question. */
static void dialog_appointment_note(struct ui *u, const char *note)
{
	char *cause = NULL, *msg = NULL, when[96];

	if (u->session != NULL && !session_done(u->session) &&
	    session_breakoff(u->session, note, NULL, NULL, &msg) != SESSION_OK) {
		ui_say(u, STYLE_ERROR, msg);
		return;
	}
	free(msg);
	if (schedule_appointment(u->store, &u->ins->fieldwork, u->user.login, u->case_id,
	    dialog_when.at, dialog_when.kind == WHEN_HARD ? "hard" : "soft", note, clock_now(),
	    &cause) < 0) {
		ui_say(u, STYLE_ERROR, xasprintf("Rendez-vous NON enregistré : %s", cause));
		free(cause);
		return;
	}
	when_format(&dialog_when, clock_now(), when, sizeof when);
	session_free(u->session);
	u->session = NULL;
	u->ended = 0;
	ui_say(u, STYLE_OK, xasprintf("Rendez-vous enregistré : %s.", when));
	ui_next_case(u);
}

static void dialog_appointment_time(struct ui *u, const char *text)
{
	char *why = NULL;

	if (when_parse(text, clock_now(), &u->ins->fieldwork, &dialog_when, &why) < 0) {
		ui_say(u, STYLE_ERROR, why);
		ui_open_prompt(u, "Rendez-vous : quand ? (18h30, demain 10h, jeudi 14h, 27/11 18h30,"
		    " jeudi soir)", dialog_appointment_time);
		snprintf(u->prompt.buf, sizeof u->prompt.buf, "%s", text);
		return;
	}
	ui_say(u, STYLE_NORMAL, NULL);
	ui_open_prompt(u, "Note du rendez-vous (facultative, ex. demander Mme D.) :",
	    dialog_appointment_note);
}

void dialog_appointment(struct ui *u)
{
	if (u->case_id[0] == '\0' || (u->session != NULL && u->session->iv.case_id[0] == '\0')) {
		ui_say(u, STYLE_ERROR, xstrdup("Pas de rendez-vous pour un entretien de test."));
		return;
	}
	ui_open_prompt(u, "Rendez-vous : quand ? (18h30, demain 10h, jeudi 14h, 27/11 18h30,"
	    " jeudi soir)", dialog_appointment_time);
}

static void dialog_note_done(struct ui *u, const char *text)
{
	char now[32], *cause = NULL;

	if (*text == '\0')
		return;
	clock_iso(clock_now(), now, sizeof now);
	if (u->case_id[0] != '\0' &&
	    store_note_add(u->store, u->case_id, u->user.login, now, text, &cause) < 0) {
		ui_say(u, STYLE_ERROR, xasprintf("Note NON enregistrée : %s", cause));
		free(cause);
		return;
	}
	free(u->pending_note);
	u->pending_note = xstrdup(text);
	ui_say(u, STYLE_OK, xstrdup("Note enregistrée."));
}

void dialog_note(struct ui *u)
{
	ui_open_prompt(u, "Note sur le cas :", dialog_note_done);
}

static void dialog_soft_refusal(struct ui *u)
{
	ui_record(u, "soft_refusal", NULL);
}

static void dialog_hard_refusal(struct ui *u)
{
	ui_record(u, "hard_refusal", NULL);
}

void dialog_refusal(struct ui *u)
{
	static const struct ui_menu_item items[] = {
		{ '1', "Refus, à rappeler plus tard", dialog_soft_refusal },
		{ '2', "Refus définitif", dialog_hard_refusal },
		{ 0, NULL, NULL }
	};
	static const struct ui_menu menu = { "Refus : lequel ?", items };

	u->menu = &menu;
}

static void dialog_machine(struct ui *u)
{
	ui_record(u, "answering_machine", NULL);
}

static void dialog_machine_household(struct ui *u)
{
	ui_record(u, "answering_machine_household", NULL);
}

/* A message that names a household makes the number eligible (2.22), one that does not, 3.14. */
void dialog_answering_machine(struct ui *u)
{
	static const struct ui_menu_item items[] = {
		{ '1', "Non, ou pas sûr", dialog_machine },
		{ '2', "Oui (un nom, une famille…)", dialog_machine_household },
		{ 0, NULL, NULL }
	};
	static const struct ui_menu menu = { "Répondeur : le message confirme-t-il un foyer ?", items };

	u->menu = &menu;
}

static void dialog_fax(struct ui *u)
{
	ui_record(u, "fax", NULL);
}

static void dialog_language(struct ui *u)
{
	ui_record(u, "language", NULL);
}

static void dialog_not_eligible(struct ui *u)
{
	ui_record(u, "not_eligible", NULL);
}

static void dialog_business(struct ui *u)
{
	ui_record(u, "business", NULL);
}

static void dialog_unable(struct ui *u)
{
	ui_record(u, "unable", NULL);
}

static void dialog_unavailable(struct ui *u)
{
	ui_record(u, "unavailable", NULL);
}

void dialog_other(struct ui *u)
{
	static const struct ui_menu_item items[] = {
		{ '1', "Fax ou modem", dialog_fax },
		{ '2', "Barrière de la langue", dialog_language },
		{ '3', "Hors cible (pas de personne éligible)", dialog_not_eligible },
		{ '4', "Numéro professionnel", dialog_business },
		{ '5', "Incapacité physique ou mentale", dialog_unable },
		{ '6', "Personne jamais disponible", dialog_unavailable },
		{ 0, NULL, NULL }
	};
	static const struct ui_menu menu = { "Autre issue :", items };

	u->menu = &menu;
}

/* Ends the interview for now; the case returns to the queue after the retry delay. */
static void dialog_breakoff_as(struct ui *u, const char *final)
{
	char *msg = NULL;

	if (session_breakoff(u->session, u->pending_note, u->session->iv.case_id[0] ? "breakoff" :
	    NULL, final, &msg) != SESSION_OK) {
		ui_say(u, STYLE_ERROR, msg);
		return;
	}
	free(u->pending_note);
	u->pending_note = NULL;
	u->ended = 1;
	/* A message with success says the store failed, yet the break-off is on disk. */
	ui_say(u, STYLE_WARNING, msg != NULL ? msg : xstrdup(final != NULL ?
	    "Entretien arrêté (refus de poursuivre)." :
	    "Entretien interrompu ; il reprendra à cette question."));
}

static void dialog_breakoff_later(struct ui *u)
{
	dialog_breakoff_as(u, NULL);
}

static void dialog_breakoff_refusal(struct ui *u)
{
	dialog_breakoff_as(u, "2.12");
}

static void dialog_breakoff_appointment(struct ui *u)
{
	dialog_appointment(u);
}

void dialog_breakoff(struct ui *u)
{
	static const struct ui_menu_item items[] = {
		{ '1', "Rappeler : prendre rendez-vous…", dialog_breakoff_appointment },
		{ '2', "Interrompre, rappeler plus tard", dialog_breakoff_later },
		{ '3', "Refus de poursuivre", dialog_breakoff_refusal },
		{ 0, NULL, NULL }
	};
	static const struct ui_menu menu = { "Interrompre l'entretien (Échap : revenir)", items };

	u->menu = &menu;
}

/* Finds a question by id or by its number written "Q12" or "12". */
static const char *dialog_goto_id(const struct ui *u, const char *text)
{
	const struct instrument *ins = u->session->ins;
	long n;
	size_t i;

	if ((text[0] == 'Q' || text[0] == 'q') && text[1] >= '0' && text[1] <= '9')
		text++;
	if (str_to_long(text, &n) == 0) {
		for (i = 0; i < ins->nvars; i++)
			if (ins->vars[i]->number == n)
				return ins->vars[i]->id;
		return NULL;
	}
	return text;
}

static void dialog_goto_done(struct ui *u, const char *text)
{
	const char *id = dialog_goto_id(u, text);
	char *msg = NULL;

	if (id == NULL || session_goto(u->session, id, 0, &msg) != SESSION_OK) {
		ui_say(u, STYLE_ERROR, msg ? msg : xasprintf("« %s » : question inconnue.", text));
		dialog_goto(u);		/* the dialog stays open with what was typed, to correct it */
		snprintf(u->prompt.buf, sizeof u->prompt.buf, "%s", text);
		return;
	}
	/* A message with success says the store failed, yet the move is on disk. */
	ui_say(u, STYLE_WARNING, msg);
	question_enter(u);
}

void dialog_goto(struct ui *u)
{
	ui_open_prompt(u, "Aller à la question (identifiant ou numéro, ex. Q12) :", dialog_goto_done);
}

void help_draw(struct ui *u)
{
	static const char *const lines[] = {
		"Aide (une touche pour revenir)",
		"",
		"Écran du cas : 1 répond (entretien), 2 pas de réponse, 3 occupé, 4 répondeur,",
		"  5 numéro non attribué, 6 rendez-vous, 7 refus, 8 autre issue ; u annule le",
		"  dernier appel (10 min) ; r mes rendez-vous ; F10 pause ; Ctrl-X quitter.",
		"Question : taper le code (seul s'il n'y a pas d'ambiguïté, sinon Entrée) ;",
		"  choix multiples : code puis Espace pour cocher, Entrée pour valider ;",
		"  nombres, dates (JJ/MM/AAAA) et textes : taper puis Entrée.",
		"  Entrée sur une question déjà répondue : garder la réponse.",
		"",
		"F2  ou Ctrl-D  Ne sait pas          F3  ou Ctrl-R  Refus",
		"PgUp ou Ctrl-B Question précédente  Ctrl-G         Aller à une question",
		"F5  ou Ctrl-N  Note sur le cas      F9  ou Ctrl-T  Rendez-vous",
		"F10 ou Ctrl-X  Interrompre / pause  F1  ou Ctrl-A  Cette aide",
		"Flèches haut/bas : faire défiler un texte long ; Échap : effacer la saisie.",
		NULL
	};
	int i;

	(void)u;
	term_style(STYLE_TITLE);
	term_put(0, 1, lines[0], COLS - 2);
	term_style(STYLE_NORMAL);
	term_rule(1);
	for (i = 1; lines[i] != NULL && i + 1 < LINES; i++)
		term_put(i + 1, 1, lines[i], COLS - 2);
}

struct agenda_row {
	struct ui *u;
	char today[16];
	int y, shown;
};

static void agenda_line(void *arg, const char *case_id, const char *due_at, const char *kind,
    const char *note)
{
	struct agenda_row *r = arg;
	char day[16], hour[16], line[400];
	time_t t;

	if (clock_parse(due_at, &t) < 0)
		return;
	schedule_local(t, day, sizeof day, "%Y-%m-%d");
	schedule_local(t, hour, sizeof hour, "%H:%M");
	if (strcmp(day, r->today) != 0 || r->y > LINES - 3)
		return;
	snprintf(line, sizeof line, "%s  %-6s  Cas %s%s%s%s", hour, strcmp(kind, "hard") == 0 ?
	    "ferme" : "souple", case_id, *note ? "  « " : "", note, *note ? " »" : "");
	term_put(r->y++, 1, line, COLS - 2);
	r->shown++;
}

void agenda_draw(struct ui *u)
{
	struct agenda_row r = { u, "", 3, 0 };

	schedule_local(clock_now(), r.today, sizeof r.today, "%Y-%m-%d");
	term_style(STYLE_TITLE);
	term_put(0, 1, "Mes rendez-vous d'aujourd'hui (une touche pour revenir)", COLS - 2);
	term_style(STYLE_NORMAL);
	term_rule(1);
	if (store_agenda(u->store, u->user.login, agenda_line, &r) < 0)
		term_put(3, 1, "Erreur : les rendez-vous ne peuvent pas être lus.", COLS - 2);
	else if (r.shown == 0)
		term_put(3, 1, "Aucun rendez-vous aujourd'hui.", COLS - 2);
}

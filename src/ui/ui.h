/* Private to the interviewer terminal: its state, shared by its screens and dialogs. */
#ifndef ALLO_UI_H
#define ALLO_UI_H

#include "session/session.h"
#include "store/calls.h"
#include "ui/term.h"

struct ui;

enum ui_screen {
	UI_CASE,		/* a case to dial: number, history, outcome keys */
	UI_QUESTION,		/* the interview */
	UI_IDLE,		/* no case to call now */
	UI_PAUSE		/* a break, recorded with its length */
};

/* A one-line question at the bottom of the screen, answered with Enter (Esc cancels). */
struct ui_prompt {
	int active;
	const char *label;
	char buf[256];
	void (*done)(struct ui *u, const char *text);
};

/* A choice among a few keys, shown in place of the footer area. */
struct ui_menu_item {
	int key;
	const char *label;
	void (*pick)(struct ui *u);
};

struct ui_menu {
	const char *title;
	const struct ui_menu_item *items;
};

struct ui_call {
	char at[24], login[64], outcome[32], note[128];
};

struct ui {
	struct store *store;
	struct store_user user;
	struct instrument *ins;		/* the newest questionnaire: fieldwork rules, frame */
	enum ui_screen screen;
	int quit;

	char case_id[64], phone[32];
	struct store_case c;
	struct ui_call *calls;
	size_t ncalls;
	struct store_appointment appt;
	int has_appt;
	char *pending_note;		/* F5 note, recorded with the next call */
	char iv_line[160];		/* the case's interview in progress, for its history; or "" */
	char *idle_why;

	struct session *session;
	char input[512];		/* what the interviewer is typing */
	long *toggled;			/* multi: codes ticked so far */
	size_t ntoggled;
	int confirming;			/* a soft check waits for o/n */
	char *message;
	enum term_style message_style;
	int help;
	int agenda;			/* "Mes rendez-vous" is on screen */
	int scroll;			/* first line of a long question text */
	int ended;			/* the interview just ended: its last words are shown */
	int progress;			/* the percentage last shown, to say when it moves back */
	size_t progress_route;		/* and the questions it was out of */
	long sitting_start;		/* when this sitting of the interview began (the clock) */
	char pause_since[24];		/* the start of the break on screen */

	struct ui_prompt prompt;
	const struct ui_menu *menu;
	char *confirm;			/* a question asked before something final, answered o/n */
	void (*confirm_yes)(struct ui *u);
	char confirm_token[32];		/* the outcome it would record */
	char confirm_final[16];
	char confirm_answer[512];	/* the answer that would end the interview */
	void (*after_appointment)(struct ui *u);
};

/* Sets the message line (takes msg). */
void ui_say(struct ui *u, enum term_style style, char *msg);
/* Takes the next case from the scheduler, or shows the idle screen. */
void ui_next_case(struct ui *u);
/* Starts or resumes the interview of the case on screen. */
void ui_start_interview(struct ui *u);
/* Records an outcome for the case on screen, then takes the next case. */
void ui_record(struct ui *u, const char *token, const char *final);
void ui_open_prompt(struct ui *u, const char *label, void (*done)(struct ui *, const char *));
/* Asks text (taken) with o/n before yes runs; keys typed before it appeared are dropped. */
void ui_ask(struct ui *u, char *text, void (*yes)(struct ui *u));
/* The rows the message takes at width cols, wrapped; at most max. */
int ui_message_rows(const struct ui *u, int cols, int max);
/* Draws the message wrapped on rows y to y + rows - 1. */
void ui_message_draw(const struct ui *u, int y, int rows);

void case_draw(struct ui *u);
/* Starts a break: the case on screen goes back to the queue; the pause screen until Enter. */
void ui_pause(struct ui *u);
/* Puts back the interviewer's last call outcome and shows its case again. */
void ui_undo(struct ui *u);
/* Reads the case's interview in progress, if any, for the history's first line. */
void case_load_interview(struct ui *u);
void case_key(struct ui *u, int ch, int is_key);
void question_draw(struct ui *u);
void question_key(struct ui *u, int ch, int is_key);
void question_enter(struct ui *u);
void dialog_draw(struct ui *u);
int dialog_key(struct ui *u, int ch, int is_key);
void dialog_appointment(struct ui *u);
void dialog_note(struct ui *u);
void dialog_refusal(struct ui *u);
void dialog_other(struct ui *u);
void dialog_answering_machine(struct ui *u);
void dialog_breakoff(struct ui *u);
void dialog_goto(struct ui *u);
void help_draw(struct ui *u);
/* "Mes rendez-vous": the interviewer's own appointments of the day, soonest first. */
void agenda_draw(struct ui *u);

/* Control keys: every function key has a twin for ssh clients that lose them. */
#define CTRL(c) ((c) & 0x1f)

#endif

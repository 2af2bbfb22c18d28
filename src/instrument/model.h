/* The in-memory questionnaire: survey, scales, frame, themes, questions, rosters. */
#ifndef ALLO_MODEL_H
#define ALLO_MODEL_H

#include <stddef.h>

#include "util/arena.h"

struct expr;

/* A place in the questionnaire file, 1-based; every error points at one. */
struct pos {
	int line, col;
};

/* An expression as written: its text and where that text starts in the file. */
struct src {
	const char *text;
	struct pos pos;		/* of the first character of text */
	int quoted;		/* 1 if the YAML scalar was quoted: text starts one column later */
};

enum qtype {
	Q_SINGLE, Q_MULTI, Q_NUMBER, Q_TEXT, Q_DATE, Q_INFO, Q_COMPUTED
};

/* Where a variable comes from. */
enum qkind {
	K_FRAME, K_ASKED, K_COMPUTED
};

enum outcome {
	OUT_NONE, OUT_REFUSAL, OUT_INELIGIBLE, OUT_QUOTA_FULL
};

struct option {
	long code;
	const char *label;
	struct pos pos;
};

struct optlist {
	const char *name;	/* the scale's name, or NULL when written inline */
	struct option *v;
	size_t n;
	struct pos pos;
};

struct check {
	struct src src;
	struct expr *expr;
	const char *message;
	int soft;
	struct pos pos;
};

struct terminate {
	struct src src;
	struct expr *when;
	enum outcome outcome;
	const char *message;
	struct pos pos;
};

struct theme;
struct roster;

struct question {
	const char *id;
	enum qtype type;
	enum qkind kind;
	int index;		/* order of definition among all variables, frame first */
	int number;		/* 1-based among counted (asked) questions, 0 otherwise */
	const char *text, *label, *instruction;
	const struct optlist *options;	/* NULL when the type has none */
	struct src when_src;
	struct expr *when;	/* NULL: always asked */
	int dk, rf, randomize;
	int has_min, has_max;
	double min, max;
	int decimals;
	int max_length;		/* text; 0: the default */
	long *exclusive;
	size_t nexclusive;
	int min_choices;
	struct src expr_src;
	struct expr *expr;	/* computed */
	struct check *checks;
	size_t nchecks;
	struct terminate *terms;
	size_t nterms;
	int personal;		/* a frame variable holding personal data: never exported */
	struct theme *theme;	/* NULL for frame variables */
	struct roster *roster;	/* NULL outside rosters */
	struct pos pos;
};

struct roster {
	const char *id;		/* the `repeat` name */
	struct src count_src;
	struct expr *count;
	int max;
	const char *title;
	struct src when_src;
	struct expr *when;
	struct question **questions;
	size_t nquestions;
	int first_index;	/* index of the first variable after the roster starts */
	struct pos pos;
};

/* A theme holds items in asking order: each a question or a roster. */
struct item {
	struct question *q;
	struct roster *r;
};

struct theme {
	const char *id, *title;
	int number;		/* 1-based */
	struct src when_src;
	struct expr *when;
	struct item *items;
	size_t nitems;
	int first_index;	/* index the theme's first variable gets */
	struct pos pos;
};

struct scale {
	const char *name;
	struct optlist options;
	struct pos pos;
};

/* A span of the day in minutes since midnight; from < 0 means none. */
struct window {
	int from, to;
};

#define FIELDWORK_MAX_SLOTS 6

/* Outcomes that wait before the case is called again, in minutes. */
enum retry {
	RETRY_NO_ANSWER, RETRY_BUSY, RETRY_ANSWERING_MACHINE, RETRY_SOFT_REFUSAL, RETRY_BREAKOFF,
	RETRY_COUNT
};

/* When and how often cases are called: the `fieldwork` section, with its defaults. */
struct fieldwork {
	const char *timezone;
	struct window weekday, saturday, sunday;
	struct window slots[FIELDWORK_MAX_SLOTS];
	size_t nslots;
	int max_attempts, max_attempts_per_slot;
	int retry[RETRY_COUNT];
	int appointment_window;	/* minutes either side of a hard appointment */
	int lease_minutes;
	/* What makes a break-off a partial (AAPOR 1.2): a share of the route, or a question reached. */
	int partial_percent;		/* 1..100, or 0 */
	const struct question *partial_after;	/* or NULL; neither: no partials */
	int resume_first;	/* interrupted interviews before every other case (the default) */
	struct pos pos;
};

enum quota_full {
	QUOTA_SCREEN_OUT,	/* end the interview with 4.80 and the message */
	QUOTA_ALLOW,		/* count, keep going */
	QUOTA_STOP_CALLING	/* frame-only: stop dialling the cell's cases */
};

struct quota_cell {
	long *codes;		/* one per `by` variable */
	int target;
	struct pos pos;
};

/* A quota: cells over the codes of a few variables, each with a target of completes. */
struct quota {
	const char *id;
	const struct question **by;
	size_t nby;
	struct quota_cell *cells;
	size_t ncells;
	enum quota_full on_full;
	const char *message;
	int frame_only;		/* every `by` variable comes from the sample frame */
	struct pos pos;
};

/* A published figure: the share of a base whose answer to one variable is among a few codes. */
struct indicator {
	const char *id, *label;
	const struct question *var;
	long *codes;		/* counted in the numerator; for a multi question, any of them chosen */
	size_t ncodes;
	const char *base;	/* who is in the denominator, in words, as the author states it */
	struct src domain_src;	/* a further restriction of the base, or no text */
	struct expr *domain;
	const char *source;	/* where the figure is published, or NULL */
	struct pos pos;
};

struct instrument {
	struct arena arena;	/* owns everything below */
	const char *file;	/* as given on the command line */
	const char *id, *title, *version, *language;
	long dk_code, rf_code;
	struct scale *scales;
	size_t nscales;
	struct question **frame;
	size_t nframe;
	struct theme *themes;
	size_t nthemes;
	struct question **vars;	/* frame, then questions in file order (rosters included) */
	size_t nvars;
	size_t nquestions;	/* counted as the contract says */
	struct fieldwork fieldwork;
	struct quota *quotas;
	size_t nquotas;
	const struct question *quota_check_at;	/* the one moment quotas screen out, or NULL */
	struct indicator *indicators;
	size_t nindicators;
};

const struct question *instrument_var(const struct instrument *ins, const char *name);
const struct option *optlist_find(const struct optlist *o, long code);
const char *qtype_name(enum qtype t);
const char *outcome_name(enum outcome o);
/* The defaults of the fieldwork section. */
void fieldwork_defaults(struct fieldwork *f);
/* Parses "HH:MM-HH:MM" or "none"; 0 on success. */
int fieldwork_window(const char *s, struct window *w);

#endif

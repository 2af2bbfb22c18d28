/* Random respondents driven through the route engine in memory, with coverage counts. */
#ifndef ALLO_SIMULATE_H
#define ALLO_SIMULATE_H

#include <stddef.h>
#include <stdint.h>

#include "instrument/model.h"

struct engine;
struct step;

/* What a line of the report about one respondent says. */
enum sim_kind {
	SIM_STUCK,		/* no answer the engine accepts, and no DK or RF allowed */
	SIM_STEP_LIMIT,		/* more steps than 20 times the number of variables */
	SIM_ANOMALY,		/* the engine disagreed with itself; not a stop */
	SIM_BROKEN		/* a completed interview holds an answer its rules refuse */
};

/* One line of the report about a respondent. */
struct sim_event {
	enum sim_kind kind;
	size_t respondent;		/* from 1 */
	const struct question *q;	/* where it happened */
	int instance;
	char *detail;			/* owned; NULL when there is nothing to add */
};

/* What happened to one variable over all respondents. */
struct sim_var {
	size_t reached;		/* respondents who were asked it at least once */
	size_t stamp;		/* the last respondent counted in reached */
	size_t *fired;		/* per check: validations it failed */
	size_t *chosen;		/* per option: accepted answers holding the code */
	size_t *met;		/* per terminate rule: interviews it ended */
	size_t asked;		/* times it was on a route, all respondents together */
	size_t words;		/* words read aloud at those times, all together */
};

/* What one completed interview reads aloud and how many answers it waits for. */
struct sim_time {
	size_t words;
	size_t answers;
};

struct sim {
	const struct instrument *ins;	/* borrowed */
	uint64_t seed;
	size_t respondents;
	size_t complete;
	size_t screened[OUT_QUOTA_FULL + 1];	/* by outcome */
	size_t stuck, step_limit;
	size_t *lengths;	/* questions asked, per completed respondent, sorted */
	size_t nlengths;
	struct sim_time *times;	/* per completed respondent, in order of completion */
	size_t ntimes;
	size_t *theme_asked;	/* per theme: questions asked, all respondents together */
	struct sim_var *vars;	/* parallel to ins->vars */
	struct sim_event *events;
	size_t nevents, eventcap;
	size_t anomalies;
	size_t broken;		/* answers of completed interviews that break a rule */
};

/* Prepares s for ins; seed fixes every draw. */
void simulate_init(struct sim *s, const struct instrument *ins, uint64_t seed);
/* Drives n more respondents through the engine, adding to the counts. */
void simulate_run(struct sim *s, size_t n);
/* 1 if q is a question a respondent answers (not info, computed or frame). */
int simulate_counted(const struct question *q);
/* Words the interviewer reads aloud at step st: text with fills, and options unless told not to. */
size_t simulate_words_read(const struct engine *e, const struct step *st);
/* Words in a UTF-8 text: runs between spaces holding a letter or a digit. */
size_t simulate_count_words(const char *text);
void simulate_free(struct sim *s);

#endif

/* The route engine: pure logic over a questionnaire and a set of answers; no I/O. */
#ifndef ALLO_ENGINE_H
#define ALLO_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "instrument/expr.h"

/* One answer slot: a variable at one roster instance (0 outside rosters). */
struct slot {
	enum vkind kind;	/* V_NONE when unanswered */
	double num;
	char *text;		/* owned */
	long *codes;		/* owned, sorted */
	size_t ncodes;
	int seen;		/* info screens: acknowledged */
	int off_path;		/* answered but no longer on the route */
};

/* A place on the route: a question at an instance. */
struct step {
	const struct question *q;
	int instance;
};

enum engine_state {
	ENGINE_ACTIVE, ENGINE_COMPLETE, ENGINE_SCREENED_OUT
};

struct engine {
	const struct instrument *ins;
	uint64_t seed;			/* option randomisation, per interview */
	int *offset;			/* first slot of each variable */
	struct slot *slots;
	size_t nslots;
	struct step *route;		/* the steps asked, given the answers so far */
	size_t nroute, routecap;
	size_t cur;			/* index into route; nroute when past the end */
	enum engine_state state;
	const struct terminate *ended_by;
	const char *interviewer;	/* display name for {interviewer}; borrowed */
	char *scratch;			/* engine_parse's text */
	long *scratch_codes;		/* engine_parse's codes */
	size_t scratch_cap;
};

/* Result of offering an answer. */
enum engine_verdict {
	VERDICT_OK,		/* accepted */
	VERDICT_REFUSED,	/* invalid value or hard check: message says why */
	VERDICT_SOFT		/* a soft check failed: needs confirmation */
};

struct engine *engine_new(const struct instrument *ins, uint64_t seed);
void engine_free(struct engine *e);

struct slot *engine_slot(struct engine *e, const struct question *q, int instance);
/* Stores v as the answer of q at instance without checks (used when resuming). */
void engine_put(struct engine *e, const struct question *q, int instance, const struct value *v);
void engine_clear(struct engine *e, const struct question *q, int instance);
struct value engine_value(const struct engine *e, const struct question *q, int instance);

/* Recomputes computed variables, the route and the off-path marks. */
void engine_route(struct engine *e);
/* Sets the cursor: to (q, instance) when on the route, else to the first unanswered step. */
void engine_seek(struct engine *e, const struct question *q, int instance);
size_t engine_frontier(const struct engine *e);
const struct step *engine_current(const struct engine *e);
size_t engine_offpath(const struct engine *e);
int engine_answered(const struct engine *e, const struct step *s);

/*
 * Parses text typed for the current step into *v (storage in the engine's
 * scratch, valid until the next call). Returns -1 with *msg (caller frees) when
 * it is not a valid value for the question.
 */
int engine_parse(struct engine *e, const char *text, struct value *v, char **msg);
/*
 * Validates v for the current step: type, range, options, exclusive codes,
 * DK/RF permission, then checks (soft ones skipped if confirmed). *msg is set
 * (caller frees) for REFUSED and SOFT.
 */
enum engine_verdict engine_validate(struct engine *e, const struct value *v, int confirmed,
    char **msg);
/*
 * Runs the checks of step s with v in its place (soft ones skipped if confirmed)
 * and returns the first that fails, or NULL; a check whose referenced answer is
 * missing, DK, RF or off-path passes. With msg, the failing check's message is filled.
 */
const struct check *engine_check(struct engine *e, const struct step *s, const struct value *v,
    int confirmed, char **msg);
/* Stores v at the current step, re-routes, applies terminate rules, advances. */
void engine_accept(struct engine *e, const struct value *v);
/* The terminate rule that v, answered at the current step, would trigger; or NULL. Changes nothing. */
const struct terminate *engine_would_end(struct engine *e, const struct value *v);
/* Acknowledges an info screen, or keeps the current answer, and advances. */
int engine_next(struct engine *e);
int engine_back(struct engine *e);
/* Moves to (id, instance) if it is on the route and reachable; -1 otherwise. */
int engine_goto(struct engine *e, const char *id, int instance);

/* The option order shown for q: codes shuffled by the interview's seed when asked for. */
void engine_option_order(const struct engine *e, const struct question *q, size_t *order);
/* Text with fills applied for step s (caller frees). */
char *engine_fill(const struct engine *e, const char *text, const struct step *s);

/* The evaluation environment over the engine's answers. */
void engine_env(const struct engine *e, int instance, struct expr_env *env);
/* How many instances roster r has given the answers (its count, clamped to max). */
int engine_instances(const struct engine *e, const struct roster *r);

#endif

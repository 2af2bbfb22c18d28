/* The progress figure of the interviewer's header: forward with every answer, back only when the route grows. */
#include <stdlib.h>
#include <string.h>

#include "instrument/instrument.h"
#include "interview/engine.h"
#include "interview/partial.h"

#include "unit.h"

static const char yaml[] =
    "survey:\n  id: p\n  title: \"P\"\nthemes:\n"
    "  - id: t\n    title: \"T\"\n    questions:\n"
    "      - {id: a, type: single, text: \"A ?\", options: {1: \"Oui\", 2: \"Non\"}}\n"
    "      - {id: b, type: single, text: \"B ?\", options: {1: \"Oui\", 2: \"Non\"}, when: \"a == 1\"}\n"
    "      - {id: c, type: single, text: \"C ?\", options: {1: \"Oui\", 2: \"Non\"}}\n"
    "      - {id: nb, type: number, text: \"Combien ?\", min: 0, max: 5}\n"
    "      - repeat: p\n        count: \"nb\"\n        max: 5\n        questions:\n"
    "          - {id: s, type: single, text: \"S ?\", options: {1: \"Oui\", 2: \"Non\"}}\n"
    "      - {id: d, type: single, text: \"D ?\", options: {1: \"Oui\", 2: \"Non\"}}\n"
    "      - {id: e, type: single, text: \"E ?\", options: {1: \"Oui\", 2: \"Non\"}}\n";

/* Types t at the current step and accepts it; the share before and after. */
static int answer(struct engine *e, const char *t, struct partial_share *before,
    struct partial_share *after)
{
	struct value v;
	char *msg = NULL;

	partial_steps(e, before);
	if (engine_parse(e, t, &v, &msg) < 0 || engine_validate(e, &v, 1, &msg) != VERDICT_OK) {
		free(msg);
		return -1;
	}
	engine_accept(e, &v);
	partial_steps(e, after);
	return 0;
}

/* answered/route as a fraction compared exactly: 1 when x < y. */
static int less(const struct partial_share *x, const struct partial_share *y)
{
	return x->answered * y->route < y->answered * x->route;
}

int main(void)
{
	static const char *const typed[] = { "2", "1", "3", "1", "2", "1", "1", "1", NULL };
	struct partial_share b, a;
	struct instrument *ins;
	struct engine *e;
	struct diag d;
	int i, last = -1, pct;

	diag_init(&d, "progress");
	ins = instrument_load("progress", yaml, strlen(yaml), &d);
	diag_free(&d);
	UNIT_OK("load", ins != NULL, "the questionnaire does not load");
	if (ins == NULL)
		UNIT_END();
	e = engine_new(ins, 1);
	engine_route(e);
	engine_seek(e, NULL, 0);
	UNIT_OK("start-at-zero", partial_progress(e) == 0, "got %d", partial_progress(e));
	for (i = 0; typed[i] != NULL && e->state == ENGINE_ACTIVE; i++) {
		char name[64];

		snprintf(name, sizeof name, "answer-%d-accepted", i + 1);
		UNIT_OK(name, answer(e, typed[i], &b, &a) == 0, "'%s' refused", typed[i]);
		snprintf(name, sizeof name, "answer-%d-%s", i + 1, a.route > b.route ? "route-grew" :
		    "forward");
		if (a.route > b.route)
			/* A roster of 3: the only answer allowed to move the figure back. */
			UNIT_OK(name, a.answered == b.answered + 1 && strcmp(typed[i], "3") == 0,
			    "'%s' grew the route: %zu/%zu then %zu/%zu", typed[i], b.answered, b.route,
			    a.answered, a.route);
		else
			UNIT_OK(name, less(&b, &a), "%zu/%zu then %zu/%zu", b.answered, b.route,
			    a.answered, a.route);
		pct = partial_progress(e);
		snprintf(name, sizeof name, "answer-%d-percent", i + 1);
		UNIT_OK(name, a.route > b.route || pct >= last, "%d after %d", pct, last);
		last = pct;
	}
	/* a = 2 rules b out: the route shrinks and the figure jumps forward, never stuck at 100 before the end. */
	UNIT_OK("complete-is-100", e->state == ENGINE_COMPLETE && partial_progress(e) == 100,
	    "state %d, %d %%", (int)e->state, partial_progress(e));
	engine_free(e);
	instrument_free(ins);
	UNIT_END();
}

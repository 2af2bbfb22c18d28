/*
 * The partial rule. `answered: N%`: the questions answered (DK and RF count) over
 * the route as it stands, where a question not reached yet counts whenever its
 * condition could still hold, so that a break-off never shortens its own
 * denominator. `after: Q`: Q was answered. Each question counts once, roster
 * questions too (as "220 questions" counts them); info screens and computed
 * variables never count.
 */
#include "interview/partial.h"

#include <string.h>

/* An environment that notes when a condition reads what is not known yet. */
struct partial_env {
	const struct engine *e;
	struct expr_env inner;
	int unknown;
};

static struct value partial_get(void *ctx, const struct question *q, int instance)
{
	struct partial_env *p = ctx;
	struct value v = p->inner.get(p->inner.ctx, q, instance);

	if (v.kind == V_NONE && q->kind != K_FRAME)
		p->unknown = 1;
	return v;
}

static int partial_instances(void *ctx, const struct roster *r)
{
	struct partial_env *p = ctx;

	return p->inner.instances(p->inner.ctx, r);
}

/* A condition three ways: 1 true, 0 false, -1 not known (it reads an unanswered variable). */
static int partial_test(const struct engine *e, const struct expr *cond, int instance)
{
	struct partial_env p;
	struct expr_env env;
	int t;

	if (cond == NULL)
		return 1;
	memset(&p, 0, sizeof p);
	p.e = e;
	engine_env(e, instance, &p.inner);
	env = p.inner;
	env.get = partial_get;
	env.instances = partial_instances;
	env.ctx = &p;
	t = expr_test(cond, &env);
	return p.unknown && !t ? -1 : t;
}

static int partial_answered_at(const struct engine *e, const struct question *q, int instance)
{
	const struct slot *s = engine_slot((struct engine *)e, q, instance);

	return s != NULL && s->kind != V_NONE && !s->off_path;
}

/* Whether q is answered at any instance of its roster (or outside one). */
static int partial_answered(const struct engine *e, const struct question *q, int instances)
{
	int k;

	if (q->roster == NULL)
		return partial_answered_at(e, q, 0);
	for (k = 1; k <= instances; k++)
		if (partial_answered_at(e, q, k))
			return 1;
	return 0;
}

/* Whether q, not answered, could still be asked at some instance. */
static int partial_reachable(const struct engine *e, const struct question *q, int instances,
    int count_known)
{
	int k;

	if (q->roster == NULL)
		return partial_test(e, q->when, 0) != 0;
	if (!count_known)
		return partial_test(e, q->when, 1) != 0;
	for (k = 1; k <= instances; k++)
		if (partial_test(e, q->when, k) != 0)
			return 1;
	return 0;
}

/* Progress counts a roster question at each instance it has or could have. */
static void partial_each_instance(const struct engine *e, const struct question *q, int instances,
    struct partial_share *out)
{
	int k;

	for (k = 1; k <= (instances > 0 ? instances : 1); k++) {
		if (partial_answered_at(e, q, k)) {
			out->answered++;
			out->route++;
		} else if (partial_test(e, q->when, k) != 0)
			out->route++;
	}
}

static void partial_question(const struct engine *e, const struct question *q, int instances,
    int count_known, struct partial_share *out)
{
	if (q->type == Q_INFO || q->type == Q_COMPUTED || q->kind != K_ASKED)
		return;
	if (out->per_instance && q->roster != NULL) {
		partial_each_instance(e, q, instances, out);
		return;
	}
	if (partial_answered(e, q, instances)) {
		out->answered++;
		out->route++;
	} else if (partial_reachable(e, q, instances, count_known))
		out->route++;
}

/* Whether a roster's count is not known yet (it reads an unanswered variable). */
static int partial_count_unknown(const struct engine *e, const struct roster *r)
{
	struct partial_env p;
	struct expr_env env;

	memset(&p, 0, sizeof p);
	engine_env(e, 0, &p.inner);
	env = p.inner;
	env.get = partial_get;
	env.instances = partial_instances;
	env.ctx = &p;
	(void)expr_eval(r->count, &env);
	return p.unknown;
}

/* A roster whose count is not known yet may still have instances: its questions count. */
static void partial_roster(const struct engine *e, const struct roster *r,
    struct partial_share *out)
{
	int known = 1, n = 0;
	size_t j;

	if (partial_test(e, r->when, 0) == 0)
		return;
	n = engine_instances(e, r);
	if (n == 0) {
		if (!partial_count_unknown(e, r) && partial_test(e, r->when, 0) == 1)
			return;		/* a count known to be 0: the roster is not asked */
		known = 0;
	}
	for (j = 0; j < r->nquestions; j++)
		partial_question(e, r->questions[j], n, known, out);
}

static void partial_count(const struct engine *e, struct partial_share *out);

void partial_share(const struct engine *e, struct partial_share *out)
{
	memset(out, 0, sizeof *out);
	partial_count(e, out);
}

static void partial_count(const struct engine *e, struct partial_share *out)
{
	size_t i, j;

	for (i = 0; i < e->ins->nthemes; i++) {
		const struct theme *t = &e->ins->themes[i];

		if (partial_test(e, t->when, 0) == 0)
			continue;
		for (j = 0; j < t->nitems; j++) {
			if (t->items[j].q != NULL)
				partial_question(e, t->items[j].q, 0, 1, out);
			else
				partial_roster(e, t->items[j].r, out);
		}
	}
}

int partial_met(const struct engine *e)
{
	const struct fieldwork *f = &e->ins->fieldwork;
	struct partial_share s;

	if (f->partial_after != NULL)
		return partial_answered_at(e, f->partial_after, 0);
	if (f->partial_percent <= 0)
		return 0;
	partial_share(e, &s);
	/* answered / route >= percent / 100, in whole numbers */
	return s.route > 0 && s.answered * 100 >= (size_t)f->partial_percent * s.route;
}

int partial_unreached(const struct engine *e, const struct question *q, int instance)
{
	const struct roster *r = q->roster;

	if (q->type == Q_INFO || q->type == Q_COMPUTED || q->kind != K_ASKED ||
	    partial_answered_at(e, q, instance))
		return 0;
	if (q->theme != NULL && partial_test(e, q->theme->when, 0) == 0)
		return 0;
	if (r != NULL) {
		int n = engine_instances(e, r);

		if (partial_test(e, r->when, 0) == 0)
			return 0;
		/* an instance past a count already known is not in the route */
		if ((n > 0 || !partial_count_unknown(e, r)) && instance > n)
			return 0;
	}
	return partial_test(e, q->when, instance) != 0;
}

void partial_steps(const struct engine *e, struct partial_share *out)
{
	memset(out, 0, sizeof *out);
	out->per_instance = 1;
	partial_count(e, out);
}

int partial_progress(const struct engine *e)
{
	struct partial_share s;

	if (e->state == ENGINE_COMPLETE)
		return 100;
	partial_steps(e, &s);
	return s.route > 0 ? (int)(100 * s.answered / s.route) : 0;
}

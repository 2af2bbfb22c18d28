#include "interview/engine.h"

#include <stdlib.h>
#include <string.h>

#include "instrument/fill.h"
#include "util/xmalloc.h"

/* Slots a variable needs: one per roster instance, plus instance 0. */
static int engine_width(const struct question *q)
{
	return q->roster != NULL ? q->roster->max + 1 : 1;
}

struct engine *engine_new(const struct instrument *ins, uint64_t seed)
{
	struct engine *e = xcalloc(1, sizeof *e);
	size_t i, n = 0;

	e->ins = ins;
	e->seed = seed;
	e->offset = xcalloc(ins->nvars + 1, sizeof *e->offset);
	for (i = 0; i < ins->nvars; i++) {
		e->offset[i] = (int)n;
		n += (size_t)engine_width(ins->vars[i]);
	}
	e->nslots = n;
	e->slots = xcalloc(n, sizeof *e->slots);
	e->routecap = 64;
	e->route = xcalloc(e->routecap, sizeof *e->route);
	return e;
}

static void engine_slot_clear(struct slot *s)
{
	free(s->text);
	free(s->codes);
	memset(s, 0, sizeof *s);
}

void engine_free(struct engine *e)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < e->nslots; i++)
		engine_slot_clear(&e->slots[i]);
	free(e->slots);
	free(e->offset);
	free(e->route);
	free(e->scratch);
	free(e->scratch_codes);
	free(e);
}

struct slot *engine_slot(struct engine *e, const struct question *q, int instance)
{
	if (q->roster == NULL)
		instance = 0;
	if (instance < 0 || instance >= engine_width(q))
		return NULL;
	return &e->slots[e->offset[q->index] + instance];
}

void engine_put(struct engine *e, const struct question *q, int instance, const struct value *v)
{
	struct slot *s = engine_slot(e, q, instance);
	char *text = NULL;
	long *codes = NULL;

	if (s == NULL)
		return;
	/* Copies first: v may point into this very slot. */
	if (v->kind == V_TEXT && v->text != NULL)
		text = xstrdup(v->text);
	if (v->kind == V_MULTI) {
		codes = xcalloc(v->ncodes, sizeof *codes);
		if (v->ncodes > 0)
			memcpy(codes, v->codes, v->ncodes * sizeof *codes);
	}
	engine_slot_clear(s);
	s->kind = v->kind;
	s->num = v->num;
	s->text = text;
	s->codes = codes;
	s->ncodes = v->kind == V_MULTI ? v->ncodes : 0;
	s->seen = 1;
}

void engine_clear(struct engine *e, const struct question *q, int instance)
{
	struct slot *s = engine_slot(e, q, instance);

	if (s != NULL)
		engine_slot_clear(s);
}

struct value engine_value(const struct engine *e, const struct question *q, int instance)
{
	struct value v = { V_NONE, 0, NULL, NULL, 0 };
	const struct slot *s = engine_slot((struct engine *)e, q, instance);

	if (s == NULL)
		return v;
	v.kind = s->kind;
	v.num = s->num;
	v.text = s->text;
	v.codes = s->codes;
	v.ncodes = s->ncodes;
	return v;
}

/* An answer as expressions see it: one kept off the route counts as not asked. */
static struct value engine_env_get(void *ctx, const struct question *q, int instance)
{
	const struct slot *s = engine_slot(ctx, q, instance);
	struct value none = { V_NONE, 0, NULL, NULL, 0 };

	return s != NULL && s->off_path ? none : engine_value(ctx, q, instance);
}

static int engine_env_instances(void *ctx, const struct roster *r)
{
	return engine_instances(ctx, r);
}

void engine_env(const struct engine *e, int instance, struct expr_env *env)
{
	env->get = engine_env_get;
	env->instances = engine_env_instances;
	env->ctx = (void *)e;
	env->instance = instance;
}

int engine_instances(const struct engine *e, const struct roster *r)
{
	struct expr_env env;
	struct value v;

	engine_env(e, 0, &env);
	if (r->count == NULL || (r->when != NULL && !expr_test(r->when, &env)))
		return 0;
	v = expr_eval(r->count, &env);
	if (v.kind != V_NUM || v.num < 1)
		return 0;
	return v.num > r->max ? r->max : (int)v.num;
}

static void engine_push(struct engine *e, const struct question *q, int instance)
{
	if (e->nroute == e->routecap) {
		e->routecap *= 2;
		e->route = xreallocarray(e->route, e->routecap, sizeof *e->route);
	}
	e->route[e->nroute].q = q;
	e->route[e->nroute].instance = instance;
	e->nroute++;
}

/* An environment that notes a don't-know or refused value the evaluation reads. */
struct engine_missing {
	struct expr_env inner;
	int dk, rf;
};

static struct value engine_missing_get(void *ctx, const struct question *q, int instance)
{
	struct engine_missing *m = ctx;
	struct value v = m->inner.get(m->inner.ctx, q, instance);

	m->dk |= v.kind == V_DK;
	m->rf |= v.kind == V_RF;
	return v;
}

static int engine_missing_instances(void *ctx, const struct roster *r)
{
	struct engine_missing *m = ctx;

	return m->inner.instances(m->inner.ctx, r);
}

/*
 * A computed variable that reads a refused answer is refused, else one that
 * reads a don't-know is don't know, so that neither turns into a valid value
 * (age DK must not make age_cl "60 ans ou plus"); an expression that tests
 * dk(), rf() or answered() says itself what missing answers give.
 */
static struct value engine_compute(struct engine *e, const struct question *q, int instance)
{
	struct engine_missing m;
	struct expr_env env;
	struct value v;

	memset(&m, 0, sizeof m);
	engine_env(e, instance, &m.inner);
	if (expr_tests_missing(q->expr))
		return expr_eval(q->expr, &m.inner);
	env = m.inner;
	env.get = engine_missing_get;
	env.instances = engine_missing_instances;
	env.ctx = &m;
	v = expr_eval(q->expr, &env);
	if (m.rf || m.dk) {
		memset(&v, 0, sizeof v);
		v.kind = m.rf ? V_RF : V_DK;
	}
	return v;
}

/* Puts q on the route if its condition holds; computed variables are evaluated instead. */
static void engine_walk_question(struct engine *e, const struct question *q, int instance)
{
	struct expr_env env;
	struct value v;

	engine_env(e, instance, &env);
	if (q->when != NULL && !expr_test(q->when, &env))
		return;
	if (q->type != Q_COMPUTED) {
		engine_push(e, q, instance);
		e->slots[e->offset[q->index] + (q->roster ? instance : 0)].off_path = 0;
		return;
	}
	v = engine_compute(e, q, instance);
	engine_put(e, q, instance, &v);
}

static void engine_walk_theme(struct engine *e, const struct theme *t)
{
	struct expr_env env;
	size_t i, j;
	int k, n;

	engine_env(e, 0, &env);
	if (t->when != NULL && !expr_test(t->when, &env))
		return;
	for (i = 0; i < t->nitems; i++) {
		const struct item *it = &t->items[i];

		if (it->q != NULL) {
			engine_walk_question(e, it->q, 0);
			continue;
		}
		n = engine_instances(e, it->r);
		for (k = 1; k <= n; k++)
			for (j = 0; j < it->r->nquestions; j++)
				engine_walk_question(e, it->r->questions[j], k);
	}
}

void engine_route(struct engine *e)
{
	size_t i;

	for (i = 0; i < e->ins->nvars; i++) {
		const struct question *q = e->ins->vars[i];
		int k, w = engine_width(q);

		for (k = 0; k < w; k++) {
			struct slot *s = &e->slots[e->offset[i] + k];

			if (q->kind == K_COMPUTED)
				engine_slot_clear(s);
			else if (q->kind == K_ASKED)
				s->off_path = s->kind != V_NONE;
		}
	}
	e->nroute = 0;
	for (i = 0; i < e->ins->nthemes; i++)
		engine_walk_theme(e, &e->ins->themes[i]);
}

int engine_answered(const struct engine *e, const struct step *s)
{
	const struct slot *sl = engine_slot((struct engine *)e, s->q, s->instance);

	if (s->q->type == Q_INFO)
		return sl->seen;
	return sl->kind != V_NONE;
}

size_t engine_frontier(const struct engine *e)
{
	size_t i;

	for (i = 0; i < e->nroute; i++)
		if (!engine_answered(e, &e->route[i]))
			return i;
	return e->nroute;
}

void engine_seek(struct engine *e, const struct question *q, int instance)
{
	size_t i;

	for (i = 0; q != NULL && i < e->nroute; i++) {
		if (e->route[i].q == q && e->route[i].instance == instance) {
			e->cur = i;
			return;
		}
	}
	e->cur = engine_frontier(e);
}

const struct step *engine_current(const struct engine *e)
{
	return e->cur < e->nroute ? &e->route[e->cur] : NULL;
}

size_t engine_offpath(const struct engine *e)
{
	size_t i, n = 0;

	for (i = 0; i < e->nslots; i++)
		n += e->slots[i].off_path;
	return n;
}

/* Moves one step forward; past the last one the interview is complete. */
static void engine_advance(struct engine *e)
{
	if (e->cur < e->nroute)
		e->cur++;
	if (e->cur >= e->nroute && engine_frontier(e) == e->nroute)
		e->state = ENGINE_COMPLETE;
	else if (e->cur >= e->nroute)
		e->cur = engine_frontier(e);
}

/* The first terminate rule of the current question that holds, or NULL. */
static const struct terminate *engine_terminated(const struct engine *e, const struct step *s)
{
	struct expr_env env;
	size_t i;

	engine_env(e, s->instance, &env);
	for (i = 0; i < s->q->nterms; i++)
		if (s->q->terms[i].when != NULL && expr_test(s->q->terms[i].when, &env))
			return &s->q->terms[i];
	return NULL;
}

const struct terminate *engine_would_end(struct engine *e, const struct value *v)
{
	const struct step *cur = engine_current(e);
	const struct terminate *t;
	struct slot *s, saved;

	if (cur == NULL || cur->q->nterms == 0 || (s = engine_slot(e, cur->q, cur->instance)) == NULL)
		return NULL;
	/* The answer tried in place, then the slot as it was: nothing else moves. */
	saved = *s;
	memset(s, 0, sizeof *s);
	engine_put(e, cur->q, cur->instance, v);
	t = engine_terminated(e, cur);
	engine_slot_clear(s);
	*s = saved;
	return t;
}

void engine_accept(struct engine *e, const struct value *v)
{
	struct step s;

	if (engine_current(e) == NULL)
		return;
	s = *engine_current(e);
	engine_put(e, s.q, s.instance, v);
	engine_route(e);
	engine_seek(e, s.q, s.instance);
	if ((e->ended_by = engine_terminated(e, &s)) != NULL) {
		e->state = ENGINE_SCREENED_OUT;
		return;
	}
	e->state = ENGINE_ACTIVE;	/* a changed answer may reopen the route */
	engine_advance(e);
}

int engine_next(struct engine *e)
{
	const struct step *s = engine_current(e);

	if (s == NULL)
		return -1;
	if (s->q->type == Q_INFO)
		engine_slot(e, s->q, s->instance)->seen = 1;
	else if (!engine_answered(e, s))
		return -1;
	engine_advance(e);
	return 0;
}

int engine_back(struct engine *e)
{
	if (e->cur == 0 || e->nroute == 0)
		return -1;
	if (e->cur > e->nroute)
		e->cur = e->nroute;
	e->cur--;
	return 0;
}

int engine_goto(struct engine *e, const char *id, int instance)
{
	size_t i, last = engine_frontier(e);

	for (i = 0; i <= last && i < e->nroute; i++) {
		const struct step *s = &e->route[i];

		if (strcmp(s->q->id, id) != 0)
			continue;
		if (instance == 0 || s->instance == instance || s->q->roster == NULL) {
			e->cur = i;
			return 0;
		}
	}
	return -1;
}

/* splitmix64: a small, well-mixed generator; the seed fixes every order. */
static uint64_t engine_mix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* 1 if code is one of q's exclusive codes: those stay last, in place. */
static int engine_is_exclusive(const struct question *q, long code)
{
	size_t i;

	for (i = 0; i < q->nexclusive; i++)
		if (q->exclusive[i] == code)
			return 1;
	return 0;
}

void engine_option_order(const struct engine *e, const struct question *q, size_t *order)
{
	uint64_t x = e->seed ^ ((uint64_t)(q->index + 1) * 0x2545f4914f6cdd1dULL);
	size_t i, n = 0, m;

	if (q->options == NULL)
		return;
	for (i = 0; i < q->options->n; i++)
		if (!q->randomize || !engine_is_exclusive(q, q->options->v[i].code))
			order[n++] = i;
	m = n;
	for (i = 0; i < q->options->n; i++)
		if (q->randomize && engine_is_exclusive(q, q->options->v[i].code))
			order[n++] = i;
	if (!q->randomize)
		return;
	for (i = m; i > 1; i--) {
		size_t j = (size_t)(engine_mix(&x) % i), t = order[i - 1];

		order[i - 1] = order[j];
		order[j] = t;
	}
}

char *engine_fill(const struct engine *e, const char *text, const struct step *s)
{
	struct expr_env env;

	engine_env(e, s != NULL ? s->instance : 0, &env);
	return fill_apply(text != NULL ? text : "", e->ins, &env, e->interviewer);
}

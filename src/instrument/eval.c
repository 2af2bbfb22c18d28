#include "instrument/expr_ast.h"

#include <math.h>
#include <string.h>

/* Most combinations of codes expr_can_be_true tries before giving up. */
#define EVAL_MAX_COMBOS 4096
/* Most distinct variables it enumerates: each has at least two values. */
#define EVAL_MAX_VARS 12

/* The state of an enumeration: each variable and the index of its current value. */
struct domain {
	const struct question *vars[EVAL_MAX_VARS];
	size_t idx[EVAL_MAX_VARS];
	size_t nvars;
	size_t missing;		/* missing values per variable: none, or none, DK, RF */
	int undecidable;
};

/* A value of the given kind and nothing else. */
static struct value val_kind(enum vkind kind)
{
	struct value v;

	memset(&v, 0, sizeof v);
	v.kind = kind;
	return v;
}

/* A number, or a boolean as 0 or 1. */
static struct value val_num(double n)
{
	struct value v = val_kind(V_NUM);

	v.num = n;
	return v;
}

/* Truth of a condition's value: missing is false. */
static int val_true(struct value v)
{
	return v.kind == V_NUM && v.num != 0;
}

/* Compares two values; any missing or mismatched operand makes it false. */
static int eval_compare(enum enode op, struct value a, struct value b)
{
	int c;

	if (a.kind == V_NUM && b.kind == V_NUM)
		c = (a.num > b.num) - (a.num < b.num);
	else if (a.kind == V_TEXT && b.kind == V_TEXT && a.text != NULL && b.text != NULL) {
		c = strcmp(a.text, b.text);
		c = (c > 0) - (c < 0);
	} else
		return 0;
	switch (op) {
	case E_EQ:
		return c == 0;
	case E_NE:
		return c != 0;
	case E_LT:
		return c < 0;
	case E_LE:
		return c <= 0;
	case E_GT:
		return c > 0;
	default:
		return c >= 0;
	}
}

/* Arithmetic: missing operands, division by zero and overflow give no value. */
static struct value eval_arith(enum enode op, struct value a, struct value b)
{
	double r;

	if (a.kind != V_NUM || b.kind != V_NUM)
		return val_kind(V_NONE);
	switch (op) {
	case E_ADD:
		r = a.num + b.num;
		break;
	case E_SUB:
		r = a.num - b.num;
		break;
	case E_MUL:
		r = a.num * b.num;
		break;
	default:
		if (b.num == 0)
			return val_kind(V_NONE);
		r = a.num / b.num;
		break;
	}
	return isfinite(r) ? val_num(r) : val_kind(V_NONE);
}

/* x in [...]: true when x equals one of the items. */
static struct value eval_in(const struct expr *e, const struct expr_env *env)
{
	struct value a = expr_eval(e->l, env);
	size_t i;

	for (i = 0; i < e->nargs; i++)
		if (eval_compare(E_EQ, a, expr_eval(e->args[i], env)))
			return val_num(1);
	return val_num(0);
}

/* count(e) or any(e): e evaluated in every instance of the roster. */
static struct value eval_aggregate(const struct expr *e, const struct expr_env *env)
{
	struct expr_env sub = *env;
	int i, n = 0, hits = 0;

	if (e->roster != NULL && env->instances != NULL)
		n = env->instances(env->ctx, e->roster);
	for (i = 1; i <= n; i++) {
		sub.instance = i;
		if (expr_test(e->args[0], &sub)) {
			hits++;
			if (e->fn == F_ANY)
				break;
		}
	}
	return val_num(e->fn == F_ANY ? hits > 0 : hits);
}

/* 1 if the multi value v holds code. */
static int eval_has(struct value v, struct value code)
{
	size_t i;

	if (v.kind != V_MULTI || code.kind != V_NUM)
		return 0;
	for (i = 0; i < v.ncodes; i++)
		if ((double)v.codes[i] == code.num)
			return 1;
	return 0;
}

/* 1 if v is a substantive answer. */
static int eval_answered(struct value v)
{
	switch (v.kind) {
	case V_NUM:
		return 1;
	case V_TEXT:
		return v.text != NULL && v.text[0] != '\0';
	case V_MULTI:
		return v.ncodes > 0;
	default:
		return 0;
	}
}

/* A function call. */
static struct value eval_call(const struct expr *e, const struct expr_env *env)
{
	struct value v;

	switch (e->fn) {
	case F_ANSWERED:
		return val_num(eval_answered(expr_eval(e->args[0], env)));
	case F_DK:
		return val_num(expr_eval(e->args[0], env).kind == V_DK);
	case F_RF:
		return val_num(expr_eval(e->args[0], env).kind == V_RF);
	case F_HAS:
		return val_num(eval_has(expr_eval(e->args[0], env), expr_eval(e->args[1], env)));
	case F_COUNT_OF:
		v = expr_eval(e->args[0], env);
		return v.kind == V_MULTI ? val_num((double)v.ncodes) : val_kind(V_NONE);
	case F_IF:
		return expr_eval(e->args[expr_test(e->args[0], env) ? 1 : 2], env);
	default:
		return eval_aggregate(e, env);
	}
}

/* A variable's value; a roster question takes the current instance. */
static struct value eval_var(const struct expr *e, const struct expr_env *env)
{
	if (e->q == NULL || env->get == NULL)
		return val_kind(V_NONE);
	return env->get(env->ctx, e->q, e->q->roster != NULL ? env->instance : 0);
}

struct value expr_eval(const struct expr *e, const struct expr_env *env)
{
	struct value v;

	if (e == NULL)
		return val_kind(V_NONE);
	switch (e->op) {
	case E_NUM:
		return val_num(e->num);
	case E_STR:
		v = val_kind(V_TEXT);
		v.text = e->str;
		return v;
	case E_VAR:
		return eval_var(e, env);
	case E_NEG:
		v = expr_eval(e->l, env);
		return v.kind == V_NUM ? val_num(-v.num) : val_kind(V_NONE);
	case E_NOT:
		return val_num(!expr_test(e->l, env));
	case E_AND:
		return val_num(expr_test(e->l, env) && expr_test(e->r, env));
	case E_OR:
		return val_num(expr_test(e->l, env) || expr_test(e->r, env));
	case E_ADD:
	case E_SUB:
	case E_MUL:
	case E_DIV:
		return eval_arith(e->op, expr_eval(e->l, env), expr_eval(e->r, env));
	case E_IN:
		return eval_in(e, env);
	case E_CALL:
		return eval_call(e, env);
	default:
		return val_num(eval_compare(e->op, expr_eval(e->l, env), expr_eval(e->r, env)));
	}
}

int expr_test(const struct expr *e, const struct expr_env *env)
{
	return val_true(expr_eval(e, env));
}

/* Adds q to the variables to enumerate, once; notes when that is not possible. */
static void domain_add(struct domain *dom, const struct question *q)
{
	size_t i;

	if (q == NULL || q->options == NULL || q->type == Q_MULTI) {
		dom->undecidable = 1;
		return;
	}
	for (i = 0; i < dom->nvars; i++)
		if (dom->vars[i] == q)
			return;
	if (dom->nvars == EVAL_MAX_VARS)
		dom->undecidable = 1;
	else
		dom->vars[dom->nvars++] = q;
}

/* Collects the variables of e; only plain values, logic and if() can be enumerated. */
static void domain_walk(struct domain *dom, const struct expr *e)
{
	size_t i;

	if (e == NULL || dom->undecidable)
		return;
	if (e->op == E_VAR)
		domain_add(dom, e->q);
	if (e->op == E_CALL) {
		if (e->fn == F_DK || e->fn == F_RF)
			dom->missing = 3;
		else if (e->fn != F_ANSWERED && e->fn != F_IF)
			dom->undecidable = 1;
	}
	domain_walk(dom, e->l);
	domain_walk(dom, e->r);
	for (i = 0; i < e->nargs; i++)
		domain_walk(dom, e->args[i]);
}

/* The value the enumeration currently gives q: a code, then the missing kinds. */
static struct value domain_get(void *ctx, const struct question *q, int instance)
{
	static const enum vkind missing[] = { V_NONE, V_DK, V_RF };
	struct domain *dom = ctx;
	size_t i, k;

	(void)instance;
	for (i = 0; i < dom->nvars; i++) {
		if (dom->vars[i] != q)
			continue;
		k = dom->idx[i];
		if (k < q->options->n)
			return val_num((double)q->options->v[k].code);
		return val_kind(missing[k - q->options->n]);
	}
	return val_kind(V_NONE);
}

/* Moves to the next combination; 0 when all were tried. */
static int domain_next(struct domain *dom)
{
	size_t i;

	for (i = 0; i < dom->nvars; i++) {
		if (++dom->idx[i] < dom->vars[i]->options->n + dom->missing)
			return 1;
		dom->idx[i] = 0;
	}
	return 0;
}

int expr_can_be_true(const struct expr *e)
{
	struct domain dom;
	struct expr_env env;
	size_t i, combos = 1;

	memset(&dom, 0, sizeof dom);
	dom.missing = 1;
	domain_walk(&dom, e);
	if (e == NULL || dom.undecidable)
		return 1;
	for (i = 0; i < dom.nvars; i++) {
		combos *= dom.vars[i]->options->n + dom.missing;
		if (combos > EVAL_MAX_COMBOS)
			return 1;
	}
	memset(&env, 0, sizeof env);
	env.get = domain_get;
	env.ctx = &dom;
	do {
		if (expr_test(e, &env))
			return 1;
	} while (domain_next(&dom));
	return 0;
}

int expr_tests_missing(const struct expr *e)
{
	size_t i;

	if (e == NULL)
		return 0;
	if (e->op == E_CALL && (e->fn == F_DK || e->fn == F_RF || e->fn == F_ANSWERED))
		return 1;
	if (expr_tests_missing(e->l) || expr_tests_missing(e->r))
		return 1;
	for (i = 0; i < e->nargs; i++)
		if (expr_tests_missing(e->args[i]))
			return 1;
	return 0;
}

#include "instrument/expr_ast.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"
#include "util/xmalloc.h"

/* One run of the checker over one expression. */
struct tc {
	const struct src *where;
	const struct expr_scope *scope;
	struct diag *d;
	struct expr *agg;	/* the count() or any() being checked, or NULL */
};

static enum etype tc_expr(struct tc *, struct expr *);

/* Reports an error at byte off of the expression text. */
static void __attribute__((format(printf, 4, 5)))
tc_error(const struct src *where, struct diag *d, size_t off, const char *fmt, ...)
{
	struct pos pos = expr_pos(where, off);
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_error(d, pos.line, pos.col, "%s", msg);
}

/* Reports an unknown name, with the closest existing one when it looks like a typo. */
static void tc_unknown(const char *name, size_t off, const struct src *where,
    const struct expr_scope *scope, struct diag *d)
{
	const struct instrument *ins = scope->ins;
	const char **names, *near = NULL;
	size_t i, n = 0;

	if (ins != NULL && ins->nvars > 0) {
		names = xcalloc(ins->nvars, sizeof *names);
		for (i = 0; i < ins->nvars; i++)
			if (ins->vars[i]->type != Q_INFO)
				names[n++] = ins->vars[i]->id;
		near = str_suggest(name, names, n);
		free(names);
	}
	if (near != NULL)
		tc_error(where, d, off, "unknown name '%s'; did you mean '%s'?", name, near);
	else
		tc_error(where, d, off, "unknown name '%s'", name);
}

/* Tells whether using q here would make it depend on itself. */
static int tc_is_self(const struct question *q, const struct src *where,
    const struct expr_scope *scope)
{
	if (where != NULL && (where == &q->when_src || where == &q->expr_src))
		return 1;
	return q == scope->self && q->type == Q_COMPUTED;
}

const struct question *expr_resolve(const char *name, size_t off, const struct src *where,
    const struct expr_scope *scope, struct diag *d)
{
	const struct question *q = NULL;

	if (scope->ins != NULL)
		q = instrument_var(scope->ins, name);
	if (q == NULL) {
		tc_unknown(name, off, where, scope, d);
		return NULL;
	}
	if (q->type == Q_INFO) {
		tc_error(where, d, off, "'%s' is an info screen and holds no answer", name);
		return NULL;
	}
	if (tc_is_self(q, where, scope)) {
		tc_error(where, d, off, "'%s' refers to itself", name);
		return NULL;
	}
	if (q != scope->self && q->index >= scope->limit) {
		tc_error(where, d, off, "'%s' is %s later (line %d); it cannot be used here", name,
		    q->kind == K_COMPUTED ? "computed" : "asked", q->pos.line);
		return NULL;
	}
	return q;
}

/* The static type of a variable's value. */
static enum etype tc_var_type(const struct question *q)
{
	switch (q->type) {
	case Q_SINGLE:
	case Q_NUMBER:
		return T_NUM;
	case Q_TEXT:
		return T_TEXT;
	case Q_DATE:
		return T_DATE;
	case Q_MULTI:
		return T_MULTI;
	case Q_COMPUTED:
		if (q->options == NULL && q->expr != NULL && q->expr->type != T_BAD)
			return q->expr->type;
		return T_NUM;
	default:
		return T_BAD;
	}
}

/* 1 for a variable whose numbers are option codes. */
static int tc_coded(const struct question *q)
{
	return q != NULL && q->options != NULL && q->type != Q_MULTI;
}

/* A variable: known here, and a roster question only where it has one instance. */
static enum etype tc_var(struct tc *tc, struct expr *e)
{
	const struct question *q;

	if ((q = expr_resolve(e->str, e->off, tc->where, tc->scope, tc->d)) == NULL)
		return T_BAD;
	e->q = q;
	if (q->roster == NULL)
		return tc_var_type(q);
	if (tc->agg != NULL) {
		if (tc->agg->roster == NULL)
			tc->agg->roster = q->roster;
		else if (tc->agg->roster != q->roster) {
			tc_error(tc->where, tc->d, e->off,
			    "%s() mixes questions of rosters '%s' and '%s'",
			    expr_func_name(tc->agg->fn), tc->agg->roster->id, q->roster->id);
			return T_BAD;
		}
	} else if (q->roster != tc->scope->roster) {
		tc_error(tc->where, tc->d, e->off,
		    "'%s' is a roster question: use count() or any() outside its roster", q->id);
		return T_BAD;
	}
	return tc_var_type(q);
}

/* Reports a multi question used where a single value is needed. */
static void tc_multi(struct tc *tc, const struct expr *e)
{
	if (e->op == E_VAR)
		tc_error(tc->where, tc->d, e->off,
		    "'%s' is a multi question: use has(%s, code) or count_of(%s)",
		    e->str, e->str, e->str);
	else
		tc_error(tc->where, tc->d, e->start,
		    "a multi value cannot be used here: use has() or count_of()");
}

/* The noun phrase for a wanted type, as messages say it. */
static const char *tc_article(enum etype t)
{
	switch (t) {
	case T_BOOL:
		return "a condition";
	case T_NUM:
		return "a number";
	case T_DATE:
		return "a date";
	default:
		return etype_name(t);
	}
}

/* Checks e and requires type want; reports a mismatch. */
static int tc_need(struct tc *tc, struct expr *e, enum etype want)
{
	enum etype t = tc_expr(tc, e);

	if (t == want)
		return 1;
	if (t == T_MULTI)
		tc_multi(tc, e);
	else if (t != T_BAD)
		tc_error(tc->where, tc->d, e->start, "expected %s, found %s", tc_article(want),
		    etype_name(t));
	return 0;
}

/* The value of a numeric literal, possibly negated; 0 when e is no literal. */
static int tc_literal(const struct expr *e, double *v)
{
	if (e->op == E_NUM) {
		*v = e->num;
		return 1;
	}
	if (e->op == E_NEG && e->l->op == E_NUM) {
		*v = -e->l->num;
		return 1;
	}
	return 0;
}

/* Requires a literal compared with a coded variable to be one of its codes. */
static int tc_code(struct tc *tc, const struct expr *var, const struct expr *lit)
{
	const struct question *q = var->op == E_VAR ? var->q : NULL;
	const struct instrument *ins = tc->scope->ins;
	const char *hint = "";
	double v;

	if (!tc_coded(q) || !tc_literal(lit, &v))
		return 1;
	if (v == floor(v) && fabs(v) < 1e15 && optlist_find(q->options, (long)v) != NULL)
		return 1;
	if (ins != NULL && v == (double)ins->dk_code)
		hint = "; use dk()";
	else if (ins != NULL && v == (double)ins->rf_code)
		hint = "; use rf()";
	tc_error(tc->where, tc->d, lit->off, "code %g is not an option of '%s'%s", v, q->id, hint);
	return 0;
}

/* 1 if s is a valid calendar date written YYYY-MM-DD. */
static int tc_is_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int i, y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

/* A date compared with a string literal: the string must be a date. */
static int tc_date_literal(struct tc *tc, const struct expr *lit)
{
	if (tc_is_date(lit->str))
		return 1;
	tc_error(tc->where, tc->d, lit->off, "'%s' is not a valid date (YYYY-MM-DD)", lit->str);
	return 0;
}

/* Tells whether types a and b (of expressions ea and eb) can be compared; reports if not. */
static int tc_comparable(struct tc *tc, size_t off, enum etype a, const struct expr *ea,
    enum etype b, const struct expr *eb)
{
	if (a == T_MULTI || b == T_MULTI) {
		tc_multi(tc, a == T_MULTI ? ea : eb);
		return 0;
	}
	if (a == b && (a == T_NUM || a == T_TEXT || a == T_DATE))
		return 1;
	if (a == T_DATE && b == T_TEXT && eb->op == E_STR)
		return tc_date_literal(tc, eb);
	if (b == T_DATE && a == T_TEXT && ea->op == E_STR)
		return tc_date_literal(tc, ea);
	tc_error(tc->where, tc->d, off, "cannot compare %s with %s", etype_name(a), etype_name(b));
	return 0;
}

/* A comparison: comparable types, and codes that exist for == and !=. */
static enum etype tc_compare(struct tc *tc, struct expr *e)
{
	enum etype a = tc_expr(tc, e->l), b = tc_expr(tc, e->r);
	int ok;

	if (a == T_BAD || b == T_BAD)
		return T_BAD;
	if (!tc_comparable(tc, e->off, a, e->l, b, e->r))
		return T_BAD;
	if (e->op != E_EQ && e->op != E_NE)
		return T_BOOL;
	ok = tc_code(tc, e->l, e->r);
	ok = tc_code(tc, e->r, e->l) && ok;
	return ok ? T_BOOL : T_BAD;
}

/* x in [...]: every item comparable with x, and a code of x when x is coded. */
static enum etype tc_in(struct tc *tc, struct expr *e)
{
	enum etype a = tc_expr(tc, e->l), b;
	struct expr *it;
	size_t i;
	int ok = 1;

	if (a == T_BAD)
		return T_BAD;
	for (i = 0; i < e->nargs; i++) {
		it = e->args[i];
		b = it->type = it->op == E_STR ? T_TEXT : T_NUM;
		if (!tc_comparable(tc, it->off, a, e->l, b, it)) {
			ok = 0;
			if (a == T_MULTI || a == T_BOOL)
				break;
		} else if (!tc_code(tc, e->l, it))
			ok = 0;
	}
	return ok ? T_BOOL : T_BAD;
}

/* The variable argument of answered(), dk(), rf(), has() and count_of(). */
static enum etype tc_arg_var(struct tc *tc, struct expr *e, struct expr *arg, int multi)
{
	enum etype t;

	if (arg->op != E_VAR) {
		tc_error(tc->where, tc->d, arg->start, "the argument of %s() must be %s",
		    expr_func_name(e->fn), multi ? "a multi question" : "a variable name");
		return T_BAD;
	}
	if ((t = arg->type = tc_var(tc, arg)) == T_BAD)
		return T_BAD;
	if (multi && t != T_MULTI) {
		tc_error(tc->where, tc->d, arg->off, "'%s' is not a multi question; %s() needs one",
		    arg->str, expr_func_name(e->fn));
		return T_BAD;
	}
	return t;
}

/* has(x, code): x a multi question, code one of its options. */
static enum etype tc_has(struct tc *tc, struct expr *e)
{
	enum etype t = tc_arg_var(tc, e, e->args[0], 1);
	struct expr *lit = e->args[1];
	double v;

	if (!tc_literal(lit, &v) || v != floor(v) || fabs(v) >= 1e15) {
		tc_error(tc->where, tc->d, lit->start,
		    "the second argument of has() must be a code (a whole number)");
		return T_BAD;
	}
	lit->type = T_NUM;
	if (t == T_BAD)
		return T_BAD;
	if (optlist_find(e->args[0]->q->options, (long)v) == NULL) {
		tc_error(tc->where, tc->d, lit->off, "code %g is not an option of '%s'", v,
		    e->args[0]->str);
		return T_BAD;
	}
	return T_BOOL;
}

/* if(c, a, b): a condition and two branches of one type. */
static enum etype tc_if(struct tc *tc, struct expr *e)
{
	struct expr *a = e->args[1], *b = e->args[2];
	int ok = tc_need(tc, e->args[0], T_BOOL);
	enum etype ta = tc_expr(tc, a), tb = tc_expr(tc, b);

	if (!ok || ta == T_BAD || tb == T_BAD)
		return T_BAD;
	if (ta == tb)
		return ta;
	if (ta == T_DATE && b->op == E_STR)
		return tc_date_literal(tc, b) ? T_DATE : T_BAD;
	if (tb == T_DATE && a->op == E_STR)
		return tc_date_literal(tc, a) ? T_DATE : T_BAD;
	tc_error(tc->where, tc->d, e->off, "the branches of if() differ: %s and %s",
	    etype_name(ta), etype_name(tb));
	return T_BAD;
}

/* count(e) and any(e): a condition over the questions of exactly one roster. */
static enum etype tc_aggregate(struct tc *tc, struct expr *e)
{
	const char *name = expr_func_name(e->fn);
	int ok;

	if (tc->agg != NULL) {
		tc_error(tc->where, tc->d, e->off, "%s() cannot be used inside %s()", name,
		    expr_func_name(tc->agg->fn));
		return T_BAD;
	}
	tc->agg = e;
	e->roster = NULL;
	ok = tc_need(tc, e->args[0], T_BOOL);
	tc->agg = NULL;
	if (!ok)
		return T_BAD;
	if (e->roster == NULL) {
		tc_error(tc->where, tc->d, e->off, "%s() needs a condition on roster questions",
		    name);
		return T_BAD;
	}
	return e->fn == F_COUNT ? T_NUM : T_BOOL;
}

/* A function call. */
static enum etype tc_call(struct tc *tc, struct expr *e)
{
	switch (e->fn) {
	case F_ANSWERED:
	case F_DK:
	case F_RF:
		return tc_arg_var(tc, e, e->args[0], 0) == T_BAD ? T_BAD : T_BOOL;
	case F_HAS:
		return tc_has(tc, e);
	case F_COUNT_OF:
		return tc_arg_var(tc, e, e->args[0], 1) == T_BAD ? T_BAD : T_NUM;
	case F_IF:
		return tc_if(tc, e);
	case F_COUNT:
	case F_ANY:
		return tc_aggregate(tc, e);
	}
	return T_BAD;
}

/* Both operands of a binary operator must have type want; each is checked. */
static enum etype tc_both(struct tc *tc, struct expr *e, enum etype want, enum etype result)
{
	int ok = tc_need(tc, e->l, want);

	ok = tc_need(tc, e->r, want) && ok;
	return ok ? result : T_BAD;
}

/* Checks one node and its children; remembers the type in the node. */
static enum etype tc_node(struct tc *tc, struct expr *e)
{
	switch (e->op) {
	case E_NUM:
		return T_NUM;
	case E_STR:
		return T_TEXT;
	case E_VAR:
		return tc_var(tc, e);
	case E_NEG:
		return tc_need(tc, e->l, T_NUM) ? T_NUM : T_BAD;
	case E_NOT:
		return tc_need(tc, e->l, T_BOOL) ? T_BOOL : T_BAD;
	case E_AND:
	case E_OR:
		return tc_both(tc, e, T_BOOL, T_BOOL);
	case E_ADD:
	case E_SUB:
	case E_MUL:
	case E_DIV:
		return tc_both(tc, e, T_NUM, T_NUM);
	case E_IN:
		return tc_in(tc, e);
	case E_CALL:
		return tc_call(tc, e);
	default:
		return tc_compare(tc, e);
	}
}

/* Checks e and stores its type. */
static enum etype tc_expr(struct tc *tc, struct expr *e)
{
	return e->type = tc_node(tc, e);
}

enum etype expr_check(struct expr *e, const struct src *where, const struct expr_scope *scope,
    struct diag *d)
{
	struct tc tc;

	memset(&tc, 0, sizeof tc);
	tc.where = where;
	tc.scope = scope;
	tc.d = d;
	return tc_expr(&tc, e);
}

/*
 * Syntax errors read "syntax error in WHAT: CAUSE" (WHAT being the key, such
 * as "when"), so that an author sees which expression of the line is meant;
 * type errors are specific enough without it.
 */
struct expr *expr_compile(struct arena *a, const struct src *where,
    const struct expr_scope *scope, enum etype want, const char *what, struct diag *d)
{
	size_t errors = d->errors, off;
	struct expr *e;
	struct tc tc;
	struct pos pos;
	enum etype t;
	char *cause;

	if (what == NULL)
		what = "expression";
	if ((e = expr_parse(a, where->text != NULL ? where->text : "", &cause, &off)) == NULL) {
		pos = expr_pos(where, off);
		diag_error(d, pos.line, pos.col, "syntax error in %s: %s", what, cause);
		free(cause);
		return NULL;
	}
	t = expr_check(e, where, scope, d);
	if (t == T_BAD || d->errors != errors)
		return NULL;
	if (want != T_BAD && t != want) {
		if (t == T_MULTI) {
			tc.where = where;
			tc.scope = scope;
			tc.d = d;
			tc_multi(&tc, e);
		} else
			tc_error(where, d, e->start, "%s must be %s, found %s", what,
			    tc_article(want), etype_name(t));
		return NULL;
	}
	return e;
}

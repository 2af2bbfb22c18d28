/* Table-driven tests of the expression language: parse, check, evaluate, prove. */
#include <stdlib.h>
#include <string.h>

#include "instrument/expr_ast.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#include "unit.h"

#define nitems(a) (sizeof (a) / sizeof (a)[0])
#define OPTS(v) { NULL, v, nitems(v), { 0, 0 } }

/* The hand-built questionnaire every test runs against. */
static struct option o_quartier[] = {
	{ 1, "Champratel", { 0, 0 } }, { 2, "Les Vergnes", { 0, 0 } },
	{ 3, "Saint-Jacques", { 0, 0 } }
};
static struct option o_yesno[] = { { 1, "Oui", { 0, 0 } }, { 2, "Non", { 0, 0 } } };
static struct option o_usages[] = {
	{ 1, "Courriels", { 0, 0 } }, { 2, "Démarches", { 0, 0 } },
	{ 3, "Réseaux sociaux", { 0, 0 } }, { 9, "Aucun", { 0, 0 } }
};
static struct option o_band[] = {
	{ 1, "15-29", { 0, 0 } }, { 2, "30-59", { 0, 0 } }, { 3, "60+", { 0, 0 } }
};
static struct option o_sexe[] = { { 1, "Homme", { 0, 0 } }, { 2, "Femme", { 0, 0 } } };
static struct option o_pays[70];
static struct optlist l_quartier = OPTS(o_quartier), l_yesno = OPTS(o_yesno);
static struct optlist l_usages = OPTS(o_usages), l_band = OPTS(o_band), l_sexe = OPTS(o_sexe);
static struct optlist l_pays = OPTS(o_pays);

static struct instrument ins;
static struct question *vars[32];
static struct roster membres = { .id = "membres" }, autres = { .id = "autres" };
static struct question *q_consent, *q_age, *q_age_band, *q_later;

enum { S_TOP, S_MEMBRES, S_AUTRES, S_CHECK_AGE, S_AGE_BAND, S_WHEN_CONSENT };

/* Adds one variable in definition order. */
static struct question *fx_var(const char *id, enum qtype type, int line,
    const struct optlist *opts, struct roster *r)
{
	struct question *q = arena_alloc(&ins.arena, sizeof *q);

	q->id = id;
	q->type = type;
	q->kind = type == Q_COMPUTED ? K_COMPUTED : K_ASKED;
	q->index = (int)ins.nvars;
	q->pos.line = line;
	q->pos.col = 9;
	q->options = opts;
	q->roster = r;
	vars[ins.nvars++] = q;
	return q;
}

/* Compiles a computed variable's expression the way the loader would. */
static void fx_computed(struct question *q, const char *text)
{
	struct expr_scope scope = { &ins, q->index, q, NULL };
	struct diag d;

	diag_init(&d, "fixture");
	q->expr_src.text = text;
	q->expr_src.pos.line = q->pos.line + 1;
	q->expr = expr_compile(&ins.arena, &q->expr_src, &scope, T_BAD, "expr", &d);
	if (q->expr == NULL) {
		char *m = diag_first(&d);

		printf("not ok fixture %s: %s\n", q->id, m);
		free(m);
	}
	diag_free(&d);
}

/* Builds the questionnaire: frame, questions, two rosters, computed variables. */
static void fx_build(void)
{
	struct question *q;
	size_t i;

	for (i = 0; i < nitems(o_pays); i++)
		o_pays[i].code = (long)i + 1;
	ins.vars = vars;
	ins.dk_code = -8;
	ins.rf_code = -9;
	fx_var("quartier", Q_SINGLE, 3, &l_quartier, NULL)->kind = K_FRAME;
	q_consent = fx_var("consent", Q_SINGLE, 10, &l_yesno, NULL);
	q_age = fx_var("age", Q_NUMBER, 12, NULL, NULL);
	fx_var("nom", Q_TEXT, 14, NULL, NULL);
	fx_var("arrivee", Q_DATE, 16, NULL, NULL);
	fx_var("usages", Q_MULTI, 18, &l_usages, NULL);
	fx_var("intro", Q_INFO, 20, NULL, NULL);
	q_age_band = fx_var("age_band", Q_COMPUTED, 22, &l_band, NULL);
	fx_computed(q_age_band, "if(age < 30, 1, if(age < 60, 2, 3))");
	fx_computed(fx_var("adult", Q_COMPUTED, 24, NULL, NULL), "age >= 18");
	fx_computed(fx_var("half_age", Q_COMPUTED, 26, NULL, NULL), "age / 2");
	fx_var("nb_personnes", Q_NUMBER, 28, NULL, NULL);
	fx_var("mb_sexe", Q_SINGLE, 31, &l_sexe, &membres);
	fx_var("mb_age", Q_NUMBER, 33, NULL, &membres);
	fx_var("au_x", Q_SINGLE, 36, &l_yesno, &autres);
	fx_var("pays", Q_SINGLE, 40, &l_pays, NULL);
	q = q_later = fx_var("later", Q_SINGLE, 50, &l_yesno, NULL);
	(void)q;
}

/* The scope of each test row. */
static struct expr_scope fx_scope(int which)
{
	struct expr_scope s = { &ins, q_later->index, NULL, NULL };

	switch (which) {
	case S_MEMBRES:
		s.roster = &membres;
		break;
	case S_AUTRES:
		s.roster = &autres;
		break;
	case S_CHECK_AGE:
		s.limit = q_age->index;
		s.self = q_age;
		break;
	case S_AGE_BAND:
		s.limit = q_age_band->index;
		s.self = q_age_band;
		break;
	case S_WHEN_CONSENT:
		s.limit = q_consent->index;
		break;
	}
	return s;
}

/* Where the expression is written: line 10, column 20, quoted (text at column 21). */
static struct src *fx_where(int which, const char *text)
{
	static struct src plain;
	struct src *w = which == S_WHEN_CONSENT ? &q_consent->when_src : &plain;

	w->text = text;
	w->pos.line = 10;
	w->pos.col = 20;
	w->quoted = 1;
	return w;
}

/* Writes the tree as an S-expression, to show precedence and grouping. */
static void sexpr(struct buf *b, const struct expr *e)
{
	static const char *ops[] = {
		[E_NOT] = "not", [E_AND] = "and", [E_OR] = "or", [E_EQ] = "==", [E_NE] = "!=",
		[E_LT] = "<", [E_LE] = "<=", [E_GT] = ">", [E_GE] = ">=", [E_ADD] = "+",
		[E_SUB] = "-", [E_MUL] = "*", [E_DIV] = "/", [E_NEG] = "-"
	};
	size_t i;

	switch (e->op) {
	case E_NUM:
		buf_addf(b, "%g", e->num);
		return;
	case E_STR:
		buf_addf(b, "'%s'", e->str);
		return;
	case E_VAR:
		buf_adds(b, e->str);
		return;
	case E_IN:
		buf_adds(b, "(in ");
		sexpr(b, e->l);
		buf_adds(b, " [");
		for (i = 0; i < e->nargs; i++) {
			buf_adds(b, i > 0 ? " " : "");
			sexpr(b, e->args[i]);
		}
		buf_adds(b, "])");
		return;
	case E_CALL:
		buf_addf(b, "(%s", expr_func_name(e->fn));
		for (i = 0; i < e->nargs; i++) {
			buf_adds(b, " ");
			sexpr(b, e->args[i]);
		}
		buf_adds(b, ")");
		return;
	default:
		buf_addf(b, "(%s ", ops[e->op]);
		sexpr(b, e->l);
		if (e->r != NULL) {
			buf_adds(b, " ");
			sexpr(b, e->r);
		}
		buf_adds(b, ")");
	}
}

/* Parses and renders the tree, or "error@OFFSET: CAUSE". */
static char *run_parse(const char *src)
{
	struct arena a = { NULL };
	struct buf b = { NULL, 0, 0 };
	struct expr *e;
	char *cause;
	size_t off;

	if ((e = expr_parse(&a, src, &cause, &off)) == NULL) {
		buf_addf(&b, "error@%zu: %s", off, cause);
		free(cause);
	} else
		sexpr(&b, e);
	arena_free(&a);
	return buf_take(&b);
}

/* Renders diagnostics as "COL: MSG" (with "LINE:" first off line 10), joined by " | ". */
static void render_diag(struct buf *b, const struct diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (i > 0)
			buf_adds(b, " | ");
		if (d->items[i].line != 10)
			buf_addf(b, "%d:", d->items[i].line);
		buf_addf(b, "%d: %s", d->items[i].col, d->items[i].msg);
	}
}

/* Parses and checks in a scope; renders the type, or the errors. */
static char *run_check(const char *src, int which)
{
	struct expr_scope scope = fx_scope(which);
	struct arena a = { NULL };
	struct buf b = { NULL, 0, 0 };
	struct diag d;
	struct expr *e;
	enum etype t;
	char *cause;
	size_t off;

	diag_init(&d, "t.yaml");
	if ((e = expr_parse(&a, src, &cause, &off)) == NULL) {
		buf_addf(&b, "syntax error: %s", cause);
		free(cause);
	} else {
		t = expr_check(e, fx_where(which, src), &scope, &d);
		if (t != T_BAD && d.n == 0)
			buf_adds(&b, etype_name(t));
		else if (t == T_BAD && d.n == 0)
			buf_adds(&b, "T_BAD without a message");
		else if (t != T_BAD)
			buf_adds(&b, "a type despite errors");
		else
			render_diag(&b, &d);
	}
	diag_free(&d);
	arena_free(&a);
	return buf_take(&b);
}

/* Compiles with expr_compile; renders "ok" or the errors. */
static char *run_compile(const char *src, enum etype want, const char *what)
{
	struct expr_scope scope = fx_scope(S_TOP);
	struct arena a = { NULL };
	struct buf b = { NULL, 0, 0 };
	struct diag d;
	struct expr *e;

	diag_init(&d, "t.yaml");
	e = expr_compile(&a, fx_where(S_TOP, src), &scope, want, what, &d);
	if (e != NULL && d.n == 0)
		buf_adds(&b, "ok");
	else if (e != NULL || d.n == 0)
		buf_adds(&b, "inconsistent result");
	else
		render_diag(&b, &d);
	diag_free(&d);
	arena_free(&a);
	return buf_take(&b);
}

/* A world of answers for the evaluator, described by a test row. */
struct slot {
	const struct question *q;
	int instance;
	struct value v;
};

struct world {
	struct slot slots[16];
	size_t n;
	long codes[16][8];
	char texts[16][32];
	int nmembres, nautres;
};

/* The env's get: the slot of (q, instance), or nothing. */
static struct value world_get(void *ctx, const struct question *q, int instance)
{
	struct world *w = ctx;
	struct value none;
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->slots[i].q == q && w->slots[i].instance == instance)
			return w->slots[i].v;
	memset(&none, 0, sizeof none);
	return none;
}

/* The env's instances: how many each roster has in this world. */
static int world_instances(void *ctx, const struct roster *r)
{
	struct world *w = ctx;

	return r == &membres ? w->nmembres : r == &autres ? w->nautres : 0;
}

/* Parses one value: dk, rf, none, {1,3}, 'text' or a number. */
static void world_value(struct world *w, struct value *v, const char *s)
{
	size_t k = w->n;
	char *end;

	memset(v, 0, sizeof *v);
	if (strcmp(s, "dk") == 0)
		v->kind = V_DK;
	else if (strcmp(s, "rf") == 0)
		v->kind = V_RF;
	else if (strcmp(s, "none") == 0)
		v->kind = V_NONE;
	else if (*s == '{') {
		v->kind = V_MULTI;
		v->codes = w->codes[k];
		for (s++; *s != '}' && *s != '\0' && v->ncodes < 8; s = *end == ',' ? end + 1 : end)
			w->codes[k][v->ncodes++] = strtol(s, &end, 10);
	} else if (*s == '\'') {
		v->kind = V_TEXT;
		snprintf(w->texts[k], sizeof w->texts[k], "%.*s", (int)strlen(s) - 2, s + 1);
		v->text = w->texts[k];
	} else {
		v->kind = V_NUM;
		v->num = strtod(s, NULL);
	}
}

/* Sets up a world from "age=30 mb_age#2=dk #membres=3 @2" (@ sets the instance). */
static void world_parse(struct world *w, struct expr_env *env, const char *spec)
{
	char *copy = xstrdup(spec), *tok, *save = NULL, *eq, *hash;
	struct slot *s;

	memset(w, 0, sizeof *w);
	memset(env, 0, sizeof *env);
	env->get = world_get;
	env->instances = world_instances;
	env->ctx = w;
	for (tok = strtok_r(copy, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save)) {
		if (*tok == '@')
			env->instance = atoi(tok + 1);
		else if (strncmp(tok, "#membres=", 9) == 0)
			w->nmembres = atoi(tok + 9);
		else if (strncmp(tok, "#autres=", 8) == 0)
			w->nautres = atoi(tok + 8);
		else if ((eq = strchr(tok, '=')) != NULL && w->n < nitems(w->slots)) {
			*eq = '\0';
			s = &w->slots[w->n];
			if ((hash = strchr(tok, '#')) != NULL) {
				*hash = '\0';
				s->instance = atoi(hash + 1);
			}
			if ((s->q = instrument_var(&ins, tok)) == NULL)
				printf("not ok world: no variable %s\n", tok);
			world_value(w, &s->v, eq + 1);
			w->n++;
		}
	}
	free(copy);
}

/* Renders a value: none, dk, rf, a number, 'text' or {codes}. */
static void render_value(struct buf *b, struct value v)
{
	size_t i;

	switch (v.kind) {
	case V_NONE:
		buf_adds(b, "none");
		break;
	case V_DK:
		buf_adds(b, "dk");
		break;
	case V_RF:
		buf_adds(b, "rf");
		break;
	case V_NUM:
		buf_addf(b, "%g", v.num);
		break;
	case V_TEXT:
		buf_addf(b, "'%s'", v.text);
		break;
	case V_MULTI:
		buf_adds(b, "{");
		for (i = 0; i < v.ncodes; i++)
			buf_addf(b, "%s%ld", i > 0 ? "," : "", v.codes[i]);
		buf_adds(b, "}");
		break;
	}
}

/* Compiles in a scope and evaluates in a world; renders the value. */
static char *run_eval(const char *src, int which, const char *spec)
{
	struct expr_scope scope = fx_scope(which);
	struct arena a = { NULL };
	struct buf b = { NULL, 0, 0 };
	struct expr_env env;
	struct world w;
	struct diag d;
	struct expr *e;

	diag_init(&d, "t.yaml");
	world_parse(&w, &env, spec);
	e = expr_compile(&a, fx_where(which, src), &scope, T_BAD, "expr", &d);
	if (e == NULL) {
		buf_addf(&b, "compile error: ");
		render_diag(&b, &d);
	} else
		render_value(&b, expr_eval(e, &env));
	diag_free(&d);
	arena_free(&a);
	return buf_take(&b);
}

static const struct {
	const char *src, *want;
} parse_ok[] = {
	{ "1", "1" },
	{ "3.5", "3.5" },
	{ "0.25", "0.25" },
	{ "007", "7" },
	{ "'abc'", "'abc'" },
	{ "'it''s'", "'it's'" },
	{ "''", "''" },
	{ "''''", "'''" },
	{ "'a b, c'", "'a b, c'" },
	{ "age", "age" },
	{ "a_1 == b2", "(== a_1 b2)" },
	{ "age == 1", "(== age 1)" },
	{ "age != 1", "(!= age 1)" },
	{ "  age\t==\n1  ", "(== age 1)" },
	{ "a < 1 and b > 2 or c <= 3", "(or (and (< a 1) (> b 2)) (<= c 3))" },
	{ "a or b and c", "(or a (and b c))" },
	{ "a and b and c", "(and (and a b) c)" },
	{ "not a == 1", "(not (== a 1))" },
	{ "not not a", "(not (not a))" },
	{ "not a and b", "(and (not a) b)" },
	{ "1 + 2 * 3", "(+ 1 (* 2 3))" },
	{ "(1 + 2) * 3", "(* (+ 1 2) 3)" },
	{ "10 - 2 - 3", "(- (- 10 2) 3)" },
	{ "8 / 4 / 2", "(/ (/ 8 4) 2)" },
	{ "-age * 2", "(* (- age) 2)" },
	{ "- -3", "(- (- 3))" },
	{ "2 * -3", "(* 2 (- 3))" },
	{ "1 + 2 == 3", "(== (+ 1 2) 3)" },
	{ "((((1))))", "1" },
	{ "x in [1, 2, 5]", "(in x [1 2 5])" },
	{ "x in [-1, 'a']", "(in x [-1 'a'])" },
	{ "x in [1,2] and y", "(and (in x [1 2]) y)" },
	{ "answered(x)", "(answered x)" },
	{ "dk(x) or rf(x)", "(or (dk x) (rf x))" },
	{ "has(x, 3)", "(has x 3)" },
	{ "count_of(x) > 2", "(> (count_of x) 2)" },
	{ "if(a, 1, if(b, 2, 3))", "(if a 1 (if b 2 3))" },
	{ "count (mb_age >= 18) >= 2", "(>= (count (>= mb_age 18)) 2)" },
	{ "any(mb_sexe == 2)", "(any (== mb_sexe 2))" },
	{ "age >= 18 or not answered(age)", "(or (>= age 18) (not (answered age)))" },
	{ "nb - 1", "(- nb 1)" },
	{ "a<=b", "(<= a b)" },
};

static const struct {
	const char *src, *cause;
	size_t off;
} parse_err[] = {
	{ "", "empty expression", 0 },
	{ "   ", "empty expression", 3 },
	{ "age ==", "expected a value but found end of expression", 6 },
	{ "(age", "expected ')' but found end of expression", 4 },
	{ "age == 1)", "expected end of expression but found ')'", 8 },
	{ "age # 1", "unexpected character '#'", 4 },
	{ "age = 1", "unexpected character '='; use '==' to compare", 4 },
	{ "nom == \"Paul\"", "unexpected character '\"'; strings are written in single quotes", 7 },
	{ "a && b", "unexpected character '&'; use 'and'", 2 },
	{ "a || b", "unexpected character '|'; use 'or'", 2 },
	{ "!a", "unexpected character '!'; use 'not' or '!='", 0 },
	{ "Age > 1", "unexpected character 'A'; names are written in lower case", 0 },
	{ "nom == 'abc", "unterminated string", 7 },
	{ "nom == 'it''s", "unterminated string", 7 },
	{ "3.", "malformed number '3.'", 0 },
	{ "x > 12abc", "malformed number '12abc'", 4 },
	{ "1.2.3", "malformed number '1.2.3'", 0 },
	{ ".5", "unexpected character '.'", 0 },
	{ "age 18", "expected end of expression but found number 18", 4 },
	{ "a == b == c", "comparisons cannot be chained; use 'and'", 7 },
	{ "1 < x < 5", "comparisons cannot be chained; use 'and'", 6 },
	{ "x in [1] in [2]", "comparisons cannot be chained; use 'and'", 9 },
	{ "x in [1] == 1", "comparisons cannot be chained; use 'and'", 9 },
	{ "x in 1", "expected '[' after 'in' but found number 1", 5 },
	{ "x in []", "expected a number or a string in the list but found ']'", 6 },
	{ "x in [a]", "expected a number or a string in the list but found name 'a'", 6 },
	{ "x in [1 2]", "expected ',' or ']' but found number 2", 8 },
	{ "x in [1,", "expected a number or a string in the list but found end of expression", 8 },
	{ "x in [-a]", "expected a number after '-' but found name 'a'", 7 },
	{ "foo(x)", "unknown function 'foo'", 0 },
	{ "a and cout(x)", "unknown function 'cout'; did you mean 'count'?", 6 },
	{ "answered(x, y)", "answered() takes 1 argument, found 2", 0 },
	{ "has(x)", "has() takes 2 arguments, found 1", 0 },
	{ "if()", "if() takes 3 arguments, found 0", 0 },
	{ "has(x 3)", "expected ',' or ')' but found number 3", 6 },
	{ "has(x, )", "expected a value but found ')'", 7 },
	{ "not", "expected a value but found end of expression", 3 },
	{ "age and", "expected a value but found end of expression", 7 },
	{ "* 2", "expected a value but found '*'", 0 },
	{ "and", "expected a value but found 'and'", 0 },
	{ "a == in", "expected a value but found 'in'", 5 },
	{ "()", "expected a value but found ')'", 1 },
	{ "'abc' 'def'", "expected end of expression but found string 'def'", 6 },
	{ "age == \xc3\xa9", "unexpected character '\xc3\xa9'", 7 },
	{ "age == \x01", "unexpected control character 0x01", 7 },
	{ "age == \xff", "unexpected byte 0xff", 7 },
	{ "1234567890123456789012345678901", "number too long", 0 },
	{ "(1 + 2", "expected ')' but found end of expression", 6 },
	{ "a == (b", "expected ')' but found end of expression", 7 },
	{ "x in [1, 2", "expected ',' or ']' but found end of expression", 10 },
};

static const struct {
	const char *src;
	int scope;
	const char *want;
} checks[] = {
	/* well-typed */
	{ "age >= 18", S_TOP, "condition" },
	{ "consent == 1", S_TOP, "condition" },
	{ "consent != 2", S_TOP, "condition" },
	{ "consent > 5", S_TOP, "condition" },
	{ "age + 1", S_TOP, "number" },
	{ "(age + 1) * 2 / 3 - 1", S_TOP, "number" },
	{ "-consent", S_TOP, "number" },
	{ "nom", S_TOP, "text" },
	{ "arrivee", S_TOP, "date" },
	{ "usages", S_TOP, "multi" },
	{ "nom == 'Paul'", S_TOP, "condition" },
	{ "'a' < 'b'", S_TOP, "condition" },
	{ "arrivee >= '2017-01-31'", S_TOP, "condition" },
	{ "'2016-02-29' <= arrivee", S_TOP, "condition" },
	{ "arrivee < arrivee", S_TOP, "condition" },
	{ "arrivee in ['2017-01-01', '2018-12-31']", S_TOP, "condition" },
	{ "has(usages, 9)", S_TOP, "condition" },
	{ "count_of(usages) >= 2", S_TOP, "condition" },
	{ "answered(usages)", S_TOP, "condition" },
	{ "dk(age) or rf(age)", S_TOP, "condition" },
	{ "if(age < 30, 1, 2)", S_TOP, "number" },
	{ "if(age < 30, 'jeune', 'vieux')", S_TOP, "text" },
	{ "if(age < 30, arrivee, '2000-01-01')", S_TOP, "date" },
	{ "age_band in [1, 3]", S_TOP, "condition" },
	{ "quartier in [1, 2]", S_TOP, "condition" },
	{ "nom in ['a', 'b']", S_TOP, "condition" },
	{ "adult", S_TOP, "condition" },
	{ "adult and consent == 1", S_TOP, "condition" },
	{ "half_age > 10", S_TOP, "condition" },
	{ "age_band == 2", S_TOP, "condition" },
	{ "not (age > 3)", S_TOP, "condition" },
	{ "count(mb_age >= 18)", S_TOP, "number" },
	{ "any(mb_sexe == 2)", S_TOP, "condition" },
	{ "count(mb_age > age) > 0", S_TOP, "condition" },
	{ "any(au_x == 1)", S_MEMBRES, "condition" },
	{ "mb_age >= 18", S_MEMBRES, "condition" },
	{ "mb_sexe == 1 and age > 20", S_MEMBRES, "condition" },
	{ "answered(mb_age)", S_MEMBRES, "condition" },
	{ "age <= 110", S_CHECK_AGE, "condition" },
	{ "age >= 18", S_AGE_BAND, "condition" },
	{ "quartier == 3", S_WHEN_CONSENT, "condition" },
	/* names */
	{ "agee > 1", S_TOP, "21: unknown name 'agee'; did you mean 'age'?" },
	{ "zzz > 1", S_TOP, "21: unknown name 'zzz'" },
	{ "age > 1 and nomm == 'x'", S_TOP, "33: unknown name 'nomm'; did you mean 'nom'?" },
	{ "agee > 1 or zzz == 2", S_TOP,
	  "21: unknown name 'agee'; did you mean 'age'? | 33: unknown name 'zzz'" },
	{ "intro == 1", S_TOP, "21: 'intro' is an info screen and holds no answer" },
	{ "later == 1", S_TOP, "21: 'later' is asked later (line 50); it cannot be used here" },
	{ "nom == 'x'", S_CHECK_AGE, "21: 'nom' is asked later (line 14); it cannot be used here" },
	{ "adult", S_CHECK_AGE, "21: 'adult' is computed later (line 24); it cannot be used here" },
	{ "age_band == 1", S_AGE_BAND, "21: 'age_band' refers to itself" },
	{ "consent == 1", S_WHEN_CONSENT, "21: 'consent' refers to itself" },
	{ "mb_age > 18", S_TOP,
	  "21: 'mb_age' is a roster question: use count() or any() outside its roster" },
	{ "mb_age > 18", S_AUTRES,
	  "21: 'mb_age' is a roster question: use count() or any() outside its roster" },
	{ "answered(mb_age)", S_TOP,
	  "30: 'mb_age' is a roster question: use count() or any() outside its roster" },
	/* comparisons */
	{ "age == 'x'", S_TOP, "25: cannot compare number with text" },
	{ "nom > 3", S_TOP, "25: cannot compare text with number" },
	{ "arrivee == 3", S_TOP, "29: cannot compare date with number" },
	{ "arrivee == 'hier'", S_TOP, "32: 'hier' is not a valid date (YYYY-MM-DD)" },
	{ "arrivee == '2017-02-29'", S_TOP, "32: '2017-02-29' is not a valid date (YYYY-MM-DD)" },
	{ "arrivee < '2017-13-01'", S_TOP, "31: '2017-13-01' is not a valid date (YYYY-MM-DD)" },
	{ "arrivee == nom", S_TOP, "29: cannot compare date with text" },
	{ "adult == 1", S_TOP, "27: cannot compare condition with number" },
	{ "count(mb_age > 1) == 'a'", S_TOP, "39: cannot compare number with text" },
	{ "usages == 1", S_TOP,
	  "21: 'usages' is a multi question: use has(usages, code) or count_of(usages)" },
	{ "1 < usages", S_TOP,
	  "25: 'usages' is a multi question: use has(usages, code) or count_of(usages)" },
	{ "usages in [1]", S_TOP,
	  "21: 'usages' is a multi question: use has(usages, code) or count_of(usages)" },
	{ "adult in [1]", S_TOP, "31: cannot compare condition with number" },
	{ "nom in ['a', 2]", S_TOP, "34: cannot compare text with number" },
	{ "arrivee in ['2017-02-30']", S_TOP, "33: '2017-02-30' is not a valid date (YYYY-MM-DD)" },
	/* codes */
	{ "consent == 7", S_TOP, "32: code 7 is not an option of 'consent'" },
	{ "7 == consent", S_TOP, "21: code 7 is not an option of 'consent'" },
	{ "consent != 3", S_TOP, "32: code 3 is not an option of 'consent'" },
	{ "consent == -8", S_TOP, "32: code -8 is not an option of 'consent'; use dk()" },
	{ "consent == -9", S_TOP, "32: code -9 is not an option of 'consent'; use rf()" },
	{ "consent == 1.5", S_TOP, "32: code 1.5 is not an option of 'consent'" },
	{ "consent in [1, 7]", S_TOP, "36: code 7 is not an option of 'consent'" },
	{ "consent in [0, 1, 7]", S_TOP,
	  "33: code 0 is not an option of 'consent' | 39: code 7 is not an option of 'consent'" },
	{ "consent in [1, 'a']", S_TOP, "36: cannot compare number with text" },
	{ "age_band == 4", S_TOP, "33: code 4 is not an option of 'age_band'" },
	{ "quartier == 0 or quartier == 2", S_TOP, "33: code 0 is not an option of 'quartier'" },
	{ "mb_sexe == 3", S_MEMBRES, "32: code 3 is not an option of 'mb_sexe'" },
	{ "age == 1000", S_TOP, "condition" },
	/* functions */
	{ "has(usages, 4)", S_TOP, "33: code 4 is not an option of 'usages'" },
	{ "has(consent, 1)", S_TOP, "25: 'consent' is not a multi question; has() needs one" },
	{ "has(usages, age)", S_TOP,
	  "33: the second argument of has() must be a code (a whole number)" },
	{ "has(usages, 1.5)", S_TOP,
	  "33: the second argument of has() must be a code (a whole number)" },
	{ "has(1, 1)", S_TOP, "25: the argument of has() must be a multi question" },
	{ "count_of(age)", S_TOP, "30: 'age' is not a multi question; count_of() needs one" },
	{ "answered(age + 1)", S_TOP, "30: the argument of answered() must be a variable name" },
	{ "dk(3)", S_TOP, "24: the argument of dk() must be a variable name" },
	{ "rf(agee)", S_TOP, "24: unknown name 'agee'; did you mean 'age'?" },
	{ "if(age, 1, 2)", S_TOP, "24: expected a condition, found number" },
	{ "if(age > 1, 1, 'a')", S_TOP, "21: the branches of if() differ: number and text" },
	{ "count(age > 18)", S_TOP, "21: count() needs a condition on roster questions" },
	{ "count(mb_age)", S_TOP, "27: expected a condition, found number" },
	{ "any(mb_age > 1 and au_x == 1)", S_TOP,
	  "40: any() mixes questions of rosters 'membres' and 'autres'" },
	{ "count(any(mb_age > 1))", S_TOP, "27: any() cannot be used inside count()" },
	/* logic and arithmetic */
	{ "age and consent == 1", S_TOP, "21: expected a condition, found number" },
	{ "consent == 1 or nom", S_TOP, "37: expected a condition, found text" },
	{ "not age", S_TOP, "25: expected a condition, found number" },
	{ "nom + 1", S_TOP, "21: expected a number, found text" },
	{ "-nom", S_TOP, "22: expected a number, found text" },
	{ "age * (age > 1)", S_TOP, "28: expected a number, found condition" },
	{ "arrivee - 1", S_TOP, "21: expected a number, found date" },
	{ "age + nom + usages", S_TOP,
	  "27: expected a number, found text | "
	  "33: 'usages' is a multi question: use has(usages, code) or count_of(usages)" },
	/* positions: UTF-8 counts characters; a newline moves to the next line */
	{ "nom == '\xc3\xa9t\xc3\xa9' or agee > 1", S_TOP,
	  "37: unknown name 'agee'; did you mean 'age'?" },
	{ "age > 1 and\n  agee > 2", S_TOP, "11:3: unknown name 'agee'; did you mean 'age'?" },
};

static const struct {
	const char *src;
	enum etype want;
	const char *what, *result;
} compiles[] = {
	{ "age >= 18", T_BOOL, "when", "ok" },
	{ "age", T_BOOL, "when", "21: when must be a condition, found number" },
	{ "age > 1", T_NUM, "count", "21: count must be a number, found condition" },
	{ "nb_personnes - 1", T_NUM, "count", "ok" },
	{ "usages", T_BOOL, "when",
	  "21: 'usages' is a multi question: use has(usages, code) or count_of(usages)" },
	{ "age >", T_BOOL, "when",
	  "26: syntax error in when: expected a value but found end of expression" },
	{ "age > 1)", T_BOOL, NULL,
	  "28: syntax error in expression: expected end of expression but found ')'" },
	{ "agee > 1", T_BOOL, "when", "21: unknown name 'agee'; did you mean 'age'?" },
	{ "nom", T_BAD, "expr", "ok" },
	{ "consent == 5", T_BOOL, "when", "32: code 5 is not an option of 'consent'" },
};

static const struct {
	const char *src;
	int scope;
	const char *world, *want;
} evals[] = {
	/* comparisons and missing values */
	{ "age >= 18", S_TOP, "age=30", "1" },
	{ "age >= 18", S_TOP, "age=12", "0" },
	{ "age >= 18", S_TOP, "age=dk", "0" },
	{ "age >= 18", S_TOP, "age=rf", "0" },
	{ "age >= 18", S_TOP, "", "0" },
	{ "age < 18", S_TOP, "age=dk", "0" },
	{ "not (age >= 18)", S_TOP, "age=dk", "1" },
	{ "age >= 18 or not answered(age)", S_TOP, "age=dk", "1" },
	{ "age >= 18 or not answered(age)", S_TOP, "age=12", "0" },
	{ "age == age", S_TOP, "age=dk", "0" },
	{ "consent == 1", S_TOP, "consent=1", "1" },
	{ "consent == 1", S_TOP, "consent=2", "0" },
	{ "consent == 1", S_TOP, "consent=dk", "0" },
	{ "consent != 1", S_TOP, "consent=dk", "0" },
	{ "consent != 1", S_TOP, "consent=2", "1" },
	{ "consent in [1, 2]", S_TOP, "consent=2", "1" },
	{ "consent in [1, 2]", S_TOP, "", "0" },
	{ "quartier in [1, 3]", S_TOP, "quartier=2", "0" },
	{ "nom == 'Paul'", S_TOP, "nom='Paul'", "1" },
	{ "nom < 'Q'", S_TOP, "nom='Paul'", "1" },
	{ "nom in ['Jean', 'Paul']", S_TOP, "nom='Paul'", "1" },
	{ "nom == 'Paul'", S_TOP, "nom=rf", "0" },
	{ "nom", S_TOP, "nom='Paul'", "'Paul'" },
	{ "nom", S_TOP, "nom=dk", "dk" },
	{ "arrivee >= '2017-01-31'", S_TOP, "arrivee='2017-02-01'", "1" },
	{ "arrivee >= '2017-01-31'", S_TOP, "arrivee='2016-12-31'", "0" },
	{ "arrivee >= '2017-01-31'", S_TOP, "", "0" },
	/* arithmetic */
	{ "age + 1", S_TOP, "age=30", "31" },
	{ "age + 1", S_TOP, "age=dk", "none" },
	{ "age + 1", S_TOP, "", "none" },
	{ "age * 2 + 1 > 10", S_TOP, "age=rf", "0" },
	{ "age / 0", S_TOP, "age=30", "none" },
	{ "age / (age - 30)", S_TOP, "age=30", "none" },
	{ "age / 4", S_TOP, "age=30", "7.5" },
	{ "age * age", S_TOP, "age=1e300", "none" },
	{ "age * age > 0", S_TOP, "age=1e300", "0" },
	{ "-age", S_TOP, "age=3", "-3" },
	{ "-age", S_TOP, "age=dk", "none" },
	{ "1 + 2 * 3", S_TOP, "", "7" },
	{ "(1 + 2) * 3", S_TOP, "", "9" },
	{ "10 - 2 - 3", S_TOP, "", "5" },
	{ "8 / 4 / 2", S_TOP, "", "1" },
	{ "-2 * -3", S_TOP, "", "6" },
	{ "3.5 * 2", S_TOP, "", "7" },
	{ "half_age * 2", S_TOP, "half_age=7.5", "15" },
	/* logic */
	{ "age >= 18 and consent == 1", S_TOP, "age=20 consent=1", "1" },
	{ "age >= 18 and consent == 1", S_TOP, "age=20 consent=2", "0" },
	{ "age > 100 or consent == 1", S_TOP, "age=20 consent=1", "1" },
	{ "age > 100 or consent == 1", S_TOP, "age=dk consent=dk", "0" },
	{ "adult", S_TOP, "adult=1", "1" },
	{ "not adult", S_TOP, "", "1" },
	/* functions */
	{ "answered(age)", S_TOP, "age=0", "1" },
	{ "answered(age)", S_TOP, "age=dk", "0" },
	{ "answered(nom)", S_TOP, "nom=''", "0" },
	{ "answered(usages)", S_TOP, "usages={}", "0" },
	{ "answered(usages)", S_TOP, "usages={1}", "1" },
	{ "dk(age)", S_TOP, "age=dk", "1" },
	{ "dk(age)", S_TOP, "age=rf", "0" },
	{ "rf(age)", S_TOP, "age=rf", "1" },
	{ "rf(age)", S_TOP, "", "0" },
	{ "has(usages, 3)", S_TOP, "usages={1,3}", "1" },
	{ "has(usages, 2)", S_TOP, "usages={1,3}", "0" },
	{ "has(usages, 3)", S_TOP, "usages=dk", "0" },
	{ "not has(usages, 9)", S_TOP, "", "1" },
	{ "count_of(usages)", S_TOP, "usages={1,3}", "2" },
	{ "count_of(usages)", S_TOP, "usages={}", "0" },
	{ "count_of(usages)", S_TOP, "usages=rf", "none" },
	{ "count_of(usages) + 1", S_TOP, "", "none" },
	{ "if(age < 30, 1, 2)", S_TOP, "age=20", "1" },
	{ "if(age < 30, 1, 2)", S_TOP, "age=40", "2" },
	{ "if(age < 30, 1, 2)", S_TOP, "age=dk", "2" },
	{ "if(age < 30, 'jeune', 'vieux')", S_TOP, "age=20", "'jeune'" },
	{ "if(answered(age), age, -1)", S_TOP, "age=rf", "-1" },
	/* rosters */
	{ "count(mb_age >= 18)", S_TOP, "#membres=3 mb_age#1=40 mb_age#2=12 mb_age#3=dk", "1" },
	{ "count(mb_age >= 18)", S_TOP, "#membres=2 mb_age#1=40 mb_age#2=18", "2" },
	{ "count(mb_age >= 18)", S_TOP, "#membres=0 mb_age#1=40", "0" },
	{ "count(mb_age >= 18)", S_TOP, "#membres=1 mb_age#1=40 mb_age#2=50", "1" },
	{ "any(mb_sexe == 2)", S_TOP, "#membres=2 mb_sexe#1=1 mb_sexe#2=2", "1" },
	{ "any(mb_sexe == 2)", S_TOP, "#membres=2 mb_sexe#1=1 mb_sexe#2=1", "0" },
	{ "count(mb_age > age)", S_TOP, "age=30 #membres=2 mb_age#1=40 mb_age#2=20", "1" },
	{ "count(not answered(mb_age))", S_TOP, "#membres=3 mb_age#2=5", "2" },
	{ "mb_age >= 18", S_MEMBRES, "@2 mb_age#1=10 mb_age#2=20", "1" },
	{ "mb_age >= 18", S_MEMBRES, "@1 mb_age#1=10 mb_age#2=20", "0" },
	{ "mb_age + age", S_MEMBRES, "@1 age=30 mb_age#1=10", "40" },
	{ "count(au_x == 1)", S_MEMBRES, "@1 #autres=2 au_x#1=1 au_x#2=1", "2" },
};

static const struct {
	const char *src;
	int scope, want;
} provable[] = {
	{ "consent == 1 and consent == 2", S_TOP, 0 },
	{ "age_band > 3", S_TOP, 0 },
	{ "age_band >= 3", S_TOP, 1 },
	{ "consent == 1 or quartier == 2", S_TOP, 1 },
	{ "consent == 1", S_TOP, 1 },
	{ "consent in [1] and not (consent in [1, 2])", S_TOP, 0 },
	{ "dk(consent) and consent == 1", S_TOP, 0 },
	{ "dk(consent)", S_TOP, 1 },
	{ "not answered(consent)", S_TOP, 1 },
	{ "answered(consent) and not (consent == 1 or consent == 2)", S_TOP, 0 },
	{ "age > 3 and age < 2", S_TOP, 1 },
	{ "has(usages, 1)", S_TOP, 1 },
	{ "count(mb_sexe == 1) > 5", S_TOP, 1 },
	{ "if(consent == 1, quartier, 0) == 3", S_TOP, 1 },
	{ "if(consent == 1, 4, 0) == 3", S_TOP, 0 },
	{ "1 == 2", S_TOP, 0 },
	{ "quartier + consent > 5", S_TOP, 0 },
	{ "quartier + consent >= 5", S_TOP, 1 },
	{ "mb_sexe == 1 and quartier == 2 and mb_sexe == 2", S_MEMBRES, 0 },
	{ "pays == 1 and quartier == 1 and consent == 1 and age_band == 1 and "
	  "mb_sexe == 1 and mb_sexe == 2", S_MEMBRES, 1 },
	{ "pays == 1 and pays == 2", S_TOP, 0 },
};

/* Names a test after its row, with control characters shown as '.'. */
static const char *test_name(char *name, size_t size, const char *kind, size_t i,
    const char *src)
{
	char *p;

	snprintf(name, size, "%s %zu %s", kind, i, src);
	for (p = name; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20)
			*p = '.';
	return name;
}

/* Runs every table row as one test. */
static void test_tables(void)
{
	char name[160], *got;
	size_t i;

	for (i = 0; i < nitems(parse_ok); i++) {
		got = run_parse(parse_ok[i].src);
		test_name(name, sizeof name, "parse", i, parse_ok[i].src);
		UNIT_STREQ(name, got, parse_ok[i].want);
		free(got);
	}
	for (i = 0; i < nitems(parse_err); i++) {
		char want[256];

		test_name(name, sizeof name, "parse error", i, parse_err[i].src);
		snprintf(want, sizeof want, "error@%zu: %s", parse_err[i].off, parse_err[i].cause);
		got = run_parse(parse_err[i].src);
		UNIT_STREQ(name, got, want);
		free(got);
	}
	for (i = 0; i < nitems(checks); i++) {
		test_name(name, sizeof name, "check", i, checks[i].src);
		got = run_check(checks[i].src, checks[i].scope);
		UNIT_STREQ(name, got, checks[i].want);
		free(got);
	}
	for (i = 0; i < nitems(compiles); i++) {
		test_name(name, sizeof name, "compile", i, compiles[i].src);
		got = run_compile(compiles[i].src, compiles[i].want, compiles[i].what);
		UNIT_STREQ(name, got, compiles[i].result);
		free(got);
	}
	for (i = 0; i < nitems(evals); i++) {
		snprintf(name, sizeof name, "eval %zu %s [%s]", i, evals[i].src, evals[i].world);
		got = run_eval(evals[i].src, evals[i].scope, evals[i].world);
		UNIT_STREQ(name, got, evals[i].want);
		free(got);
	}
}

/* Runs the expr_can_be_true table. */
static void test_provable(void)
{
	struct expr_scope scope;
	struct arena a = { NULL };
	struct diag d;
	struct expr *e;
	char name[200];
	size_t i;
	int got;

	for (i = 0; i < nitems(provable); i++) {
		diag_init(&d, "t.yaml");
		scope = fx_scope(provable[i].scope);
		e = expr_compile(&a, fx_where(provable[i].scope, provable[i].src), &scope, T_BOOL,
		    "when", &d);
		got = e != NULL ? expr_can_be_true(e) : -1;
		snprintf(name, sizeof name, "can be true %zu %s", i, provable[i].src);
		UNIT_OK(name, got == provable[i].want, "got %d, want %d", got, provable[i].want);
		diag_free(&d);
	}
	arena_free(&a);
}

/* Builds a string of n copies of s around middle. */
static char *repeat(const char *pre, size_t n, const char *middle, const char *post)
{
	struct buf b = { NULL, 0, 0 };
	size_t i;

	for (i = 0; i < n; i++)
		buf_adds(&b, pre);
	buf_adds(&b, middle);
	for (i = 0; post != NULL && i < n; i++)
		buf_adds(&b, post);
	return buf_take(&b);
}

/* The limits on nesting and length that keep the parser's stack small. */
static void test_limits(void)
{
	char *src, *got, want[128];

	src = repeat("(", 63, "1", ")");
	got = run_parse(src);
	UNIT_STREQ("nesting 63 parentheses", got, "1");
	free(got);
	free(src);
	src = repeat("(", 64, "1", ")");
	got = run_parse(src);
	UNIT_STREQ("nesting 64 parentheses", got, "error@64: expression nested too deeply");
	free(got);
	free(src);
	src = repeat("not ", 100, "a", NULL);
	got = run_parse(src);
	UNIT_STREQ("nesting 100 nots", got, "error@252: expression nested too deeply");
	free(got);
	free(src);
	src = repeat("-", 1000, "1", NULL);
	got = run_parse(src);
	UNIT_STREQ("nesting 1000 minus", got, "error@63: expression nested too deeply");
	free(got);
	free(src);
	src = repeat("a", EXPR_MAX_LEN + 1, "", NULL);
	got = run_parse(src);
	snprintf(want, sizeof want, "error@0: expression too long (more than %d bytes)",
	    EXPR_MAX_LEN);
	UNIT_STREQ("too long", got, want);
	free(got);
	free(src);
	src = repeat("1 + ", 2000, "1", NULL);
	got = run_eval(src, S_TOP, "");
	UNIT_STREQ("a long flat sum", got, "2001");
	free(got);
	free(src);
}

/* Collects the names expr_refs reports. */
static void refs_collect(void *arg, const struct question *q)
{
	struct buf *b = arg;

	buf_addf(b, "%s%s", b->len > 0 ? "," : "", q->id);
}

/* expr_refs visits every variable occurrence, in function arguments too. */
static void test_refs(void)
{
	struct expr_scope scope = fx_scope(S_TOP);
	struct arena a = { NULL };
	struct buf b = { NULL, 0, 0 };
	struct diag d;
	struct expr *e;
	const char *src = "age > 1 and age < 9 or has(usages, 1) or "
	    "count(mb_age > nb_personnes) > 0";

	diag_init(&d, "t.yaml");
	e = expr_compile(&a, fx_where(S_TOP, src), &scope, T_BOOL, "when", &d);
	UNIT_OK("refs compile", e != NULL, "%s", d.n ? d.items[0].msg : "?");
	if (e != NULL)
		expr_refs(e, refs_collect, &b);
	UNIT_STREQ("refs", b.s, "age,age,usages,mb_age,nb_personnes");
	buf_free(&b);
	diag_free(&d);
	arena_free(&a);
}

/* expr_pos: quoting, UTF-8 characters and lines of a folded scalar. */
static void test_pos(void)
{
	struct src w = { "a == '\xc3\xa9' or\nb", { 7, 12 }, 0 };
	struct pos p;

	p = expr_pos(&w, 0);
	UNIT_OK("pos start", p.line == 7 && p.col == 12, "got %d:%d", p.line, p.col);
	p = expr_pos(&w, 11);
	UNIT_OK("pos after utf-8", p.line == 7 && p.col == 22, "got %d:%d", p.line, p.col);
	w.quoted = 1;
	p = expr_pos(&w, 11);
	UNIT_OK("pos quoted", p.line == 7 && p.col == 23, "got %d:%d", p.line, p.col);
	p = expr_pos(&w, 13);
	UNIT_OK("pos next line", p.line == 8 && p.col == 1, "got %d:%d", p.line, p.col);
	p = expr_pos(&w, 1000);
	UNIT_OK("pos past end", p.line == 8 && p.col == 2, "got %d:%d", p.line, p.col);
	UNIT_STREQ("etype names", etype_name(T_BOOL), "condition");
	UNIT_STREQ("qtype names", qtype_name(Q_COMPUTED), "computed");
	UNIT_STREQ("outcome names", outcome_name(OUT_QUOTA_FULL), "quota_full");
	UNIT_OK("optlist_find", optlist_find(&l_usages, 9) == &o_usages[3] &&
	    optlist_find(&l_usages, 4) == NULL, "wrong option");
	UNIT_OK("instrument_var", instrument_var(&ins, "age") == q_age &&
	    instrument_var(&ins, "ag") == NULL, "wrong variable");
}

int main(void)
{
	fx_build();
	test_tables();
	test_provable();
	test_limits();
	test_refs();
	test_pos();
	arena_free(&ins.arena);
	UNIT_END();
}

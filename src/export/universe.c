/*
 * Universes: who a variable is asked of, from the conditions of its theme,
 * roster and question, as written and in French words. The expressions were
 * checked when the questionnaire loaded; this reads them again on its own.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "export/wave.h"
#include "util/xmalloc.h"

enum un_op {
	U_NUM, U_STR, U_VAR, U_NEG, U_NOT, U_AND, U_OR, U_EQ, U_NE, U_LT, U_LE, U_GT, U_GE,
	U_ADD, U_SUB, U_MUL, U_DIV, U_IN, U_CALL
};

struct un {
	enum un_op op;
	double num;
	const char *str;		/* U_STR value, U_VAR and U_CALL name */
	struct un *l, *r;
	struct un **args;		/* U_CALL arguments, U_IN items */
	size_t nargs;
};

struct un_parser {
	struct arena *a;
	const char *s;
	size_t pos;
	int depth, bad;
};

struct un_render {
	const struct instrument *ins;
	struct buf *b;
	const char **seen;		/* variables already named with their label */
	size_t nseen;
};

static void un_space(struct un_parser *p)
{
	while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' || p->s[p->pos] == '\n' ||
	    p->s[p->pos] == '\r')
		p->pos++;
}

/* 1 and consumes tok when the input continues with it (a word must end there). */
static int un_eat(struct un_parser *p, const char *tok)
{
	size_t n = strlen(tok);
	char c;

	un_space(p);
	if (strncmp(p->s + p->pos, tok, n) != 0)
		return 0;
	c = p->s[p->pos + n];
	if (tok[0] >= 'a' && tok[0] <= 'z' && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    c == '_'))
		return 0;
	if ((strcmp(tok, "<") == 0 || strcmp(tok, ">") == 0) && c == '=')
		return 0;
	p->pos += n;
	return 1;
}

static struct un *un_node(struct un_parser *p, enum un_op op, struct un *l, struct un *r)
{
	struct un *u = arena_alloc(p->a, sizeof *u);

	u->op = op;
	u->l = l;
	u->r = r;
	return u;
}

static struct un *un_or(struct un_parser *p);

/* Comma-separated items up to close; each parsed by fn. */
static int un_list(struct un_parser *p, struct un *u, const char *close,
    struct un *(*fn)(struct un_parser *))
{
	struct un *v[64];
	size_t n = 0;

	if (un_eat(p, close))
		return 0;
	do {
		if (n == 64 || (v[n++] = fn(p)) == NULL)
			return -1;
	} while (un_eat(p, ","));
	if (!un_eat(p, close))
		return -1;
	u->args = arena_alloc(p->a, n * sizeof *u->args);
	memcpy(u->args, v, n * sizeof *v);
	u->nargs = n;
	return 0;
}

static struct un *un_primary(struct un_parser *p)
{
	const char *s;
	struct un *u;
	size_t i;

	un_space(p);
	s = p->s + p->pos;
	if ((*s >= '0' && *s <= '9') || *s == '.') {
		char *end;

		u = un_node(p, U_NUM, NULL, NULL);
		u->num = strtod(s, &end);
		p->pos += (size_t)(end - s);
		return end > s ? u : NULL;
	}
	if (*s == '\'') {
		struct buf b = { 0 };

		for (i = 1; s[i] != '\0' && !(s[i] == '\'' && s[i + 1] != '\''); i++) {
			buf_addc(&b, s[i]);
			if (s[i] == '\'')
				i++;
		}
		u = un_node(p, U_STR, NULL, NULL);
		u->str = arena_strdup(p->a, b.s != NULL ? b.s : "");
		buf_free(&b);
		p->pos += s[i] == '\'' ? i + 1 : i;
		return u;
	}
	if (un_eat(p, "(")) {
		u = un_or(p);
		return u != NULL && un_eat(p, ")") ? u : NULL;
	}
	for (i = 0; (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'; i++)
		;
	if (i == 0)
		return NULL;
	p->pos += i;
	if (un_eat(p, "(")) {
		u = un_node(p, U_CALL, NULL, NULL);
		u->str = arena_strndup(p->a, s, i);
		return un_list(p, u, ")", un_or) == 0 ? u : NULL;
	}
	u = un_node(p, U_VAR, NULL, NULL);
	u->str = arena_strndup(p->a, s, i);
	return u;
}

static struct un *un_neg(struct un_parser *p)
{
	struct un *u;

	if (!un_eat(p, "-"))
		return un_primary(p);
	if (++p->depth > 64 || (u = un_neg(p)) == NULL)
		return NULL;
	p->depth--;
	return un_node(p, U_NEG, u, NULL);
}

static struct un *un_mul(struct un_parser *p)
{
	struct un *l = un_neg(p), *r;
	enum un_op op;

	while (l != NULL && ((op = U_MUL, un_eat(p, "*")) || (op = U_DIV, un_eat(p, "/")))) {
		if ((r = un_neg(p)) == NULL)
			return NULL;
		l = un_node(p, op, l, r);
	}
	return l;
}

static struct un *un_add(struct un_parser *p)
{
	struct un *l = un_mul(p), *r;
	enum un_op op;

	while (l != NULL && ((op = U_ADD, un_eat(p, "+")) || (op = U_SUB, un_eat(p, "-")))) {
		if ((r = un_mul(p)) == NULL)
			return NULL;
		l = un_node(p, op, l, r);
	}
	return l;
}

/* A list item: a number, possibly negative, or a string. */
static struct un *un_item(struct un_parser *p)
{
	return un_neg(p);
}

static struct un *un_cmp(struct un_parser *p)
{
	static const struct {
		const char *tok;
		enum un_op op;
	} ops[] = {
		{ "==", U_EQ }, { "!=", U_NE }, { "<=", U_LE }, { ">=", U_GE }, { "<", U_LT },
		{ ">", U_GT }
	};
	struct un *l = un_add(p), *r;
	size_t i;

	if (l == NULL)
		return NULL;
	for (i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		if (un_eat(p, ops[i].tok))
			return (r = un_add(p)) != NULL ? un_node(p, ops[i].op, l, r) : NULL;
	}
	if (un_eat(p, "in")) {
		struct un *u = un_node(p, U_IN, l, NULL);

		return un_eat(p, "[") && un_list(p, u, "]", un_item) == 0 ? u : NULL;
	}
	return l;
}

static struct un *un_not(struct un_parser *p)
{
	struct un *u;

	if (!un_eat(p, "not"))
		return un_cmp(p);
	if (++p->depth > 64 || (u = un_not(p)) == NULL)
		return NULL;
	p->depth--;
	return un_node(p, U_NOT, u, NULL);
}

static struct un *un_and(struct un_parser *p)
{
	struct un *l = un_not(p), *r;

	while (l != NULL && un_eat(p, "and")) {
		if ((r = un_not(p)) == NULL)
			return NULL;
		l = un_node(p, U_AND, l, r);
	}
	return l;
}

static struct un *un_or(struct un_parser *p)
{
	struct un *l, *r;

	if (++p->depth > 64)
		return NULL;
	l = un_and(p);
	while (l != NULL && un_eat(p, "or")) {
		if ((r = un_and(p)) == NULL)
			return NULL;
		l = un_node(p, U_OR, l, r);
	}
	p->depth--;
	return l;
}

static void un_expr(struct un_render *r, const struct un *u, int prec);

/* A number the French way: a decimal comma. */
static void un_num(struct buf *b, double v)
{
	char tmp[40], *c;

	snprintf(tmp, sizeof tmp, "%.15g", v);
	if ((c = strchr(tmp, '.')) != NULL)
		*c = ',';
	buf_adds(b, tmp);
}

/* A variable: its label the first time it is named, its id always. */
static void un_var(struct un_render *r, const char *id)
{
	const struct question *q = instrument_var(r->ins, id);
	const char *label = q != NULL ? (q->label != NULL && *q->label ? q->label : NULL) : NULL;
	size_t i;

	for (i = 0; i < r->nseen; i++)
		if (strcmp(r->seen[i], id) == 0)
			label = NULL;
	if (label != NULL) {
		buf_addf(r->b, "« %s » (%s)", label, id);
		r->seen = xreallocarray(r->seen, r->nseen + 1, sizeof *r->seen);
		r->seen[r->nseen++] = q->id;	/* the questionnaire's, which outlives the parse */
	} else
		buf_adds(r->b, id);
}

/* A value compared with variable q: a code gets its label. */
static void un_value(struct un_render *r, const struct un *u, const struct question *q)
{
	const struct option *o;

	if (u->op == U_NEG && u->l->op == U_NUM) {
		buf_addc(r->b, '-');
		un_value(r, u->l, NULL);
		return;
	}
	if (u->op != U_NUM) {
		un_expr(r, u, 3);
		return;
	}
	un_num(r->b, u->num);
	if (q != NULL && q->options != NULL && u->num == floor(u->num) &&
	    (o = optlist_find(q->options, (long)u->num)) != NULL)
		buf_addf(r->b, " (« %s »)", o->label);
}

/* The question a bare variable names, or NULL. */
static const struct question *un_question(const struct un_render *r, const struct un *u)
{
	return u->op == U_VAR ? instrument_var(r->ins, u->str) : NULL;
}

static void un_compare(struct un_render *r, const struct un *u, int negated)
{
	static const char *const words[][2] = {
		[U_EQ] = { " vaut ", " ne vaut pas " },
		[U_NE] = { " ne vaut pas ", " vaut " },
		[U_LT] = { " est inférieur à ", " est supérieur ou égal à " },
		[U_LE] = { " est inférieur ou égal à ", " est supérieur à " },
		[U_GT] = { " est supérieur à ", " est inférieur ou égal à " },
		[U_GE] = { " est supérieur ou égal à ", " est inférieur à " },
	};

	un_expr(r, u->l, 3);
	buf_adds(r->b, words[u->op][negated]);
	un_value(r, u->r, un_question(r, u->l));
}

static void un_in(struct un_render *r, const struct un *u, int negated)
{
	const struct question *q = un_question(r, u->l);
	size_t i;

	un_expr(r, u->l, 3);
	buf_adds(r->b, negated ? " ne vaut ni " : " vaut ");
	for (i = 0; i < u->nargs; i++) {
		if (i > 0)
			buf_adds(r->b, negated ? " ni " : i + 1 == u->nargs ? " ou " : ", ");
		un_value(r, u->args[i], q);
	}
}

static void un_call(struct un_render *r, const struct un *u, int negated)
{
	const char *f = u->str;

	if (strcmp(f, "answered") == 0 && u->nargs == 1) {
		un_expr(r, u->args[0], 3);
		buf_adds(r->b, negated ? " n'a pas de réponse" : " a une réponse");
	} else if ((strcmp(f, "dk") == 0 || strcmp(f, "rf") == 0) && u->nargs == 1) {
		un_expr(r, u->args[0], 3);
		buf_adds(r->b, negated ? " n'a pas la réponse « " : " a la réponse « ");
		buf_adds(r->b, f[0] == 'd' ? "ne sait pas »" : "refus »");
	} else if (strcmp(f, "has") == 0 && u->nargs == 2) {
		un_expr(r, u->args[0], 3);
		buf_adds(r->b, negated ? " ne comprend pas " : " comprend ");
		un_value(r, u->args[1], un_question(r, u->args[0]));
	} else if (negated) {
		buf_adds(r->b, "non (");
		un_call(r, u, 0);
		buf_addc(r->b, ')');
	} else if (strcmp(f, "count_of") == 0 && u->nargs == 1) {
		buf_adds(r->b, "le nombre de réponses à ");
		un_expr(r, u->args[0], 3);
	} else if (strcmp(f, "if") == 0 && u->nargs == 3) {
		buf_adds(r->b, "(si ");
		un_expr(r, u->args[0], 0);
		buf_adds(r->b, " alors ");
		un_expr(r, u->args[1], 0);
		buf_adds(r->b, ", sinon ");
		un_expr(r, u->args[2], 0);
		buf_addc(r->b, ')');
	} else if ((strcmp(f, "count") == 0 || strcmp(f, "any") == 0) && u->nargs == 1) {
		buf_adds(r->b, f[0] == 'c' ? "le nombre d'occurrences où " :
		    "au moins une occurrence où ");
		un_expr(r, u->args[0], 1);
	}
}

static void un_not_render(struct un_render *r, const struct un *u)
{
	const struct un *x = u->l;

	if (x->op >= U_EQ && x->op <= U_GE)
		un_compare(r, x, 1);
	else if (x->op == U_IN)
		un_in(r, x, 1);
	else if (x->op == U_CALL)
		un_call(r, x, 1);
	else {
		buf_adds(r->b, "non (");
		un_expr(r, x, 0);
		buf_addc(r->b, ')');
	}
}

/* How tightly u binds: 0 or, 1 and, 2 not and comparisons, 3 sums, 4 products, 5 the rest. */
static int un_prec(const struct un *u)
{
	switch (u->op) {
	case U_OR:
		return 0;
	case U_AND:
		return 1;
	case U_ADD:
	case U_SUB:
		return 3;
	case U_MUL:
	case U_DIV:
		return 4;
	case U_NOT:
	case U_IN:
		return 2;
	default:
		return u->op >= U_EQ && u->op <= U_GE ? 2 : 5;
	}
}

/* Renders u; parenthesised when the context (prec) binds tighter than it does. */
static void un_expr(struct un_render *r, const struct un *u, int prec)
{
	static const char *const arith[] = {
		[U_ADD] = " + ", [U_SUB] = " - ", [U_MUL] = " × ", [U_DIV] = " / "
	};
	int mine = un_prec(u), paren = mine < prec;

	if (paren)
		buf_addc(r->b, '(');
	switch (u->op) {
	case U_NUM:
		un_num(r->b, u->num);
		break;
	case U_STR:
		buf_addf(r->b, "« %s »", u->str);
		break;
	case U_VAR:
		un_var(r, u->str);
		break;
	case U_NEG:
		buf_addc(r->b, '-');
		un_expr(r, u->l, 5);
		break;
	case U_NOT:
		un_not_render(r, u);
		break;
	case U_AND:
	case U_OR:
		un_expr(r, u->l, mine);
		buf_adds(r->b, u->op == U_AND ? " et " : " ou ");
		un_expr(r, u->r, mine);
		break;
	case U_IN:
		un_in(r, u, 0);
		break;
	case U_CALL:
		un_call(r, u, 0);
		break;
	case U_ADD:
	case U_SUB:
	case U_MUL:
	case U_DIV:
		un_expr(r, u->l, mine);
		buf_adds(r->b, arith[u->op]);
		un_expr(r, u->r, mine + 1);
		break;
	default:
		un_compare(r, u, 0);
		break;
	}
	if (paren)
		buf_addc(r->b, ')');
}

/* Appends expr in words to b, sharing the variables already named; the text when unreadable. */
static void un_words(struct un_render *r, const char *expr)
{
	struct arena a = { NULL };
	struct un_parser p;
	struct un *u;

	memset(&p, 0, sizeof p);
	p.a = &a;
	p.s = expr;
	u = un_or(&p);
	un_space(&p);
	if (u == NULL || p.s[p.pos] != '\0')
		buf_adds(r->b, expr);
	else
		un_expr(r, u, 0);
	arena_free(&a);
}

char *universe_words(const struct instrument *ins, const char *expr)
{
	struct buf b = { 0 };
	struct un_render r = { ins, &b, NULL, 0 };

	un_words(&r, expr);
	free(r.seen);
	return buf_take(&b);
}

/* Appends one condition, in words or as written. */
static void universe_part(struct un_render *r, int words, const char *lead, const char *expr)
{
	if (r->b->len > 0)
		buf_adds(r->b, words ? ", et " : " and ");
	if (!words) {
		buf_addf(r->b, "(%s)", expr);
		return;
	}
	buf_adds(r->b, lead);
	un_words(r, expr);
}

char *universe_of(const struct instrument *ins, const struct column *c, int words)
{
	struct buf b = { 0 };
	struct un_render r = { ins, &b, NULL, 0 };
	const struct question *q = c->q;
	const struct roster *ro;

	if (q == NULL || q->kind == K_FRAME)
		return NULL;
	if (q->theme != NULL && q->theme->when_src.text != NULL)
		universe_part(&r, words, "si ", q->theme->when_src.text);
	if ((ro = q->roster) != NULL) {
		if (ro->when_src.text != NULL)
			universe_part(&r, words, "si ", ro->when_src.text);
		if (ro->count_src.text != NULL) {
			char *count = xasprintf(words ? "%d" : "%d <= %s", c->instance,
			    ro->count_src.text);

			if (words) {
				if (b.len > 0)
					buf_adds(&b, ", et ");
				buf_addf(&b, "si le bloc « %s » a au moins %s occurrence%s (nombre : ",
				    ro->id, count, c->instance > 1 ? "s" : "");
				un_words(&r, ro->count_src.text);
				buf_addc(&b, ')');
			} else
				universe_part(&r, 0, "", count);
			free(count);
		}
	}
	if (q->when_src.text != NULL)
		universe_part(&r, words, "si ", q->when_src.text);
	free(r.seen);
	if (b.len == 0)
		return NULL;
	if (words)
		b.s[0] = b.s[0] == 's' ? 'S' : b.s[0];
	return buf_take(&b);
}

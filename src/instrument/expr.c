#include "instrument/expr_ast.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

enum tok {
	TK_END, TK_NUMBER, TK_STRING, TK_NAME, TK_AND, TK_OR, TK_NOT, TK_IN,
	TK_EQ, TK_NE, TK_LT, TK_LE, TK_GT, TK_GE, TK_PLUS, TK_MINUS, TK_STAR,
	TK_SLASH, TK_LPAREN, TK_RPAREN, TK_LBRACK, TK_RBRACK, TK_COMMA
};

struct token {
	enum tok t;
	size_t off, len;	/* where the token is written */
	double num;		/* TK_NUMBER */
	char *str;		/* TK_STRING value or TK_NAME, in the arena */
};

struct parser {
	struct arena *a;
	const char *s;
	size_t pos;		/* next byte to read */
	struct token tok;	/* the current token */
	int depth;
	char *cause;		/* the first error, or NULL */
	size_t off;		/* and where it is */
};

static const struct {
	const char *s;
	enum tok t;
} expr_punct[] = {
	{ "==", TK_EQ }, { "!=", TK_NE }, { "<=", TK_LE }, { ">=", TK_GE },
	{ "<", TK_LT }, { ">", TK_GT }, { "+", TK_PLUS }, { "-", TK_MINUS },
	{ "*", TK_STAR }, { "/", TK_SLASH }, { "(", TK_LPAREN }, { ")", TK_RPAREN },
	{ "[", TK_LBRACK }, { "]", TK_RBRACK }, { ",", TK_COMMA }
};

static const struct {
	const char *s;
	enum tok t;
} expr_keywords[] = {
	{ "and", TK_AND }, { "or", TK_OR }, { "not", TK_NOT }, { "in", TK_IN }
};

/* Hints for characters people write out of habit from other languages. */
static const struct {
	char c;
	const char *hint;
} expr_hints[] = {
	{ '=', "; use '==' to compare" },
	{ '"', "; strings are written in single quotes" },
	{ '&', "; use 'and'" },
	{ '|', "; use 'or'" },
	{ '!', "; use 'not' or '!='" },
};

static const struct {
	const char *name;
	enum efunc fn;
	size_t nargs;
} expr_funcs[] = {
	{ "answered", F_ANSWERED, 1 }, { "dk", F_DK, 1 }, { "rf", F_RF, 1 },
	{ "has", F_HAS, 2 }, { "count_of", F_COUNT_OF, 1 }, { "if", F_IF, 3 },
	{ "count", F_COUNT, 1 }, { "any", F_ANY, 1 }
};

#define nitems(a) (sizeof (a) / sizeof (a)[0])

static struct expr *parse_or(struct parser *);

/* Records the first error only: later ones are consequences of it. */
static void __attribute__((format(printf, 3, 4)))
parse_fail(struct parser *p, size_t off, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (p->cause != NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	p->cause = xstrdup(msg);
	p->off = off;
}

/* Names the current token the way an error message quotes it. */
static const char *parse_describe(struct parser *p, char *buf, size_t size)
{
	const struct token *t = &p->tok;
	int n = t->len > 32 ? 32 : (int)t->len;
	const char *more = t->len > 32 ? "..." : "";

	switch (t->t) {
	case TK_END:
		return "end of expression";
	case TK_NUMBER:
		snprintf(buf, size, "number %.*s%s", n, p->s + t->off, more);
		break;
	case TK_STRING:
		snprintf(buf, size, "string %.*s%s", n, p->s + t->off, more);
		break;
	case TK_NAME:
		snprintf(buf, size, "name '%.*s%s'", n, p->s + t->off, more);
		break;
	default:
		snprintf(buf, size, "'%.*s'", n, p->s + t->off);
		break;
	}
	return buf;
}

/* Fails at the current token, saying what was expected instead. */
static void parse_expected(struct parser *p, const char *what)
{
	char buf[64];

	parse_fail(p, p->tok.off, "expected %s but found %s", what,
	    parse_describe(p, buf, sizeof buf));
}

/* Reports a character that starts no token, showing it readably. */
static void lex_bad_char(struct parser *p, size_t off)
{
	const char *s = p->s + off;
	unsigned cp;
	size_t i;
	int n;

	for (i = 0; i < nitems(expr_hints); i++)
		if (*s == expr_hints[i].c) {
			parse_fail(p, off, "unexpected character '%c'%s", *s, expr_hints[i].hint);
			return;
		}
	if (*s >= 'A' && *s <= 'Z')
		parse_fail(p, off, "unexpected character '%c'; names are written in lower case",
		    *s);
	else if ((unsigned char)*s > 0x20 && (unsigned char)*s < 0x7f)
		parse_fail(p, off, "unexpected character '%c'", *s);
	else if ((unsigned char)*s < 0x80)
		parse_fail(p, off, "unexpected control character 0x%02x", (unsigned char)*s);
	else {
		n = utf8_decode(s, strlen(s), &cp);
		if (cp == 0xfffd && n == 1)
			parse_fail(p, off, "unexpected byte 0x%02x", (unsigned char)*s);
		else
			parse_fail(p, off, "unexpected character '%.*s'", n, s);
	}
}

/* Tells whether c may continue a name or a number, to catch "12abc" whole. */
static int lex_is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '_';
}

/* Reads a decimal literal without strtod, whose decimal point follows the locale. */
static void lex_number(struct parser *p)
{
	const char *s = p->s + p->tok.off;
	size_t i = 0, ndigits = 0, nfrac = 0;
	double m = 0;

	while (s[i] >= '0' && s[i] <= '9') {
		m = m * 10 + (s[i++] - '0');
		ndigits++;
	}
	if (s[i] == '.') {
		i++;
		while (s[i] >= '0' && s[i] <= '9') {
			m = m * 10 + (s[i++] - '0');
			nfrac++;
		}
	}
	p->tok.len = i;
	while (lex_is_word(s[i]) || s[i] == '.')
		i++;
	if (i != p->tok.len || s[i - 1] == '.') {
		parse_fail(p, p->tok.off, "malformed number '%.*s'", (int)(i > 32 ? 32 : i), s);
		return;
	}
	if (ndigits + nfrac > 30) {
		parse_fail(p, p->tok.off, "number too long");
		return;
	}
	p->tok.t = TK_NUMBER;
	p->tok.num = m / pow(10, (double)nfrac);
	p->pos = p->tok.off + i;
}

/* Reads a single-quoted string; a doubled quote stands for one quote. */
static void lex_string(struct parser *p)
{
	const char *s = p->s + p->tok.off;
	size_t i = 1, n = 0;
	char *v;

	for (;; i++) {
		if (s[i] == '\0') {
			parse_fail(p, p->tok.off, "unterminated string");
			return;
		}
		if (s[i] == '\'' && s[i + 1] != '\'')
			break;
		if (s[i] == '\'')
			i++;
		n++;
	}
	p->tok.t = TK_STRING;
	p->tok.len = i + 1;
	p->tok.str = v = arena_alloc(p->a, n + 1);
	for (i = 1; n > 0; n--) {
		*v++ = s[i];
		i += s[i] == '\'' ? 2 : 1;
	}
	p->pos = p->tok.off + p->tok.len;
}

/* Reads a name or a keyword. */
static void lex_name(struct parser *p)
{
	const char *s = p->s + p->tok.off;
	size_t i = 1, k;

	while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_')
		i++;
	p->tok.len = i;
	p->pos = p->tok.off + i;
	for (k = 0; k < nitems(expr_keywords); k++)
		if (strlen(expr_keywords[k].s) == i && memcmp(s, expr_keywords[k].s, i) == 0) {
			p->tok.t = expr_keywords[k].t;
			return;
		}
	p->tok.t = TK_NAME;
	p->tok.str = arena_strndup(p->a, s, i);
}

/* Moves to the next token; on a lexical error the token becomes the end. */
static void lex_next(struct parser *p)
{
	const char *s = p->s;
	size_t k, n;

	while (s[p->pos] == ' ' || s[p->pos] == '\t' || s[p->pos] == '\n' || s[p->pos] == '\r')
		p->pos++;
	memset(&p->tok, 0, sizeof p->tok);
	p->tok.off = p->pos;
	if (p->cause != NULL || s[p->pos] == '\0')
		return;
	if (s[p->pos] >= '0' && s[p->pos] <= '9')
		lex_number(p);
	else if (s[p->pos] == '\'')
		lex_string(p);
	else if (s[p->pos] >= 'a' && s[p->pos] <= 'z')
		lex_name(p);
	else {
		for (k = 0; k < nitems(expr_punct); k++) {
			n = strlen(expr_punct[k].s);
			if (strncmp(s + p->pos, expr_punct[k].s, n) == 0) {
				p->tok.t = expr_punct[k].t;
				p->tok.len = n;
				p->pos += n;
				return;
			}
		}
		lex_bad_char(p, p->pos);
	}
	if (p->cause != NULL)
		p->tok.t = TK_END;
}

/* Allocates a node of the tree. */
static struct expr *node_new(struct parser *p, enum enode op, size_t off, size_t start)
{
	struct expr *e = arena_alloc(p->a, sizeof *e);

	e->op = op;
	e->off = off;
	e->start = start;
	return e;
}

/* Builds a binary node from the operator token at off. */
static struct expr *node_binary(struct parser *p, enum enode op, size_t off, struct expr *l,
    struct expr *r)
{
	struct expr *e = node_new(p, op, off, l->start);

	e->l = l;
	e->r = r;
	return e;
}

/* Counts one more level of nesting; fails past the limit. */
static int parse_enter(struct parser *p)
{
	if (++p->depth > EXPR_MAX_DEPTH) {
		parse_fail(p, p->tok.off, "expression nested too deeply");
		return 0;
	}
	return 1;
}

/* Appends e to a list growing in the heap. */
static void list_push(struct expr ***v, size_t *n, struct expr *e)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = e;
}

/* Moves a heap list into the arena. */
static struct expr **list_keep(struct parser *p, struct expr **v, size_t n)
{
	struct expr **out = arena_alloc(p->a, (n ? n : 1) * sizeof *out);

	if (n > 0)
		memcpy(out, v, n * sizeof *out);
	free(v);
	return out;
}

/* One item of an `in` list: a number, possibly negative, or a string. */
static struct expr *parse_item(struct parser *p)
{
	struct expr *e;
	size_t off = p->tok.off;
	int neg = 0;

	if (p->tok.t == TK_MINUS) {
		neg = 1;
		lex_next(p);
		if (p->tok.t != TK_NUMBER) {
			parse_expected(p, "a number after '-'");
			return NULL;
		}
	}
	if (p->tok.t == TK_NUMBER) {
		e = node_new(p, E_NUM, off, off);
		e->num = neg ? -p->tok.num : p->tok.num;
	} else if (p->tok.t == TK_STRING) {
		e = node_new(p, E_STR, off, off);
		e->str = p->tok.str;
	} else {
		parse_expected(p, "a number or a string in the list");
		return NULL;
	}
	lex_next(p);
	return e;
}

/* The list after `in`: [lit, lit, ...], at least one item. */
static struct expr *parse_list(struct parser *p, struct expr *l, size_t off)
{
	struct expr *e = node_new(p, E_IN, off, l->start), *it, **v = NULL;
	size_t n = 0;

	e->l = l;
	if (p->tok.t != TK_LBRACK) {
		parse_expected(p, "'[' after 'in'");
		return NULL;
	}
	lex_next(p);
	for (;;) {
		if ((it = parse_item(p)) == NULL)
			break;
		list_push(&v, &n, it);
		if (p->tok.t == TK_RBRACK) {
			lex_next(p);
			e->args = list_keep(p, v, n);
			e->nargs = n;
			return e;
		}
		if (p->tok.t != TK_COMMA) {
			parse_expected(p, "',' or ']'");
			break;
		}
		lex_next(p);
	}
	free(v);
	return NULL;
}

/* Looks a function up by name; reports an unknown one. */
static int parse_func(struct parser *p, const char *name, size_t off)
{
	const char *names[nitems(expr_funcs)], *near;
	size_t i;

	for (i = 0; i < nitems(expr_funcs); i++) {
		if (strcmp(expr_funcs[i].name, name) == 0)
			return (int)i;
		names[i] = expr_funcs[i].name;
	}
	if ((near = str_suggest(name, names, nitems(names))) != NULL)
		parse_fail(p, off, "unknown function '%s'; did you mean '%s'?", name, near);
	else
		parse_fail(p, off, "unknown function '%s'", name);
	return -1;
}

/* The arguments of a call, the current token being '('. */
static struct expr *parse_call(struct parser *p, const char *name, size_t off)
{
	struct expr *e, *arg, **v = NULL;
	size_t n = 0;
	int f;

	if ((f = parse_func(p, name, off)) < 0)
		return NULL;
	lex_next(p);
	while (p->tok.t != TK_RPAREN || n > 0) {
		if ((arg = parse_or(p)) == NULL)
			goto fail;
		list_push(&v, &n, arg);
		if (p->tok.t == TK_RPAREN)
			break;
		if (p->tok.t != TK_COMMA) {
			parse_expected(p, "',' or ')'");
			goto fail;
		}
		lex_next(p);
	}
	lex_next(p);
	if (n != expr_funcs[f].nargs) {
		parse_fail(p, off, "%s() takes %zu argument%s, found %zu", name,
		    expr_funcs[f].nargs, expr_funcs[f].nargs == 1 ? "" : "s", n);
		goto fail;
	}
	e = node_new(p, E_CALL, off, off);
	e->fn = expr_funcs[f].fn;
	e->args = list_keep(p, v, n);
	e->nargs = n;
	return e;
fail:
	free(v);
	return NULL;
}

/* A literal, a name, a call or a parenthesised expression. */
static struct expr *parse_primary(struct parser *p)
{
	struct token t = p->tok;
	struct expr *e;

	switch (t.t) {
	case TK_NUMBER:
		e = node_new(p, E_NUM, t.off, t.off);
		e->num = t.num;
		break;
	case TK_STRING:
		e = node_new(p, E_STR, t.off, t.off);
		e->str = t.str;
		break;
	case TK_NAME:
		lex_next(p);
		if (p->tok.t == TK_LPAREN)
			return parse_call(p, t.str, t.off);
		e = node_new(p, E_VAR, t.off, t.off);
		e->str = t.str;
		return e;
	case TK_LPAREN:
		lex_next(p);
		if ((e = parse_or(p)) == NULL)
			return NULL;
		if (p->tok.t != TK_RPAREN) {
			parse_expected(p, "')'");
			return NULL;
		}
		break;
	default:
		parse_expected(p, "a value");
		return NULL;
	}
	lex_next(p);
	return e;
}

/* Unary minus, binding tighter than any binary operator. */
static struct expr *parse_neg(struct parser *p)
{
	struct expr *e, *operand;
	size_t off = p->tok.off;

	if (p->tok.t != TK_MINUS)
		return parse_primary(p);
	if (!parse_enter(p))
		return NULL;
	lex_next(p);
	if ((operand = parse_neg(p)) == NULL)
		return NULL;
	p->depth--;
	e = node_new(p, E_NEG, off, off);
	e->l = operand;
	return e;
}

/* Products and quotients, left to right. */
static struct expr *parse_mul(struct parser *p)
{
	struct expr *l, *r;
	enum enode op;
	size_t off;

	if ((l = parse_neg(p)) == NULL)
		return NULL;
	while (p->tok.t == TK_STAR || p->tok.t == TK_SLASH) {
		op = p->tok.t == TK_STAR ? E_MUL : E_DIV;
		off = p->tok.off;
		lex_next(p);
		if ((r = parse_neg(p)) == NULL)
			return NULL;
		l = node_binary(p, op, off, l, r);
	}
	return l;
}

/* Sums and differences, left to right. */
static struct expr *parse_add(struct parser *p)
{
	struct expr *l, *r;
	enum enode op;
	size_t off;

	if ((l = parse_mul(p)) == NULL)
		return NULL;
	while (p->tok.t == TK_PLUS || p->tok.t == TK_MINUS) {
		op = p->tok.t == TK_PLUS ? E_ADD : E_SUB;
		off = p->tok.off;
		lex_next(p);
		if ((r = parse_mul(p)) == NULL)
			return NULL;
		l = node_binary(p, op, off, l, r);
	}
	return l;
}

/* Maps a comparison token to its node, or returns 0 for other tokens. */
static int parse_cmp_op(enum tok t, enum enode *op)
{
	switch (t) {
	case TK_EQ: *op = E_EQ; return 1;
	case TK_NE: *op = E_NE; return 1;
	case TK_LT: *op = E_LT; return 1;
	case TK_LE: *op = E_LE; return 1;
	case TK_GT: *op = E_GT; return 1;
	case TK_GE: *op = E_GE; return 1;
	default: return 0;
	}
}

/* One comparison or membership test at most: they do not chain. */
static struct expr *parse_cmp(struct parser *p)
{
	struct expr *l, *r;
	enum enode op;
	size_t off;

	if ((l = parse_add(p)) == NULL)
		return NULL;
	off = p->tok.off;
	if (parse_cmp_op(p->tok.t, &op)) {
		lex_next(p);
		if ((r = parse_add(p)) == NULL)
			return NULL;
		l = node_binary(p, op, off, l, r);
	} else if (p->tok.t == TK_IN) {
		lex_next(p);
		if ((l = parse_list(p, l, off)) == NULL)
			return NULL;
	} else
		return l;
	if (parse_cmp_op(p->tok.t, &op) || p->tok.t == TK_IN) {
		parse_fail(p, p->tok.off, "comparisons cannot be chained; use 'and'");
		return NULL;
	}
	return l;
}

/* Prefix `not`, looser than comparisons: `not a == 1` negates the comparison. */
static struct expr *parse_not(struct parser *p)
{
	struct expr *e, *operand;
	size_t off = p->tok.off;

	if (p->tok.t != TK_NOT)
		return parse_cmp(p);
	if (!parse_enter(p))
		return NULL;
	lex_next(p);
	if ((operand = parse_not(p)) == NULL)
		return NULL;
	p->depth--;
	e = node_new(p, E_NOT, off, off);
	e->l = operand;
	return e;
}

/* Conjunctions, left to right. */
static struct expr *parse_and(struct parser *p)
{
	struct expr *l, *r;
	size_t off;

	if ((l = parse_not(p)) == NULL)
		return NULL;
	while (p->tok.t == TK_AND) {
		off = p->tok.off;
		lex_next(p);
		if ((r = parse_not(p)) == NULL)
			return NULL;
		l = node_binary(p, E_AND, off, l, r);
	}
	return l;
}

/* A whole expression, the loosest level: disjunctions. */
static struct expr *parse_or(struct parser *p)
{
	struct expr *l, *r;
	size_t off;

	if (!parse_enter(p))
		return NULL;
	if ((l = parse_and(p)) == NULL)
		return NULL;
	while (p->tok.t == TK_OR) {
		off = p->tok.off;
		lex_next(p);
		if ((r = parse_and(p)) == NULL)
			return NULL;
		l = node_binary(p, E_OR, off, l, r);
	}
	p->depth--;
	return l;
}

struct expr *expr_parse(struct arena *a, const char *src, char **cause, size_t *offset)
{
	struct parser p;
	struct expr *e = NULL;

	memset(&p, 0, sizeof p);
	p.a = a;
	p.s = src;
	if (strlen(src) > EXPR_MAX_LEN)
		parse_fail(&p, 0, "expression too long (more than %d bytes)", EXPR_MAX_LEN);
	else {
		lex_next(&p);
		if (p.tok.t == TK_END)
			parse_fail(&p, p.tok.off, "empty expression");
		else if ((e = parse_or(&p)) != NULL && p.tok.t != TK_END)
			parse_expected(&p, "end of expression");
	}
	if (p.cause != NULL) {
		*cause = p.cause;
		*offset = p.off;
		return NULL;
	}
	*cause = NULL;
	*offset = 0;
	return e;
}

struct pos expr_pos(const struct src *where, size_t off)
{
	struct pos p = { 0, 0 };
	const char *s, *line = NULL;
	size_t i, nl = 0;

	if (where == NULL || where->text == NULL)
		return p;
	s = where->text;
	for (i = 0; i < off && s[i] != '\0'; i++)
		if (s[i] == '\n') {
			nl++;
			line = s + i + 1;
		}
	p.line = where->pos.line + (int)nl;
	if (line == NULL)
		p.col = where->pos.col + where->quoted + (int)utf8_chars(s, i);
	else
		p.col = 1 + (int)utf8_chars(line, (size_t)(s + i - line));
	return p;
}

void expr_refs(const struct expr *e, void (*fn)(void *arg, const struct question *q), void *arg)
{
	size_t i;

	if (e == NULL)
		return;
	if (e->op == E_VAR && e->q != NULL)
		fn(arg, e->q);
	expr_refs(e->l, fn, arg);
	expr_refs(e->r, fn, arg);
	for (i = 0; i < e->nargs; i++)
		expr_refs(e->args[i], fn, arg);
}

const char *expr_func_name(enum efunc f)
{
	size_t i;

	for (i = 0; i < nitems(expr_funcs); i++)
		if (expr_funcs[i].fn == f)
			return expr_funcs[i].name;
	return "?";
}

const char *etype_name(enum etype t)
{
	switch (t) {
	case T_NUM:
		return "number";
	case T_TEXT:
		return "text";
	case T_DATE:
		return "date";
	case T_BOOL:
		return "condition";
	case T_MULTI:
		return "multi";
	default:
		return "invalid";
	}
}

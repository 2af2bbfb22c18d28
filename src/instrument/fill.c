#include "instrument/fill.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instrument/expr_ast.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* What a missing, don't-know or refused value shows: U+2026. */
#define FILL_MISSING "\xe2\x80\xa6"

/* 1 if s starts "{{" or "}}", a literal brace. */
static int fill_is_brace(const char *s)
{
	return (s[0] == '{' && s[1] == '{') || (s[0] == '}' && s[1] == '}');
}

/* Length of the well-formed fill "{name}" at s, or 0 if s starts none. */
static size_t fill_len(const char *s)
{
	size_t i = 2;

	if (s[0] != '{' || s[1] < 'a' || s[1] > 'z')
		return 0;
	while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_')
		i++;
	return s[i] == '}' ? i + 1 : 0;
}

/* Checks one fill name found at byte off of the text. */
static void fill_check_name(const char *name, size_t off, const struct src *where,
    const struct expr_scope *scope, struct diag *d)
{
	const struct question *q;
	struct pos pos = expr_pos(where, off);

	if (strcmp(name, "n") == 0) {
		if (scope->roster == NULL)
			diag_error(d, pos.line, pos.col, "{n} is only meaningful inside a roster");
		return;
	}
	if (strcmp(name, "interviewer") == 0)
		return;
	if ((q = expr_resolve(name, off, where, scope, d)) == NULL)
		return;
	if (q->roster != NULL && q->roster != scope->roster)
		diag_error(d, pos.line, pos.col,
		    "'%s' is a roster question: it can only be filled inside its roster", name);
}

int fill_check(const char *text, const struct src *where, const struct expr_scope *scope,
    struct diag *d)
{
	size_t errors = d->errors, i = 0, n;
	struct src w;
	struct pos pos;
	char *name;

	if (text == NULL)
		return 0;
	memset(&w, 0, sizeof w);
	if (where != NULL)
		w = *where;
	w.text = text;
	while (text[i] != '\0') {
		if (fill_is_brace(text + i))
			i += 2;
		else if (text[i] != '{')
			i++;
		else if ((n = fill_len(text + i)) == 0) {
			pos = expr_pos(where != NULL ? &w : NULL, i);
			diag_error(d, pos.line, pos.col, "unclosed or malformed fill");
			i++;
		} else {
			name = xstrndup(text + i + 1, n - 2);
			fill_check_name(name, i + 1, where != NULL ? &w : NULL, scope, d);
			free(name);
			i += n;
		}
	}
	return (int)(d->errors - errors);
}

/* Writes a number the French way: a decimal comma, no exponent for whole numbers. */
static void fill_number(struct buf *b, double x)
{
	char tmp[64], *p;

	if (x == 0)
		x = 0;		/* no "-0" */
	if (x == floor(x) && fabs(x) < 1e15)
		snprintf(tmp, sizeof tmp, "%.0f", x);
	else
		snprintf(tmp, sizeof tmp, "%.15g", x);
	if ((p = strchr(tmp, '.')) != NULL)
		*p = ',';
	buf_adds(b, tmp);
}

/* Writes an option's label, or the code itself when it has none. */
static void fill_code(struct buf *b, const struct question *q, double code)
{
	const struct option *o = NULL;

	if (code == floor(code) && fabs(code) < 1e15)
		o = optlist_find(q->options, (long)code);
	if (o != NULL && o->label != NULL)
		buf_adds(b, o->label);
	else
		fill_number(b, code);
}

/* 1 if q holds dates, which fills show as DD/MM/YYYY. */
static int fill_is_date(const struct question *q)
{
	if (q->type == Q_DATE)
		return 1;
	return q->type == Q_COMPUTED && q->options == NULL && q->expr != NULL &&
	    q->expr->type == T_DATE;
}

/* Writes a text value; an ISO date of a date variable is turned around. */
static void fill_text(struct buf *b, const struct question *q, const char *s)
{
	if (fill_is_date(q) && strlen(s) == 10 && s[4] == '-' && s[7] == '-')
		buf_addf(b, "%.2s/%.2s/%.4s", s + 8, s + 5, s);
	else
		buf_adds(b, s);
}

/* Writes the value of q as the interviewer reads it aloud. */
static void fill_value(struct buf *b, const struct question *q, struct value v)
{
	size_t i;

	switch (v.kind) {
	case V_NUM:
		if (q->options != NULL && q->type != Q_MULTI)
			fill_code(b, q, v.num);
		else
			fill_number(b, v.num);
		return;
	case V_TEXT:
		fill_text(b, q, v.text != NULL ? v.text : "");
		return;
	case V_MULTI:
		if (v.ncodes == 0)
			break;
		for (i = 0; i < v.ncodes; i++) {
			if (i > 0)
				buf_adds(b, ", ");
			fill_code(b, q, (double)v.codes[i]);
		}
		return;
	default:
		break;
	}
	buf_adds(b, FILL_MISSING);
}

/* Writes what the fill {name} stands for; an unknown name stays as written. */
static void fill_one(struct buf *b, const char *name, const struct instrument *ins,
    const struct expr_env *env, const char *interviewer)
{
	const struct question *q;
	struct value v;

	memset(&v, 0, sizeof v);
	if (strcmp(name, "n") == 0)
		buf_addf(b, "%d", env != NULL ? env->instance : 0);
	else if (strcmp(name, "interviewer") == 0)
		buf_adds(b, interviewer != NULL ? interviewer : FILL_MISSING);
	else if (ins == NULL || (q = instrument_var(ins, name)) == NULL)
		buf_addf(b, "{%s}", name);
	else {
		if (env != NULL && env->get != NULL)
			v = env->get(env->ctx, q, q->roster != NULL ? env->instance : 0);
		fill_value(b, q, v);
	}
}

char *fill_apply(const char *text, const struct instrument *ins, const struct expr_env *env,
    const char *interviewer)
{
	struct buf b = { NULL, 0, 0 };
	size_t i = 0, n;
	char *name;

	while (text != NULL && text[i] != '\0') {
		if (fill_is_brace(text + i)) {
			buf_addc(&b, text[i]);
			i += 2;
		} else if ((n = fill_len(text + i)) > 0) {
			name = xstrndup(text + i + 1, n - 2);
			fill_one(&b, name, ins, env, interviewer);
			free(name);
			i += n;
		} else
			buf_addc(&b, text[i++]);
	}
	return buf_take(&b);
}

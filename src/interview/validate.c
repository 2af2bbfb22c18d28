/* Answers typed by the interviewer: parsed, then validated against the question and its checks. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interview/engine.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define VALIDATE_QUOTE_COLS 40	/* columns of a typed answer quoted back in a message */

/* Makes room for n codes and a copy of a text of len bytes in the scratch. */
static void validate_scratch(struct engine *e, size_t len)
{
	if (len + 1 <= e->scratch_cap)
		return;
	e->scratch_cap = len + 1;
	e->scratch = xreallocarray(e->scratch, e->scratch_cap, 1);
	e->scratch_codes = xreallocarray(e->scratch_codes, e->scratch_cap, sizeof *e->scratch_codes);
}

static int validate_cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* Reads "1,3,9" (or spaces) into sorted codes. */
static int validate_parse_multi(struct engine *e, const char *t, struct value *v, char **msg)
{
	size_t n = 0, i;
	char *end;

	validate_scratch(e, strlen(t));
	while (*t != '\0') {
		long code;

		while (*t == ',' || *t == ' ' || *t == ';')
			t++;
		if (*t == '\0')
			break;
		code = strtol(t, &end, 10);
		if (end == t || (*end != '\0' && *end != ',' && *end != ' ' && *end != ';')) {
			*msg = xstrdup("Codes attendus, séparés par des virgules (ex. 1,3).");
			return -1;
		}
		e->scratch_codes[n++] = code;
		t = end;
	}
	if (n == 0) {
		*msg = xstrdup("Au moins un code est attendu.");
		return -1;
	}
	qsort(e->scratch_codes, n, sizeof *e->scratch_codes, validate_cmp_long);
	for (i = 1; i < n; i++) {
		if (e->scratch_codes[i] == e->scratch_codes[i - 1]) {
			*msg = xasprintf("Le code %ld est donné deux fois.", e->scratch_codes[i]);
			return -1;
		}
	}
	v->kind = V_MULTI;
	v->codes = e->scratch_codes;
	v->ncodes = n;
	return 0;
}

/* 1 if y-m-d is a real calendar date. */
static int validate_real_date(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

/* Reads AAAA-MM-JJ or JJ/MM/AAAA into ISO text. */
static int validate_parse_date(struct engine *e, const char *t, struct value *v, char **msg)
{
	int y, m, d, n = 0;

	if (!(sscanf(t, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && t[n] == '\0') &&
	    !(sscanf(t, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 && t[n] == '\0')) {
		*msg = xstrdup("Date attendue au format JJ/MM/AAAA.");
		return -1;
	}
	if (!validate_real_date(y, m, d)) {
		*msg = xasprintf("La date %02d/%02d/%04d n'existe pas.", d, m, y);
		return -1;
	}
	validate_scratch(e, 10);
	snprintf(e->scratch, e->scratch_cap, "%04d-%02d-%02d", y, m, d);
	v->kind = V_TEXT;
	v->text = e->scratch;
	return 0;
}

/* A message "« TYPED » WHY": the typed text cut short, so a long paste is not echoed whole. */
static char *validate_quote(const char *typed, const char *why)
{
	char *cut = utf8_ellipsize(typed, strlen(typed), VALIDATE_QUOTE_COLS), *msg;

	msg = xasprintf("« %s » %s", cut, why);
	free(cut);
	return msg;
}

/* Reads a number; a decimal comma is accepted, as French speakers type it. */
static int validate_parse_number(struct engine *e, const char *t, struct value *v, char **msg)
{
	char *p;

	validate_scratch(e, strlen(t));
	memmove(e->scratch, t, strlen(t) + 1);	/* t may be the scratch itself */
	if ((p = strchr(e->scratch, ',')) != NULL)
		*p = '.';
	if (str_to_double(e->scratch, &v->num) != 0 || !isfinite(v->num)) {
		if (p != NULL)
			*p = ',';
		*msg = validate_quote(e->scratch, "n'est pas un nombre.");
		return -1;
	}
	v->kind = V_NUM;
	return 0;
}

/* Copies t without its surrounding blanks into the scratch. */
static const char *validate_trim(struct engine *e, const char *t)
{
	size_t len;

	while (*t == ' ' || *t == '\t')
		t++;
	len = strlen(t);
	while (len > 0 && (t[len - 1] == ' ' || t[len - 1] == '\t' || t[len - 1] == '\n' ||
	    t[len - 1] == '\r'))
		len--;
	validate_scratch(e, len);
	memcpy(e->scratch, t, len);
	e->scratch[len] = '\0';
	return e->scratch;
}

int engine_parse(struct engine *e, const char *text, struct value *v, char **msg)
{
	const struct step *s = engine_current(e);
	const char *t;
	long code;

	memset(v, 0, sizeof *v);
	if (s == NULL) {
		*msg = xstrdup("L'entretien est terminé.");
		return -1;
	}
	t = validate_trim(e, text);
	if (*t == '\0' && s->q->type != Q_INFO) {
		*msg = xstrdup("Réponse vide.");
		return -1;
	}
	switch (s->q->type) {
	case Q_SINGLE:
		if (str_to_long(t, &code) != 0) {
			*msg = validate_quote(t, "n'est pas un code.");
			return -1;
		}
		v->kind = V_NUM;
		v->num = (double)code;
		return 0;
	case Q_MULTI:
		return validate_parse_multi(e, t, v, msg);
	case Q_NUMBER:
		return validate_parse_number(e, t, v, msg);
	case Q_DATE:
		return validate_parse_date(e, t, v, msg);
	case Q_TEXT:
		v->kind = V_TEXT;
		v->text = t;
		return 0;
	default:
		v->kind = V_NONE;
		return 0;
	}
}

/* The option codes of q as "1, 2, 3", for messages. */
static char *validate_codes(const struct question *q)
{
	struct buf b = { 0 };
	size_t i;

	for (i = 0; i < q->options->n; i++)
		buf_addf(&b, "%s%ld", i ? ", " : "", q->options->v[i].code);
	return buf_take(&b);
}

static char *validate_single(const struct question *q, const struct value *v)
{
	char *codes, *msg;

	if (optlist_find(q->options, (long)v->num) != NULL && v->num == (double)(long)v->num)
		return NULL;
	codes = validate_codes(q);
	msg = xasprintf("Code %g inconnu : choisir parmi %s.", v->num, codes);
	free(codes);
	return msg;
}

static char *validate_multi(const struct question *q, const struct value *v)
{
	size_t i, j;
	char *codes, *msg;

	for (i = 0; i < v->ncodes; i++) {
		if (optlist_find(q->options, v->codes[i]) != NULL)
			continue;
		codes = validate_codes(q);
		msg = xasprintf("Code %ld inconnu : choisir parmi %s.", v->codes[i], codes);
		free(codes);
		return msg;
	}
	for (i = 0; i < q->nexclusive; i++) {
		for (j = 0; j < v->ncodes; j++) {
			if (v->codes[j] != q->exclusive[i])
				continue;
			if (v->ncodes == 1)
				return NULL;	/* alone, an exclusive code satisfies min_choices */
			return xasprintf("« %s » ne se combine pas avec d'autres réponses.",
			    optlist_find(q->options, q->exclusive[i])->label);
		}
	}
	if (q->min_choices > 0 && v->ncodes < (size_t)q->min_choices)
		return xasprintf("Au moins %d réponses sont attendues.", q->min_choices);
	return NULL;
}

static char *validate_number(const struct question *q, const struct value *v)
{
	double scaled = v->num * pow(10, q->decimals);

	if ((q->has_min && v->num < q->min) || (q->has_max && v->num > q->max)) {
		if (q->has_min && q->has_max)
			return xasprintf("Valeur hors limites : entre %g et %g.", q->min, q->max);
		if (q->has_min)
			return xasprintf("Valeur trop petite : au moins %g.", q->min);
		return xasprintf("Valeur trop grande : au plus %g.", q->max);
	}
	if (fabs(scaled - round(scaled)) > 1e-9 * (fabs(scaled) + 1)) {
		if (q->decimals == 0)
			return xstrdup("Nombre entier attendu.");
		return xasprintf("%d décimale%s au plus.", q->decimals, q->decimals > 1 ? "s" : "");
	}
	return NULL;
}

/* Checks v against q's own rules: type, codes, range, length. */
static char *validate_value(const struct engine *e, const struct question *q,
    const struct value *v)
{
	if (v->kind == V_DK)
		return q->dk ? NULL : xstrdup("« Ne sait pas » n'est pas accepté ici.");
	if (v->kind == V_RF)
		return q->rf ? NULL : xstrdup("« Refus » n'est pas accepté ici.");
	(void)e;
	switch (q->type) {
	case Q_SINGLE:
		return v->kind == V_NUM ? validate_single(q, v) : xstrdup("Code attendu.");
	case Q_MULTI:
		return v->kind == V_MULTI ? validate_multi(q, v) : xstrdup("Codes attendus.");
	case Q_NUMBER:
		return v->kind == V_NUM ? validate_number(q, v) : xstrdup("Nombre attendu.");
	case Q_TEXT:
		if (v->kind != V_TEXT || v->text[0] == '\0')
			return xstrdup("Texte attendu.");
		if (q->max_length > 0 && utf8_chars(v->text, strlen(v->text)) > (size_t)q->max_length)
			return xasprintf("Texte trop long : %d caractères au plus.", q->max_length);
		return NULL;
	case Q_DATE:
		return v->kind == V_TEXT ? NULL : xstrdup("Date attendue.");
	default:
		return NULL;
	}
}

struct refs_state {
	const struct expr_env *env;	/* as the check sees answers: off-path ones are missing */
	int missing;
};

/* Marks the check as not computable when a referenced answer is missing, DK or RF. */
static void validate_ref(void *arg, const struct question *q)
{
	struct refs_state *st = arg;
	struct value v;

	if (q->roster != NULL && st->env->instance == 0)
		return;		/* inside count() or any(): those handle their own instances */
	v = st->env->get(st->env->ctx, q, st->env->instance);
	if (v.kind == V_NONE || v.kind == V_DK || v.kind == V_RF)
		st->missing = 1;
}

const struct check *engine_check(struct engine *e, const struct step *s, const struct value *v,
    int confirmed, char **msg)
{
	const struct check *failed = NULL;
	struct expr_env env;
	struct slot saved, *sl = engine_slot(e, s->q, s->instance);
	size_t i;

	saved = *sl;
	memset(sl, 0, sizeof *sl);
	sl->kind = v->kind;
	sl->num = v->num;
	sl->text = (char *)v->text;
	sl->codes = (long *)v->codes;
	sl->ncodes = v->ncodes;
	engine_env(e, s->instance, &env);
	for (i = 0; i < s->q->nchecks && failed == NULL; i++) {
		const struct check *c = &s->q->checks[i];
		struct refs_state st = { &env, 0 };

		if (c->expr == NULL || (c->soft && confirmed))
			continue;
		expr_refs(c->expr, validate_ref, &st);
		if (!st.missing && !expr_test(c->expr, &env))
			failed = c;
	}
	if (failed != NULL && msg != NULL)
		*msg = failed->message != NULL ? engine_fill(e, failed->message, s) :
		    xstrdup("Contrôle non vérifié.");
	*sl = saved;
	return failed;
}

enum engine_verdict engine_validate(struct engine *e, const struct value *v, int confirmed,
    char **msg)
{
	const struct step *s = engine_current(e);
	const struct check *c;

	*msg = NULL;
	if (s == NULL) {
		*msg = xstrdup("L'entretien est terminé.");
		return VERDICT_REFUSED;
	}
	if ((*msg = validate_value(e, s->q, v)) != NULL)
		return VERDICT_REFUSED;
	if (v->kind == V_DK || v->kind == V_RF)
		return VERDICT_OK;
	if ((c = engine_check(e, s, v, confirmed, msg)) == NULL)
		return VERDICT_OK;
	return c->soft ? VERDICT_SOFT : VERDICT_REFUSED;
}

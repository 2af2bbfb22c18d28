/* The loader's second half: themes, questions and rosters. */
#include <stdio.h>
#include <string.h>

#include "instrument/load.h"
#include "util/str.h"
#include "util/xmalloc.h"

static const char *const question_keys[] = {
	"id", "type", "text", "label", "instruction", "options", "when", "dk", "rf",
	"randomize", "exclusive", "min_choices", "min", "max", "decimals", "max_length",
	"expr", "checks", "terminate", NULL
};

static const char *const qtype_names[] = {
	"single", "multi", "number", "text", "date", "info", "computed", NULL
};

/* Keys that only some types take, with the types that take them. */
static const struct {
	const char *key;
	unsigned types;		/* bit (1 << enum qtype) */
} load_typed_keys[] = {
	{ "options", 1u << Q_SINGLE | 1u << Q_MULTI | 1u << Q_COMPUTED },
	{ "randomize", 1u << Q_SINGLE | 1u << Q_MULTI },
	{ "exclusive", 1u << Q_MULTI },
	{ "min_choices", 1u << Q_MULTI },
	{ "min", 1u << Q_NUMBER },
	{ "max", 1u << Q_NUMBER },
	{ "decimals", 1u << Q_NUMBER },
	{ "max_length", 1u << Q_TEXT },
	{ "expr", 1u << Q_COMPUTED },
	{ "checks", 1u << Q_SINGLE | 1u << Q_MULTI | 1u << Q_NUMBER | 1u << Q_TEXT | 1u << Q_DATE },
	{ "terminate", ~(1u << Q_COMPUTED) },
	{ "dk", 1u << Q_SINGLE | 1u << Q_MULTI | 1u << Q_NUMBER | 1u << Q_TEXT | 1u << Q_DATE },
	{ "rf", 1u << Q_SINGLE | 1u << Q_MULTI | 1u << Q_NUMBER | 1u << Q_TEXT | 1u << Q_DATE },
};

/* Reports keys that exist in the format but not for this question type. */
static void load_type_keys(struct loader *l, const struct ynode *n, enum qtype t)
{
	size_t i;

	for (i = 0; i < sizeof load_typed_keys / sizeof load_typed_keys[0]; i++) {
		const struct ynode *v = ytree_get(n, load_typed_keys[i].key);
		size_t k;

		if (v == NULL || (load_typed_keys[i].types & (1u << t)))
			continue;
		for (k = 0; k < n->n && n->pairs[k].val != v; k++)
			;
		diag_error(l->d, n->pairs[k].key->pos.line, n->pairs[k].key->pos.col,
		    "'%s' does not apply to a %s question", load_typed_keys[i].key, qtype_names[t]);
	}
}

static int load_qtype(struct loader *l, const struct ynode *n, enum qtype *t)
{
	const struct ynode *tn = ytree_get(n, "type");
	const char *hint;
	int i;

	if (tn == NULL) {
		diag_error(l->d, n->pos.line, n->pos.col, "question has no 'type'");
		return -1;
	}
	if (load_scalar(l, tn, "type") == NULL)
		return -1;
	for (i = 0; qtype_names[i] != NULL; i++) {
		if (strcmp(qtype_names[i], tn->value) == 0) {
			*t = (enum qtype)i;
			return 0;
		}
	}
	hint = str_suggest(tn->value, qtype_names, 7);
	diag_error(l->d, tn->pos.line, tn->pos.col,
	    "unknown question type '%s'%s%s%s (single, multi, number, text, date, info, computed)",
	    tn->value, hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
	return -1;
}

/* Checks that exported column names (id_CODE, id_INSTANCE) stay within 32 characters. */
static void load_colnames(struct loader *l, const struct question *q, int roster_max)
{
	char col[160], code[32];
	size_t i, widest = 0;

	snprintf(col, sizeof col, "%s", q->id);
	if (q->type == Q_MULTI && q->options != NULL) {
		for (i = 0; i < q->options->n; i++) {
			snprintf(code, sizeof code, "_%ld", q->options->v[i].code);
			if (strlen(code) > widest) {
				widest = strlen(code);
				snprintf(col, sizeof col, "%s%s", q->id, code);
			}
		}
	}
	if (roster_max > 0)
		snprintf(col + strlen(col), sizeof col - strlen(col), "_%d", roster_max);
	if (strlen(col) > 32)
		diag_error(l->d, q->pos.line, q->pos.col,
		    "id '%s' is too long for its exported columns ('%s' exceeds 32 characters)",
		    q->id, col);
}

static void load_number_keys(struct loader *l, const struct ynode *n, struct question *q)
{
	const struct ynode *v;
	long dec;

	if ((v = ytree_get(n, "min")) != NULL && load_double(l, v, "min", &q->min) == 0)
		q->has_min = 1;
	if ((v = ytree_get(n, "max")) != NULL && load_double(l, v, "max", &q->max) == 0)
		q->has_max = 1;
	if (q->has_min && q->has_max && q->min > q->max)
		diag_error(l->d, v->pos.line, v->pos.col, "min (%g) is greater than max (%g)", q->min,
		    q->max);
	if ((v = ytree_get(n, "decimals")) != NULL && load_long(l, v, "decimals", &dec) == 0) {
		if (dec < 0 || dec > 6)
			diag_error(l->d, v->pos.line, v->pos.col, "decimals must be between 0 and 6");
		else
			q->decimals = (int)dec;
	}
}

static void load_multi_keys(struct loader *l, const struct ynode *n, struct question *q)
{
	const struct ynode *v = ytree_get(n, "exclusive");
	long k;
	size_t i;

	if (v != NULL && load_kind(l, v, Y_SEQ, "'exclusive'") == 0) {
		q->exclusive = arena_alloc(l->a, v->n * sizeof *q->exclusive);
		for (i = 0; i < v->n; i++) {
			if (load_long(l, v->items[i], "exclusive code", &k) < 0)
				continue;
			if (q->options != NULL && optlist_find(q->options, k) == NULL)
				diag_error(l->d, v->items[i]->pos.line, v->items[i]->pos.col,
				    "exclusive code %ld is not among the options of '%s'", k, q->id);
			q->exclusive[q->nexclusive++] = k;
		}
	}
	if ((v = ytree_get(n, "min_choices")) != NULL && load_long(l, v, "min_choices", &k) == 0) {
		if (k < 1 || (q->options != NULL && (size_t)k > q->options->n))
			diag_error(l->d, v->pos.line, v->pos.col,
			    "min_choices must be between 1 and the number of options");
		else
			q->min_choices = (int)k;
	}
}

static void load_text_keys(struct loader *l, const struct ynode *n, struct question *q)
{
	const struct ynode *v = ytree_get(n, "max_length");
	long k;

	q->max_length = 500;
	if (v != NULL && load_long(l, v, "max_length", &k) == 0) {
		if (k < 1 || k > 10000)
			diag_error(l->d, v->pos.line, v->pos.col, "max_length must be between 1 and 10000");
		else
			q->max_length = (int)k;
	}
}

/* The scope of expressions written on q: earlier variables, q itself if self. */
static struct expr_scope load_scope(const struct question *q, int self)
{
	struct expr_scope s = { 0 };

	s.limit = q->index;
	s.self = self ? q : NULL;
	s.roster = q->roster;
	return s;
}

static void load_checks(struct loader *l, const struct ynode *seq, struct question *q)
{
	static const char *const keys[] = { "expr", "message", "soft", NULL };
	struct expr_scope scope = load_scope(q, 1);
	size_t i;

	if (load_kind(l, seq, Y_SEQ, "'checks'") < 0)
		return;
	q->checks = arena_alloc(l->a, seq->n * sizeof *q->checks);
	for (i = 0; i < seq->n; i++) {
		const struct ynode *c = seq->items[i], *e;
		struct check *ck = &q->checks[q->nchecks];

		if (load_kind(l, c, Y_MAP, "a check") < 0)
			continue;
		load_keys(l, c, keys, "check");
		ck->pos = c->pos;
		ck->soft = load_bool(l, c, "soft", 0);
		ck->message = load_str(l, c, "message", 1, "check");
		load_fill(l, ytree_get(c, "message"), &scope);
		if ((e = ytree_get(c, "expr")) == NULL) {
			diag_error(l->d, c->pos.line, c->pos.col, "check has no 'expr'");
			continue;
		}
		if (load_scalar(l, e, "expr") == NULL)
			continue;
		load_src(e, &ck->src);
		load_expr(l, &ck->src, &ck->expr, &scope, T_BOOL, "check");
		q->nchecks++;
	}
}

static enum outcome load_outcome(struct loader *l, const struct ynode *t)
{
	static const char *const names[] = { "refusal", "ineligible", "quota_full", NULL };
	const struct ynode *o = ytree_get(t, "outcome");
	const char *hint;
	int i;

	if (o == NULL) {
		diag_error(l->d, t->pos.line, t->pos.col, "terminate has no 'outcome'");
		return OUT_NONE;
	}
	if (load_scalar(l, o, "outcome") == NULL)
		return OUT_NONE;
	for (i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], o->value) == 0)
			return (enum outcome)(i + 1);
	hint = str_suggest(o->value, names, 3);
	diag_error(l->d, o->pos.line, o->pos.col,
	    "unknown terminate outcome '%s'%s%s%s (refusal, ineligible, quota_full)", o->value,
	    hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
	return OUT_NONE;
}

static void load_terminates(struct loader *l, const struct ynode *seq, struct question *q)
{
	static const char *const keys[] = { "when", "outcome", "message", NULL };
	struct expr_scope scope = load_scope(q, 1);
	size_t i;

	if (load_kind(l, seq, Y_SEQ, "'terminate'") < 0)
		return;
	q->terms = arena_alloc(l->a, seq->n * sizeof *q->terms);
	for (i = 0; i < seq->n; i++) {
		const struct ynode *t = seq->items[i], *w;
		struct terminate *tm = &q->terms[q->nterms];

		if (load_kind(l, t, Y_MAP, "a terminate rule") < 0)
			continue;
		load_keys(l, t, keys, "terminate");
		tm->pos = t->pos;
		tm->outcome = load_outcome(l, t);
		tm->message = load_str(l, t, "message", 0, "terminate");
		load_fill(l, ytree_get(t, "message"), &scope);
		if ((w = ytree_get(t, "when")) == NULL) {
			diag_error(l->d, t->pos.line, t->pos.col, "terminate has no 'when'");
			continue;
		}
		if (load_scalar(l, w, "when") == NULL)
			continue;
		load_src(w, &tm->src);
		load_expr(l, &tm->src, &tm->when, &scope, T_BOOL, "terminate");
		q->nterms++;
	}
}

/* Reads the keys every type shares: texts, when, dk/rf. */
static void load_common(struct loader *l, const struct ynode *n, struct question *q)
{
	struct expr_scope scope = load_scope(q, 0);
	const struct ynode *v;

	q->text = load_str(l, n, "text", q->type != Q_COMPUTED, "question");
	q->label = load_str(l, n, "label", 0, "question");
	q->instruction = load_str(l, n, "instruction", 0, "question");
	load_fill(l, ytree_get(n, "text"), &scope);
	load_fill(l, ytree_get(n, "instruction"), &scope);
	q->dk = load_bool(l, n, "dk", 1);
	q->rf = load_bool(l, n, "rf", 1);
	q->randomize = load_bool(l, n, "randomize", 0);
	if ((v = ytree_get(n, "when")) != NULL && load_scalar(l, v, "when") != NULL) {
		load_src(v, &q->when_src);
		load_expr(l, &q->when_src, &q->when, &scope, T_BOOL, "when");
	}
}

/* Reads the keys that depend on the type. */
static void load_typed(struct loader *l, const struct ynode *n, struct question *q)
{
	struct expr_scope scope = load_scope(q, 0);
	const struct ynode *v;

	load_type_keys(l, n, q->type);
	if ((v = ytree_get(n, "options")) != NULL)
		q->options = load_options(l, v);
	else if (q->type == Q_SINGLE || q->type == Q_MULTI)
		diag_error(l->d, n->pos.line, n->pos.col, "a %s question needs 'options'",
		    qtype_names[q->type]);
	if (q->type == Q_NUMBER)
		load_number_keys(l, n, q);
	if (q->type == Q_MULTI)
		load_multi_keys(l, n, q);
	if (q->type == Q_TEXT)
		load_text_keys(l, n, q);
	if (q->type == Q_COMPUTED) {
		if ((v = ytree_get(n, "expr")) == NULL)
			diag_error(l->d, n->pos.line, n->pos.col, "a computed variable needs 'expr'");
		else if (load_scalar(l, v, "expr") != NULL) {
			load_src(v, &q->expr_src);
			load_expr(l, &q->expr_src, &q->expr, &scope, T_BAD, "expr");
		}
	}
	if ((v = ytree_get(n, "checks")) != NULL)
		load_checks(l, v, q);
	if ((v = ytree_get(n, "terminate")) != NULL)
		load_terminates(l, v, q);
}

static struct question *load_question(struct loader *l, const struct ynode *n,
    struct theme *t, struct roster *r)
{
	const struct ynode *id;
	struct question *q;
	enum qtype type;

	load_keys(l, n, question_keys, "question");
	if ((id = ytree_get(n, "id")) == NULL) {
		diag_error(l->d, n->pos.line, n->pos.col, "question has no 'id'");
		return NULL;
	}
	if (load_id(l, id, "question") < 0 || load_qtype(l, n, &type) < 0)
		return NULL;
	q = arena_alloc(l->a, sizeof *q);
	q->id = id->value;
	q->pos = id->pos;
	q->type = type;
	q->kind = type == Q_COMPUTED ? K_COMPUTED : K_ASKED;
	q->theme = t;
	q->roster = r;
	load_var(l, q);
	load_common(l, n, q);
	load_typed(l, n, q);
	load_colnames(l, q, r != NULL ? r->max : 0);
	if (type != Q_INFO && type != Q_COMPUTED)
		q->number = (int)++l->ins->nquestions;
	return q;
}

static void load_roster_head(struct loader *l, const struct ynode *n, struct roster *r)
{
	struct expr_scope scope = { 0 };
	const struct ynode *v;
	long max;
	size_t i;

	scope.limit = r->first_index;
	for (i = 0; i < l->nrosters; i++)
		if (strcmp(l->rosters[i], r->id) == 0)
			diag_error(l->d, r->pos.line, r->pos.col, "duplicate roster '%s'", r->id);
	l->rosters = xreallocarray(l->rosters, l->nrosters + 1, sizeof *l->rosters);
	l->rosters[l->nrosters++] = r->id;
	if ((v = ytree_get(n, "count")) == NULL)
		diag_error(l->d, n->pos.line, n->pos.col, "roster '%s' has no 'count'", r->id);
	else if (load_scalar(l, v, "count") != NULL) {
		load_src(v, &r->count_src);
		load_expr(l, &r->count_src, &r->count, &scope, T_NUM, "count");
	}
	if ((v = ytree_get(n, "max")) == NULL)
		diag_error(l->d, n->pos.line, n->pos.col, "roster '%s' has no 'max'", r->id);
	else if (load_long(l, v, "max", &max) == 0) {
		if (max < 1 || max > 99)
			diag_error(l->d, v->pos.line, v->pos.col, "roster max must be between 1 and 99");
		else
			r->max = (int)max;
	}
	if ((v = ytree_get(n, "when")) != NULL && load_scalar(l, v, "when") != NULL) {
		load_src(v, &r->when_src);
		load_expr(l, &r->when_src, &r->when, &scope, T_BOOL, "when");
	}
	r->title = load_str(l, n, "title", 0, "roster");
	scope.roster = r;
	load_fill(l, ytree_get(n, "title"), &scope);
}

static struct roster *load_roster(struct loader *l, const struct ynode *n, struct theme *t)
{
	static const char *const keys[] = {
		"repeat", "count", "max", "title", "when", "questions", NULL
	};
	const struct ynode *rep = ytree_get(n, "repeat"), *qs;
	struct roster *r = arena_alloc(l->a, sizeof *r);
	size_t i;

	load_keys(l, n, keys, "roster");
	if (!str_is_ident(rep->value, 32))
		diag_error(l->d, rep->pos.line, rep->pos.col, "invalid roster name '%s'", rep->value);
	r->id = rep->value;
	r->pos = rep->pos;
	r->first_index = (int)l->nvars;
	load_roster_head(l, n, r);
	if ((qs = ytree_get(n, "questions")) == NULL) {
		diag_error(l->d, n->pos.line, n->pos.col, "roster '%s' has no 'questions'", r->id);
		return r;
	}
	if (load_kind(l, qs, Y_SEQ, "'questions'") < 0)
		return r;
	r->questions = arena_alloc(l->a, qs->n * sizeof *r->questions);
	for (i = 0; i < qs->n; i++) {
		const struct ynode *qn = qs->items[i];
		struct question *q;

		if (load_kind(l, qn, Y_MAP, "a question") < 0)
			continue;
		if (ytree_get(qn, "repeat") != NULL) {
			diag_error(l->d, qn->pos.line, qn->pos.col, "rosters cannot be nested");
			continue;
		}
		if ((q = load_question(l, qn, t, r)) != NULL)
			r->questions[r->nquestions++] = q;
	}
	if (r->nquestions == 0)
		diag_warn(l->d, r->pos.line, r->pos.col, "roster '%s' has no question", r->id);
	return r;
}

static void load_items(struct loader *l, const struct ynode *qs, struct theme *t)
{
	size_t i;

	t->items = arena_alloc(l->a, qs->n * sizeof *t->items);
	for (i = 0; i < qs->n; i++) {
		const struct ynode *qn = qs->items[i];
		struct item *it = &t->items[t->nitems];

		if (load_kind(l, qn, Y_MAP, "a question") < 0)
			continue;
		if (ytree_get(qn, "repeat") != NULL && ytree_get(qn, "repeat")->kind == Y_SCALAR)
			it->r = load_roster(l, qn, t);
		else
			it->q = load_question(l, qn, t, NULL);
		if (it->q != NULL || it->r != NULL)
			t->nitems++;
	}
}

/* 1 if the theme's source holds an asked question (info and computed do not count). */
static int load_theme_asks(const struct ynode *qs)
{
	size_t i;

	for (i = 0; qs != NULL && qs->kind == Y_SEQ && i < qs->n; i++) {
		const struct ynode *t = ytree_get(qs->items[i], "type");

		if (ytree_get(qs->items[i], "repeat") != NULL || t == NULL || t->kind != Y_SCALAR ||
		    (strcmp(t->value, "info") != 0 && strcmp(t->value, "computed") != 0))
			return 1;
	}
	return 0;
}

static void load_theme(struct loader *l, const struct ynode *n, struct theme *t)
{
	static const char *const keys[] = { "id", "title", "when", "questions", NULL };
	struct expr_scope scope = { 0 };
	const struct ynode *id = ytree_get(n, "id"), *v;
	size_t i;

	load_keys(l, n, keys, "theme");
	t->pos = n->pos;
	t->first_index = (int)l->nvars;
	scope.limit = t->first_index;
	if (id == NULL)
		diag_error(l->d, n->pos.line, n->pos.col, "theme has no 'id'");
	else if (load_id(l, id, "theme") == 0) {
		t->id = id->value;
		for (i = 0; i < l->nthemeids; i++)
			if (strcmp(l->themeids[i], t->id) == 0)
				diag_error(l->d, id->pos.line, id->pos.col, "duplicate theme id '%s'", t->id);
		l->themeids = xreallocarray(l->themeids, l->nthemeids + 1, sizeof *l->themeids);
		l->themeids[l->nthemeids++] = t->id;
	}
	t->title = load_str(l, n, "title", 1, "theme");
	load_fill(l, ytree_get(n, "title"), &scope);
	if ((v = ytree_get(n, "when")) != NULL && load_scalar(l, v, "when") != NULL) {
		load_src(v, &t->when_src);
		load_expr(l, &t->when_src, &t->when, &scope, T_BOOL, "when");
	}
	if ((v = ytree_get(n, "questions")) != NULL && load_kind(l, v, Y_SEQ, "'questions'") == 0)
		load_items(l, v, t);
	if (!load_theme_asks(v))
		diag_warn(l->d, n->pos.line, n->pos.col, "theme '%s' has no question",
		    t->id != NULL ? t->id : "?");
}

void load_themes(struct loader *l, const struct ynode *seq)
{
	size_t i;

	if (load_kind(l, seq, Y_SEQ, "'themes'") < 0)
		return;
	if (seq->n == 0)
		diag_error(l->d, seq->pos.line, seq->pos.col, "'themes' is empty");
	l->ins->themes = arena_alloc(l->a, seq->n * sizeof *l->ins->themes);
	for (i = 0; i < seq->n; i++) {
		struct theme *t = &l->ins->themes[l->ins->nthemes];

		if (load_kind(l, seq->items[i], Y_MAP, "a theme") < 0)
			continue;
		t->number = (int)l->ins->nthemes + 1;
		load_theme(l, seq->items[i], t);
		l->ins->nthemes++;
	}
}

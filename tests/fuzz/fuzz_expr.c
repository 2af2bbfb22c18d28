/* libFuzzer harness: parse arbitrary bytes; when they parse, check and evaluate them. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "instrument/expr.h"
#include "instrument/fill.h"
#include "util/xmalloc.h"

#define nitems(a) (sizeof (a) / sizeof (a)[0])
#define OPTS(v) { NULL, v, nitems(v), { 0, 0 } }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct option o_yesno[] = { { 1, "Oui", { 0, 0 } }, { 2, "Non", { 0, 0 } } };
static struct option o_usages[] = {
	{ 1, "Courriels", { 0, 0 } }, { 3, "Réseaux", { 0, 0 } }, { 9, "Aucun", { 0, 0 } }
};
static struct optlist l_yesno = OPTS(o_yesno), l_usages = OPTS(o_usages);
static const long fuzz_codes[] = { 1, 3 };

static struct instrument ins;
static struct question qs[10], *vars[10];
static struct roster membres = { .id = "membres" };

/* Fills one variable of the model. */
static void fuzz_var(int i, const char *id, enum qtype type, const struct optlist *o,
    struct roster *r)
{
	struct question *q = &qs[i];

	q->id = id;
	q->type = type;
	q->kind = type == Q_COMPUTED ? K_COMPUTED : K_ASKED;
	q->index = i;
	q->pos.line = 10 + i;
	q->options = o;
	q->roster = r;
	vars[i] = q;
}

/* Builds the model once: every type, a roster, and a variable asked later. */
static void fuzz_model(void)
{
	if (ins.nvars > 0)
		return;
	fuzz_var(0, "consent", Q_SINGLE, &l_yesno, NULL);
	fuzz_var(1, "age", Q_NUMBER, NULL, NULL);
	fuzz_var(2, "nom", Q_TEXT, NULL, NULL);
	fuzz_var(3, "arrivee", Q_DATE, NULL, NULL);
	fuzz_var(4, "usages", Q_MULTI, &l_usages, NULL);
	fuzz_var(5, "intro", Q_INFO, NULL, NULL);
	fuzz_var(6, "band", Q_COMPUTED, &l_yesno, NULL);
	fuzz_var(7, "mb_sexe", Q_SINGLE, &l_yesno, &membres);
	fuzz_var(8, "mb_age", Q_NUMBER, NULL, &membres);
	fuzz_var(9, "later", Q_SINGLE, &l_yesno, NULL);
	ins.vars = vars;
	ins.nvars = nitems(vars);
	ins.dk_code = -8;
	ins.rf_code = -9;
}

/* Answers that vary with the variable and the instance, missing ones included. */
static struct value fuzz_get(void *ctx, const struct question *q, int instance)
{
	struct value v;

	(void)ctx;
	memset(&v, 0, sizeof v);
	switch ((q->index + instance) % 5) {
	case 0:
		return v;
	case 1:
		v.kind = V_DK;
		return v;
	case 2:
		v.kind = V_RF;
		return v;
	}
	switch (q->type) {
	case Q_TEXT:
		v.kind = V_TEXT;
		v.text = "abc";
		break;
	case Q_DATE:
		v.kind = V_TEXT;
		v.text = "2017-10-03";
		break;
	case Q_MULTI:
		v.kind = V_MULTI;
		v.codes = fuzz_codes;
		v.ncodes = nitems(fuzz_codes);
		break;
	default:
		v.kind = V_NUM;
		v.num = q->options != NULL ? 1 : q->index * 1.5 + instance;
		break;
	}
	return v;
}

/* Every roster has three instances. */
static int fuzz_instances(void *ctx, const struct roster *r)
{
	(void)ctx;
	(void)r;
	return 3;
}

/* Counts references, to run expr_refs over the tree. */
static void fuzz_ref(void *arg, const struct question *q)
{
	size_t *n = arg;

	*n += q->id[0] != '\0';
}

/* Checks and evaluates text in one scope. */
static void fuzz_scope(const char *text, const struct roster *r)
{
	struct expr_scope scope = { &ins, 9, NULL, r };
	struct src where = { text, { 1, 1 }, 1 };
	struct expr_env env = { fuzz_get, fuzz_instances, NULL, r != NULL ? 2 : 0 };
	struct arena a = { NULL };
	struct diag d;
	struct expr *e;
	size_t n = 0;
	char *out;

	diag_init(&d, "fuzz");
	if ((e = expr_compile(&a, &where, &scope, T_BAD, "expr", &d)) != NULL) {
		expr_eval(e, &env);
		expr_test(e, &env);
		expr_can_be_true(e);
		expr_refs(e, fuzz_ref, &n);
	}
	fill_check(text, &where, &scope, &d);
	out = fill_apply(text, &ins, &env, "Marie");
	free(out);
	diag_free(&d);
	arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = { NULL };
	char *text, *cause = NULL;
	size_t off;

	fuzz_model();
	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	if (expr_parse(&a, text, &cause, &off) == NULL) {
		if (cause == NULL || off > strlen(text))
			abort();
		free(cause);
	}
	arena_free(&a);
	fuzz_scope(text, NULL);
	fuzz_scope(text, &membres);
	free(text);
	return 0;
}

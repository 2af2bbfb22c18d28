/* The indicators section: the published figures, each a variable, its codes and its base. */
#include <limits.h>
#include <string.h>

#include "instrument/load.h"

/* The variable of an indicator: coded, one answer per respondent. */
static const struct question *indicator_var(struct loader *l, const struct ynode *n)
{
	const struct question *q;

	if ((q = load_var_ref(l, n, "variable")) == NULL)
		return NULL;
	if (q->options == NULL || q->roster != NULL) {
		diag_error(l->d, n->pos.line, n->pos.col,
		    "indicator variable '%s' must be coded (single, multi, frame or computed with"
		    " options), outside rosters", q->id);
		return NULL;
	}
	return q;
}

/* The codes counted: a list of options of the variable, each once. */
static void indicator_codes(struct loader *l, const struct ynode *n, struct indicator *ind)
{
	size_t i, j;

	if (load_kind(l, n, Y_SEQ, "'codes'") < 0)
		return;
	if (n->n == 0) {
		diag_error(l->d, n->pos.line, n->pos.col, "'codes' is empty: name the codes counted");
		return;
	}
	ind->codes = arena_alloc(l->a, n->n * sizeof *ind->codes);
	for (i = 0; i < n->n; i++) {
		const struct ynode *c = n->items[i];
		long v;

		if (load_long(l, c, "code", &v) < 0)
			continue;
		if (ind->var != NULL && optlist_find(ind->var->options, v) == NULL) {
			diag_error(l->d, c->pos.line, c->pos.col, "code %ld is not an option of '%s'", v,
			    ind->var->id);
			continue;
		}
		for (j = 0; j < ind->ncodes && ind->codes[j] != v; j++)
			;
		if (j < ind->ncodes)
			diag_error(l->d, c->pos.line, c->pos.col, "code %ld is listed twice", v);
		else
			ind->codes[ind->ncodes++] = v;
	}
	if (ind->var != NULL && ind->var->options != NULL && ind->ncodes == ind->var->options->n)
		diag_warn(l->d, n->pos.line, n->pos.col,
		    "every option of '%s' is counted: the indicator is always 100 %%", ind->var->id);
}

/* The domain: a condition over any variable, compiled now that every variable is known. */
static void indicator_domain(struct loader *l, const struct ynode *n, struct indicator *ind)
{
	struct expr_scope scope = { l->ins, INT_MAX, NULL, NULL };

	if (load_scalar(l, n, "domain") == NULL)
		return;
	load_src(n, &ind->domain_src);
	ind->domain = expr_compile(l->a, &ind->domain_src, &scope, T_BOOL, "domain", l->d);
}

static void indicator_one(struct loader *l, const struct ynode *n)
{
	static const char *const keys[] = {
		"id", "label", "variable", "codes", "base", "domain", "source", NULL
	};
	struct indicator *ind = &l->ins->indicators[l->ins->nindicators];
	const struct ynode *v;
	size_t i;

	if (load_kind(l, n, Y_MAP, "an indicator") < 0)
		return;
	load_keys(l, n, keys, "indicator");
	ind->pos = n->pos;
	if ((v = ytree_get(n, "id")) == NULL || load_id(l, v, "indicator") < 0) {
		if (v == NULL)
			diag_error(l->d, n->pos.line, n->pos.col, "indicator has no 'id'");
		return;
	}
	ind->id = v->value;
	for (i = 0; i < l->ins->nindicators; i++)
		if (strcmp(l->ins->indicators[i].id, ind->id) == 0)
			diag_error(l->d, v->pos.line, v->pos.col, "duplicate indicator id '%s' (first at"
			    " line %d)", ind->id, l->ins->indicators[i].pos.line);
	ind->label = load_str(l, n, "label", 1, "indicator");
	ind->base = load_str(l, n, "base", 1, "indicator");
	ind->source = load_str(l, n, "source", 0, "indicator");
	if ((v = ytree_get(n, "variable")) == NULL)
		diag_error(l->d, n->pos.line, n->pos.col, "indicator '%s' has no 'variable'", ind->id);
	else
		ind->var = indicator_var(l, v);
	if ((v = ytree_get(n, "codes")) == NULL)
		diag_error(l->d, n->pos.line, n->pos.col, "indicator '%s' has no 'codes'", ind->id);
	else
		indicator_codes(l, v, ind);
	if ((v = ytree_get(n, "domain")) != NULL)
		indicator_domain(l, v, ind);
	l->ins->nindicators++;
}

void load_indicators(struct loader *l, const struct ynode *n)
{
	size_t i;

	if (load_kind(l, n, Y_SEQ, "'indicators'") < 0)
		return;
	l->ins->indicators = arena_alloc(l->a, n->n * sizeof *l->ins->indicators);
	for (i = 0; i < n->n; i++)
		indicator_one(l, n->items[i]);
}

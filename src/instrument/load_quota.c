/* The quotas section: cells over coded variables, targets, what happens when a cell is full. */
#include <stdio.h>
#include <string.h>

#include "instrument/load.h"
#include "util/str.h"

static const struct question *quota_by_var(struct loader *l, const struct ynode *n)
{
	const struct question *q;

	if ((q = load_var_ref(l, n, "by")) == NULL)
		return NULL;
	if (q->options == NULL || q->type == Q_MULTI || q->roster != NULL) {
		diag_error(l->d, n->pos.line, n->pos.col,
		    "quota variable '%s' must be coded (single, frame or computed with options), outside rosters",
		    q->id);
		return NULL;
	}
	return q;
}

/* Reads one target row: a code per `by` variable, then the target. */
static void quota_cell(struct loader *l, const struct ynode *row, struct quota *qt)
{
	struct quota_cell *c = &qt->cells[qt->ncells];
	long v;
	size_t i, j;

	if (load_kind(l, row, Y_SEQ, "a target row") < 0)
		return;
	if (row->n != qt->nby + 1) {
		diag_error(l->d, row->pos.line, row->pos.col,
		    "a target row needs %zu codes and a target, found %zu values", qt->nby, row->n);
		return;
	}
	c->codes = arena_alloc(l->a, qt->nby * sizeof *c->codes);
	c->pos = row->pos;
	for (i = 0; i < qt->nby; i++) {
		if (load_long(l, row->items[i], "code", &c->codes[i]) < 0)
			return;
		if (qt->by[i] != NULL && optlist_find(qt->by[i]->options, c->codes[i]) == NULL) {
			diag_error(l->d, row->items[i]->pos.line, row->items[i]->pos.col,
			    "code %ld is not an option of '%s'", c->codes[i], qt->by[i]->id);
			return;
		}
	}
	if (load_long(l, row->items[qt->nby], "target", &v) < 0)
		return;
	if (v < 0 || v > 1000000) {
		diag_error(l->d, row->items[qt->nby]->pos.line, row->items[qt->nby]->pos.col,
		    "a target must be between 0 and 1000000");
		return;
	}
	c->target = (int)v;
	for (j = 0; j < qt->ncells; j++) {
		if (memcmp(qt->cells[j].codes, c->codes, qt->nby * sizeof *c->codes) == 0) {
			diag_error(l->d, row->pos.line, row->pos.col, "duplicate cell (first at line %d)",
			    qt->cells[j].pos.line);
			return;
		}
	}
	qt->ncells++;
}

static void quota_on_full(struct loader *l, const struct ynode *n, struct quota *qt)
{
	static const char *const names[] = { "screen_out", "allow", "stop_calling", NULL };
	const struct ynode *v = ytree_get(n, "on_full");
	const char *hint;
	int i;

	qt->on_full = QUOTA_ALLOW;
	if (v == NULL || load_scalar(l, v, "on_full") == NULL)
		return;
	for (i = 0; names[i] != NULL; i++) {
		if (strcmp(names[i], v->value) == 0) {
			qt->on_full = (enum quota_full)i;
			break;
		}
	}
	if (names[i] == NULL) {
		hint = str_suggest(v->value, names, 3);
		diag_error(l->d, v->pos.line, v->pos.col,
		    "unknown on_full '%s'%s%s%s (screen_out, allow, stop_calling)", v->value,
		    hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
	} else if (qt->on_full == QUOTA_STOP_CALLING && !qt->frame_only)
		diag_error(l->d, v->pos.line, v->pos.col,
		    "stop_calling needs a quota over frame variables only");
}

static void quota_one(struct loader *l, const struct ynode *n)
{
	static const char *const keys[] = { "id", "by", "targets", "on_full", "message", NULL };
	struct quota *qt = &l->ins->quotas[l->ins->nquotas];
	const struct ynode *id, *by, *targets;
	size_t i;

	if (load_kind(l, n, Y_MAP, "a quota") < 0)
		return;
	load_keys(l, n, keys, "quota");
	qt->pos = n->pos;
	if ((id = ytree_get(n, "id")) == NULL || load_id(l, id, "quota") < 0) {
		if (id == NULL)
			diag_error(l->d, n->pos.line, n->pos.col, "quota has no 'id'");
		return;
	}
	qt->id = id->value;
	for (i = 0; i < l->ins->nquotas; i++)
		if (strcmp(l->ins->quotas[i].id, qt->id) == 0)
			diag_error(l->d, id->pos.line, id->pos.col, "duplicate quota id '%s'", qt->id);
	if ((by = ytree_get(n, "by")) == NULL || load_kind(l, by, Y_SEQ, "'by'") < 0 || by->n == 0) {
		diag_error(l->d, n->pos.line, n->pos.col, "quota '%s' needs 'by': a list of variables",
		    qt->id);
		return;
	}
	qt->by = arena_alloc(l->a, by->n * sizeof *qt->by);
	qt->nby = by->n;
	qt->frame_only = 1;
	for (i = 0; i < by->n; i++) {
		qt->by[i] = quota_by_var(l, by->items[i]);
		qt->frame_only &= qt->by[i] != NULL && qt->by[i]->kind == K_FRAME;
	}
	quota_on_full(l, n, qt);
	qt->message = load_str(l, n, "message", qt->on_full == QUOTA_SCREEN_OUT, "quota");
	if ((targets = ytree_get(n, "targets")) == NULL || load_kind(l, targets, Y_SEQ,
	    "'targets'") < 0) {
		if (targets == NULL)
			diag_error(l->d, n->pos.line, n->pos.col, "quota '%s' has no 'targets'", qt->id);
		return;
	}
	qt->cells = arena_alloc(l->a, targets->n * sizeof *qt->cells);
	for (i = 0; i < targets->n; i++)
		quota_cell(l, targets->items[i], qt);
	l->ins->nquotas++;
}

/* check_at: an asked question, after every variable of the screen-out quotas. */
static void quota_check_at(struct loader *l, const struct ynode *n)
{
	const struct question *q;
	size_t i, j;

	if (load_scalar(l, n, "check_at") == NULL)
		return;
	if ((q = instrument_var(l->ins, n->value)) == NULL || q->kind != K_ASKED ||
	    q->type == Q_INFO || q->roster != NULL) {
		diag_error(l->d, n->pos.line, n->pos.col,
		    "'check_at' must name a question asked once (not a frame variable, a computed"
		    " variable, an info screen or a roster question): '%s'", n->value);
		return;
	}
	l->ins->quota_check_at = q;
	for (i = 0; i < l->ins->nquotas; i++) {
		const struct quota *qt = &l->ins->quotas[i];

		for (j = 0; qt->on_full == QUOTA_SCREEN_OUT && j < qt->nby; j++)
			if (qt->by[j] != NULL && qt->by[j]->kind != K_FRAME && qt->by[j]->index > q->index)
				diag_error(l->d, n->pos.line, n->pos.col,
				    "quota '%s' reads '%s', asked after check_at '%s': its cell is not known"
				    " at the check", qt->id, qt->by[j]->id, q->id);
	}
}

static void quota_list(struct loader *l, const struct ynode *n)
{
	size_t i;

	if (load_kind(l, n, Y_SEQ, "'quotas'") < 0)
		return;
	l->ins->quotas = arena_alloc(l->a, n->n * sizeof *l->ins->quotas);
	for (i = 0; i < n->n; i++)
		quota_one(l, n->items[i]);
}

/* A list of quotas, or a map of the list and the moment they are checked. */
void load_quotas(struct loader *l, const struct ynode *n)
{
	static const char *const keys[] = { "check_at", "list", NULL };
	const struct ynode *v;

	if (n->kind != Y_MAP) {
		quota_list(l, n);
		return;
	}
	load_keys(l, n, keys, "quotas");
	if ((v = ytree_get(n, "list")) == NULL)
		diag_error(l->d, n->pos.line, n->pos.col, "'quotas' needs 'list': the quotas");
	else
		quota_list(l, v);
	if ((v = ytree_get(n, "check_at")) != NULL)
		quota_check_at(l, v);
}

#include "field/quota.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/quota.h"
#include "util/clock.h"
#include "util/xmalloc.h"

/* The cell key of a target row. */
static void quota_cell_key(const struct quota *qt, const long *codes, char *key, size_t len)
{
	size_t i, o = 0;

	key[0] = '\0';
	for (i = 0; i < qt->nby && o < len; i++)
		o += (size_t)snprintf(key + o, len - o, "%s%ld", i ? "," : "", codes[i]);
}

int quota_key(const struct quota *qt, const struct engine *e, char *key, size_t len)
{
	long codes[16];
	size_t i;

	if (qt->nby > 16)
		return 0;
	for (i = 0; i < qt->nby; i++) {
		struct value v;

		if (qt->by[i] == NULL)
			return 0;
		v = engine_value(e, qt->by[i], 0);
		if (v.kind != V_NUM)
			return 0;
		codes[i] = (long)v.num;
	}
	quota_cell_key(qt, codes, key, len);
	return 1;
}

/*
 * 1 when the interview has gone past every variable of qt in questionnaire
 * order: a computed variable has a value from the start, its cell is only
 * settled once the questions before it are behind the cursor.
 */
static int quota_settled(const struct quota *qt, const struct engine *e)
{
	size_t i, f = engine_frontier(e);
	int at = f < e->nroute ? e->route[f].q->index : (int)e->ins->nvars;

	for (i = 0; i < qt->nby; i++)
		if (qt->by[i] == NULL || qt->by[i]->index >= at)
			return 0;
	return 1;
}

void quota_cells_key(const struct instrument *ins, const struct engine *e, char *out, size_t len)
{
	char key[128];
	size_t i, o = 0;

	out[0] = '\0';
	for (i = 0; i < ins->nquotas && o < len; i++) {
		if (ins->quotas[i].on_full != QUOTA_SCREEN_OUT)
			continue;
		if (!quota_settled(&ins->quotas[i], e) || !quota_key(&ins->quotas[i], e, key, sizeof key))
			key[0] = '\0';
		o += (size_t)snprintf(out + o, len - o, "%s;", key);
	}
}

/* The target row of qt whose key is key, or NULL. */
static const struct quota_cell *quota_row(const struct quota *qt, const char *key)
{
	char k[128];
	size_t i;

	for (i = 0; i < qt->ncells; i++) {
		quota_cell_key(qt, qt->cells[i].codes, k, sizeof k);
		if (strcmp(k, key) == 0)
			return &qt->cells[i];
	}
	return NULL;
}

const struct quota *quota_full(struct store *st, const struct instrument *ins,
    const struct engine *e, int64_t interview, const char *now)
{
	struct store_cell c;
	char key[128];
	size_t i;
	int held;

	for (i = 0; i < ins->nquotas; i++) {
		const struct quota *qt = &ins->quotas[i];

		if (qt->on_full != QUOTA_SCREEN_OUT || !quota_key(qt, e, key, sizeof key))
			continue;
		if (store_cell_get(st, qt->id, key, &c) != 1)
			continue;
		held = store_cell_reserved(st, qt->id, key, interview, now);
		if (c.closed || c.completes + (held > 0 ? held : 0) >= c.target)
			return qt;
	}
	return NULL;
}

int quota_reserve(struct store *st, const struct instrument *ins, const struct engine *e,
    int64_t interview, char **cause)
{
	char key[128];
	size_t i;

	for (i = 0; i < ins->nquotas; i++) {
		const struct quota *qt = &ins->quotas[i];
		int known;

		if (qt->on_full != QUOTA_SCREEN_OUT)
			continue;
		known = quota_key(qt, e, key, sizeof key) && quota_row(qt, key) != NULL;
		if (store_quota_reserve(st, interview, qt->id, known ? key : NULL) < 0) {
			*cause = xasprintf("cannot hold the quota place: %s", store_error(st));
			return -1;
		}
	}
	return 0;
}

/* Priority of a frame-only cell's cases: far from target first. */
static int quota_priority(const struct store_cell *c)
{
	int p;

	if (c->target <= 0)
		return 0;
	p = 100 - 100 * c->completes / c->target;
	return p < 0 ? 0 : p;
}

static int quota_count_one(struct store *st, const struct quota *qt, const char *key,
    int64_t interview, const char *login, char **cause)
{
	const struct quota_cell *row = quota_row(qt, key);
	struct store_cell c;
	char now[32], detail[96];
	int after;

	if (row == NULL)
		return 0;		/* a combination the quota does not target */
	if (store_cell_ensure(st, qt->id, key, row->target) < 0 ||
	    store_cell_count(st, interview, qt->id, key, &after, cause) < 0 ||
	    store_cell_get(st, qt->id, key, &c) != 1)
		return -1;
	clock_iso(clock_now(), now, sizeof now);
	if (c.completes > c.target) {
		snprintf(detail, sizeof detail, "%d completes for a target of %d (interview %lld)",
		    c.completes, c.target, (long long)interview);
		if (store_quota_event(st, qt->id, key, "overshoot", detail, login, now) < 0)
			return -1;
	}
	if (!qt->frame_only)
		return 0;
	return store_cell_cases(st, qt, row->codes, qt->on_full == QUOTA_STOP_CALLING &&
	    (c.closed || c.completes >= c.target), quota_priority(&c));
}

int quota_count(struct store *st, const struct instrument *ins, const struct engine *e,
    int64_t interview, const char *login, char **cause)
{
	char key[128];
	size_t i;

	for (i = 0; i < ins->nquotas; i++)
		if (quota_key(&ins->quotas[i], e, key, sizeof key) &&
		    quota_count_one(st, &ins->quotas[i], key, interview, login, cause) < 0)
			return -1;
	return 0;
}

/* Applies one frame-only cell to its cases: blocked when full, priority from the count. */
static int quota_sync_cell(struct store *st, const struct quota *qt, const struct quota_cell *row)
{
	struct store_cell c;
	char key[128];

	quota_cell_key(qt, row->codes, key, sizeof key);
	if (store_cell_get(st, qt->id, key, &c) != 1)
		return -1;
	return store_cell_cases(st, qt, row->codes, qt->on_full == QUOTA_STOP_CALLING &&
	    (c.closed || c.completes >= c.target), quota_priority(&c));
}

int quota_sync(struct store *st, const struct instrument *ins, char **cause)
{
	char key[128];
	size_t i, j;

	if (store_begin(st, cause) < 0)
		return -1;
	for (i = 0; i < ins->nquotas; i++) {
		for (j = 0; j < ins->quotas[i].ncells; j++) {
			quota_cell_key(&ins->quotas[i], ins->quotas[i].cells[j].codes, key, sizeof key);
			if (store_cell_ensure(st, ins->quotas[i].id, key, ins->quotas[i].cells[j].target) < 0)
				goto fail;
		}
	}
	if (store_cells_recount(st) < 0 || store_cases_unblock(st) < 0)
		goto fail;
	for (i = 0; i < ins->nquotas; i++)
		for (j = 0; ins->quotas[i].frame_only && j < ins->quotas[i].ncells; j++)
			if (quota_sync_cell(st, &ins->quotas[i], &ins->quotas[i].cells[j]) < 0)
				goto fail;
	return store_commit(st, cause);
fail:
	if (*cause == NULL)
		*cause = xasprintf("cannot bring quotas up to date: %s", store_error(st));
	store_rollback(st);
	return -1;
}

/* Finds a quota by id and checks that cell names one of its target rows. */
static const struct quota *quota_find(const struct instrument *ins, const char *id,
    const char *cell, char **cause)
{
	size_t i;

	for (i = 0; i < ins->nquotas; i++) {
		if (strcmp(ins->quotas[i].id, id) != 0)
			continue;
		if (quota_row(&ins->quotas[i], cell) == NULL) {
			*cause = xasprintf("quota %s has no cell %s", id, cell);
			return NULL;
		}
		return &ins->quotas[i];
	}
	*cause = xasprintf("unknown quota %s", id);
	return NULL;
}

int quota_set(struct store *st, const struct instrument *ins, const char *id, const char *cell,
    int target, int closed, const char *login, char **cause)
{
	struct store_cell c;
	char detail[96];

	if (quota_find(ins, id, cell, cause) == NULL)
		return -1;
	if (store_begin(st, cause) < 0)
		return -1;
	if (store_cell_get(st, id, cell, &c) != 1) {
		store_rollback(st);
		*cause = xasprintf("quota %s cell %s is not in the database yet", id, cell);
		return -1;
	}
	if (target < 0)
		target = c.target;
	if (closed < 0)
		closed = c.closed;
	snprintf(detail, sizeof detail, "cell %s: target %d -> %d, %s", cell, c.target, target,
	    closed ? "closed" : "open");
	if (store_cell_set(st, id, cell, target, closed, login) < 0 ||
	    store_supervisor_log(st, login, "quota", id, detail) < 0) {
		store_rollback(st);
		*cause = xasprintf("cannot change the quota: %s", store_error(st));
		return -1;
	}
	if (store_commit(st, cause) < 0)
		return -1;
	return quota_sync(st, ins, cause);
}

void quota_label(const struct instrument *ins, const struct quota *qt, const char *cell,
    char *out, size_t len)
{
	const char *p = cell;
	size_t i, o = 0;
	char *end;

	out[0] = '\0';
	for (i = 0; i < qt->nby && *p != '\0' && o < len; i++) {
		long code = strtol(p, &end, 10);
		const struct option *opt = qt->by[i] ? optlist_find(qt->by[i]->options, code) : NULL;

		o += (size_t)snprintf(out + o, len - o, "%s%s", i ? " × " : "",
		    opt ? opt->label : "?");
		p = *end == ',' ? end + 1 : end;
	}
	(void)ins;
}

/* The label of a cell in cols columns: the longest part is shortened first, so each part shows. */
void quota_label_fit(const struct instrument *ins, const struct quota *qt, const char *cell,
    char *out, size_t len, size_t cols)
{
	const char *parts[16], *p = cell;
	size_t w[16], n, i, total = 0, big;
	char *end;
	size_t o = 0;

	(void)ins;
	out[0] = '\0';
	for (n = 0; n < qt->nby && n < 16 && *p != '\0'; n++) {
		long code = strtol(p, &end, 10);
		const struct option *opt = qt->by[n] ? optlist_find(qt->by[n]->options, code) : NULL;

		parts[n] = opt ? opt->label : "?";
		w[n] = utf8_width(parts[n]);
		total += w[n] + (n ? 3 : 0);
		p = *end == ',' ? end + 1 : end;
	}
	while (total > cols) {
		for (i = 1, big = 0; i < n; i++)
			if (w[i] > w[big])
				big = i;
		if (n == 0 || w[big] <= 3)
			break;
		w[big]--;
		total--;
	}
	for (i = 0; i < n && o < len; i++) {
		char *t = utf8_ellipsize(parts[i], strlen(parts[i]), w[i]);

		o += (size_t)snprintf(out + o, len - o, "%s%s", i ? " × " : "", t);
		free(t);
	}
}

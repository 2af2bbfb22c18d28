/* The fieldwork section: calling windows, slots, attempts, retry delays, leases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "instrument/load.h"
#include "util/str.h"

static const char *const retry_names[RETRY_COUNT] = {
	"no_answer", "busy", "answering_machine", "soft_refusal", "breakoff"
};

void fieldwork_defaults(struct fieldwork *f)
{
	memset(f, 0, sizeof *f);
	f->timezone = "Europe/Paris";
	f->weekday = (struct window){ 9 * 60, 20 * 60 + 30 };
	f->saturday = (struct window){ 9 * 60, 17 * 60 };
	f->sunday = (struct window){ -1, -1 };
	f->slots[0] = (struct window){ 9 * 60, 12 * 60 };
	f->slots[1] = (struct window){ 12 * 60, 18 * 60 };
	f->slots[2] = (struct window){ 18 * 60, 20 * 60 + 30 };
	f->nslots = 3;
	f->max_attempts = 10;
	f->max_attempts_per_slot = 4;
	f->retry[RETRY_NO_ANSWER] = 180;
	f->retry[RETRY_BUSY] = 15;
	f->retry[RETRY_ANSWERING_MACHINE] = 180;
	f->retry[RETRY_SOFT_REFUSAL] = 10080;
	f->retry[RETRY_BREAKOFF] = 60;
	f->appointment_window = 10;
	f->lease_minutes = 45;
	f->resume_first = 1;
}

int fieldwork_window(const char *s, struct window *w)
{
	int h1, m1, h2, m2, n = 0;

	if (strcmp(s, "none") == 0) {
		w->from = w->to = -1;
		return 0;
	}
	if (sscanf(s, "%2d:%2d-%2d:%2d%n", &h1, &m1, &h2, &m2, &n) != 4 || s[n] != '\0' ||
	    h1 > 24 || h2 > 24 || m1 > 59 || m2 > 59)
		return -1;
	w->from = h1 * 60 + m1;
	w->to = h2 * 60 + m2;
	return w->from < w->to && w->to <= 24 * 60 ? 0 : -1;
}

static void fieldwork_window_key(struct loader *l, const struct ynode *n, const char *key,
    struct window *w)
{
	const char *s = load_scalar(l, n, key);

	if (s != NULL && fieldwork_window(s, w) < 0)
		diag_error(l->d, n->pos.line, n->pos.col,
		    "'%s' must be a time span like \"09:00-20:30\", or none; not '%s'", key, s);
}

static void fieldwork_windows(struct loader *l, const struct ynode *n, struct fieldwork *f)
{
	static const char *const keys[] = { "weekday", "saturday", "sunday", NULL };
	const struct ynode *v;

	if (load_kind(l, n, Y_MAP, "'windows'") < 0)
		return;
	load_keys(l, n, keys, "windows");
	if ((v = ytree_get(n, "weekday")) != NULL)
		fieldwork_window_key(l, v, "weekday", &f->weekday);
	if ((v = ytree_get(n, "saturday")) != NULL)
		fieldwork_window_key(l, v, "saturday", &f->saturday);
	if ((v = ytree_get(n, "sunday")) != NULL)
		fieldwork_window_key(l, v, "sunday", &f->sunday);
}

static void fieldwork_slots(struct loader *l, const struct ynode *n, struct fieldwork *f)
{
	size_t i;

	if (load_kind(l, n, Y_SEQ, "'slots'") < 0)
		return;
	if (n->n == 0 || n->n > FIELDWORK_MAX_SLOTS) {
		diag_error(l->d, n->pos.line, n->pos.col, "'slots' must list 1 to %d time spans",
		    FIELDWORK_MAX_SLOTS);
		return;
	}
	f->nslots = 0;
	for (i = 0; i < n->n; i++) {
		struct window *w = &f->slots[f->nslots];

		fieldwork_window_key(l, n->items[i], "slot", w);
		if (w->from < 0)
			continue;
		if (f->nslots > 0 && w->from < f->slots[f->nslots - 1].to)
			diag_error(l->d, n->items[i]->pos.line, n->items[i]->pos.col,
			    "slots must be in order and must not overlap");
		f->nslots++;
	}
}

/* Reads a whole number of key within [lo, hi] into *out. */
static void fieldwork_int(struct loader *l, const struct ynode *map, const char *key, long lo,
    long hi, int *out)
{
	const struct ynode *v = ytree_get(map, key);
	long x;

	if (v == NULL || load_long(l, v, key, &x) < 0)
		return;
	if (x < lo || x > hi)
		diag_error(l->d, v->pos.line, v->pos.col, "'%s' must be between %ld and %ld", key, lo,
		    hi);
	else
		*out = (int)x;
}

static void fieldwork_retry(struct loader *l, const struct ynode *n, struct fieldwork *f)
{
	const char *keys[RETRY_COUNT + 1];
	int i;

	if (load_kind(l, n, Y_MAP, "'retry_minutes'") < 0)
		return;
	for (i = 0; i < RETRY_COUNT; i++)
		keys[i] = retry_names[i];
	keys[RETRY_COUNT] = NULL;
	load_keys(l, n, keys, "retry_minutes");
	for (i = 0; i < RETRY_COUNT; i++)
		fieldwork_int(l, n, retry_names[i], 1, 60 * 24 * 60, &f->retry[i]);
}

/* A zone name is checked against the system's zone database when there is one. */
static int fieldwork_zone_exists(const char *tz)
{
	char path[512];
	struct stat st;

	if (tz[0] == '\0' || tz[0] == '/' || strstr(tz, "..") != NULL)
		return 0;
	if (access("/usr/share/zoneinfo", F_OK) != 0)
		return strchr(tz, '/') != NULL || strcmp(tz, "UTC") == 0;
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* "50%" (a bare number is refused: the sign says it is a share, not a count of questions). */
static void fieldwork_partial_share(struct loader *l, const struct ynode *v, struct fieldwork *f)
{
	const char *s = v->kind == Y_SCALAR ? v->value : NULL;
	char *end;
	long x;

	x = s != NULL ? strtol(s, &end, 10) : 0;
	if (s == NULL || end == s || strcmp(end, "%") != 0 || x < 1 || x > 100) {
		diag_error(l->d, v->pos.line, v->pos.col,
		    "'answered' must be a share of the route from 1%% to 100%%, such as 50%%");
		return;
	}
	f->partial_percent = (int)x;
}

/* The question a break-off must have reached: an asked question, outside rosters. */
static void fieldwork_partial_after(struct loader *l, const struct ynode *v, struct fieldwork *f)
{
	const char *id = load_scalar(l, v, "after");
	size_t i;

	if (id == NULL)
		return;
	for (i = 0; i < l->nvars; i++) {
		const struct question *q = l->vars[i];

		if (strcmp(q->id, id) != 0)
			continue;
		if (q->kind != K_ASKED || q->type == Q_INFO || q->roster != NULL)
			diag_error(l->d, v->pos.line, v->pos.col,
			    "'after' must name a question asked once (not a frame variable, a computed"
			    " variable, an info screen or a roster question): '%s'", id);
		else
			f->partial_after = q;
		return;
	}
	diag_error(l->d, v->pos.line, v->pos.col, "'after' names no question: '%s'", id);
}

static void fieldwork_partial(struct loader *l, const struct ynode *n, struct fieldwork *f)
{
	static const char *const keys[] = { "answered", "after", NULL };
	const struct ynode *share, *after;

	if (load_kind(l, n, Y_MAP, "'partial'") < 0)
		return;
	load_keys(l, n, keys, "partial");
	share = ytree_get(n, "answered");
	after = ytree_get(n, "after");
	if ((share == NULL) == (after == NULL)) {
		diag_error(l->d, n->pos.line, n->pos.col,
		    "'partial' needs one rule: 'answered: 50%%' or 'after: QUESTION_ID'");
		return;
	}
	if (share != NULL)
		fieldwork_partial_share(l, share, f);
	else
		fieldwork_partial_after(l, after, f);
}

/* "first" (the default) or "normal": where interrupted interviews stand in the queue. */
static void fieldwork_resume(struct loader *l, const struct ynode *n, struct fieldwork *f)
{
	const char *s = load_scalar(l, n, "resume_priority");

	if (s == NULL)
		return;
	if (strcmp(s, "first") == 0 || strcmp(s, "normal") == 0)
		f->resume_first = s[0] == 'f';
	else
		diag_error(l->d, n->pos.line, n->pos.col,
		    "'resume_priority' must be first or normal, not '%s'", s);
}

void load_fieldwork(struct loader *l, const struct ynode *n)
{
	static const char *const keys[] = {
		"timezone", "windows", "slots", "max_attempts", "max_attempts_per_slot",
		"retry_minutes", "appointment_window_minutes", "lease_minutes", "partial",
		"resume_priority", NULL
	};
	struct fieldwork *f = &l->ins->fieldwork;
	const struct ynode *v;
	const char *tz;

	if (load_kind(l, n, Y_MAP, "'fieldwork'") < 0)
		return;
	f->pos = n->pos;
	load_keys(l, n, keys, "fieldwork");
	if ((tz = load_str(l, n, "timezone", 0, "fieldwork")) != NULL) {
		if (!fieldwork_zone_exists(tz))
			diag_error(l->d, ytree_get(n, "timezone")->pos.line,
			    ytree_get(n, "timezone")->pos.col,
			    "'timezone' must be a known zone name like Europe/Paris, not '%s'", tz);
		else
			f->timezone = tz;
	}
	if ((v = ytree_get(n, "windows")) != NULL)
		fieldwork_windows(l, v, f);
	if ((v = ytree_get(n, "slots")) != NULL)
		fieldwork_slots(l, v, f);
	if ((v = ytree_get(n, "retry_minutes")) != NULL)
		fieldwork_retry(l, v, f);
	fieldwork_int(l, n, "max_attempts", 1, 100, &f->max_attempts);
	fieldwork_int(l, n, "max_attempts_per_slot", 1, 100, &f->max_attempts_per_slot);
	fieldwork_int(l, n, "appointment_window_minutes", 0, 240, &f->appointment_window);
	fieldwork_int(l, n, "lease_minutes", 1, 24 * 60, &f->lease_minutes);
	if ((v = ytree_get(n, "partial")) != NULL)
		fieldwork_partial(l, v, f);
	if ((v = ytree_get(n, "resume_priority")) != NULL)
		fieldwork_resume(l, v, f);
}

/* The report's counts: cases, calls and interviews read through store/report.c and classified for AAPOR. */
#include "field/report_int.h"

#include <stdlib.h>
#include <string.h>

#include "field/disposition.h"
#include "store/report.h"
#include "util/clock.h"
#include "util/xmalloc.h"

typedef const char *(*report_key_fn)(const struct report *r, size_t i);

/* Grows an array of n elements of size bytes to hold one more. */
static void *report_grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 16;
	return xreallocarray(v, *cap, size);
}

static size_t report_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Makes room in m for n keys at least. */
static void report_map_grow(struct report_map *m, size_t n)
{
	struct report_slot *old = m->slots;
	size_t nold = m->nslots, i, k, mask;

	if (2 * n <= m->nslots)
		return;
	m->nslots = m->nslots ? m->nslots : 64;
	while (2 * n > m->nslots)
		m->nslots *= 2;
	mask = m->nslots - 1;
	m->slots = xcalloc(m->nslots, sizeof *m->slots);
	for (i = 0; i < nold; i++) {
		if (old[i].index == 0)
			continue;
		for (k = old[i].hash & mask; m->slots[k].index != 0; k = (k + 1) & mask)
			;
		m->slots[k] = old[i];
	}
	free(old);
}

/* The slot of key in m: holding its index + 1, or free where it would go, its hash set. */
static struct report_slot *report_map_slot(const struct report *r, const struct report_map *m,
    const char *key, report_key_fn key_of)
{
	size_t mask = m->nslots - 1, h = report_hash(key), k;

	for (k = h & mask; m->slots[k].index != 0; k = (k + 1) & mask)
		if (m->slots[k].hash == h && strcmp(key_of(r, m->slots[k].index - 1), key) == 0)
			return &m->slots[k];
	m->slots[k].hash = h;
	return &m->slots[k];
}

static const char *report_login_key(const struct report *r, size_t i)
{
	return r->logins[i].login;
}

static const char *report_case_key(const struct report *r, size_t i)
{
	return r->pool + r->cases[i].id;
}

/* The figures of an interviewer. */
static struct report_login *report_login(struct report *r, const char *login)
{
	struct report_login *l;
	struct report_slot *slot;

	report_map_grow(&r->login_map, r->nlogins + 1);
	slot = report_map_slot(r, &r->login_map, login, report_login_key);
	if (slot->index != 0)
		return &r->logins[slot->index - 1];
	r->logins = report_grow(r->logins, r->nlogins, &r->clogins, sizeof *r->logins);
	l = &r->logins[r->nlogins];
	memset(l, 0, sizeof *l);
	l->login = xstrdup(login);
	slot->index = ++r->nlogins;
	return l;
}

/* The case of this id among those read, or NULL. */
static struct report_case *report_case_find(struct report *r, const char *id)
{
	struct report_slot *slot;

	if (r->ncases == 0)
		return NULL;
	slot = report_map_slot(r, &r->case_map, id, report_case_key);
	return slot->index != 0 ? &r->cases[slot->index - 1] : NULL;
}

/* The index of final code c among those seen, the last one found tried first. */
static int report_code(struct report *r, const char *c)
{
	struct report_code *e;
	size_t i;

	if (r->ncodes > 0 && strcmp(r->codes[r->code_hint].code, c) == 0)
		return (int)r->code_hint;
	for (i = 0; i < r->ncodes; i++)
		if (strcmp(r->codes[i].code, c) == 0)
			return (int)(r->code_hint = i);
	r->codes = report_grow(r->codes, r->ncodes, &r->ccodes, sizeof *r->codes);
	e = &r->codes[r->ncodes];
	e->code = xstrdup(c);
	e->group = rates_group_of(c);
	e->n = 0;
	return (int)(r->code_hint = r->ncodes++);
}

static int report_code_cmp(const void *a, const void *b)
{
	return strcmp(((const struct report_code *)a)->code, ((const struct report_code *)b)->code);
}

/* 1 if a call with this outcome is a refusal (an AAPOR 2.11x code), break-offs apart. */
static int report_is_refusal(const char *token)
{
	const struct disposition *d = disposition_find(token);
	const char *code;

	if (d == NULL)
		return 0;
	code = d->final_now != NULL ? d->final_now : d->final_at_max;
	return code != NULL && strncmp(code, "2.11", 4) == 0;
}

/* The counts of an outcome token; tokens outside the dispositions table come last. */
static struct report_outcome *report_outcome(struct report *r, const char *token)
{
	const struct rates_map *m = rates_interim_find(token);
	struct report_outcome *o;
	size_t i;

	for (i = 0; i < r->noutcomes; i++)
		if (strcmp(r->outcomes[i].token, token) == 0)
			return &r->outcomes[i];
	r->outcomes = report_grow(r->outcomes, r->noutcomes, &r->coutcomes, sizeof *r->outcomes);
	o = &r->outcomes[r->noutcomes++];
	o->token = xstrdup(token);
	o->rank = m != NULL && disposition_find(token) != NULL ? m->rank : 0;
	o->refusal = report_is_refusal(token);
	o->cases = o->calls = 0;
	return o;
}

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static long report_civil(int y, int m, int d)
{
	long era, yoe, doy;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* The time of "YYYY-MM-DDTHH:MM:SSZ", read fast as the store writes it; -1 if unreadable. */
static time_t report_epoch(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	int v[6] = { 0 }, k = 0;
	time_t t;
	size_t i;

	for (i = 0; shape[i] != '\0'; i++) {
		if (shape[i] == 'd' && s[i] >= '0' && s[i] <= '9')
			v[k] = v[k] * 10 + (s[i] - '0');
		else if (shape[i] != 'd' && s[i] == shape[i])
			k += k < 5;
		else
			return clock_parse(s, &t) == 0 ? t : (time_t)-1;
	}
	if (s[i] != '\0')
		return clock_parse(s, &t) == 0 ? t : (time_t)-1;
	return (time_t)report_civil(v[0], v[1], v[2]) * 86400 + v[3] * 3600 + v[4] * 60 + v[5];
}

/* The local day of t in the survey's time zone, the offset kept per quarter of an hour. */
static long report_local_day(struct report *r, time_t t)
{
	struct tm tm;

	if (t / 900 != r->tz_bucket) {
		localtime_r(&t, &tm);
		r->tz_off = tm.tm_gmtoff;
		r->tz_bucket = t / 900;
	}
	return (long)((t + r->tz_off) / 86400);
}

/* Counts an event of an interviewer (a call, an interview's start or end) into its day. */
static void report_event(struct report *r, struct report_login *l, const char *at)
{
	time_t t = report_epoch(at);
	struct report_day *d;
	long day;
	size_t i;

	if (t == (time_t)-1)
		return;
	day = report_local_day(r, t);
	for (i = l->ndays; i > 0; i--) {
		d = &l->days[i - 1];
		if (d->day == day) {
			d->first = t < d->first ? t : d->first;
			d->last = t > d->last ? t : d->last;
			return;
		}
	}
	l->days = report_grow(l->days, l->ndays, &l->cdays, sizeof *l->days);
	d = &l->days[l->ndays++];
	d->day = day;
	d->first = d->last = t;
}

static int report_in_period(const struct report *r, const char *at)
{
	return strcmp(at, r->since) >= 0 && strcmp(at, r->until) < 0;
}

/* Keeps a case of the wave: final by the end of the period when its last call came before it. */
static void report_on_case(void *arg, const struct store_report_case *row)
{
	struct report *r = arg;
	struct report_slot *slot;
	struct report_case *c;
	size_t n = strlen(row->id) + 1;

	report_map_grow(&r->case_map, r->ncases + 1);
	slot = report_map_slot(r, &r->case_map, row->id, report_case_key);
	if (slot->index != 0)
		return;
	while (r->npool + n > r->cpool) {
		r->cpool = r->cpool ? r->cpool * 2 : 65536;
		r->pool = xreallocarray(r->pool, r->cpool, 1);
	}
	r->cases = report_grow(r->cases, r->ncases, &r->ccases, sizeof *r->cases);
	c = &r->cases[r->ncases];
	memset(c, 0, sizeof *c);
	c->id = r->npool;
	memcpy(r->pool + r->npool, row->id, n);
	r->npool += n;
	c->last = -1;
	c->fin = strcmp(row->state, "final") == 0 &&
	    (row->last_call_at[0] == '\0' || strcmp(row->last_call_at, r->until) < 0);
	if (c->fin)
		c->code = report_code(r, row->code);
	slot->index = ++r->ncases;
}

/* A call before the end of the period: the case's status; in the period, the figures. */
static void report_on_call(void *arg, const struct store_report_call *row)
{
	struct report *r = arg;
	struct report_case *c = report_case_find(r, row->case_id);
	struct report_outcome *o;
	struct report_login *l;

	if (r->o->wave != NULL && c == NULL)
		return;
	o = report_outcome(r, row->outcome);
	if (c != NULL && !c->fin) {
		if (o->rank > c->rank)
			c->rank = (unsigned char)o->rank;
		if (c->last < 0 || row->id > c->last_id) {
			c->last_id = row->id;
			c->last = (int)(o - r->outcomes);
		}
	}
	if (!report_in_period(r, row->at))
		return;
	if (c != NULL)
		c->seen = 1;
	l = report_login(r, row->login);
	o->calls++;
	l->dials++;
	l->refusals += o->refusal;
	report_event(r, l, row->at);
}

/* An interview started before the end of the period; it counts in the period it started in. */
static void report_on_interview(void *arg, const struct store_report_interview *row)
{
	struct report *r = arg;
	struct report_case *c = report_case_find(r, row->case_id);
	struct report_login *l;
	int ended = row->ended_at[0] != '\0';

	if (r->o->wave != NULL && c == NULL)
		return;
	if (c != NULL && !c->fin && (strcmp(row->status, "in_progress") == 0 ||
	    strcmp(row->status, "broken_off") == 0 ||
	    (ended && strcmp(row->ended_at, r->until) >= 0))) {
		c->iv = 1;
		c->partial = strcmp(row->status, "broken_off") == 0 &&
		    strcmp(row->outcome, "partial") == 0;
	}
	if (ended && report_in_period(r, row->ended_at))
		report_event(r, report_login(r, row->login), row->ended_at);
	if (!report_in_period(r, row->started_at))
		return;
	if (c != NULL)
		c->seen = 1;
	l = report_login(r, row->login);
	report_event(r, l, row->started_at);
	if (strcmp(row->status, "complete") == 0) {
		time_t a = report_epoch(row->started_at), b = report_epoch(row->ended_at);

		r->completes++;
		l->completes++;
		if (a != (time_t)-1 && b != (time_t)-1) {
			l->timed++;
			l->minutes += (double)(b - a) / 60;
		}
	} else if (strcmp(row->status, "broken_off") == 0 && strcmp(row->outcome, "partial") == 0)
		r->partials++;
	else if (strcmp(row->status, "broken_off") == 0)
		r->breakoffs++;
	else if (strcmp(row->status, "screened_out") == 0) {
		r->screened++;
		if (strcmp(row->outcome, outcome_name(OUT_REFUSAL)) == 0)
			l->refusals++;
	}
}

/* Counts each case where it stands: final code, or interim status and last outcome. */
static void report_classify(struct report *r)
{
	const struct rates_map *map = rates_map_all(), *m;
	size_t i, n;

	for (n = 0; map[n].key != NULL; n++)
		;
	r->interim = xcalloc(n, sizeof *r->interim);
	for (i = 0; i < r->ncases; i++) {
		const struct report_case *c = &r->cases[i];
		int rank = c->rank;

		if (r->period && !c->seen)
			continue;
		if (c->fin) {
			r->final++;
			r->codes[c->code].n++;
			r->groups[r->codes[c->code].group]++;
			continue;
		}
		if (c->iv && c->partial)
			rank = r->partial_rank > rank ? r->partial_rank : rank;
		else if (c->iv && r->iv_rank > rank)
			rank = r->iv_rank;
		m = rates_interim_of_rank(rank);
		r->interim[m - map]++;
		r->groups[m->group]++;
		if (c->last < 0)
			r->fresh++;
		else {
			r->active++;
			r->outcomes[c->last].cases++;
		}
	}
	if (r->ncodes > 1)
		qsort(r->codes, r->ncodes, sizeof *r->codes, report_code_cmp);
	rates_compute(r->groups, r->o->e, &r->rates);
}

static void report_on_cell(void *arg, const struct store_report_cell *row)
{
	struct report *r = arg;
	struct report_cell *c;

	r->cells = report_grow(r->cells, r->ncells, &r->ccells, sizeof *r->cells);
	c = &r->cells[r->ncells++];
	c->quota = xstrdup(row->quota);
	c->cell = xstrdup(row->cell);
	c->target = row->target;
	c->completes = row->completes;
	c->closed = row->closed;
}

/* A break begun in the period, for its interviewer (read without --wave: it has no wave). */
static void report_on_break(void *arg, const struct store_report_break *row)
{
	struct report *r = arg;
	struct report_login *l = report_login(r, row->login);
	time_t start;

	l->breaks++;
	if (row->seconds >= 0)
		l->break_seconds += (double)row->seconds;
	else if ((start = report_epoch(row->started_at)) != (time_t)-1 && r->o->now > start)
		l->break_seconds += (double)(r->o->now - start);
}

static int report_login_cmp(const void *a, const void *b)
{
	return strcmp(((const struct report_login *)a)->login,
	    ((const struct report_login *)b)->login);
}

/* Appointments due today and live leases, both as of now. */
static int report_gather_now(struct report *r, struct store *st, char **cause)
{
	char now[32], from[32], to[32];

	clock_iso(r->o->now, now, sizeof now);
	clock_iso(report_day(r->o->now, 0), from, sizeof from);
	clock_iso(report_day(r->o->now, 1), to, sizeof to);
	return store_report_now(st, r->o->wave, now, from, to, &r->due_today, &r->held, cause);
}

/* The interviewers in order of login, named after the users of the database. */
static void report_names(struct report *r, struct store *st)
{
	struct store_user u;
	char *cause = NULL;
	size_t i;

	if (r->nlogins > 1)
		qsort(r->logins, r->nlogins, sizeof *r->logins, report_login_cmp);
	free(r->login_map.slots);
	memset(&r->login_map, 0, sizeof r->login_map);	/* the order changed */
	for (i = 0; i < r->nlogins; i++) {
		int found = store_user_get(st, r->logins[i].login, &u, &cause) == 1;

		r->logins[i].name = xstrdup(found ? u.name : "");
		free(cause);
		cause = NULL;
	}
}

/* The bounds of the period, as the store writes times ("" and "9999" when open). */
static void report_bounds(struct report *r)
{
	const struct report_options *o = r->o;

	snprintf(r->since, sizeof r->since, "%s", "");
	snprintf(r->until, sizeof r->until, "%s", "9999");
	if (o->since != (time_t)-1)
		clock_iso(o->since, r->since, sizeof r->since);
	if (o->until != (time_t)-1)
		clock_iso(o->until, r->until, sizeof r->until);
	/* --since makes a report of activity; --until alone is the state of the sample then. */
	r->period = o->since != (time_t)-1;
	r->tz_bucket = -1;
	r->iv_rank = rates_interim_find("interview")->rank;
	r->partial_rank = rates_interim_find("partial")->rank;
}

/* Reads what the asked sections need, in one read transaction, and counts it. */
int report_gather(struct report *r, struct store *st, char **cause)
{
	const struct disposition *d;
	unsigned s = r->o->sections, by_case = REPORT_PROGRESS | REPORT_DISPOSITIONS | REPORT_RATES;
	const char *until;
	int rc = 0;

	report_bounds(r);
	until = r->o->until != (time_t)-1 ? r->until : NULL;
	for (d = disposition_all(); d->token != NULL; d++)
		report_outcome(r, d->token);
	if (store_report_begin(st, cause) < 0)
		return -1;
	if ((s & by_case) || r->o->wave != NULL)
		rc = store_report_cases(st, r->o->wave, report_on_case, r, cause);
	if (rc == 0 && (s & (by_case | REPORT_INTERVIEWERS)))
		rc = store_report_calls(st, until, report_on_call, r, cause);
	if (rc == 0 && (s & (by_case | REPORT_INTERVIEWERS)))
		rc = store_report_interviews(st, until, report_on_interview, r, cause);
	if (rc == 0 && (s & REPORT_INTERVIEWERS) && r->o->wave == NULL)
		rc = store_report_breaks(st, r->since, until, report_on_break, r, cause);
	if (rc == 0 && (s & REPORT_PROGRESS))
		rc = report_gather_now(r, st, cause);
	if (rc == 0 && (s & REPORT_QUOTAS))
		rc = store_report_cells(st, report_on_cell, r, cause);
	if (rc == 0) {
		report_classify(r);
		report_names(r, st);
	}
	store_report_end(st);
	return rc;
}

void report_free(struct report *r)
{
	size_t i;

	for (i = 0; i < r->ncodes; i++)
		free(r->codes[i].code);
	for (i = 0; i < r->noutcomes; i++)
		free(r->outcomes[i].token);
	for (i = 0; i < r->ncells; i++) {
		free(r->cells[i].quota);
		free(r->cells[i].cell);
	}
	for (i = 0; i < r->nlogins; i++) {
		free(r->logins[i].login);
		free(r->logins[i].name);
		free(r->logins[i].days);
	}
	free(r->codes);
	free(r->outcomes);
	free(r->cells);
	free(r->logins);
	free(r->login_map.slots);
	free(r->cases);
	free(r->case_map.slots);
	free(r->pool);
	free(r->interim);
}

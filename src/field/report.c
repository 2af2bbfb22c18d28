/* allo report: counts gathered through store/report.c, classified for AAPOR, written three ways. */
#include "field/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field/disposition.h"
#include "field/rates.h"
#include "store/report.h"
#include "util/clock.h"
#include "util/json.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define REPORT_THIN "\xe2\x80\x89"	/* U+2009 thin space: French thousands */
#define REPORT_DASH "\xe2\x80\x94"	/* U+2014 em dash: a figure that cannot be computed */

struct report_code {
	char *code;
	enum rates_group group;
	long n;
};

struct report_outcome {
	char *token;
	int rank;		/* how informative, for cases not final (rates table) */
	int refusal;		/* a refusal, for the interviewers' figures */
	long cases;		/* cases not final whose last call had it */
	long calls;		/* calls of the period with it */
};

/* A case as the calls and interviews before the end of the period leave it. */
struct report_case {
	size_t id;		/* offset of its id in the pool */
	int code;		/* final by the end of the period: its code, an index of codes */
	int64_t last_id;	/* its last call before the end of the period */
	int last;		/* that call's outcome, an index of outcomes; -1 without any */
	unsigned char fin;	/* final by the end of the period */
	unsigned char rank;	/* the highest rank of its calls */
	unsigned char iv;	/* an interview of it was open or broken off */
	unsigned char partial;	/* that interview broke off past the partial rule */
	unsigned char seen;	/* it had a call or an interview in the period */
};

/* A local day of an interviewer: the first and last of their events in it. */
struct report_day {
	long day;
	time_t first, last;
};

struct report_login {
	char *login, *name;
	long dials, completes, refusals, timed;
	double minutes;
	struct report_day *days;
	size_t ndays, cdays;
};

struct report_cell {
	char *quota, *cell;
	long target, completes;
	int closed;
};

/* Strings to indexes, by open addressing; the keys live in the caller's array. */
struct report_slot {
	size_t index;		/* index + 1, 0 when free */
	size_t hash;
};

struct report_map {
	struct report_slot *slots;
	size_t nslots;
};

/* Everything the sections show, gathered before anything is written. */
struct report {
	const struct report_options *o;
	const struct instrument *ins;
	long fresh, active, final, completes, breakoffs, partials, screened, due_today, held;
	struct report_code *codes;	/* in order of codes once counted */
	size_t ncodes, ccodes, code_hint;
	long *interim;		/* cases not final, per row of the rates table */
	struct report_outcome *outcomes;
	size_t noutcomes, coutcomes;
	long groups[RATES_NGROUPS];
	struct rates rates;
	struct report_cell *cells;
	size_t ncells, ccells;
	struct report_login *logins;
	size_t nlogins, clogins;
	struct report_map login_map;
	struct report_case *cases;
	size_t ncases, ccases;
	struct report_map case_map;
	char *pool;		/* the ids of the cases */
	size_t npool, cpool;
	int iv_rank;		/* the rank of an open or broken-off interview */
	int partial_rank;	/* the rank of a break-off past the partial rule */
	int period;		/* --since or --until was given */
	int test;		/* a test database: the heading says so */
	char since[32], until[32];	/* the period as the store writes times */
	time_t tz_bucket;	/* the quarter of an hour whose UTC offset is tz_off */
	long tz_off;
};

/* A figure of a key-value section: its machine key, its French label, its value. */
struct report_kv {
	const char *key;
	const char *label;
	double v;
	int decimals;
	const char *text;	/* a word instead of a figure, or NULL */
};

static const struct {
	const char *name;
	unsigned bit;
} report_section_names[] = {
	{ "progress", REPORT_PROGRESS },
	{ "dispositions", REPORT_DISPOSITIONS },
	{ "rates", REPORT_RATES },
	{ "quotas", REPORT_QUOTAS },
	{ "interviewers", REPORT_INTERVIEWERS }
};

#define REPORT_NSECTIONS (sizeof report_section_names / sizeof report_section_names[0])

unsigned report_sections(const char *list)
{
	unsigned bits = 0;
	const char *p = list;
	size_t i, n;

	for (;;) {
		unsigned bit = 0;

		n = strcspn(p, ",");
		for (i = 0; i < REPORT_NSECTIONS; i++)
			if (strlen(report_section_names[i].name) == n &&
			    strncmp(report_section_names[i].name, p, n) == 0)
				bit = report_section_names[i].bit;
		if (bit == 0)
			return 0;
		bits |= bit;
		if (p[n] == '\0')
			return bits;
		p += n + 1;
	}
}

/* The start of the local day of t, moved by days (1: the next day's). */
static time_t report_day(time_t t, int days)
{
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_mday += days;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* mktime of a local date and time, refusing what does not exist (31 November, 25:00). */
static int report_mktime(int y, int mo, int d, int h, int mi, int s, time_t *out)
{
	struct tm tm;

	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	tm.tm_isdst = -1;
	*out = mktime(&tm);
	return *out == (time_t)-1 || tm.tm_mday != d ? -1 : 0;
}

int report_time(const char *s, int end, time_t *out)
{
	int y, mo, d, h, mi, sec = 0, n = 0, m = 0;
	const char *rest;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return -1;
	if (s[n] == '\0') {
		if (report_mktime(y, mo, d, 0, 0, 0, out) < 0)
			return -1;
		if (end)
			*out = report_day(*out, 1);
		return 0;
	}
	if (s[n] != 'T' || sscanf(s + n + 1, "%2d:%2d%n", &h, &mi, &m) != 2 || m != 5)
		return -1;
	rest = s + n + 1 + m;
	if (*rest == ':') {
		if (sscanf(rest + 1, "%2d%n", &sec, &m) != 1 || m != 2)
			return -1;
		rest += 3;
	}
	if (*rest != '\0')
		return clock_parse(s, out);	/* "Z" or "+HH:MM": not a local time */
	return report_mktime(y, mo, d, h, mi, sec, out);
}

void report_number(struct buf *b, double v, int decimals, int french)
{
	char tmp[64];
	const char *p = tmp;
	size_t i, n;

	if (isnan(v)) {
		if (french)
			buf_adds(b, REPORT_DASH);
		return;
	}
	snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
	if (!french) {
		buf_adds(b, tmp);
		return;
	}
	if (*p == '-')
		buf_addc(b, *p++);
	n = strcspn(p, ".");
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf_adds(b, REPORT_THIN);
		buf_addc(b, p[i]);
	}
	if (p[n] == '.') {
		buf_addc(b, ',');
		buf_adds(b, p + n + 1);
	}
}

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

typedef const char *(*report_key_fn)(const struct report *r, size_t i);

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

/* Hours logged: the span of each day's events, added up. */
static double report_hours(const struct report_login *l)
{
	double h = 0;
	size_t i;

	for (i = 0; i < l->ndays; i++)
		h += (double)(l->days[i].last - l->days[i].first) / 3600;
	return h;
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
static int report_gather(struct report *r, struct store *st, char **cause)
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

static void report_free(struct report *r)
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

/* A column: machine key, French heading, text width (negative: left-aligned; 0: not in text). */
struct report_col {
	const char *key;
	const char *head;
	int width;
};

/* A value of a table: a word when s is set, else a figure (NAN: cannot be computed). */
struct report_val {
	const char *s;
	double v;
	int decimals;
};

/* Appends s padded to width display columns: right-aligned, or left-aligned when width < 0. */
static void report_pad(struct buf *b, const char *s, int width)
{
	size_t w = utf8_width(s), want = (size_t)(width < 0 ? -width : width);

	if (width > 0)
		for (; w < want; w++)
			buf_addc(b, ' ');
	buf_adds(b, s);
	if (width < 0)
		for (; w < want; w++)
			buf_addc(b, ' ');
}

/* Ends a line of text without the blanks that padding left at its end. */
static void report_eol(struct buf *b)
{
	while (b->len > 0 && b->s[b->len - 1] == ' ')
		b->s[--b->len] = '\0';
	buf_addc(b, '\n');
}

/* Appends a value as a person reads it, padded to width. */
static void report_text_val(struct buf *b, const struct report_val *v, int width)
{
	struct buf t = { 0 };

	if (v->s != NULL)
		buf_adds(&t, v->s);
	else
		report_number(&t, v->v, v->decimals, 1);
	report_pad(b, t.s != NULL ? t.s : "", width);
	buf_free(&t);
}

/* Appends a CSV field, quoted when it must be. */
static void report_csv_field(struct buf *b, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

/* Appends a value for a machine: CSV (empty when NAN) or JSON (null). */
static void report_machine_val(struct buf *b, const struct report_val *v, int json)
{
	if (v->s != NULL && json)
		json_str(b, v->s);
	else if (v->s != NULL)
		report_csv_field(b, v->s);
	else if (json && isnan(v->v))
		buf_adds(b, "null");
	else
		report_number(b, v->v, v->decimals, 0);
}

static struct report_val report_num(double v, int decimals)
{
	struct report_val x = { NULL, v, decimals };

	return x;
}

static struct report_val report_int(long n)
{
	return report_num((double)n, 0);
}

static struct report_val report_word(const char *s)
{
	struct report_val x = { s, 0, 0 };

	return x;
}

/* n / d, or NAN when d is zero. */
static double report_ratio(double n, double d)
{
	return d > 0 ? n / d : NAN;
}

/* A table of nrows rows of ncols values: aligned columns, a CSV table or a JSON array. */
static void report_table(struct buf *b, enum report_format f, const struct report_col *cols,
    size_t ncols, const struct report_val *vals, size_t nrows, const char *indent)
{
	size_t i, j;

	if (f == REPORT_JSON)
		buf_addc(b, '[');
	for (i = 0; f != REPORT_JSON && i < ncols; i++) {
		if (f == REPORT_TEXT && cols[i].width == 0)
			continue;
		if (f == REPORT_TEXT) {
			buf_adds(b, i == 0 ? indent : "  ");
			report_pad(b, cols[i].head, cols[i].width);
		} else {
			buf_adds(b, i == 0 ? "" : ",");
			buf_adds(b, cols[i].key);
		}
	}
	if (f == REPORT_TEXT)
		report_eol(b);
	else if (f == REPORT_CSV)
		buf_addc(b, '\n');
	for (j = 0; j < nrows; j++) {
		if (f == REPORT_JSON)
			buf_adds(b, j == 0 ? "{" : ",{");
		for (i = 0; i < ncols; i++) {
			const struct report_val *v = &vals[j * ncols + i];

			if (f == REPORT_TEXT && cols[i].width == 0)
				continue;
			if (f == REPORT_TEXT) {
				buf_adds(b, i == 0 ? indent : "  ");
				report_text_val(b, v, cols[i].width);
				continue;
			}
			if (i > 0)
				buf_addc(b, ',');
			if (f == REPORT_JSON) {
				json_str(b, cols[i].key);
				buf_addc(b, ':');
			}
			report_machine_val(b, v, f == REPORT_JSON);
		}
		if (f == REPORT_TEXT)
			report_eol(b);
		else
			buf_adds(b, f == REPORT_JSON ? "}" : "\n");
	}
	if (f == REPORT_JSON)
		buf_addc(b, ']');
}

/* A key-value section: "label  value" lines, a key,value CSV table, or a JSON object. */
static void report_kv(struct buf *b, enum report_format f, const struct report_kv *kv, size_t n)
{
	size_t i;

	if (f == REPORT_CSV)
		buf_adds(b, "key,value\n");
	if (f == REPORT_JSON)
		buf_addc(b, '{');
	for (i = 0; i < n; i++) {
		struct report_val v = kv[i].text ? report_word(kv[i].text) :
		    report_num(kv[i].v, kv[i].decimals);

		if (f == REPORT_TEXT) {
			buf_adds(b, "  ");
			report_pad(b, kv[i].label, -36);
			report_text_val(b, &v, 8);
			buf_addc(b, '\n');
			continue;
		}
		if (f == REPORT_JSON) {
			buf_adds(b, i > 0 ? "," : "");
			json_str(b, kv[i].key);
			buf_addc(b, ':');
		} else {
			buf_adds(b, kv[i].key);
			buf_addc(b, ',');
		}
		report_machine_val(b, &v, f == REPORT_JSON);
		if (f == REPORT_CSV)
			buf_addc(b, '\n');
	}
	if (f == REPORT_JSON)
		buf_addc(b, '}');
}

static void report_progress(struct report *r, struct buf *b, enum report_format f)
{
	const struct report_kv kv[] = {
		{ "scope", "Portée", 0, 0, f == REPORT_TEXT ? (r->period ? "activité" : "état") :
		    r->period ? "activity" : "state" },
		{ "cases", "Cas", (double)(r->fresh + r->active + r->final), 0, NULL },
		{ "fresh", "  jamais appelés", (double)r->fresh, 0, NULL },
		{ "active", "  en cours", (double)r->active, 0, NULL },
		{ "final", "  finals", (double)r->final, 0, NULL },
		{ "completes", "Entretiens complets", (double)r->completes, 0, NULL },
		{ "breakoffs", "Entretiens interrompus", (double)r->breakoffs, 0, NULL },
		{ "partials", "Entretiens partiels (AAPOR 1.2)", (double)r->partials, 0, NULL },
		{ "screened_out", "Entretiens hors cible (filtre)", (double)r->screened, 0, NULL },
		{ "appointments_due_today", "Rendez-vous dus aujourd'hui", (double)r->due_today, 0,
		    NULL },
		{ "held_now", "Cas tenus en ce moment", (double)r->held, 0, NULL }
	};

	if (f == REPORT_TEXT)
		buf_adds(b, "\nAvancement\n");
	report_kv(b, f, kv, sizeof kv / sizeof kv[0]);
}

/* The French label of an interim status or an outcome token. */
static const char *report_label(const char *key)
{
	const struct disposition *d = disposition_find(key);

	if (strcmp(key, "fresh") == 0)
		return "Jamais appelé";
	if (strcmp(key, "interview") == 0)
		return "Entretien ouvert ou interrompu";
	return d != NULL ? d->label : key;
}

static const struct report_col report_final_cols[] = {
	{ "code", "Code", -6 }, { "label", "Libellé AAPOR", -13 }, { "group", "Gr.", -3 },
	{ "cases", "Cas", 7 }
};

static const struct report_col report_interim_cols[] = {
	{ "status", "Statut", -18 }, { "label", "Libellé", -30 }, { "code", "Code", -6 },
	{ "group", "Gr.", -3 }, { "cases", "Cas", 6 }
};

static const struct report_col report_outcome_cols[] = {
	{ "token", "Issue", -18 }, { "label", "Libellé", -30 },
	{ "cases", "Cas en cours", 12 }, { "calls", "Appels", 8 }
};

#define REPORT_NCOLS(c) (sizeof (c) / sizeof (c)[0])

/* The three tables of the dispositions section, as values; codes of no case are left out. */
static struct report_val *report_finals(const struct report *r, size_t *n, int *width)
{
	struct report_val *v = xcalloc(r->ncodes + 1, 4 * sizeof *v);
	size_t i, k = 0;

	for (i = 0; i < r->ncodes; i++) {
		const char *c = r->codes[i].code;
		int w = (int)utf8_width(disposition_aapor_label(c));

		if (r->codes[i].n == 0)
			continue;
		if (w > *width)
			*width = w < 52 ? w : 52;
		v[k * 4] = report_word(c);
		v[k * 4 + 1] = report_word(disposition_aapor_label(c));
		v[k * 4 + 2] = report_word(rates_group_name(rates_group_of(c)));
		v[k * 4 + 3] = report_int(r->codes[i].n);
		k++;
	}
	*n = k;
	return v;
}

static struct report_val *report_interims(const struct report *r, size_t *n)
{
	const struct rates_map *m = rates_map_all();
	struct report_val *v;
	size_t i, k = 0;

	for (i = 0; m[i].key != NULL; i++)
		;
	v = xcalloc(i, 5 * sizeof *v);
	for (i = 0; m[i].key != NULL; i++) {
		if (m[i].code == NULL)
			continue;
		v[k * 5] = report_word(m[i].key);
		v[k * 5 + 1] = report_word(report_label(m[i].key));
		v[k * 5 + 2] = report_word(m[i].code);
		v[k * 5 + 3] = report_word(rates_group_name(m[i].group));
		v[k * 5 + 4] = report_int(r->interim[i]);
		k++;
	}
	*n = k;
	return v;
}

static struct report_val *report_outcomes(const struct report *r)
{
	struct report_val *v = xcalloc(r->noutcomes + 1, 4 * sizeof *v);
	size_t i;

	for (i = 0; i < r->noutcomes; i++) {
		v[i * 4] = report_word(r->outcomes[i].token);
		v[i * 4 + 1] = report_word(report_label(r->outcomes[i].token));
		v[i * 4 + 2] = report_int(r->outcomes[i].cases);
		v[i * 4 + 3] = report_int(r->outcomes[i].calls);
	}
	return v;
}

/* The dispositions as one CSV table: kind,key,code,label,group,cases,calls. */
static void report_dispositions_csv(struct buf *b, const struct report_val *fin, size_t nfin,
    const struct report_val *itm, size_t nitm, const struct report_val *out, size_t nout)
{
	static const struct report_col cols[] = {
		{ "kind", "", 0 }, { "key", "", 0 }, { "code", "", 0 }, { "label", "", 0 },
		{ "group", "", 0 }, { "cases", "", 0 }, { "calls", "", 0 }
	};
	struct report_val *v = xcalloc(nfin + nitm + nout + 1, 7 * sizeof *v), *row = v;
	const struct report_val none = { NULL, NAN, 0 };
	size_t i;

	for (i = 0; i < nfin; i++, row += 7) {
		const struct report_val *f = &fin[i * 4];
		const struct report_val x[7] = { report_word("final"), f[0], f[0], f[1], f[2], f[3],
		    none };

		memcpy(row, x, sizeof x);
	}
	for (i = 0; i < nitm; i++, row += 7) {
		const struct report_val *f = &itm[i * 5];
		const struct report_val x[7] = { report_word("interim"), f[0], f[2], f[1], f[3], f[4],
		    none };

		memcpy(row, x, sizeof x);
	}
	for (i = 0; i < nout; i++, row += 7) {
		const struct report_val *f = &out[i * 4];
		const struct report_val x[7] = { report_word("outcome"), f[0], report_word(""), f[1],
		    report_word(""), f[2], f[3] };

		memcpy(row, x, sizeof x);
	}
	report_table(b, REPORT_CSV, cols, 7, v, nfin + nitm + nout, "");
	free(v);
}

static void report_dispositions(struct report *r, struct buf *b, enum report_format f)
{
	struct report_col fcols[REPORT_NCOLS(report_final_cols)];
	struct report_val *fin, *out = report_outcomes(r), *itm;
	size_t nfin, nitm;
	int width = 13;

	/* the label column is as wide as the longest label, up to what 80 columns leave */
	fin = report_finals(r, &nfin, &width);
	memcpy(fcols, report_final_cols, sizeof fcols);
	fcols[1].width = -width;
	itm = report_interims(r, &nitm);
	if (f == REPORT_CSV)
		report_dispositions_csv(b, fin, nfin, itm, nitm, out, r->noutcomes);
	else if (f == REPORT_JSON) {
		buf_adds(b, "{\"final\":");
		report_table(b, f, fcols, REPORT_NCOLS(fcols), fin, nfin, "");
		buf_adds(b, ",\"interim\":");
		report_table(b, f, report_interim_cols, REPORT_NCOLS(report_interim_cols), itm,
		    nitm, "");
		buf_adds(b, ",\"outcomes\":");
		report_table(b, f, report_outcome_cols, REPORT_NCOLS(report_outcome_cols), out,
		    r->noutcomes, "");
		buf_addc(b, '}');
	} else {
		buf_adds(b, "\nDispositions\n  Cas finals, par code AAPOR\n");
		if (nfin == 0)
			buf_adds(b, "    aucun\n");
		else
			report_table(b, f, fcols, REPORT_NCOLS(fcols), fin, nfin, "    ");
		buf_adds(b, "  Cas non finals, par statut (et le code qui les compte dans les taux)\n");
		report_table(b, f, report_interim_cols, REPORT_NCOLS(report_interim_cols), itm, nitm,
		    "    ");
		buf_adds(b, "  Issues d'appel : cas en cours dont c'est la dernière, appels de la"
		    " période\n");
		report_table(b, f, report_outcome_cols, REPORT_NCOLS(report_outcome_cols), out,
		    r->noutcomes, "    ");
	}
	free(fin);
	free(itm);
	free(out);
}

/* The rates in French: the groups, e and its basis, then each rate with its formula. */
static void report_rates_text(struct report *r, struct buf *b)
{
	const struct rates *rt = &r->rates;
	struct report_val v;
	int g, i;

	buf_adds(b, "\nTaux AAPOR (téléphone)\n  ");
	report_pad(b, "Groupe", -36);
	report_pad(b, "Cas", 9);
	buf_addc(b, '\n');
	for (g = 0; g < RATES_NGROUPS; g++) {
		if (g == RATES_NONE && r->groups[g] == 0)
			continue;
		buf_adds(b, "  ");
		report_pad(b, rates_group_name((enum rates_group)g), -4);
		report_pad(b, rates_group_label((enum rates_group)g), -32);
		v = report_int(r->groups[g]);
		report_text_val(b, &v, 9);
		buf_addc(b, '\n');
	}
	buf_adds(b, "  e = ");
	report_number(b, rt->e, 4, 1);
	if (rt->e_given)
		buf_adds(b, " (donné par --e)\n");
	else if (isnan(rt->e))
		buf_adds(b, " (non estimable : aucun cas d'éligibilité connue)\n");
	else {
		buf_adds(b, " (estimé : éligibles / (éligibles + non éligibles) = ");
		report_number(b, (double)rt->e_eligible, 0, 1);
		buf_adds(b, " / ");
		report_number(b, (double)rt->e_known, 0, 1);
		buf_adds(b, ")\n");
	}
	for (i = 0; i < RATE_COUNT; i++) {
		buf_adds(b, "  ");
		report_pad(b, rates_name((enum rates_id)i), -6);
		v = report_num(rt->v[i], 4);
		report_text_val(b, &v, 7);
		buf_adds(b, "   ");
		buf_adds(b, rates_formula((enum rates_id)i));
		buf_addc(b, '\n');
	}
}

static void report_rates(struct report *r, struct buf *b, enum report_format f)
{
	const struct rates *rt = &r->rates;
	struct report_kv kv[RATES_NGROUPS + 4 + RATE_COUNT];
	size_t n = 0;
	int i;

	if (r->period) {
		/* Rates describe a sample at a date: over a period's activity they would mislead. */
		const struct report_kv none[2] = {
			{ "scope", "", 0, 0, "activity" }, { "rates", "", 0, 0, "none" }
		};

		if (f == REPORT_TEXT)
			buf_adds(b, "\nTaux AAPOR (téléphone)\n  Pas de taux pour une période d'activité"
			    " (--since) : les taux décrivent l'état de l'échantillon à une date, sans"
			    " période ou avec --until seul.\n");
		else
			report_kv(b, f, none, 2);
		return;
	}
	if (f == REPORT_TEXT) {
		report_rates_text(r, b);
		return;
	}
	for (i = 0; i < RATES_NGROUPS; i++) {
		struct report_kv x = { i == RATES_NONE ? "unclassified" :
		    rates_group_name((enum rates_group)i), "", (double)r->groups[i], 0, NULL };

		kv[n++] = x;
	}
	{
		const struct report_kv e[4] = {
			{ "e", "", rt->e, 4, NULL },
			{ "e_source", "", 0, 0, rt->e_given ? "given" : "estimated" },
			{ "e_eligible", "", (double)rt->e_eligible, 0, NULL },
			{ "e_known", "", (double)rt->e_known, 0, NULL }
		};

		memcpy(kv + n, e, sizeof e);
		n += 4;
	}
	for (i = 0; i < RATE_COUNT; i++) {
		struct report_kv x = { rates_name((enum rates_id)i), "", rt->v[i], 4, NULL };

		kv[n++] = x;
	}
	report_kv(b, f, kv, n);
}

/* A cell's state: over its target (the overshoot said in French), closed, full or open. */
static void report_cell_state(const struct report_cell *c, int french, struct buf *w)
{
	long over = c->completes - c->target;

	if (over > 0 && french) {
		buf_adds(w, "dépassée (+");
		report_number(w, (double)over, 0, 1);
		buf_addc(w, ')');
	} else if (over > 0)
		buf_adds(w, "over");
	else if (c->closed)
		buf_adds(w, french ? "fermée" : "closed");
	else
		buf_adds(w, over == 0 ? (french ? "pleine" : "full") : (french ? "ouverte" : "open"));
}

static void report_quotas(struct report *r, struct buf *b, enum report_format f)
{
	static const struct report_col cols[] = {
		{ "quota", "Quota", -14 }, { "cell", "Cellule", -10 }, { "target", "Objectif", 8 },
		{ "completes", "Complets", 8 }, { "percent", "%", 6 }, { "status", "État", -14 },
		{ "overshoot", "", 0 }
	};
	struct report_val *v = xcalloc(r->ncells + 1, 7 * sizeof *v), *row;
	struct buf *words = xcalloc(r->ncells + 1, sizeof *words);
	size_t i;

	for (i = 0, row = v; i < r->ncells; i++, row += 7) {
		const struct report_cell *c = &r->cells[i];

		report_cell_state(c, f == REPORT_TEXT, &words[i]);
		row[0] = report_word(c->quota);
		row[1] = report_word(c->cell);
		row[2] = report_int(c->target);
		row[3] = report_int(c->completes);
		row[4] = report_num(report_ratio(100.0 * (double)c->completes,
		    (double)c->target), 1);
		row[5] = report_word(words[i].s);
		row[6] = report_int(c->completes > c->target ? c->completes - c->target : 0);
	}
	if (f == REPORT_TEXT)
		buf_adds(b, "\nQuotas\n");
	if (f == REPORT_TEXT && r->ncells == 0)
		buf_adds(b, "  Aucune cellule de quota.\n");
	else
		report_table(b, f, cols, REPORT_NCOLS(cols), v, r->ncells, "  ");
	for (i = 0; i < r->ncells; i++)
		buf_free(&words[i]);
	free(words);
	free(v);
}

static void report_interviewers(struct report *r, struct buf *b, enum report_format f)
{
	static const struct report_col cols[] = {
		{ "login", "Enquêteur", -12 }, { "name", "Nom", 0 }, { "hours", "Heures", 6 },
		{ "days", "Jours", 5 }, { "dials", "Appels", 6 }, { "dials_per_hour", "App/h", 5 },
		{ "completes", "Compl.", 6 }, { "completes_per_hour", "Cpl/h", 5 },
		{ "mean_minutes", "Durée", 5 }, { "refusals", "Refus", 5 }
	};
	struct report_val *v = xcalloc(r->nlogins + 1, 10 * sizeof *v), *row;
	size_t i;

	for (i = 0, row = v; i < r->nlogins; i++, row += 10) {
		const struct report_login *l = &r->logins[i];
		double hours = report_hours(l);

		row[0] = report_word(l->login);
		row[1] = report_word(l->name);
		row[2] = report_num(hours, 2);
		row[3] = report_int((long)l->ndays);
		row[4] = report_int(l->dials);
		row[5] = report_num(report_ratio((double)l->dials, hours), 1);
		row[6] = report_int(l->completes);
		row[7] = report_num(report_ratio((double)l->completes, hours), 2);
		row[8] = report_num(report_ratio(l->minutes, (double)l->timed), 1);
		row[9] = report_int(l->refusals);
	}
	if (f == REPORT_TEXT)
		buf_adds(b, "\nEnquêteurs\n");
	if (f == REPORT_TEXT && r->nlogins == 0)
		buf_adds(b, "  Aucun appel ni entretien.\n");
	else
		report_table(b, f, cols, REPORT_NCOLS(cols), v, r->nlogins, "  ");
	if (f == REPORT_TEXT && r->nlogins > 0)
		buf_adds(b, "  Heures : du premier au dernier appel ou entretien de chaque jour ;\n"
		    "  App/h, Cpl/h : appels et complets par heure ; Durée : minutes par complet.\n");
	free(v);
}

/* "30/11/2026 14:00" in the survey's time zone. */
static void report_when(struct buf *b, time_t t)
{
	char s[32];
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(s, sizeof s, "%d/%m/%Y %H:%M", &tm);
	buf_adds(b, s);
}

/* The title, the scope, and what a period means. */
static void report_heading(struct report *r, struct buf *b)
{
	const struct report_options *o = r->o;

	buf_adds(b, "Rapport · ");
	buf_adds(b, r->ins->title != NULL ? r->ins->title : r->ins->id);
	buf_adds(b, " · ");
	report_when(b, o->now);
	buf_addc(b, '\n');
	buf_adds(b, "Vague : ");
	buf_adds(b, o->wave != NULL ? o->wave : "toutes");
	buf_addc(b, '\n');
	buf_adds(b, r->test ? "Base : de test (elle suit l'horloge de test ALLO_NOW)\n" :
	    "Base : de terrain (horloge réelle)\n");
	if (o->since == (time_t)-1 && o->until == (time_t)-1)
		return;
	buf_adds(b, "Période : ");
	if (o->since != (time_t)-1) {
		buf_adds(b, "du ");
		report_when(b, o->since);
		buf_adds(b, o->until != (time_t)-1 ? " " : "");
	}
	if (o->until != (time_t)-1) {
		buf_adds(b, "jusqu'au ");
		report_when(b, o->until);
		buf_adds(b, " (exclu)");
	}
	if (o->since != (time_t)-1)
		buf_adds(b, "\n  Activité de la période : les cas appelés ou interrogés dans la période,"
		    " dans leur état à sa fin ; pas de taux.\n");
	else
		buf_adds(b, "\n  État de l'échantillon à cette date : tous les cas, jamais appelés et"
		    " liste d'opposition compris, avec les appels d'avant elle.\n");
}

typedef void (*report_section_fn)(struct report *, struct buf *, enum report_format);

int report_write(struct store *st, const struct instrument *ins, const struct report_options *o,
    struct buf *out, char **cause)
{
	static const report_section_fn fns[REPORT_NSECTIONS] = {
		report_progress, report_dispositions, report_rates, report_quotas,
		report_interviewers
	};
	struct report r;
	size_t i;
	int first = 1;

	memset(&r, 0, sizeof r);
	r.o = o;
	r.ins = ins;
	r.test = store_is_test(st);
	if (report_gather(&r, st, cause) < 0) {
		report_free(&r);
		return -1;
	}
	if (o->format == REPORT_TEXT)
		report_heading(&r, out);
	for (i = 0; i < REPORT_NSECTIONS; i++) {
		if (!(o->sections & report_section_names[i].bit))
			continue;
		if (o->format == REPORT_CSV)
			buf_addf(out, "# %s\n", report_section_names[i].name);
		else if (o->format == REPORT_JSON) {
			buf_adds(out, first ? "{" : ",\n");
			json_str(out, report_section_names[i].name);
			buf_addc(out, ':');
		}
		fns[i](&r, out, o->format);
		first = 0;
	}
	if (o->format == REPORT_JSON)
		buf_adds(out, first ? "{}\n" : "}\n");
	report_free(&r);
	return 0;
}

int report_rates_of(struct store *st, const struct instrument *ins, double e,
    struct rates *out, char **cause)
{
	struct report_options o;
	struct report r;

	memset(&o, 0, sizeof o);
	o.sections = REPORT_RATES;
	o.since = o.until = (time_t)-1;
	o.e = e;
	o.now = clock_now();
	memset(&r, 0, sizeof r);
	r.o = &o;
	r.ins = ins;
	if (report_gather(&r, st, cause) < 0) {
		report_free(&r);
		return -1;
	}
	*out = r.rates;
	report_free(&r);
	return 0;
}

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
	long n;
};

struct report_outcome {
	char *token;
	long cases;		/* cases not final whose last call had it */
	long calls;		/* calls of the period with it */
};

struct report_login {
	char *login, *name;
	long dials, completes, refusals, days, timed;
	double hours, minutes;
};

struct report_cell {
	char *quota, *cell;
	long target, completes;
	int closed;
};

/* Everything the sections show, gathered before anything is written. */
struct report {
	const struct report_options *o;
	const struct instrument *ins;
	long fresh, active, final, completes, partials, screened, due_today, held;
	struct report_code *codes;
	size_t ncodes, ccodes;
	long *interim;		/* cases not final, per row of the rates table */
	struct report_outcome *outcomes;
	size_t noutcomes, coutcomes;
	long groups[RATES_NGROUPS];
	struct rates rates;
	struct report_cell *cells;
	size_t ncells, ccells;
	struct report_login *logins;
	size_t nlogins, clogins;
	int iv_rank;		/* the rank of an open or broken-off interview */
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

/* The count of final code c, added in order of codes. */
static struct report_code *report_code(struct report *r, const char *c)
{
	size_t i;

	for (i = 0; i < r->ncodes; i++)
		if (strcmp(r->codes[i].code, c) == 0)
			return &r->codes[i];
	r->codes = report_grow(r->codes, r->ncodes, &r->ccodes, sizeof *r->codes);
	for (i = r->ncodes; i > 0 && strcmp(r->codes[i - 1].code, c) > 0; i--)
		r->codes[i] = r->codes[i - 1];
	r->codes[i].code = xstrdup(c);
	r->codes[i].n = 0;
	r->ncodes++;
	return &r->codes[i];
}

/* The counts of an outcome token; tokens outside the dispositions table come last. */
static struct report_outcome *report_outcome(struct report *r, const char *token)
{
	struct report_outcome *o;
	size_t i;

	for (i = 0; i < r->noutcomes; i++)
		if (strcmp(r->outcomes[i].token, token) == 0)
			return &r->outcomes[i];
	r->outcomes = report_grow(r->outcomes, r->noutcomes, &r->coutcomes, sizeof *r->outcomes);
	o = &r->outcomes[r->noutcomes++];
	o->token = xstrdup(token);
	o->cases = o->calls = 0;
	return o;
}

/* The figures of an interviewer. */
static struct report_login *report_login(struct report *r, const char *login)
{
	struct report_login *l;
	size_t i;

	for (i = 0; i < r->nlogins; i++)
		if (strcmp(r->logins[i].login, login) == 0)
			return &r->logins[i];
	r->logins = report_grow(r->logins, r->nlogins, &r->clogins, sizeof *r->logins);
	l = &r->logins[r->nlogins++];
	memset(l, 0, sizeof *l);
	l->login = xstrdup(login);
	return l;
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

static void report_on_case(void *arg, const struct store_report_cases *row)
{
	struct report *r = arg;
	const struct rates_map *m;
	int rank = row->rank;

	if (row->final) {
		r->final += row->n;
		report_code(r, row->code)->n += row->n;
		r->groups[rates_group_of(row->code)] += row->n;
		return;
	}
	if (row->interview && r->iv_rank > rank)
		rank = r->iv_rank;
	m = rates_interim_of_rank(rank);
	r->interim[m - rates_map_all()] += row->n;
	r->groups[m->group] += row->n;
	if (row->last[0] == '\0') {
		r->fresh += row->n;
		return;
	}
	r->active += row->n;
	report_outcome(r, row->last)->cases += row->n;
}

static void report_on_call(void *arg, const struct store_report_calls *row)
{
	struct report *r = arg;
	struct report_login *l = report_login(r, row->login);

	report_outcome(r, row->outcome)->calls += row->n;
	l->dials += row->n;
	if (report_is_refusal(row->outcome))
		l->refusals += row->n;
}

static void report_on_interview(void *arg, const struct store_report_interviews *row)
{
	struct report *r = arg;
	struct report_login *l = report_login(r, row->login);

	if (strcmp(row->status, "complete") == 0) {
		r->completes += row->n;
		l->completes += row->n;
		l->timed += row->timed;
		l->minutes += row->minutes;
	} else if (strcmp(row->status, "broken_off") == 0)
		r->partials += row->n;
	else if (strcmp(row->status, "screened_out") == 0) {
		r->screened += row->n;
		if (strcmp(row->outcome, outcome_name(OUT_REFUSAL)) == 0)
			l->refusals += row->n;
	}
}

static void report_on_hours(void *arg, const struct store_report_hours *row)
{
	struct report_login *l = report_login(arg, row->login);

	l->days = row->days;
	l->hours = row->hours;
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

/* The cases of the scope, classified: states, final codes, interim statuses, groups. */
static int report_gather_cases(struct report *r, struct store *st,
    const struct store_report_scope *sc, char **cause)
{
	const struct rates_map *map = rates_map_all();
	struct store_report_rank *ranks;
	size_t i, n = 0;
	int rc;

	for (i = 0; map[i].key != NULL; i++)
		;
	r->interim = xcalloc(i, sizeof *r->interim);
	ranks = xcalloc(i, sizeof *ranks);
	for (i = 0; map[i].key != NULL; i++)
		if (map[i].code != NULL && disposition_find(map[i].key) != NULL) {
			ranks[n].token = map[i].key;
			ranks[n++].rank = map[i].rank;
		}
	r->iv_rank = rates_interim_find("interview")->rank;
	rc = store_report_cases(st, sc, ranks, n, report_on_case, r, cause);
	free(ranks);
	if (rc == 0)
		rates_compute(r->groups, r->o->e, &r->rates);
	return rc;
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

/* The names of the interviewers, from the users of the database. */
static void report_names(struct report *r, struct store *st)
{
	struct store_user u;
	char *cause = NULL;
	size_t i;

	qsort(r->logins, r->nlogins, sizeof *r->logins, report_login_cmp);
	for (i = 0; i < r->nlogins; i++) {
		r->logins[i].name = xstrdup(store_user_get(st, r->logins[i].login, &u, &cause) == 1 ?
		    u.name : "");
		free(cause);
		cause = NULL;
	}
}

/* Runs the queries the asked sections need, in one read transaction. */
static int report_gather(struct report *r, struct store *st, char **cause)
{
	const struct disposition *d;
	char since[32], until[32];
	struct store_report_scope sc = { r->o->wave, NULL, NULL };
	unsigned s = r->o->sections;
	int rc = 0;

	if (r->o->since != (time_t)-1) {
		clock_iso(r->o->since, since, sizeof since);
		sc.since = since;
	}
	if (r->o->until != (time_t)-1) {
		clock_iso(r->o->until, until, sizeof until);
		sc.until = until;
	}
	for (d = disposition_all(); d->token != NULL; d++)
		report_outcome(r, d->token);
	if (store_report_begin(st, cause) < 0)
		return -1;
	if (s & (REPORT_PROGRESS | REPORT_DISPOSITIONS | REPORT_RATES))
		rc = report_gather_cases(r, st, &sc, cause);
	if (rc == 0 && (s & (REPORT_DISPOSITIONS | REPORT_INTERVIEWERS)))
		rc = store_report_calls(st, &sc, report_on_call, r, cause);
	if (rc == 0 && (s & (REPORT_PROGRESS | REPORT_INTERVIEWERS)))
		rc = store_report_interviews(st, &sc, report_on_interview, r, cause);
	if (rc == 0 && (s & REPORT_INTERVIEWERS))
		rc = store_report_hours(st, &sc, report_on_hours, r, cause);
	if (rc == 0 && (s & REPORT_PROGRESS))
		rc = report_gather_now(r, st, cause);
	if (rc == 0 && (s & REPORT_QUOTAS))
		rc = store_report_cells(st, report_on_cell, r, cause);
	if (rc == 0)
		report_names(r, st);
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
	}
	free(r->codes);
	free(r->outcomes);
	free(r->cells);
	free(r->logins);
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
	if (f != REPORT_JSON)
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
		{ "cases", "Cas", (double)(r->fresh + r->active + r->final), 0, NULL },
		{ "fresh", "  jamais appelés", (double)r->fresh, 0, NULL },
		{ "active", "  en cours", (double)r->active, 0, NULL },
		{ "final", "  finals", (double)r->final, 0, NULL },
		{ "completes", "Entretiens complets", (double)r->completes, 0, NULL },
		{ "partials", "Entretiens interrompus (partiels)", (double)r->partials, 0, NULL },
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

/* The label column is as wide as the longest label, up to what 80 columns leave. */
static struct report_col report_final_cols[] = {
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

/* The three tables of the dispositions section, as values. */
static struct report_val *report_finals(const struct report *r)
{
	struct report_val *v = xcalloc(r->ncodes + 1, 4 * sizeof *v);
	size_t i;

	report_final_cols[1].width = -13;
	for (i = 0; i < r->ncodes; i++) {
		const char *c = r->codes[i].code;
		int w = (int)utf8_width(disposition_aapor_label(c));

		if (w > -report_final_cols[1].width)
			report_final_cols[1].width = -(w < 52 ? w : 52);

		v[i * 4] = report_word(c);
		v[i * 4 + 1] = report_word(disposition_aapor_label(c));
		v[i * 4 + 2] = report_word(rates_group_name(rates_group_of(c)));
		v[i * 4 + 3] = report_int(r->codes[i].n);
	}
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
	struct report_val *fin = report_finals(r), *out = report_outcomes(r), *itm;
	size_t nitm;

	itm = report_interims(r, &nitm);
	if (f == REPORT_CSV)
		report_dispositions_csv(b, fin, r->ncodes, itm, nitm, out, r->noutcomes);
	else if (f == REPORT_JSON) {
		buf_adds(b, "{\"final\":");
		report_table(b, f, report_final_cols, REPORT_NCOLS(report_final_cols), fin,
		    r->ncodes, "");
		buf_adds(b, ",\"interim\":");
		report_table(b, f, report_interim_cols, REPORT_NCOLS(report_interim_cols), itm,
		    nitm, "");
		buf_adds(b, ",\"outcomes\":");
		report_table(b, f, report_outcome_cols, REPORT_NCOLS(report_outcome_cols), out,
		    r->noutcomes, "");
		buf_addc(b, '}');
	} else {
		buf_adds(b, "\nDispositions\n  Cas finals, par code AAPOR\n");
		if (r->ncodes == 0)
			buf_adds(b, "    aucun\n");
		else
			report_table(b, f, report_final_cols, REPORT_NCOLS(report_final_cols), fin,
			    r->ncodes, "    ");
		buf_adds(b, "  Cas non finals, par statut (et le code qui les compte dans les taux)\n");
		report_table(b, f, report_interim_cols, REPORT_NCOLS(report_interim_cols), itm, nitm,
		    "    ");
		buf_adds(b, "  Issues d'appel : cas en cours dont c'est la dernière, appels de la période\n");
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

	buf_adds(b, "\nTaux AAPOR (téléphone)\n  Groupe                                      Cas\n");
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
		row[4] = report_num(report_ratio(100.0 * (double)c->completes, (double)c->target), 1);
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

		row[0] = report_word(l->login);
		row[1] = report_word(l->name);
		row[2] = report_num(l->hours, 2);
		row[3] = report_int(l->days);
		row[4] = report_int(l->dials);
		row[5] = report_num(report_ratio((double)l->dials, l->hours), 1);
		row[6] = report_int(l->completes);
		row[7] = report_num(report_ratio((double)l->completes, l->hours), 2);
		row[8] = report_num(report_ratio(l->minutes, (double)l->timed), 1);
		row[9] = report_int(l->refusals);
	}
	if (f == REPORT_TEXT)
		buf_adds(b, "\nEnquêteurs\n");
	if (f == REPORT_TEXT && r->nlogins == 0)
		buf_adds(b, "  Aucun appel ni entretien.\n");
	else
		report_table(b, f, cols, REPORT_NCOLS(cols), v, r->nlogins, "  ");
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
	buf_adds(b, "\n  Cas appelés ou interrogés dans la période, dans leur état à sa fin.\n");
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

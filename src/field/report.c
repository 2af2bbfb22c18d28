/* allo report: the options, the heading and the sections in order; counts gathered by report_gather.c. */
#include "field/report.h"
#include "field/report_int.h"

#include <math.h>
#include <string.h>

#include "util/clock.h"
#include "util/json.h"

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
time_t report_day(time_t t, int days)
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

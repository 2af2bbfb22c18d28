/*
 * Appointment times as French interviewers type them.
 *
 * The text is folded first (lower case, no accents, typographic apostrophes,
 * hyphens and spaces made plain, blanks collapsed), then read as a few items in
 * any order, each at most once:
 *
 *	day	aujourd'hui | auj | demain | apres-demain | lundi..dimanche [prochain]
 *		| [weekday] D/M[/Y] (separators / - .; Y of 2 or 4 digits)
 *	time	H h [MM] | H heure(s) [MM] | H:MM
 *	part	matin | midi | apres-midi | aprem | soir | ce|cet <part> (today)
 *	filler	le | a
 *
 * or, alone, "dans N h [MM]", "dans N heure(s)", "dans N min(utes)|mn", N a
 * number or un/une. A time makes a hard appointment; a part of day, or a day
 * alone (the whole calling window of that day), a soft one. Parts have fixed
 * boundaries (matin 09:00-12:00, midi 12:00-14:00, apres-midi 14:00-18:00, soir
 * 18:00-20:30), not the fieldwork slots, so that what the interviewer reads back
 * does not depend on the survey; they are clipped to the calling window of the
 * day, and a part already begun today starts at the next 5-minute mark.
 */
#include "field/when.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field/schedule.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define nitems(a) (sizeof (a) / sizeof (a)[0])

#define WHEN_MAX_DAYS 90
#define WHEN_SOON 300		/* a part already begun starts at the next multiple of this */

enum { PART_MATIN, PART_MIDI, PART_APREM, PART_SOIR, PART_COUNT };

static const struct window when_parts[PART_COUNT] = {
	{ 9 * 60, 12 * 60 }, { 12 * 60, 14 * 60 }, { 14 * 60, 18 * 60 }, { 18 * 60, 20 * 60 + 30 }
};
static const char *const when_part_names[PART_COUNT] = { "matin", "midi", "après-midi", "soir" };
static const char *const when_this_part[PART_COUNT] = {
	"ce matin", "ce midi", "cet après-midi", "ce soir"
};
static const char *const when_weekdays[7] = {
	"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"
};

enum when_what { WW_OFFSET, WW_WEEKDAY, WW_PART, WW_THIS, WW_FILLER };

/* The words understood, as folded; a longer spelling before its prefix. */
static const struct {
	const char *text;
	enum when_what what;
	int value;		/* days after today, weekday (0 Sunday) or part */
} when_words[] = {
	{ "aujourd'hui", WW_OFFSET, 0 }, { "aujourdhui", WW_OFFSET, 0 }, { "auj", WW_OFFSET, 0 },
	{ "apres-demain", WW_OFFSET, 2 }, { "apres demain", WW_OFFSET, 2 },
	{ "demain", WW_OFFSET, 1 },
	{ "dimanche", WW_WEEKDAY, 0 }, { "lundi", WW_WEEKDAY, 1 }, { "mardi", WW_WEEKDAY, 2 },
	{ "mercredi", WW_WEEKDAY, 3 }, { "jeudi", WW_WEEKDAY, 4 }, { "vendredi", WW_WEEKDAY, 5 },
	{ "samedi", WW_WEEKDAY, 6 },
	{ "matin", WW_PART, PART_MATIN }, { "midi", WW_PART, PART_MIDI },
	{ "apres-midi", WW_PART, PART_APREM }, { "apres midi", WW_PART, PART_APREM },
	{ "aprem", WW_PART, PART_APREM }, { "soir", WW_PART, PART_SOIR },
	{ "cet", WW_THIS, 0 }, { "ce", WW_THIS, 0 },
	{ "le", WW_FILLER, 0 }, { "a", WW_FILLER, 0 },
};

/* What was read from the text; -1 (0 for dated) marks an item not typed. */
struct when_req {
	const char *p;		/* the folded text still to read */
	const char *orig;	/* the text as typed, trimmed, for messages */
	int origlen;
	int offset;		/* days after today */
	int wday;		/* 0 for Sunday */
	int dated, day, month, year;
	int part;
	int hour, minute;
	int rel;		/* "dans": minutes from now */
	int bad_time;		/* minutes above 59 after "dans" */
};

/* A calendar day of the local time zone. */
struct when_day {
	int y, m, d;
};

/* The folded form of one code point: a plain lower-case ASCII character, '?' when none fits. */
static char when_fold_cp(unsigned cp)
{
	static const char latin[] =	/* U+00C0 to U+00FF */
	    "aaaaaa?ceeeeiiii" "dnooooo?ouuuuy??" "aaaaaa?ceeeeiiii" "dnooooo?ouuuuy?y";

	if (cp >= 'A' && cp <= 'Z')
		return (char)(cp - 'A' + 'a');
	if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xa0 || cp == 0x2009 || cp == 0x202f)
		return ' ';
	if (cp == 0x2018 || cp == 0x2019 || cp == 0xb4 || cp == '`')
		return '\'';
	if (cp >= 0x2010 && cp <= 0x2013)
		return '-';
	if (cp < 0x80)
		return (char)cp;
	return cp >= 0xc0 && cp <= 0xff ? latin[cp - 0xc0] : '?';
}

/* text folded, with runs of blanks made one space and none at either end (caller frees). */
static char *when_fold(const char *text)
{
	size_t len = strlen(text), i = 0, n = 0;
	char *s = xmalloc(len + 1), c;
	unsigned cp;

	while (i < len) {
		i += (size_t)utf8_decode(text + i, len - i, &cp);
		c = when_fold_cp(cp);
		if (c != ' ' || (n > 0 && s[n - 1] != ' '))
			s[n++] = c;
	}
	if (n > 0 && s[n - 1] == ' ')
		n--;
	s[n] = '\0';
	return s;
}

static int when_isblank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void when_init(struct when_req *r, const char *folded, const char *text)
{
	size_t n;

	memset(r, 0, sizeof *r);
	r->p = folded;
	while (when_isblank(*text))
		text++;
	for (n = strlen(text); n > 0 && when_isblank(text[n - 1]); n--)
		;
	r->orig = text;
	r->origlen = n > 1000 ? 1000 : (int)n;
	r->offset = r->wday = r->year = r->part = r->hour = r->rel = -1;
}

static void when_blank(struct when_req *r)
{
	while (*r->p == ' ')
		r->p++;
}

/* Reads the word w when the text continues with it, not followed by a letter. */
static int when_word(struct when_req *r, const char *w)
{
	size_t n = strlen(w);

	if (strncmp(r->p, w, n) != 0 || (r->p[n] >= 'a' && r->p[n] <= 'z'))
		return 0;
	r->p += n;
	return 1;
}

static int when_isdigit(char c)
{
	return c >= '0' && c <= '9';
}

/* 1 if p is a date separator followed by a digit. */
static int when_datesep(const char *p)
{
	return (*p == '/' || *p == '-' || *p == '.') && when_isdigit(p[1]);
}

/* Reads up to 4 digits into *v; the count read, 0 when none or more than 4 (nothing read). */
static int when_number(struct when_req *r, int *v)
{
	int n;

	*v = 0;
	for (n = 0; when_isdigit(r->p[n]); n++)
		if (n < 4)
			*v = *v * 10 + (r->p[n] - '0');
	if (n > 4)
		return 0;
	r->p += n;
	return n;
}

/* Reads the optional minutes after "18h"; digits that start a date ("14h 27/11") are not. */
static int when_minutes(struct when_req *r, int *minute)
{
	const char *save = r->p;
	int n;

	when_blank(r);
	if ((n = when_number(r, minute)) == 0 || when_datesep(r->p)) {
		r->p = save;
		*minute = 0;
		return 0;
	}
	return n <= 2 ? 0 : -1;
}

/* Reads "18h", "18h30", "18 h 30", "18 heures", "18:30"; ranges are checked later. */
static int when_time(struct when_req *r)
{
	int n = when_number(r, &r->hour);

	if (n == 0 || n > 2)
		return -1;
	when_blank(r);
	if (*r->p == ':') {
		r->p++;
		when_blank(r);
		return when_number(r, &r->minute) == 2 ? 0 : -1;
	}
	if (!when_word(r, "heures") && !when_word(r, "heure") && !when_word(r, "h"))
		return -1;
	return when_minutes(r, &r->minute);
}

/* Reads "27/11", "27-11", "27.11", with an optional year of 2 or 4 digits. */
static int when_date(struct when_req *r)
{
	int n;

	r->dated = 1;
	if ((n = when_number(r, &r->day)) == 0 || n > 2 || !when_datesep(r->p))
		return -1;
	r->p++;
	if ((n = when_number(r, &r->month)) == 0 || n > 2)
		return -1;
	if (!when_datesep(r->p))
		return 0;
	r->p++;
	n = when_number(r, &r->year);
	if (n == 2)
		r->year += 2000;
	return n == 2 || n == 4 ? 0 : -1;
}

/* Reads what follows "dans": "2h", "1h30", "30 min", "1 heure", "une heure". */
static int when_relative(struct when_req *r)
{
	int n, m = 0;

	when_blank(r);
	if (when_word(r, "une") || when_word(r, "un"))
		n = 1;
	else if (when_number(r, &n) == 0)
		return -1;
	when_blank(r);
	if (when_word(r, "minutes") || when_word(r, "minute") || when_word(r, "min") ||
	    when_word(r, "mn")) {
		r->rel = n;
		return 0;
	}
	if ((!when_word(r, "heures") && !when_word(r, "heure") && !when_word(r, "h")) ||
	    when_minutes(r, &m) < 0)
		return -1;
	r->bad_time = m > 59;
	r->rel = n * 60 + m;
	return 0;
}

/* Reads the name of a part of day; the part, or -1. */
static int when_part_word(struct when_req *r)
{
	size_t i;

	for (i = 0; i < nitems(when_words); i++)
		if (when_words[i].what == WW_PART && when_word(r, when_words[i].text))
			return when_words[i].value;
	return -1;
}

/* Records a word just read; -1 when it repeats or contradicts an earlier one. */
static int when_apply(struct when_req *r, enum when_what what, int value)
{
	int day = r->offset >= 0 || r->wday >= 0 || r->dated;

	switch (what) {
	case WW_OFFSET:
		if (day)
			return -1;
		r->offset = value;
		return 0;
	case WW_WEEKDAY:
		if (r->offset >= 0 || r->wday >= 0)
			return -1;
		r->wday = value;
		when_blank(r);
		if (!when_word(r, "prochaine"))
			when_word(r, "prochain");
		return 0;
	case WW_THIS:
		if (day || r->part >= 0)
			return -1;
		r->offset = 0;
		when_blank(r);
		return (r->part = when_part_word(r)) >= 0 ? 0 : -1;
	case WW_PART:
		if (r->part >= 0)
			return -1;
		r->part = value;
		return 0;
	case WW_FILLER:
		return 0;
	}
	return -1;
}

/* Reads one item: a date, a time or a word. */
static int when_item(struct when_req *r)
{
	const char *q = r->p;
	size_t i;

	if (when_isdigit(*q)) {
		while (when_isdigit(*q))
			q++;
		if (when_datesep(q))
			return r->dated || r->offset >= 0 ? -1 : when_date(r);
		return r->hour >= 0 ? -1 : when_time(r);
	}
	for (i = 0; i < nitems(when_words); i++)
		if (when_word(r, when_words[i].text))
			return when_apply(r, when_words[i].what, when_words[i].value);
	return -1;
}

/* Reads the whole folded text; -1 when some of it is not understood. */
static int when_read(struct when_req *r)
{
	when_blank(r);
	if (when_word(r, "dans")) {
		if (when_relative(r) < 0)
			return -1;
		when_blank(r);
		return *r->p == '\0' ? 0 : -1;
	}
	while (when_blank(r), *r->p != '\0')
		if (when_item(r) < 0)
			return -1;
	return r->offset >= 0 || r->wday >= 0 || r->dated || r->part >= 0 || r->hour >= 0 ? 0 : -1;
}

static struct when_day when_dayof(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return (struct when_day){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}

/* Days since 1970-01-01; the day of the month may run past the month's end. */
static long when_daynum(struct when_day d)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = d.y - 1900;
	tm.tm_mon = d.m - 1;
	tm.tm_mday = d.d;
	tm.tm_hour = 12;
	return (long)(timegm(&tm) / 86400);
}

static struct when_day when_shift(struct when_day d, int days)
{
	time_t t = (time_t)(when_daynum(d) + days) * 86400 + 12 * 3600;
	struct tm tm;

	gmtime_r(&t, &tm);
	return (struct when_day){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}

/* 0 for Sunday; 1970-01-01 was a Thursday. */
static int when_wday(struct when_day d)
{
	return (int)(((when_daynum(d) + 4) % 7 + 7) % 7);
}

static int when_mdays(int y, int m)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : mdays[m - 1];
}

/* The local time at minute of day d, daylight saving time worked out by mktime. */
static time_t when_local(struct when_day d, int minute)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = d.y - 1900;
	tm.tm_mon = d.m - 1;
	tm.tm_mday = d.d;
	tm.tm_hour = minute / 60;
	tm.tm_min = minute % 60;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static struct window when_window(const struct fieldwork *fw, struct when_day d)
{
	int wd = when_wday(d);

	if (wd == 0)
		return fw->sunday;
	return wd == 6 ? fw->saturday : fw->weekday;
}

/* The day typed (today when none); -1 with *why for a date that does not exist. */
static int when_target(const struct when_req *r, struct when_day today, struct when_day *d,
    char **why)
{
	int k;

	if (r->dated) {
		d->y = r->year >= 0 ? r->year : today.y;
		d->m = r->month;
		d->d = r->day;
		if (r->year < 0 && (d->m < today.m || (d->m == today.m && d->d < today.d)))
			d->y++;
		if (d->m < 1 || d->m > 12 || d->d < 1 || d->d > when_mdays(d->y, d->m)) {
			*why = xasprintf("« %.*s » : date impossible.", r->origlen, r->orig);
			return -1;
		}
		if (r->wday >= 0 && when_wday(*d) != r->wday) {
			*why = xasprintf("« %.*s » : le %02d/%02d/%d est un %s.", r->origlen, r->orig,
			    d->d, d->m, d->y, when_weekdays[when_wday(*d)]);
			return -1;
		}
	} else if (r->wday >= 0) {
		k = (r->wday - when_wday(today) + 7) % 7;
		*d = when_shift(today, k == 0 ? 7 : k);
	} else
		*d = when_shift(today, r->offset > 0 ? r->offset : 0);
	return 0;
}

/* Refuses a day before today or more than WHEN_MAX_DAYS after it. */
static int when_horizon(struct when_day d, time_t now, char **why)
{
	long days = when_daynum(d) - when_daynum(when_dayof(now));

	if (days < 0)
		*why = xstrdup("Le rendez-vous doit être dans le futur.");
	else if (days > WHEN_MAX_DAYS)
		*why = xasprintf("Le rendez-vous doit être dans les %d jours.", WHEN_MAX_DAYS);
	return days < 0 || days > WHEN_MAX_DAYS ? -1 : 0;
}

/* Refuses a hard appointment in the past, too far ahead or outside the calling windows. */
static int when_check_hard(const struct when *w, time_t now, const struct fieldwork *fw,
    char **why)
{
	if (w->at <= now) {
		*why = xstrdup("Le rendez-vous doit être dans le futur.");
		return -1;
	}
	if (when_horizon(when_dayof(w->at), now, why) < 0)
		return -1;
	return schedule_allowed(fw, w->at, why) ? 0 : -1;
}

/* A typed time on day d; a bare time already past today means tomorrow. */
static int when_hard(const struct when_req *r, struct when_day d, int implicit, time_t now,
    const struct fieldwork *fw, struct when *w, char **why)
{
	int minute = r->hour * 60 + r->minute;

	if ((r->part == PART_APREM || r->part == PART_SOIR) && r->hour >= 1 && r->hour < 12)
		minute += 12 * 60;
	w->kind = WHEN_HARD;
	w->at = when_local(d, minute);
	if (w->at <= now && implicit)
		w->at = when_local(when_shift(d, 1), minute);
	w->until = w->at;
	return when_check_hard(w, now, fw, why);
}

/*
 * The part of day typed (the whole calling window when none) on day d, clipped to
 * the window and to the future; 1 when nothing of it is left.
 */
static int when_span(const struct when_req *r, struct when_day d, time_t now,
    const struct fieldwork *fw, struct when *w, char **why)
{
	struct window win = when_window(fw, d);
	struct window span = r->part >= 0 ? when_parts[r->part] : win;
	int from = span.from > win.from ? span.from : win.from;
	int to = span.to < win.to ? span.to : win.to;
	time_t soon = now - now % WHEN_SOON + WHEN_SOON;

	if (win.from < 0 || from >= to) {
		if (schedule_allowed(fw, when_local(d, span.from >= 0 ? span.from : 12 * 60), why))
			*why = xstrdup("En dehors des heures d'appel.");
		return -1;
	}
	w->kind = WHEN_SOFT;
	w->at = when_local(d, from);
	w->until = when_local(d, to);
	if (w->at <= now) {
		if (soon >= w->until)
			return 1;
		w->at = soon;
	}
	return 0;
}

/* A part of day or a day alone; a part over today, with no day typed, means tomorrow's. */
static int when_soft(const struct when_req *r, struct when_day d, int implicit, time_t now,
    const struct fieldwork *fw, struct when *w, char **why)
{
	int rc = when_span(r, d, now, fw, w, why);

	if (rc == 1 && implicit)
		rc = when_span(r, when_shift(d, 1), now, fw, w, why);
	if (rc == 1) {
		*why = xstrdup("Le rendez-vous doit être dans le futur.");
		rc = -1;
	}
	return rc;
}

/* Turns what was read into an appointment, or refuses it. */
static int when_resolve(const struct when_req *r, time_t now, const struct fieldwork *fw,
    struct when *w, char **why)
{
	int implicit = r->offset < 0 && r->wday < 0 && !r->dated;
	struct when_day d;

	if (r->rel >= 0) {
		w->kind = WHEN_HARD;
		w->at = w->until = now + (time_t)r->rel * 60;
		return when_check_hard(w, now, fw, why);
	}
	if (when_target(r, when_dayof(now), &d, why) < 0 || when_horizon(d, now, why) < 0)
		return -1;
	if (r->hour >= 0)
		return when_hard(r, d, implicit, now, fw, w, why);
	return when_soft(r, d, implicit, now, fw, w, why);
}

int when_parse(const char *text, time_t now, const struct fieldwork *fw, struct when *w, char **why)
{
	char *folded = when_fold(text);
	struct when_req r;
	int rc = -1;

	*why = NULL;
	when_init(&r, folded, text);
	if (when_read(&r) < 0)
		*why = xasprintf("« %.*s » : heure non comprise (ex. 18h30, demain 10h, jeudi 14h, "
		    "27/11 18h30)", r.origlen, r.orig);
	else if (r.bad_time || r.hour > 23 || r.minute > 59)
		*why = xasprintf("« %.*s » : heure impossible (de 0h00 à 23h59).", r.origlen,
		    r.orig);
	else
		rc = when_resolve(&r, now, fw, w, why);
	free(folded);
	return rc;
}

/* The part of day that holds from..to (minutes), or -1. */
static int when_part_of(int from, int to)
{
	int p;

	for (p = 0; p < PART_COUNT; p++)
		if (from >= when_parts[p].from && to <= when_parts[p].to)
			return p;
	return -1;
}

/* "aujourd'hui", "demain" or "jeudi 27/11" (with the year when not now's). */
static void when_dayname(struct when_day d, struct when_day today, char *buf, size_t len)
{
	long days = when_daynum(d) - when_daynum(today);

	if (days == 0)
		snprintf(buf, len, "aujourd'hui");
	else if (days == 1)
		snprintf(buf, len, "demain");
	else if (d.y == today.y)
		snprintf(buf, len, "%s %02d/%02d", when_weekdays[when_wday(d)], d.d, d.m);
	else
		snprintf(buf, len, "%s %02d/%02d/%d", when_weekdays[when_wday(d)], d.d, d.m, d.y);
}

void when_format(const struct when *w, time_t now, char *buf, size_t len)
{
	struct tm at, until;
	struct when_day d = when_dayof(w->at), today = when_dayof(now);
	char day[64];
	int from, to, p;

	localtime_r(&w->at, &at);
	localtime_r(&w->until, &until);
	when_dayname(d, today, day, sizeof day);
	from = at.tm_hour * 60 + at.tm_min;
	to = until.tm_hour * 60 + until.tm_min;
	if (when_daynum(when_dayof(w->until)) > when_daynum(d))
		to += 24 * 60;
	if (w->kind == WHEN_HARD)
		snprintf(buf, len, "%s à %02d:%02d", day, at.tm_hour, at.tm_min);
	else if ((p = when_part_of(from, to)) >= 0 && when_daynum(d) == when_daynum(today))
		snprintf(buf, len, "%s", when_this_part[p]);
	else if (p >= 0)
		snprintf(buf, len, "%s %s", day, when_part_names[p]);
	else
		snprintf(buf, len, "%s entre %02d:%02d et %02d:%02d", day, from / 60, from % 60,
		    to / 60, to % 60);
}

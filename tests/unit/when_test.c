/* Table-driven tests of appointment times as typed in the appointment dialog, in Europe/Paris. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field/when.h"
#include "util/clock.h"

#include "unit.h"

#define nitems(a) (sizeof (a) / sizeof (a)[0])

#define WED	"2026-11-25T09:00:00Z"	/* Wednesday 25/11 10:00 CET */
#define WEDPM	"2026-11-25T18:00:00Z"	/* Wednesday 25/11 19:00 CET */
#define LATE	"2026-11-25T20:00:00Z"	/* Wednesday 25/11 21:00 CET */
#define SAT	"2026-11-28T09:00:00Z"	/* Saturday 28/11 10:00 CET */
#define OCT	"2026-10-24T08:00:00Z"	/* Saturday 24/10 10:00 CEST; CET from Sunday 03:00 */
#define MAR	"2026-03-28T09:00:00Z"	/* Saturday 28/03 10:00 CET; CEST from Sunday 02:00 */

#define NOT_UNDERSTOOD " : heure non comprise (ex. 18h30, demain 10h, jeudi 14h, 27/11 18h30)"
#define PAST "!Le rendez-vous doit être dans le futur."
#define FAR "!Le rendez-vous doit être dans les 90 jours."
#define NO_CALL "!Pas d'appel ce jour-là."
#define OUT_WEEK "!En dehors des heures d'appel de ce jour (09:00-20:30)."
#define OUT_SAT "!En dehors des heures d'appel de ce jour (09:00-17:00)."
#define OUT_SUN "!En dehors des heures d'appel de ce jour (10:00-18:00)."

/*
 * want: `at` in UTC, or "!" and the whole refusal; until: `until` of a soft
 * appointment, NULL for a hard one; sunday: calls on Sunday 10:00-18:00 instead of none.
 */
static const struct {
	const char *now, *in, *want, *until;
	int sunday;
} when_cases[] = {
	/* a bare time: today while ahead, else tomorrow */
	{ WED, "18h", "2026-11-25T17:00:00Z", NULL, 0 },
	{ WED, "18h30", "2026-11-25T17:30:00Z", NULL, 0 },
	{ WED, "18:30", "2026-11-25T17:30:00Z", NULL, 0 },
	{ WED, "18 h 30", "2026-11-25T17:30:00Z", NULL, 0 },
	{ WED, "18 : 30", "2026-11-25T17:30:00Z", NULL, 0 },
	{ WED, "18heures", "2026-11-25T17:00:00Z", NULL, 0 },
	{ WED, "18 heures 30", "2026-11-25T17:30:00Z", NULL, 0 },
	{ WED, "à 18h", "2026-11-25T17:00:00Z", NULL, 0 },
	{ WED, "a 18h", "2026-11-25T17:00:00Z", NULL, 0 },
	{ WED, "À18H", "2026-11-25T17:00:00Z", NULL, 0 },
	{ WED, "  à   18h  ", "2026-11-25T17:00:00Z", NULL, 0 },
	{ WED, "9h", "2026-11-26T08:00:00Z", NULL, 0 },
	{ WED, "10h", "2026-11-26T09:00:00Z", NULL, 0 },
	{ WED, "20h29", "2026-11-25T19:29:00Z", NULL, 0 },
	{ WED, "20h30", OUT_WEEK, NULL, 0 },
	{ WED, "22h", OUT_WEEK, NULL, 0 },
	{ WED, "8h", OUT_WEEK, NULL, 0 },
	/* a day and a time */
	{ WED, "demain 10h", "2026-11-26T09:00:00Z", NULL, 0 },
	{ WED, "demain à 10h", "2026-11-26T09:00:00Z", NULL, 0 },
	{ WED, "DEMAIN  10 H", "2026-11-26T09:00:00Z", NULL, 0 },
	{ WED, "demain\xc2\xa0" "10h", "2026-11-26T09:00:00Z", NULL, 0 },
	{ WED, "10h demain", "2026-11-26T09:00:00Z", NULL, 0 },
	{ WED, "après-demain 11h", "2026-11-27T10:00:00Z", NULL, 0 },
	{ WED, "apres-demain 11h", "2026-11-27T10:00:00Z", NULL, 0 },
	{ WED, "Après demain 11h", "2026-11-27T10:00:00Z", NULL, 0 },
	{ WED, "aujourd'hui 14h", "2026-11-25T13:00:00Z", NULL, 0 },
	{ WED, "aujourd\xe2\x80\x99hui 14h", "2026-11-25T13:00:00Z", NULL, 0 },
	{ WED, "aujourd'hui 9h", PAST, NULL, 0 },
	{ WED, "jeudi 14h", "2026-11-26T13:00:00Z", NULL, 0 },
	{ WED, "jeudi à 14h30", "2026-11-26T13:30:00Z", NULL, 0 },
	{ WED, "Lundi 10h", "2026-11-30T09:00:00Z", NULL, 0 },
	{ WED, "lundi prochain 10h", "2026-11-30T09:00:00Z", NULL, 0 },
	{ WED, "mercredi 10h", "2026-12-02T09:00:00Z", NULL, 0 },
	{ WED, "dimanche 10h", NO_CALL, NULL, 0 },
	{ WED, "samedi 16h", "2026-11-28T15:00:00Z", NULL, 0 },
	{ WED, "samedi 18h", OUT_SAT, NULL, 0 },
	{ WED, "demain soir 19h", "2026-11-26T18:00:00Z", NULL, 0 },
	{ WED, "ce soir 8h", "2026-11-25T19:00:00Z", NULL, 0 },
	{ WED, "demain après-midi 3h", "2026-11-26T14:00:00Z", NULL, 0 },
	/* dates */
	{ WED, "27/11 18h30", "2026-11-27T17:30:00Z", NULL, 0 },
	{ WED, "le 27/11 à 18h", "2026-11-27T17:00:00Z", NULL, 0 },
	{ WED, "27-11 18h", "2026-11-27T17:00:00Z", NULL, 0 },
	{ WED, "27.11 18h", "2026-11-27T17:00:00Z", NULL, 0 },
	{ WED, "27/11/2026 18h", "2026-11-27T17:00:00Z", NULL, 0 },
	{ WED, "27/11/26 18h", "2026-11-27T17:00:00Z", NULL, 0 },
	{ WED, "vendredi 27/11 18h", "2026-11-27T17:00:00Z", NULL, 0 },
	{ WED, "jeudi 27/11 18h", "!« jeudi 27/11 18h » : le 27/11/2026 est un vendredi.", NULL, 0 },
	{ WED, "25/11 15h", "2026-11-25T14:00:00Z", NULL, 0 },
	{ WED, "25/11 9h", PAST, NULL, 0 },
	{ WED, "27/11/2025 10h", PAST, NULL, 0 },
	{ WED, "15/01 10h", "2027-01-15T09:00:00Z", NULL, 0 },
	{ WED, "23/02 10h", "2027-02-23T09:00:00Z", NULL, 0 },
	{ WED, "24/02 10h", FAR, NULL, 0 },
	{ WED, "01/03 10h", FAR, NULL, 0 },
	{ WED, "27/11/2027 10h", FAR, NULL, 0 },
	{ WED, "31/02", "!« 31/02 » : date impossible.", NULL, 0 },
	{ WED, "29/02 10h", "!« 29/02 10h » : date impossible.", NULL, 0 },
	{ WED, "31/11 10h", "!« 31/11 10h » : date impossible.", NULL, 0 },
	{ WED, "27/13 10h", "!« 27/13 10h » : date impossible.", NULL, 0 },
	{ WED, "0/12 10h", "!« 0/12 10h » : date impossible.", NULL, 0 },
	/* impossible hours */
	{ WED, "25h", "!« 25h » : heure impossible (de 0h00 à 23h59).", NULL, 0 },
	{ WED, "18h60", "!« 18h60 » : heure impossible (de 0h00 à 23h59).", NULL, 0 },
	{ WED, "24:00", "!« 24:00 » : heure impossible (de 0h00 à 23h59).", NULL, 0 },
	{ WED, "dans 1h75", "!« dans 1h75 » : heure impossible (de 0h00 à 23h59).", NULL, 0 },
	/* not understood */
	{ WED, "xyz", "!« xyz »" NOT_UNDERSTOOD, NULL, 0 },
	{ WED, "", "!«  »" NOT_UNDERSTOOD, NULL, 0 },
	{ WED, "  18  ", "!« 18 »" NOT_UNDERSTOOD, NULL, 0 },
	{ WED, "demain 18", "!« demain 18 »" NOT_UNDERSTOOD, NULL, 0 },
	{ WED, "demain demain", "!« demain demain »" NOT_UNDERSTOOD, NULL, 0 },
	{ WED, "18h 19h", "!« 18h 19h »" NOT_UNDERSTOOD, NULL, 0 },
	{ WED, "lundi mardi", "!« lundi mardi »" NOT_UNDERSTOOD, NULL, 0 },
	{ WED, "hier 10h", "!« hier 10h »" NOT_UNDERSTOOD, NULL, 0 },
	{ WED, "le", "!« le »" NOT_UNDERSTOOD, NULL, 0 },
	{ WED, "ce jeudi", "!« ce jeudi »" NOT_UNDERSTOOD, NULL, 0 },
	{ WED, "27/11/5 10h", "!« 27/11/5 10h »" NOT_UNDERSTOOD, NULL, 0 },
	{ WED, "18h300", "!« 18h300 »" NOT_UNDERSTOOD, NULL, 0 },
	{ WED, "dans 2h demain", "!« dans 2h demain »" NOT_UNDERSTOOD, NULL, 0 },
	{ WED, "demain dans 2h", "!« demain dans 2h »" NOT_UNDERSTOOD, NULL, 0 },
	{ WED, "dans", "!« dans »" NOT_UNDERSTOOD, NULL, 0 },
	/* relative */
	{ WED, "dans 2h", "2026-11-25T11:00:00Z", NULL, 0 },
	{ WED, "dans 30 min", "2026-11-25T09:30:00Z", NULL, 0 },
	{ WED, "dans 45 minutes", "2026-11-25T09:45:00Z", NULL, 0 },
	{ WED, "dans 1 heure", "2026-11-25T10:00:00Z", NULL, 0 },
	{ WED, "dans une heure", "2026-11-25T10:00:00Z", NULL, 0 },
	{ WED, "dans 1h30", "2026-11-25T10:30:00Z", NULL, 0 },
	{ WED, "dans 2 heures", "2026-11-25T11:00:00Z", NULL, 0 },
	{ WED, "dans 0 min", PAST, NULL, 0 },
	{ WED, "dans 12h", OUT_WEEK, NULL, 0 },
	{ WED, "dans 2200h", FAR, NULL, 0 },
	/* parts of day, alone or with a day */
	{ WED, "matin", "2026-11-25T09:05:00Z", "2026-11-25T11:00:00Z", 0 },
	{ WED, "midi", "2026-11-25T11:00:00Z", "2026-11-25T13:00:00Z", 0 },
	{ WED, "après-midi", "2026-11-25T13:00:00Z", "2026-11-25T17:00:00Z", 0 },
	{ WED, "apres-midi", "2026-11-25T13:00:00Z", "2026-11-25T17:00:00Z", 0 },
	{ WED, "APRÈS-MIDI", "2026-11-25T13:00:00Z", "2026-11-25T17:00:00Z", 0 },
	{ WED, "après\xe2\x80\x91midi", "2026-11-25T13:00:00Z", "2026-11-25T17:00:00Z", 0 },
	{ WED, "aprem", "2026-11-25T13:00:00Z", "2026-11-25T17:00:00Z", 0 },
	{ WED, "soir", "2026-11-25T17:00:00Z", "2026-11-25T19:30:00Z", 0 },
	{ WED, "ce soir", "2026-11-25T17:00:00Z", "2026-11-25T19:30:00Z", 0 },
	{ WED, "ce matin", "2026-11-25T09:05:00Z", "2026-11-25T11:00:00Z", 0 },
	{ WED, "cet après-midi", "2026-11-25T13:00:00Z", "2026-11-25T17:00:00Z", 0 },
	{ WED, "demain matin", "2026-11-26T08:00:00Z", "2026-11-26T11:00:00Z", 0 },
	{ WED, "jeudi soir", "2026-11-26T17:00:00Z", "2026-11-26T19:30:00Z", 0 },
	{ WED, "27/11 après-midi", "2026-11-27T13:00:00Z", "2026-11-27T17:00:00Z", 0 },
	{ WED, "samedi après-midi", "2026-11-28T13:00:00Z", "2026-11-28T16:00:00Z", 0 },
	{ WED, "samedi soir", OUT_SAT, NULL, 0 },
	{ WED, "dimanche soir", NO_CALL, NULL, 0 },
	/* a day alone: its whole calling window */
	{ WED, "demain", "2026-11-26T08:00:00Z", "2026-11-26T19:30:00Z", 0 },
	{ WED, "aujourd'hui", "2026-11-25T09:05:00Z", "2026-11-25T19:30:00Z", 0 },
	{ WED, "lundi prochain", "2026-11-30T08:00:00Z", "2026-11-30T19:30:00Z", 0 },
	{ WED, "15/01", "2027-01-15T08:00:00Z", "2027-01-15T19:30:00Z", 0 },
	{ WED, "dimanche", NO_CALL, NULL, 0 },
	/* in the evening: what is over moves to tomorrow unless the day was said */
	{ WEDPM, "soir", "2026-11-25T18:05:00Z", "2026-11-25T19:30:00Z", 0 },
	{ WEDPM, "ce soir", "2026-11-25T18:05:00Z", "2026-11-25T19:30:00Z", 0 },
	{ WEDPM, "aujourd'hui", "2026-11-25T18:05:00Z", "2026-11-25T19:30:00Z", 0 },
	{ WEDPM, "après-midi", "2026-11-26T13:00:00Z", "2026-11-26T17:00:00Z", 0 },
	{ WEDPM, "ce matin", PAST, NULL, 0 },
	{ WEDPM, "18h", "2026-11-26T17:00:00Z", NULL, 0 },
	{ WEDPM, "20h", "2026-11-25T19:00:00Z", NULL, 0 },
	{ LATE, "soir", "2026-11-26T17:00:00Z", "2026-11-26T19:30:00Z", 0 },
	{ LATE, "matin", "2026-11-26T08:00:00Z", "2026-11-26T11:00:00Z", 0 },
	{ LATE, "ce soir", PAST, NULL, 0 },
	{ LATE, "aujourd'hui", PAST, NULL, 0 },
	/* on a Saturday */
	{ SAT, "lundi 9h", "2026-11-30T08:00:00Z", NULL, 0 },
	{ SAT, "demain 10h", NO_CALL, NULL, 0 },
	{ SAT, "16h", "2026-11-28T15:00:00Z", NULL, 0 },
	{ SAT, "17h", OUT_SAT, NULL, 0 },
	{ SAT, "9h", NO_CALL, NULL, 0 },
	{ SAT, "samedi 10h", "2026-12-05T09:00:00Z", NULL, 0 },
	{ SAT, "soir", OUT_SAT, NULL, 0 },
	{ SAT, "après-midi", "2026-11-28T13:00:00Z", "2026-11-28T16:00:00Z", 0 },
	{ SAT, "après-demain soir", "2026-11-30T17:00:00Z", "2026-11-30T19:30:00Z", 0 },
	/* a survey that calls on Sunday 10:00-18:00 */
	{ SAT, "demain 11h", "2026-11-29T10:00:00Z", NULL, 1 },
	{ SAT, "dimanche soir", OUT_SUN, NULL, 1 },
	{ SAT, "dimanche après-midi", "2026-11-29T13:00:00Z", "2026-11-29T17:00:00Z", 1 },
	{ SAT, "demain matin", "2026-11-29T09:00:00Z", "2026-11-29T11:00:00Z", 1 },
	{ SAT, "demain", "2026-11-29T09:00:00Z", "2026-11-29T17:00:00Z", 1 },
	/* across the end of summer time (last Sunday of October) */
	{ OCT, "14h", "2026-10-24T12:00:00Z", NULL, 0 },
	{ OCT, "lundi 10h", "2026-10-26T09:00:00Z", NULL, 0 },
	{ OCT, "mardi 20h", "2026-10-27T19:00:00Z", NULL, 0 },
	{ OCT, "lundi matin", "2026-10-26T08:00:00Z", "2026-10-26T11:00:00Z", 0 },
	{ OCT, "lundi soir", "2026-10-26T17:00:00Z", "2026-10-26T19:30:00Z", 0 },
	{ OCT, "dans 48h", "2026-10-26T08:00:00Z", NULL, 0 },
	{ OCT, "dans 47h", OUT_WEEK, NULL, 0 },
	{ OCT, "demain 10h", "2026-10-25T09:00:00Z", NULL, 1 },
	{ OCT, "demain matin", "2026-10-25T09:00:00Z", "2026-10-25T11:00:00Z", 1 },
	/* across the start of summer time (last Sunday of March) */
	{ MAR, "16h", "2026-03-28T15:00:00Z", NULL, 0 },
	{ MAR, "lundi 10h", "2026-03-30T08:00:00Z", NULL, 0 },
	{ MAR, "lundi matin", "2026-03-30T07:00:00Z", "2026-03-30T10:00:00Z", 0 },
	{ MAR, "dans 48h", "2026-03-30T09:00:00Z", NULL, 0 },
	{ MAR, "demain 10h", "2026-03-29T08:00:00Z", NULL, 1 },
	{ MAR, "demain", "2026-03-29T08:00:00Z", "2026-03-29T16:00:00Z", 1 },
};

/* Parsed, then rendered for the confirmation; now as in when_cases. */
static const struct {
	const char *now, *in, *want;
} format_cases[] = {
	{ WED, "18h", "aujourd'hui à 18:00" },
	{ WED, "dans 30 min", "aujourd'hui à 10:30" },
	{ WED, "demain 10h", "demain à 10:00" },
	{ WED, "27/11 14h30", "vendredi 27/11 à 14:30" },
	{ WED, "après-demain 9h", "vendredi 27/11 à 09:00" },
	{ WED, "15/01 10h", "vendredi 15/01/2027 à 10:00" },
	{ WED, "demain après-midi", "demain après-midi" },
	{ WED, "jeudi soir", "demain soir" },
	{ WED, "lundi matin", "lundi 30/11 matin" },
	{ WED, "samedi après-midi", "samedi 28/11 après-midi" },
	{ WED, "ce soir", "ce soir" },
	{ WED, "matin", "ce matin" },
	{ WED, "midi", "ce midi" },
	{ WED, "aprem", "cet après-midi" },
	{ WED, "demain", "demain entre 09:00 et 20:30" },
	{ WED, "aujourd'hui", "aujourd'hui entre 10:05 et 20:30" },
	{ WEDPM, "soir", "ce soir" },
	{ WEDPM, "après-midi", "demain après-midi" },
	{ OCT, "lundi 10h", "lundi 26/10 à 10:00" },
	{ MAR, "lundi soir", "lundi 30/03 soir" },
};

static time_t at(const char *iso)
{
	time_t t = 0;

	if (clock_parse(iso, &t) < 0)
		printf("# bad time in the table: %s\n", iso);
	return t;
}

/* What when_parse gave, for failure messages. */
static void describe(int rc, const struct when *w, const char *why, char *buf, size_t len)
{
	char a[32], u[32];

	if (rc < 0) {
		snprintf(buf, len, "refused [%s]", why != NULL ? why : "(no reason)");
		return;
	}
	clock_iso(w->at, a, sizeof a);
	clock_iso(w->until, u, sizeof u);
	snprintf(buf, len, "%s %s until %s", w->kind == WHEN_HARD ? "hard" : "soft", a, u);
}

/* 1 if the result is the one wanted by when_cases[i]. */
static int expected(size_t i, int rc, const struct when *w, const char *why)
{
	const char *want = when_cases[i].want, *until = when_cases[i].until;
	char a[32], u[32];

	if (want[0] == '!')
		return rc == -1 && why != NULL && strcmp(why, want + 1) == 0;
	if (rc != 0 || why != NULL)
		return 0;
	clock_iso(w->at, a, sizeof a);
	clock_iso(w->until, u, sizeof u);
	if (until == NULL)
		return w->kind == WHEN_HARD && strcmp(a, want) == 0 && w->until == w->at;
	return w->kind == WHEN_SOFT && strcmp(a, want) == 0 && strcmp(u, until) == 0;
}

static void test_parse(const struct fieldwork *fw, const struct fieldwork *sunday)
{
	char name[64], got[512];
	struct when w;
	char *why;
	size_t i;
	int rc;

	for (i = 0; i < nitems(when_cases); i++) {
		memset(&w, 0, sizeof w);
		why = NULL;
		rc = when_parse(when_cases[i].in, at(when_cases[i].now),
		    when_cases[i].sunday ? sunday : fw, &w, &why);
		describe(rc, &w, why, got, sizeof got);
		snprintf(name, sizeof name, "when-%zu", i + 1);
		UNIT_OK(name, expected(i, rc, &w, why), "\"%s\" at %s: got %s, want %s%s%s",
		    when_cases[i].in, when_cases[i].now, got, when_cases[i].want,
		    when_cases[i].until ? " until " : "", when_cases[i].until ? when_cases[i].until : "");
		free(why);
	}
}

static void test_format(const struct fieldwork *fw)
{
	char name[64], buf[128];
	struct when w;
	time_t now;
	char *why;
	size_t i;

	for (i = 0; i < nitems(format_cases); i++) {
		now = at(format_cases[i].now);
		why = NULL;
		snprintf(name, sizeof name, "when-format-%zu", i + 1);
		if (when_parse(format_cases[i].in, now, fw, &w, &why) < 0) {
			UNIT_OK(name, 0, "\"%s\": refused [%s]", format_cases[i].in, why);
			free(why);
			continue;
		}
		when_format(&w, now, buf, sizeof buf);
		UNIT_STREQ(name, buf, format_cases[i].want);
	}
}

/* Rendering a struct built by hand: midnight of New Year's Day, a short buffer. */
static void test_format_edges(void)
{
	struct when w = { 0, 0, WHEN_HARD };
	char buf[128], small[8];

	w.at = w.until = at("2026-12-31T23:00:00Z");
	when_format(&w, at(WED), buf, sizeof buf);
	UNIT_STREQ("when-format-new-year", buf, "vendredi 01/01/2027 à 00:00");
	when_format(&w, at(WED), small, sizeof small);
	UNIT_STREQ("when-format-truncated", small, "vendred");
	w.kind = WHEN_SOFT;
	w.at = at("2026-11-26T12:00:00Z");
	w.until = at("2026-11-26T16:00:00Z");
	when_format(&w, at(WED), buf, sizeof buf);
	UNIT_STREQ("when-format-span", buf, "demain entre 13:00 et 17:00");
}

int main(void)
{
	struct fieldwork fw, sunday;

	setenv("TZ", "Europe/Paris", 1);
	tzset();
	fieldwork_defaults(&fw);
	fieldwork_defaults(&sunday);
	sunday.sunday = (struct window){ 10 * 60, 18 * 60 };
	test_parse(&fw, &sunday);
	test_format(&fw);
	test_format_edges();
	UNIT_END();
}

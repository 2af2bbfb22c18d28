/* allo report's small pieces: figures for people and machines, the period's bounds, section lists. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "field/report.h"
#include "util/clock.h"

#include "unit.h"

#define nitems(a) (sizeof (a) / sizeof (a)[0])
#define THIN "\xe2\x80\x89"

static const struct {
	double v;
	int decimals;
	const char *french, *machine;
} number_cases[] = {
	{ 0, 0, "0", "0" },
	{ 999, 0, "999", "999" },
	{ 1000, 0, "1" THIN "000", "1000" },
	{ 100000, 0, "100" THIN "000", "100000" },
	{ 1234567.891, 2, "1" THIN "234" THIN "567,89", "1234567.89" },
	{ -1234.5, 1, "-1" THIN "234,5", "-1234.5" },
	{ 0.38216, 4, "0,3822", "0.3822" },
	{ 0.5, 4, "0,5000", "0.5000" },
	{ 150, 1, "150,0", "150.0" },
	{ NAN, 4, "\xe2\x80\x94", "" }
};

static void test_numbers(void)
{
	char name[64];
	size_t i;

	for (i = 0; i < nitems(number_cases); i++) {
		struct buf f = { 0 }, m = { 0 };

		report_number(&f, number_cases[i].v, number_cases[i].decimals, 1);
		report_number(&m, number_cases[i].v, number_cases[i].decimals, 0);
		snprintf(name, sizeof name, "number-fr-%zu", i);
		UNIT_STREQ(name, f.s ? f.s : "", number_cases[i].french);
		snprintf(name, sizeof name, "number-machine-%zu", i);
		UNIT_STREQ(name, m.s ? m.s : "", number_cases[i].machine);
		buf_free(&f);
		buf_free(&m);
	}
}

/* Bounds in Paris time; want is UTC, or NULL for a refused input. */
static const struct {
	const char *in;
	int end;
	const char *want;
} time_cases[] = {
	{ "2026-11-30", 0, "2026-11-29T23:00:00Z" },
	{ "2026-11-30", 1, "2026-11-30T23:00:00Z" },
	{ "2026-11-30T14:00", 0, "2026-11-30T13:00:00Z" },
	{ "2026-11-30T14:00", 1, "2026-11-30T13:00:00Z" },
	{ "2026-11-30T14:00:30", 0, "2026-11-30T13:00:30Z" },
	{ "2026-07-01T12:00", 0, "2026-07-01T10:00:00Z" },
	{ "2026-11-30T14:00Z", 0, "2026-11-30T14:00:00Z" },
	{ "2026-11-30T14:00:00+02:00", 0, "2026-11-30T12:00:00Z" },
	{ "2026-03-29", 1, "2026-03-29T22:00:00Z" },	/* summer time began that day */
	{ "2026-12-31", 1, "2026-12-31T23:00:00Z" },
	{ "2026-02-30", 0, NULL },
	{ "2026-11-31", 1, NULL },
	{ "2026-11-30T25:00", 0, NULL },
	{ "2026-11-30T14", 0, NULL },
	{ "2026-11-30 14:00", 0, NULL },
	{ "30/11/2026", 0, NULL },
	{ "2026-11-30T14:00junk", 0, NULL },
	{ "", 0, NULL }
};

static void test_times(void)
{
	char name[96], got[32];
	size_t i;
	time_t t;

	setenv("TZ", "Europe/Paris", 1);
	tzset();
	for (i = 0; i < nitems(time_cases); i++) {
		int rc = report_time(time_cases[i].in, time_cases[i].end, &t);

		snprintf(name, sizeof name, "time-%s%s", time_cases[i].in,
		    time_cases[i].end ? "-end" : "");
		if (time_cases[i].want == NULL) {
			UNIT_OK(name, rc < 0, "accepted");
			continue;
		}
		clock_iso(t, got, sizeof got);
		UNIT_STREQ(name, rc == 0 ? got : "(refused)", time_cases[i].want);
	}
}

static void test_sections(void)
{
	UNIT_OK("sections-one", report_sections("rates") == REPORT_RATES, "bits");
	UNIT_OK("sections-two", report_sections("quotas,progress") ==
	    (REPORT_QUOTAS | REPORT_PROGRESS), "bits");
	UNIT_OK("sections-all",
	    report_sections("progress,dispositions,rates,quotas,interviewers") == REPORT_ALL,
	    "bits");
	UNIT_OK("sections-unknown", report_sections("rates,taux") == 0, "accepted");
	UNIT_OK("sections-prefix", report_sections("rate") == 0, "accepted");
	UNIT_OK("sections-empty", report_sections("") == 0, "accepted");
	UNIT_OK("sections-trailing-comma", report_sections("rates,") == 0, "accepted");
}

int main(void)
{
	test_numbers();
	test_times();
	test_sections();
	UNIT_END();
}

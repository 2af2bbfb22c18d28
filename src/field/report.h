/* allo report: progress, dispositions, AAPOR rates, quotas and interviewers, for people or machines. */
#ifndef ALLO_REPORT_H
#define ALLO_REPORT_H

#include <time.h>

#include "field/rates.h"
#include "instrument/instrument.h"
#include "store/store.h"
#include "util/buf.h"

enum report_format {
	REPORT_TEXT,		/* French, for supervisors: thin-space thousands, decimal comma */
	REPORT_CSV,		/* one table per section, after a "# section" line */
	REPORT_JSON		/* one object keyed by section */
};

enum report_section {
	REPORT_PROGRESS = 1 << 0,
	REPORT_DISPOSITIONS = 1 << 1,
	REPORT_RATES = 1 << 2,
	REPORT_QUOTAS = 1 << 3,
	REPORT_INTERVIEWERS = 1 << 4,
	REPORT_ALL = (1 << 5) - 1
};

struct report_options {
	enum report_format format;
	unsigned sections;	/* REPORT_* bits */
	const char *wave;	/* or NULL: every wave */
	time_t since, until;	/* the period [since, until); (time_t)-1 when open */
	double e;		/* in [0, 1], or negative: estimated */
	time_t now;
};

/* The bits of a comma-separated list of section names; 0 if a name is unknown. */
unsigned report_sections(const char *list);
/*
 * Parses a bound of the period, in the process's time zone: a date
 * "YYYY-MM-DD" is the start of that local day (with end, of the next day, so
 * that the day is included); "YYYY-MM-DDTHH:MM[:SS]" a local time; with "Z" or
 * "+HH:MM" a time in that zone. 0 on success.
 */
int report_time(const char *s, int end, time_t *out);
/* Appends v with decimals: French (thin space, comma; NAN as "—") or machine (dot; NAN as ""). */
void report_number(struct buf *b, double v, int decimals, int french);

/* Gathers every asked section from the database and writes it to out. 0, or -1 with *cause. */
int report_write(struct store *st, const struct instrument *ins, const struct report_options *o,
    struct buf *out, char **cause);

/* The AAPOR rates over every wave, as the rates section computes them (e < 0: estimated). */
int report_rates_of(struct store *st, const struct instrument *ins, double e,
    struct rates *out, char **cause);

#endif

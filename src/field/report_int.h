/* Private to allo report: what its files share, the gathered counts and the writers. */
#ifndef ALLO_REPORT_INT_H
#define ALLO_REPORT_INT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "field/rates.h"
#include "field/report.h"
#include "store/store.h"
#include "util/buf.h"

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
	long breaks;		/* breaks begun in the period */
	double break_seconds;	/* their length; an open break up to now */
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

#define REPORT_NCOLS(c) (sizeof (c) / sizeof (c)[0])

/* report.c: days and French numbers. */
time_t report_day(time_t t, int days);
void report_number(struct buf *b, double v, int decimals, int french);

/* report_gather.c: reads and classifies everything the asked sections need. */
int report_gather(struct report *r, struct store *st, char **cause);
void report_free(struct report *r);

/* report_format.c: tables and key-value sections in text, CSV and JSON. */
void report_pad(struct buf *b, const char *s, int width);
void report_text_val(struct buf *b, const struct report_val *v, int width);
struct report_val report_num(double v, int decimals);
struct report_val report_int(long n);
struct report_val report_word(const char *s);
double report_ratio(double n, double d);
void report_table(struct buf *b, enum report_format f, const struct report_col *cols,
    size_t ncols, const struct report_val *vals, size_t nrows, const char *indent);
void report_kv(struct buf *b, enum report_format f, const struct report_kv *kv, size_t n);

/* The sections, one file each. */
void report_progress(struct report *r, struct buf *b, enum report_format f);
void report_dispositions(struct report *r, struct buf *b, enum report_format f);
void report_rates(struct report *r, struct buf *b, enum report_format f);
void report_quotas(struct report *r, struct buf *b, enum report_format f);
void report_interviewers(struct report *r, struct buf *b, enum report_format f);

#endif

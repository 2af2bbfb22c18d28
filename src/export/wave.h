/* Private to src/export: the columns of a wave, its cleaned rows, and what writes them. */
#ifndef ALLO_WAVE_H
#define ALLO_WAVE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "export/export.h"
#include "instrument/model.h"
#include "privacy/mask.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/sha256.h"

#define WAVE_NAME_MAX 32	/* the longest name SPSS and Stata both take */
#define PSEUDO_LEN 16		/* room for a pseudonymous id and its NUL */
#define WAVE_NR_LABEL "Non atteint (interruption)"
#define WAVE_NR_CODE (-7)	/* not reached: a partial broke off before a question it could still ask */

struct store;
struct store_export;

/* How a column's values are stored and written. */
enum col_type {
	CT_CODE,		/* a code with value labels: single questions, coded frame and computed */
	CT_NUMBER,		/* a number */
	CT_FLAG,		/* one code of a multi question: 1 chosen, 0 not */
	CT_TEXT,		/* UTF-8 text */
	CT_DATE,		/* YYYY-MM-DD */
	CT_TIME			/* YYYY-MM-DDTHH:MM:SSZ, UTC */
};

enum col_role {
	ROLE_ID, ROLE_FRAME, ROLE_ASKED, ROLE_COMPUTED, ROLE_META
};

enum col_meta {
	META_NONE, META_PARTIAL, META_START, META_END, META_DURATION, META_VERSION,
	META_INTERVIEWER, META_DISPOSITION, META_DISPOSITION_N
};

struct vlabel {
	double value;
	const char *label;
};

/* What the cleaned values of a column hold, counted during the clean pass. */
struct col_stats {
	size_t empty, dk, rf, nr, valid;	/* valid: neither empty nor DK nor RF nor not reached */
	size_t texts;			/* valid values that are text */
	size_t *freq;			/* per value label */
	double min, max, sum;		/* over valid numbers */
	size_t nums;			/* valid numbers */
	int decimals;			/* most decimals a valid number needs (up to 6) */
	size_t width;			/* longest text, in bytes */
};

struct column {
	char name[WAVE_NAME_MAX + 1];
	enum col_type type;
	enum col_role role;
	enum col_meta meta;
	const struct question *q;	/* in the layout questionnaire; NULL for metadata */
	int instance;			/* roster instance from 1; 0 outside rosters */
	long code;			/* CT_FLAG: the code the column stands for */
	int dk, rf;			/* don't know, refused may appear */
	const char *label;		/* the variable label, whole (arena) */
	const struct vlabel *vl;	/* value labels, ascending, without DK and RF */
	size_t nvl;
	const char *lblset;		/* the name of its value-label set, or NULL */
	struct col_stats st;
};

/* A column of timings.csv: a question at an instance. */
struct tcol {
	char name[WAVE_NAME_MAX + 1];
	const struct question *q;
	int instance;
};

enum cell_kind {
	CELL_EMPTY, CELL_NUM, CELL_DK, CELL_RF, CELL_TEXT, CELL_NR
};

struct cell {
	unsigned char kind;
	double num;
	size_t off, len;		/* CELL_TEXT: bytes of the row's text */
};

/* One cleaned row: a cell per column, their texts in one buffer. */
struct row {
	struct cell *cells;
	struct buf text;
	struct mask_counts *masked;	/* per cell, what masking replaced; NULL once spooled */
};

/* The pseudonymisation key, from the database's export secret. */
struct pseudo {
	struct hmac key;		/* HMAC-SHA256 under the wave's secret */
};

/* A questionnaire version that interviews name. */
struct version {
	int64_t id;
	char sha256[65];
	char *version, *source;
	size_t len;
	struct instrument *ins;		/* loaded when first needed */
	int tried;			/* loading was tried */
	const struct question **map;	/* per layout column: the same variable here, or NULL */
	const struct question **byname;	/* its variables sorted by id */
	size_t nbyname;
};

/* An interview chosen for the wave, copied out of the snapshot. */
struct chosen {
	int64_t id, questionnaire;
	char pid[PSEUDO_LEN];		/* pseudonymous respondent id */
	char iid[PSEUDO_LEN];		/* pseudonymous interviewer id */
	int partial;
	char *started_at, *ended_at, *final_code, *frame;
	char *phone, *name;		/* personal, read only to be masked; NULL when erased */
};

struct wave {
	const struct export_opts *o;
	struct arena arena;		/* labels and names */
	struct instrument *ins;		/* the layout: the newest questionnaire */
	struct version *layout;		/* its version */
	struct version *v;
	size_t nv;
	struct column *cols;
	size_t ncols;
	struct tcol *tcols;
	size_t ntcols;
	struct pseudo pseudo;
	struct chosen *rows;		/* in file order */
	size_t nrows;
	size_t cases, completes, partials, excluded_test, excluded_screened, excluded_other;
	size_t excluded_partials, excluded_breakoffs;
	struct vlabel *disp_vl;		/* disposition_n: the codes present, ascending */
	size_t ndisp;
	size_t calls, warnings;
	size_t nr_cells;		/* cells not reached, every column */
	time_t stamp;			/* the latest time in the data: the date SPSS and Stata show */
	int test;			/* exported from a test database: MANIFEST says so */
	FILE *warn;
};

/* layout.c: the columns, their names, labels and value labels. */
int layout_build(struct wave *w, char **cause);
void layout_free(struct wave *w);
/* Bytes of s that fit in max_bytes and max_chars (0: no limit), not cutting a character. */
size_t layout_fit(const char *s, size_t max_bytes, size_t max_chars);
/* 1 if the column holds strings (text, or computed texts). */
int layout_is_string(const struct column *c);
/* text with "{n}" replaced by the roster instance (when not 0); caller frees. */
char *layout_text(const char *text, int instance);
/* The question's instance label: "Personne 3" from a roster title, or "3". */
char *layout_instance(const struct question *q, int instance);

/* pseudo.c: pseudonymous ids. */
int pseudo_init(struct pseudo *p, struct store *st, const char *wave, char **cause);
/* prefix then 12 hex digits of HMAC(secret, domain ":" value). */
void pseudo_id(const struct pseudo *p, char prefix, const char *domain, const char *value,
    char out[PSEUDO_LEN]);

/* clean.c: every cleaning rule. */
struct clean_out {
	struct out *csv;		/* or NULL */
	struct out *timings;
	struct out *texts;		/* texts.csv */
	FILE *spool;			/* or NULL */
};
/* Chooses the interviews of the wave and orders them. */
int clean_choose(struct wave *w, struct store_export *x, char **cause);
/* Reads, re-validates and cleans every chosen interview, and writes the rows. */
int clean_rows(struct wave *w, struct store_export *x, const struct clean_out *co, char **cause);
/* Appends s cleaned and masked knowing nothing of a case (labels, paradata); returns bytes added. */
size_t clean_text(struct buf *b, const char *s);
void clean_warn(struct wave *w, int64_t interview, const char *pid, const char *var,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* csv.c: RFC 4180. */
void csv_field(struct buf *b, const char *s, size_t len);
/* A text field that no spreadsheet runs: a leading = + - @ tab or CR gets a ' before it. */
void csv_text(struct buf *b, const char *s, size_t len, int raw);
void csv_num(struct buf *b, double v);
void csv_header(const struct wave *w, struct buf *b);
void csv_row(const struct wave *w, const struct row *r, struct buf *b);
/* texts.csv: a line per free text of the row, with what masking replaced in it. */
void csv_texts_header(struct buf *b);
void csv_texts_row(const struct wave *w, const char *pid, const struct row *r, struct buf *b);
/* Days since 1970-01-01 of "YYYY-MM-DD"; -1 if it is not a real date. */
int csv_date_days(const char *s, size_t len, long *days);
/* Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ"; -1 if malformed. */
int csv_time_secs(const char *s, size_t len, double *secs);

/* spool.c: cleaned rows kept in a temporary file for the writers that come after. */
void spool_put(struct buf *b, const struct wave *w, const struct row *r);
/* 1 a row was read, 0 at the end, -1 on a read error. */
int spool_get(FILE *f, const struct wave *w, struct row *r, struct buf *scratch);

/* out.c: files written with their SHA-256, folders replaced whole. */
struct out {
	FILE *f;
	char *path, *name;
	struct sha256 h;
	char hex[65];		/* once closed */
	unsigned long long bytes;
	char *vbuf;
};
int out_open(struct out *o, const char *dir, const char *name, char **cause);
void out_write(struct out *o, const void *p, size_t n);
/* Writes b's bytes and empties it. */
void out_buf(struct out *o, struct buf *b);
int out_close(struct out *o, char **cause);
void out_discard(struct out *o);
/* Sleeps ALLO_EXPORT_PAUSE_MS milliseconds, for the tests of interrupted exports. */
void out_pause(void);

/* readstat.c: W.sav and W.dta from the spool. */
int rs_write(struct wave *w, int dta, FILE *spool, struct out *o, char **cause);
/* ddi.c: W.ddi.xml. */
int ddi_write(struct wave *w, struct out *o, const char *datafile, char **cause);
/* codebook.c: codebook.md. */
int codebook_write(struct wave *w, struct out *o, char **cause);
/* paradata.c: paradata.csv, and the rows of timings.csv. */
int paradata_write(struct wave *w, struct store_export *x, struct out *o, char **cause);
void timings_header(const struct wave *w, struct buf *b);
void timings_row(const struct wave *w, const char *pid, const double *secs, struct buf *b);

/* universe.c: who a variable is asked of, in French words. */
char *universe_words(const struct instrument *ins, const char *expr);
/* The whole universe of a column: theme, roster and question conditions; NULL: everyone. */
char *universe_of(const struct instrument *ins, const struct column *c, int words);

#endif

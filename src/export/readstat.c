/*
 * W.sav (SPSS) and W.dta (Stata 118) through ReadStat, from the spooled rows.
 * DK and RF are user-missing values in SPSS, extended missing .d and .r in
 * Stata; labels are cut to each format's limits without cutting a character.
 */
#include <math.h>
#include <readstat.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "export/wave.h"
#include "util/xmalloc.h"

#define SAV_VAR_LABEL 255	/* bytes */
#define SAV_VALUE_LABEL 120	/* bytes */
#define SAV_FILE_LABEL 64	/* bytes */
#define SAV_STRING_MAX 32767	/* bytes */
#define DTA_VAR_LABEL 80	/* characters, at most four bytes each */
#define DTA_FILE_LABEL 80	/* characters */
#define DTA_STR_MAX 2045	/* bytes; longer texts are strL */
#define DTA_VALUE_LABEL 32000	/* bytes */

#define SAV_EPOCH_DAYS 141428L	/* 1582-10-14 to 1970-01-01 */
#define DTA_EPOCH_DAYS 3653L	/* 1960-01-01 to 1970-01-01 */

/* How a column is stored in the file at hand. */
enum rs_kind {
	RS_STRING, RS_STRL, RS_INT8, RS_INT16, RS_INT32, RS_DOUBLE, RS_DATE, RS_TIME
};

struct rs {
	struct wave *w;
	int dta;
	readstat_writer_t *wr;
	readstat_variable_t **vars;
	enum rs_kind *kind;
	size_t *width;
	struct rs_set {
		const char *name;
		readstat_label_set_t *set;
	} *sets;
	size_t nsets;
	struct buf tmp;
	char err[256];
	char dk[32], rf[32];	/* the missing codes as texts: ReadStat keeps the pointers */
};

static ssize_t rs_data(const void *data, size_t len, void *ctx)
{
	out_write(ctx, data, len);
	return (ssize_t)len;
}

static void rs_error(const char *msg, void *ctx)
{
	(void)ctx;
	(void)msg;
}

/* s cut to the limits, "…" marking a cut; in the struct's scratch, valid until the next call. */
static const char *rs_cut(struct rs *r, const char *s, size_t max_bytes, size_t max_chars)
{
	size_t n = layout_fit(s, max_bytes, max_chars);

	buf_reset(&r->tmp);
	if (s[n] == '\0') {
		buf_adds(&r->tmp, s);
		return r->tmp.s;
	}
	n = layout_fit(s, max_bytes ? max_bytes - 3 : 0, max_chars ? max_chars - 1 : 0);
	buf_add(&r->tmp, s, n);
	buf_adds(&r->tmp, "…");
	return r->tmp.s;
}

/* The smallest Stata integer type that holds lo..hi, or RS_DOUBLE. */
static enum rs_kind rs_int_kind(double lo, double hi)
{
	if (lo >= -127 && hi <= 100)
		return RS_INT8;
	if (lo >= -32767 && hi <= 32740)
		return RS_INT16;
	if (lo >= -2147483647.0 && hi <= 2147483620.0)
		return RS_INT32;
	return RS_DOUBLE;
}

/* The codes a coded column can hold: its labels. */
static void rs_code_range(const struct column *c, double *lo, double *hi)
{
	*lo = c->nvl > 0 ? c->vl[0].value : 0;
	*hi = c->nvl > 0 ? c->vl[c->nvl - 1].value : 0;
	if (c->st.nums > 0 && c->st.min < *lo)
		*lo = c->st.min;
	if (c->st.nums > 0 && c->st.max > *hi)
		*hi = c->st.max;
}

/* The range of a number column: the question's when it is whole and bounded, else the data's. */
static enum rs_kind rs_number_kind(const struct column *c)
{
	const struct question *q = c->q;
	double lo = c->st.nums ? c->st.min : 0, hi = c->st.nums ? c->st.max : 0;

	if (c->st.decimals > 0)
		return RS_DOUBLE;
	if (c->role == ROLE_ASKED && q->decimals == 0 && q->has_min && q->has_max) {
		lo = q->min < lo ? q->min : lo;
		hi = q->max > hi ? q->max : hi;
	} else if (c->role == ROLE_ASKED && q->decimals > 0)
		return RS_DOUBLE;
	return rs_int_kind(lo, hi);
}

static enum rs_kind rs_kind_of(const struct rs *r, const struct column *c)
{
	double lo, hi;

	if (layout_is_string(c))
		return r->dta && r->width[c - r->w->cols] > DTA_STR_MAX ? RS_STRL : RS_STRING;
	switch (c->type) {
	case CT_DATE:
		return RS_DATE;
	case CT_TIME:
		return RS_TIME;
	case CT_CODE:
	case CT_FLAG:
		rs_code_range(c, &lo, &hi);
		return r->dta ? rs_int_kind(lo, hi) : RS_DOUBLE;
	default:
		return r->dta ? rs_number_kind(c) : RS_DOUBLE;
	}
}

static readstat_type_t rs_type(enum rs_kind k)
{
	static const readstat_type_t t[] = {
		[RS_STRING] = READSTAT_TYPE_STRING, [RS_STRL] = READSTAT_TYPE_STRING_REF,
		[RS_INT8] = READSTAT_TYPE_INT8, [RS_INT16] = READSTAT_TYPE_INT16,
		[RS_INT32] = READSTAT_TYPE_INT32, [RS_DOUBLE] = READSTAT_TYPE_DOUBLE,
		[RS_DATE] = READSTAT_TYPE_DOUBLE, [RS_TIME] = READSTAT_TYPE_DOUBLE,
	};

	return t[k];
}

/* Digits of the integer part of v. */
static int rs_digits(double v)
{
	int n = 1;

	v = fabs(v);
	while (v >= 10 && n < 30) {
		v /= 10;
		n++;
	}
	return n;
}

/* The display format of a column. */
static void rs_format(const struct rs *r, const struct column *c, enum rs_kind k, char *f,
    size_t len)
{
	double lo = 0, hi = 0;
	int d = c->st.decimals, w;

	if (c->type == CT_CODE || c->type == CT_FLAG)
		rs_code_range(c, &lo, &hi);
	else if (c->st.nums > 0) {
		lo = c->st.min;
		hi = c->st.max;
	}
	if (c->dk || c->rf) {
		lo = fmin(lo, fmin((double)r->w->ins->dk_code, (double)r->w->ins->rf_code));
		hi = fmax(hi, fmax((double)r->w->ins->dk_code, (double)r->w->ins->rf_code));
	}
	if (c->st.nr > 0) {
		lo = fmin(lo, WAVE_NR_CODE);
		hi = fmax(hi, WAVE_NR_CODE);
	}
	w = rs_digits(fmax(fabs(lo), fabs(hi))) + (lo < 0) + (d > 0 ? d + 1 : 0);
	*f = '\0';
	if (k == RS_STRING || k == RS_STRL)
		return;
	if (r->dta) {
		if (k == RS_DATE)
			snprintf(f, len, "%%td");
		else if (k == RS_TIME)
			snprintf(f, len, "%%tc");
		else if (k == RS_DOUBLE)
			snprintf(f, len, d > 0 ? "%%%d.%df" : "%%%d.0g", w < 9 ? 9 : w, d);
		return;
	}
	if (k == RS_DATE)
		snprintf(f, len, "SDATE10");
	else if (k == RS_TIME)
		snprintf(f, len, "DATETIME20");
	else
		snprintf(f, len, "F%d.%d", w < 40 ? w : 40, d);
}

/* The value-label set of a column, made on first use and shared by name. */
static readstat_label_set_t *rs_labels(struct rs *r, const struct column *c)
{
	const struct instrument *ins = r->w->ins;
	readstat_label_set_t *set;
	int all = strcmp(c->lblset, "_cite") == 0;
	size_t i;

	for (i = 0; i < r->nsets; i++)
		if (strcmp(r->sets[i].name, c->lblset) == 0)
			return r->sets[i].set;
	set = readstat_add_label_set(r->wr, r->dta ? READSTAT_TYPE_INT32 : READSTAT_TYPE_DOUBLE,
	    c->lblset);
	for (i = 0; i < c->nvl; i++) {
		const char *l = rs_cut(r, c->vl[i].label, r->dta ? DTA_VALUE_LABEL : SAV_VALUE_LABEL, 0);

		if (r->dta)
			readstat_label_int32_value(set, (int32_t)c->vl[i].value, l);
		else
			readstat_label_double_value(set, c->vl[i].value, l);
	}
	if (c->dk || all) {
		if (r->dta)
			readstat_label_tagged_value(set, 'd', "Ne sait pas");
		else
			readstat_label_double_value(set, (double)ins->dk_code, "Ne sait pas");
	}
	if (c->rf || all) {
		if (r->dta)
			readstat_label_tagged_value(set, 'r', "Refus");
		else
			readstat_label_double_value(set, (double)ins->rf_code, "Refus");
	}
	if (c->st.nr > 0 || (all && r->w->nr_cells > 0)) {
		if (r->dta)
			readstat_label_tagged_value(set, 'n', WAVE_NR_LABEL);
		else
			readstat_label_double_value(set, WAVE_NR_CODE, WAVE_NR_LABEL);
	}
	r->sets = xreallocarray(r->sets, r->nsets + 1, sizeof *r->sets);
	r->sets[r->nsets].name = c->lblset;
	r->sets[r->nsets++].set = set;
	return set;
}

/* The width of a text column: its longest text, room for the missing codes, at least 1. */
static size_t rs_width(const struct rs *r, const struct column *c)
{
	char code[32];
	size_t w = c->st.width;

	if (c->dk && (size_t)snprintf(code, sizeof code, "%ld", r->w->ins->dk_code) > w)
		w = strlen(code);
	if (c->rf && (size_t)snprintf(code, sizeof code, "%ld", r->w->ins->rf_code) > w)
		w = strlen(code);
	if (c->st.nr > 0 && w < 2)
		w = 2;		/* "-7" */
	if (c->role == ROLE_COMPUTED && c->st.nums > 0 && w < 24)
		w = 24;		/* numbers of a computed text column are written as text */
	if (w == 0)
		w = 1;
	return !r->dta && w > SAV_STRING_MAX ? SAV_STRING_MAX : w;
}

/* Declares one column: type, width, label, format, value labels, missing values. */
static readstat_variable_t *rs_variable(struct rs *r, size_t i)
{
	const struct column *c = &r->w->cols[i];
	const struct instrument *ins = r->w->ins;
	enum rs_kind k;
	readstat_variable_t *v;
	char fmt[32];

	r->width[i] = layout_is_string(c) ? rs_width(r, c) : 0;
	k = r->kind[i] = rs_kind_of(r, c);
	v = readstat_add_variable(r->wr, c->name, rs_type(k), k == RS_STRING ? r->width[i] : 0);
	readstat_variable_set_label(v, r->dta ? rs_cut(r, c->label, 4 * DTA_VAR_LABEL,
	    DTA_VAR_LABEL) : rs_cut(r, c->label, SAV_VAR_LABEL, 0));
	rs_format(r, c, k, fmt, sizeof fmt);
	if (*fmt != '\0')
		readstat_variable_set_format(v, fmt);
	if (!r->dta)
		readstat_variable_set_measure(v, c->type == CT_CODE || c->type == CT_FLAG ||
		    k == RS_STRING ? READSTAT_MEASURE_NOMINAL : READSTAT_MEASURE_SCALE);
	if (c->lblset != NULL && k != RS_STRING && k != RS_STRL)
		readstat_variable_set_label_set(v, rs_labels(r, c));
	if (r->dta)
		return v;
	/* Long strings (over 8 bytes) declare none: readers disagree on that record's layout. */
	if (k == RS_STRING && r->width[i] <= 8) {
		snprintf(r->dk, sizeof r->dk, "%ld", ins->dk_code);
		snprintf(r->rf, sizeof r->rf, "%ld", ins->rf_code);
		if (c->dk)
			readstat_variable_add_missing_string_value(v, r->dk);
		if (c->rf)
			readstat_variable_add_missing_string_value(v, r->rf);
		if (c->st.nr > 0)
			readstat_variable_add_missing_string_value(v, "-7");
	} else if (k != RS_STRING) {
		if (c->dk)
			readstat_variable_add_missing_double_value(v, (double)ins->dk_code);
		if (c->rf)
			readstat_variable_add_missing_double_value(v, (double)ins->rf_code);
		if (c->st.nr > 0)	/* with DK and RF, three: as many as SPSS takes */
			readstat_variable_add_missing_double_value(v, WAVE_NR_CODE);
	}
	return v;
}

/* A string cell, cut to the column's width. */
static readstat_error_t rs_put_string(struct rs *r, size_t i, const char *s, size_t len)
{
	size_t n = len;

	buf_reset(&r->tmp);
	buf_add(&r->tmp, s, len);
	if (r->kind[i] == RS_STRL)
		return readstat_insert_string_ref(r->wr, r->vars[i],
		    readstat_add_string_ref(r->wr, r->tmp.s));
	if (n > r->width[i])
		r->tmp.s[layout_fit(r->tmp.s, r->width[i], 0)] = '\0';
	return readstat_insert_string_value(r->wr, r->vars[i], r->tmp.s);
}

static readstat_error_t rs_put_number(struct rs *r, size_t i, double v)
{
	readstat_variable_t *var = r->vars[i];

	switch (r->kind[i]) {
	case RS_INT8:
		return readstat_insert_int8_value(r->wr, var, (int8_t)v);
	case RS_INT16:
		return readstat_insert_int16_value(r->wr, var, (int16_t)v);
	case RS_INT32:
		return readstat_insert_int32_value(r->wr, var, (int32_t)v);
	case RS_STRING:
	case RS_STRL:
		buf_reset(&r->tmp);
		csv_num(&r->tmp, v);
		{
			char *s = xstrdup(r->tmp.s);
			readstat_error_t e = rs_put_string(r, i, s, strlen(s));

			free(s);
			return e;
		}
	default:
		return readstat_insert_double_value(r->wr, var, v);
	}
}

/* A date or a time, given as text, in the format's own count. */
static readstat_error_t rs_put_when(struct rs *r, size_t i, const char *s, size_t len)
{
	long days;
	double secs;

	if (r->kind[i] == RS_DATE && csv_date_days(s, len, &days) == 0) {
		if (r->dta)
			return readstat_insert_double_value(r->wr, r->vars[i],
			    (double)(days + DTA_EPOCH_DAYS));
		return readstat_insert_double_value(r->wr, r->vars[i],
		    (double)(days + SAV_EPOCH_DAYS) * 86400.0);
	}
	if (r->kind[i] == RS_TIME && csv_time_secs(s, len, &secs) == 0) {
		if (r->dta)
			return readstat_insert_double_value(r->wr, r->vars[i],
			    (secs + DTA_EPOCH_DAYS * 86400.0) * 1000.0);
		return readstat_insert_double_value(r->wr, r->vars[i],
		    secs + SAV_EPOCH_DAYS * 86400.0);
	}
	return readstat_insert_missing_value(r->wr, r->vars[i]);
}

/* DK, RF or not reached: its code in SPSS and in strings, a tagged missing value in Stata. */
static readstat_error_t rs_put_missing(struct rs *r, size_t i, int kind)
{
	long code = kind == CELL_DK ? r->w->ins->dk_code : kind == CELL_RF ? r->w->ins->rf_code :
	    WAVE_NR_CODE;
	char s[32];

	if (r->kind[i] == RS_STRING || r->kind[i] == RS_STRL) {
		snprintf(s, sizeof s, "%ld", code);
		return rs_put_string(r, i, s, strlen(s));
	}
	if (r->dta)
		return readstat_insert_tagged_missing_value(r->wr, r->vars[i],
		    kind == CELL_DK ? 'd' : kind == CELL_RF ? 'r' : 'n');
	return readstat_insert_double_value(r->wr, r->vars[i], (double)code);
}

static readstat_error_t rs_row(struct rs *r, const struct row *row)
{
	readstat_error_t e = readstat_begin_row(r->wr);
	size_t i;

	for (i = 0; i < r->w->ncols && e == READSTAT_OK; i++) {
		const struct cell *c = &row->cells[i];
		const char *s = row->text.s + c->off;

		switch (c->kind) {
		case CELL_EMPTY:
			e = readstat_insert_missing_value(r->wr, r->vars[i]);
			break;
		case CELL_DK:
		case CELL_RF:
		case CELL_NR:
			e = rs_put_missing(r, i, c->kind);
			break;
		case CELL_TEXT:
			if (r->kind[i] == RS_DATE || r->kind[i] == RS_TIME)
				e = rs_put_when(r, i, s, c->len);
			else
				e = rs_put_string(r, i, s, c->len);
			break;
		default:
			e = rs_put_number(r, i, c->num);
			break;
		}
	}
	return e == READSTAT_OK ? readstat_end_row(r->wr) : e;
}

/* A time whose local rendering, as ReadStat writes it, is t in UTC: files do not depend on TZ. */
static time_t rs_stamp(time_t t)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return t;
	return t - tm.tm_gmtoff;
}

static void rs_free(struct rs *r)
{
	if (r->wr != NULL)
		readstat_writer_free(r->wr);
	free(r->vars);
	free(r->kind);
	free(r->width);
	free(r->sets);
	buf_free(&r->tmp);
}

int rs_write(struct wave *w, int dta, FILE *spool, struct out *o, char **cause)
{
	struct row row = { NULL, { NULL, 0, 0 }, NULL };
	struct buf scratch = { 0 };
	readstat_error_t e;
	struct rs r;
	size_t i;
	int got = 0;
	char *label;

	memset(&r, 0, sizeof r);
	r.w = w;
	r.dta = dta;
	r.wr = readstat_writer_init();
	readstat_set_data_writer(r.wr, rs_data);
	readstat_writer_set_error_handler(r.wr, rs_error);
	r.vars = xcalloc(w->ncols ? w->ncols : 1, sizeof *r.vars);
	r.kind = xcalloc(w->ncols ? w->ncols : 1, sizeof *r.kind);
	r.width = xcalloc(w->ncols ? w->ncols : 1, sizeof *r.width);
	label = xasprintf("%s, vague %s", w->ins->title, w->o->wave);
	readstat_writer_set_file_label(r.wr, dta ? rs_cut(&r, label, 4 * DTA_FILE_LABEL,
	    DTA_FILE_LABEL) : rs_cut(&r, label, SAV_FILE_LABEL, 0));
	free(label);
	readstat_writer_set_file_timestamp(r.wr, rs_stamp(w->stamp));
	if (dta)
		readstat_writer_set_file_format_version(r.wr, 118);
	else
		readstat_writer_set_compression(r.wr, READSTAT_COMPRESS_ROWS);
	for (i = 0; i < w->ncols; i++)
		r.vars[i] = rs_variable(&r, i);
	e = dta ? readstat_begin_writing_dta(r.wr, o, (long)w->nrows) :
	    readstat_begin_writing_sav(r.wr, o, (long)w->nrows);
	row.cells = xcalloc(w->ncols ? w->ncols : 1, sizeof *row.cells);
	rewind(spool);
	while (e == READSTAT_OK && (got = spool_get(spool, w, &row, &scratch)) == 1)
		e = rs_row(&r, &row);
	if (e == READSTAT_OK && got < 0)
		*cause = xasprintf("%s: cannot read the temporary rows back", o->name);
	if (e == READSTAT_OK && got == 0)
		e = readstat_end_writing(r.wr);
	if (e != READSTAT_OK)
		*cause = xasprintf("%s: ReadStat: %s", o->name, readstat_error_message(e));
	free(row.cells);
	buf_free(&row.text);
	buf_free(&scratch);
	rs_free(&r);
	return *cause != NULL ? -1 : 0;
}

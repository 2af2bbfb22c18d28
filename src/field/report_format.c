/* The writers of a report: tables and key-value sections, in text, CSV and JSON. */
#include "field/report_int.h"

#include <math.h>
#include <string.h>

#include "util/json.h"
#include "util/utf8.h"

/* Appends s padded to width display columns: right-aligned, or left-aligned when width < 0. */
void report_pad(struct buf *b, const char *s, int width)
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
void report_text_val(struct buf *b, const struct report_val *v, int width)
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

struct report_val report_num(double v, int decimals)
{
	struct report_val x = { NULL, v, decimals };

	return x;
}

struct report_val report_int(long n)
{
	return report_num((double)n, 0);
}

struct report_val report_word(const char *s)
{
	struct report_val x = { s, 0, 0 };

	return x;
}

/* n / d, or NAN when d is zero. */
double report_ratio(double n, double d)
{
	return d > 0 ? n / d : NAN;
}

/* A table of nrows rows of ncols values: aligned columns, a CSV table or a JSON array. */
void report_table(struct buf *b, enum report_format f, const struct report_col *cols,
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
void report_kv(struct buf *b, enum report_format f, const struct report_kv *kv, size_t n)
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

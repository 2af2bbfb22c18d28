/* W.csv: UTF-8, RFC 4180 (comma, CRLF, double quotes when needed), a row per interview. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "export/wave.h"

void csv_field(struct buf *b, const char *s, size_t len)
{
	size_t i;
	int plain = 1;

	for (i = 0; i < len && plain; i++)
		plain = s[i] != ',' && s[i] != '"' && s[i] != '\r' && s[i] != '\n';
	if (plain) {
		buf_add(b, s, len);
		return;
	}
	buf_addc(b, '"');
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			buf_addc(b, '"');
		buf_addc(b, s[i]);
	}
	buf_addc(b, '"');
}

void csv_text(struct buf *b, const char *s, size_t len, int raw)
{
	struct buf t = { 0 };

	if (raw || len == 0 || s[0] == '\0' || strchr("=+-@\t\r", s[0]) == NULL) {
		csv_field(b, s, len);
		return;
	}
	buf_addc(&t, '\'');
	buf_add(&t, s, len);
	csv_field(b, t.s, t.len);
	buf_free(&t);
}

void csv_num(struct buf *b, double v)
{
	char tmp[32], *p = tmp + sizeof tmp;
	unsigned long long u;
	int neg;

	if (v != floor(v) || fabs(v) >= 1e15) {
		int n = snprintf(tmp, sizeof tmp, "%.15g", v);

		buf_add(b, tmp, (size_t)n);
		return;
	}
	neg = v < 0;
	u = (unsigned long long)(neg ? -v : v);
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (neg)
		*--p = '-';
	buf_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

void csv_header(const struct wave *w, struct buf *b)
{
	size_t i;

	for (i = 0; i < w->ncols; i++) {
		if (i > 0)
			buf_addc(b, ',');
		buf_adds(b, w->cols[i].name);
	}
	buf_add(b, "\r\n", 2);
}

void csv_row(const struct wave *w, const struct row *r, struct buf *b)
{
	size_t i;

	for (i = 0; i < w->ncols; i++) {
		const struct cell *c = &r->cells[i];

		if (i > 0)
			buf_addc(b, ',');
		switch (c->kind) {
		case CELL_NUM:
			csv_num(b, c->num);
			break;
		case CELL_DK:
			csv_num(b, (double)w->ins->dk_code);
			break;
		case CELL_RF:
			csv_num(b, (double)w->ins->rf_code);
			break;
		case CELL_NR:
			csv_num(b, WAVE_NR_CODE);
			break;
		case CELL_TEXT:
			csv_text(b, r->text.s + c->off, c->len, w->o->raw_text);
			break;
		default:
			break;
		}
	}
	buf_add(b, "\r\n", 2);
}

void csv_texts_header(struct buf *b)
{
	buf_adds(b, "resp_id,variable,text,phones,emails,names,personal\r\n");
}

void csv_texts_row(const struct wave *w, const char *pid, const struct row *r, struct buf *b)
{
	size_t i;

	for (i = 0; i < w->ncols; i++) {
		const struct cell *c = &r->cells[i];
		const struct mask_counts *m = &r->masked[i];

		if (w->cols[i].role != ROLE_ASKED || w->cols[i].type != CT_TEXT || c->kind != CELL_TEXT)
			continue;
		buf_addf(b, "%s,%s,", pid, w->cols[i].name);
		csv_text(b, r->text.s + c->off, c->len, w->o->raw_text);
		buf_addf(b, ",%zu,%zu,%zu,%zu\r\n", m->phones, m->emails, m->names, m->personal);
	}
}

/* Reads n digits at s; -1 if one is not a digit. */
static long csv_digits(const char *s, int n)
{
	long v = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar. */
static long csv_civil_days(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int csv_date_days(const char *s, size_t len, long *days)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	long y, m, d;
	int leap;

	if (len < 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = csv_digits(s, 4);
	m = csv_digits(s + 5, 2);
	d = csv_digits(s + 8, 2);
	if (y < 0 || m < 1 || m > 12 || d < 1)
		return -1;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > mdays[m - 1] + (m == 2 && leap))
		return -1;
	*days = csv_civil_days(y, m, d);
	return len == 10 ? 0 : -1;
}

int csv_time_secs(const char *s, size_t len, double *secs)
{
	long days, h, mi, se;

	if (len != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' ||
	    csv_date_days(s, 10, &days) < 0)
		return -1;
	h = csv_digits(s + 11, 2);
	mi = csv_digits(s + 14, 2);
	se = csv_digits(s + 17, 2);
	if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60)
		return -1;
	*secs = (double)days * 86400 + (double)(h * 3600 + mi * 60 + se);
	return 0;
}

/* The cleaned rows in a compact binary form, read back by the SPSS and Stata writers. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "export/wave.h"
#include "util/xmalloc.h"

enum {
	SP_EMPTY,		/* then a count, 1 to 255 */
	SP_DK, SP_RF, SP_NR,
	SP_INT8,		/* then one byte */
	SP_INT32,		/* then four */
	SP_DOUBLE,		/* then eight */
	SP_TEXT			/* then a varint length and the bytes */
};

static void spool_varint(struct buf *b, size_t n)
{
	while (n >= 0x80) {
		buf_addc(b, (char)(0x80 | (n & 0x7f)));
		n >>= 7;
	}
	buf_addc(b, (char)n);
}

static void spool_cell(struct buf *b, const struct row *r, const struct cell *c)
{
	int8_t i8;
	int32_t i32;

	switch (c->kind) {
	case CELL_DK:
		buf_addc(b, SP_DK);
		return;
	case CELL_RF:
		buf_addc(b, SP_RF);
		return;
	case CELL_NR:
		buf_addc(b, SP_NR);
		return;
	case CELL_TEXT:
		buf_addc(b, SP_TEXT);
		spool_varint(b, c->len);
		buf_add(b, r->text.s + c->off, c->len);
		return;
	default:
		break;
	}
	if (c->num == floor(c->num) && c->num >= -128 && c->num <= 127) {
		i8 = (int8_t)c->num;
		buf_addc(b, SP_INT8);
		buf_add(b, (const char *)&i8, 1);
	} else if (c->num == floor(c->num) && c->num >= INT32_MIN && c->num <= INT32_MAX) {
		i32 = (int32_t)c->num;
		buf_addc(b, SP_INT32);
		buf_add(b, (const char *)&i32, sizeof i32);
	} else {
		buf_addc(b, SP_DOUBLE);
		buf_add(b, (const char *)&c->num, sizeof c->num);
	}
}

void spool_put(struct buf *b, const struct wave *w, const struct row *r)
{
	size_t at = b->len, i = 0, j;
	uint32_t len;

	buf_add(b, "\0\0\0\0", 4);
	while (i < w->ncols) {
		if (r->cells[i].kind != CELL_EMPTY) {
			spool_cell(b, r, &r->cells[i++]);
			continue;
		}
		for (j = i; j < w->ncols && j - i < 255 && r->cells[j].kind == CELL_EMPTY; j++)
			;
		buf_addc(b, SP_EMPTY);
		buf_addc(b, (char)(j - i));
		i = j;
	}
	len = (uint32_t)(b->len - at - 4);
	memcpy(b->s + at, &len, 4);
}

/* Reads a varint at *p (before end); -1 when it runs past. */
static int spool_get_varint(const unsigned char **p, const unsigned char *end, size_t *n)
{
	int shift = 0;

	*n = 0;
	while (*p < end && shift < 63) {
		unsigned char c = *(*p)++;

		*n |= (size_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return 0;
		shift += 7;
	}
	return -1;
}

/* Decodes the cells at *p into c (room for max); returns how many, -1 when malformed. */
static int spool_get_cell(const unsigned char **p, const unsigned char *end, struct row *r,
    struct cell *c, size_t max)
{
	int8_t i8;
	int32_t i32;
	size_t n;
	int tag = *(*p)++;

	memset(c, 0, sizeof *c);
	switch (tag) {
	case SP_EMPTY:
		if (*p >= end || **p == 0 || **p > max)
			return -1;
		n = *(*p)++;
		memset(c, 0, n * sizeof *c);
		return (int)n;
	case SP_DK:
	case SP_RF:
		c->kind = tag == SP_DK ? CELL_DK : CELL_RF;
		return 1;
	case SP_NR:
		c->kind = CELL_NR;
		return 1;
	case SP_INT8:
		if (end - *p < 1)
			return -1;
		memcpy(&i8, *p, 1);
		*p += 1;
		c->kind = CELL_NUM;
		c->num = i8;
		return 1;
	case SP_INT32:
		if (end - *p < 4)
			return -1;
		memcpy(&i32, *p, 4);
		*p += 4;
		c->kind = CELL_NUM;
		c->num = i32;
		return 1;
	case SP_DOUBLE:
		if (end - *p < 8)
			return -1;
		memcpy(&c->num, *p, 8);
		*p += 8;
		c->kind = CELL_NUM;
		return 1;
	case SP_TEXT:
		if (spool_get_varint(p, end, &n) < 0 || (size_t)(end - *p) < n)
			return -1;
		c->kind = CELL_TEXT;
		c->off = r->text.len;
		c->len = n;
		buf_add(&r->text, (const char *)*p, n);
		*p += n;
		return 1;
	default:
		return -1;
	}
}

int spool_get(FILE *f, const struct wave *w, struct row *r, struct buf *scratch)
{
	const unsigned char *p, *end;
	uint32_t len;
	size_t i = 0;
	int n;

	if (fread(&len, 1, 4, f) != 4)
		return feof(f) && !ferror(f) ? 0 : -1;
	buf_reset(&r->text);
	if (scratch->cap < (size_t)len + 1) {
		scratch->cap = (size_t)len + 1;
		scratch->s = xreallocarray(scratch->s, scratch->cap, 1);
	}
	if (len > 0 && fread(scratch->s, 1, len, f) != len)
		return -1;
	p = (const unsigned char *)scratch->s;
	end = p + len;
	while (i < w->ncols) {
		if (p >= end || (n = spool_get_cell(&p, end, r, &r->cells[i], w->ncols - i)) < 0)
			return -1;
		i += (size_t)n;
	}
	return p == end ? 1 : -1;
}

#include "field/csv.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

#define CSV_CHUNK 65536

struct csv {
	csv_read_fn read;
	void *arg;
	char *in;		/* input read ahead: in[pos..len) is still to parse */
	size_t pos, len, cap;
	int eof, ioerr, started, bom;
	char sep;
	int line;		/* physical line of the next byte */
	size_t max_record, max_fields;
	size_t raw;		/* bytes of the current record so far */
	char *rec;		/* the current record's fields, each NUL-terminated */
	size_t reclen, reccap;
	struct csv_field *f;
	size_t *start;		/* offset of each field in rec */
	size_t nf, fcap;
	int toomany, unterminated;
	int endline;		/* physical line of the record's last byte */
	char err[256];
};

struct csv *csv_new(csv_read_fn read, void *arg, size_t max_record, size_t max_fields)
{
	struct csv *c = xcalloc(1, sizeof *c);

	c->read = read;
	c->arg = arg;
	c->cap = CSV_CHUNK;
	c->in = xmalloc(c->cap);
	c->line = 1;
	c->sep = ',';
	c->max_record = max_record;
	c->max_fields = max_fields;
	return c;
}

void csv_free(struct csv *c)
{
	if (c == NULL)
		return;
	free(c->in);
	free(c->rec);
	free(c->f);
	free(c->start);
	free(c);
}

const char *csv_error(const struct csv *c)
{
	return c->err;
}

char csv_separator(const struct csv *c)
{
	return c->sep;
}

int csv_had_bom(const struct csv *c)
{
	return c->bom;
}

/* Reads more input after what the buffer holds; 0 at the end or on error. */
static int csv_more(struct csv *c, size_t at)
{
	long n;

	if (c->eof)
		return 0;
	n = c->read(c->arg, c->in + at, c->cap - at);
	if (n <= 0 || (size_t)n > c->cap - at) {
		c->eof = 1;
		c->ioerr = n != 0;
		return 0;
	}
	c->len = at + (size_t)n;
	return 1;
}

static int csv_peek(struct csv *c)
{
	if (c->pos == c->len) {
		c->pos = c->len = 0;
		if (!csv_more(c, 0))
			return EOF;
	}
	return (unsigned char)c->in[c->pos];
}

static int csv_get(struct csv *c)
{
	int ch = csv_peek(c);

	if (ch != EOF) {
		c->pos++;
		c->raw++;
	}
	return ch;
}

/* Counts a line end; a CR followed by LF is one. */
static void csv_eol(struct csv *c, int ch)
{
	if (ch == '\r' && csv_peek(c) == '\n')
		csv_get(c);
	if (c->line < INT_MAX)
		c->line++;
}

/* Reads the first line ahead to choose the separator, and skips a BOM. */
static void csv_start(struct csv *c)
{
	size_t i = 0, commas = 0, semis = 0;
	int quoted = 0, ch;

	c->started = 1;
	while (i <= c->max_record) {
		if (i == c->len) {
			if (c->cap - c->len < 4096) {
				c->cap *= 2;
				c->in = xreallocarray(c->in, c->cap, 1);
			}
			if (!csv_more(c, c->len))
				break;
		}
		ch = (unsigned char)c->in[i++];
		if (ch == '"')
			quoted = !quoted;
		else if (!quoted && ch == ',')
			commas++;
		else if (!quoted && ch == ';')
			semis++;
		else if (!quoted && (ch == '\n' || ch == '\r'))
			break;
	}
	c->sep = semis > commas ? ';' : ',';
	if (c->len >= 3 && memcmp(c->in, "\xef\xbb\xbf", 3) == 0) {
		c->pos = 3;
		c->bom = 1;
	}
}

/* Keeps the first problem of a record. */
static void csv_bad(struct csv *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void csv_bad(struct csv *c, const char *fmt, ...)
{
	va_list ap;

	if (c->err[0] != '\0')
		return;
	va_start(ap, fmt);
	vsnprintf(c->err, sizeof c->err, fmt, ap);
	va_end(ap);
}

/* Stores a byte of the record, the terminating NUL of a field included. */
static void csv_store(struct csv *c, char ch)
{
	if (c->reclen == c->reccap) {
		c->reccap = c->reccap ? c->reccap * 2 : 256;
		c->rec = xreallocarray(c->rec, c->reccap, 1);
	}
	c->rec[c->reclen++] = ch;
}

/* Stores a byte of a field, unless the record is already too long to keep (NUL bytes too). */
static void csv_put(struct csv *c, int ch)
{
	if (c->raw <= c->max_record)
		csv_store(c, (char)ch);
}

static void csv_field_open(struct csv *c)
{
	if (c->nf == c->max_fields) {
		c->toomany = 1;
		return;
	}
	if (c->nf == c->fcap) {
		c->fcap = c->fcap ? c->fcap * 2 : 16;
		c->f = xreallocarray(c->f, c->fcap, sizeof *c->f);
		c->start = xreallocarray(c->start, c->fcap, sizeof *c->start);
	}
	c->start[c->nf] = c->reclen;
	c->f[c->nf].line = c->line;
	c->f[c->nf].quoted = 0;
	c->nf++;
}

static void csv_field_close(struct csv *c)
{
	if (c->toomany)
		return;
	c->f[c->nf - 1].len = c->reclen - c->start[c->nf - 1];
	csv_store(c, '\0');
}

/* Skips the rest of a malformed line; returns what ended it. */
static int csv_skip(struct csv *c)
{
	int ch;

	while ((ch = csv_get(c)) != EOF && ch != '\n' && ch != '\r')
		;
	return ch;
}

/* Reads a quoted field after its opening quote; returns the byte that ends it. */
static int csv_quoted(struct csv *c)
{
	int ch, open = c->line;

	if (!c->toomany)
		c->f[c->nf - 1].quoted = 1;
	for (;;) {
		ch = csv_get(c);
		if (ch == EOF) {
			c->unterminated = open;
			return EOF;
		}
		if (ch == '"') {
			if (csv_peek(c) != '"')
				break;
			csv_get(c);
		} else if (ch == '\r' || ch == '\n') {
			csv_eol(c, ch);
			ch = '\n';
		}
		csv_put(c, ch);
	}
	while ((ch = csv_get(c)) == ' ' || ch == '\t')
		;
	if (ch == EOF || ch == c->sep || ch == '\n' || ch == '\r')
		return ch;
	csv_bad(c, "champ %zu : du texte après le guillemet fermant", c->nf);
	return csv_skip(c);
}

/* Reads an unquoted field; blanks before an opening quote are dropped. */
static int csv_plain(struct csv *c)
{
	size_t blanks = 0;
	int ch;

	for (;;) {
		ch = csv_get(c);
		if (ch == EOF || ch == c->sep || ch == '\n' || ch == '\r')
			return ch;
		if (ch == '"' && !c->toomany && blanks == c->reclen - c->start[c->nf - 1]) {
			c->reclen -= blanks;
			return csv_quoted(c);
		}
		if (ch == '"') {
			csv_bad(c, "champ %zu : un guillemet dans un champ sans guillemets (mettre"
			    " tout le champ entre guillemets et doubler les guillemets qu'il contient)",
			    c->nf);
			return csv_skip(c);
		}
		blanks += ch == ' ' || ch == '\t';
		csv_put(c, ch);
	}
}

/* Reads one record, whatever its problems, up to its end. */
static void csv_record(struct csv *c)
{
	int ch;

	for (;;) {
		csv_field_open(c);
		if (csv_peek(c) == '"') {
			csv_get(c);
			ch = csv_quoted(c);
		} else
			ch = csv_plain(c);
		csv_field_close(c);
		if (ch != c->sep) {
			c->endline = c->line;
			if (ch == '\n' || ch == '\r') {
				size_t raw = c->raw - 1;	/* the line end is not counted */

				csv_eol(c, ch);
				c->raw = raw;
			}
			return;
		}
	}
}

enum csv_status csv_next(struct csv *c, struct csv_field **f, size_t *n, int *line)
{
	size_t i;
	int ch;

	if (!c->started)
		csv_start(c);
	while ((ch = csv_peek(c)) == '\n' || ch == '\r') {
		csv_get(c);
		csv_eol(c, ch);
	}
	*f = NULL;
	*n = 0;
	*line = c->line;
	if (ch == EOF)
		return c->ioerr ? CSV_IOERR : CSV_END;
	c->raw = c->reclen = c->nf = 0;
	c->toomany = c->unterminated = 0;
	c->err[0] = '\0';
	csv_record(c);
	if (c->unterminated) {
		c->err[0] = '\0';
		csv_bad(c, "champ entre guillemets jamais fermé : son guillemet s'ouvre ligne %d",
		    c->unterminated);
	} else if (c->raw > c->max_record) {
		c->err[0] = '\0';
		if (c->endline > *line)
			csv_bad(c, "enregistrement de plus de %zu octets (lignes %d à %d)",
			    c->max_record, *line, c->endline);
		else
			csv_bad(c, "ligne de plus de %zu octets", c->max_record);
	} else if (c->toomany) {
		c->err[0] = '\0';
		csv_bad(c, "plus de %zu champs", c->max_fields);
	}
	if (c->ioerr)
		return CSV_IOERR;
	if (c->err[0] != '\0')
		return CSV_BAD;
	for (i = 0; i < c->nf; i++)
		c->f[i].s = c->rec + c->start[i];
	*f = c->f;
	*n = c->nf;
	return CSV_RECORD;
}

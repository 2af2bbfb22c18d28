/*
 * A streaming CSV reader (RFC 4180): fields quoted with '"', quotes doubled
 * inside them, separators and newlines allowed in quoted fields; LF, CRLF or CR
 * line ends; the separator (',' or ';') found in the first line; a UTF-8 BOM
 * skipped; blank lines skipped; records longer than a limit refused, not read.
 */
#ifndef ALLO_CSV_H
#define ALLO_CSV_H

#include <stddef.h>

/* Reads at most len bytes into buf: the count, 0 at the end of the input, -1 on error. */
typedef long (*csv_read_fn)(void *arg, char *buf, size_t len);

struct csv_field {
	const char *s;		/* NUL-terminated, valid until the next csv_next */
	size_t len;		/* bytes before the terminating NUL (a NUL may come earlier) */
	int line;		/* physical line where the field starts */
	int quoted;
};

enum csv_status {
	CSV_RECORD,		/* a record was read */
	CSV_END,		/* no more records */
	CSV_BAD,		/* a malformed record was skipped; csv_error says why */
	CSV_IOERR		/* the read function failed */
};

struct csv;

/* A reader over read(arg); records over max_record bytes or max_fields fields are refused. */
struct csv *csv_new(csv_read_fn read, void *arg, size_t max_record, size_t max_fields);
void csv_free(struct csv *c);

/* The next record: its fields and the physical line where it starts. */
enum csv_status csv_next(struct csv *c, struct csv_field **f, size_t *n, int *line);
/* Why the last record was refused (CSV_BAD), in French for the people who fix the file. */
const char *csv_error(const struct csv *c);
/* The separator of the file, known once csv_next was called. */
char csv_separator(const struct csv *c);
/* 1 if the input started with a UTF-8 byte order mark. */
int csv_had_bom(const struct csv *c);

#endif

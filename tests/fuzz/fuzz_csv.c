/* libFuzzer harness: the CSV reader over arbitrary bytes in arbitrary chunks, and every field
 * through the phone normaliser; the results must keep their promises. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "field/csv.h"
#include "field/phone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fuzz_mem {
	const uint8_t *s;
	size_t len, pos, chunk;
};

static long fuzz_read(void *arg, char *buf, size_t len)
{
	struct fuzz_mem *m = arg;
	size_t n = m->len - m->pos;

	if (n > len)
		n = len;
	if (n > m->chunk)
		n = m->chunk;
	memcpy(buf, m->s + m->pos, n);
	m->pos += n;
	return (long)n;
}

/* A normalised number is "+" and 8 to 15 digits; a refusal says why and writes nothing. */
static void fuzz_phone(const char *s)
{
	char out[PHONE_MAX], why[PHONE_WHY];
	size_t n;

	if (phone_normalize(s, out, why) < 0) {
		if (out[0] != '\0' || why[0] == '\0')
			abort();
		return;
	}
	n = strlen(out);
	if (out[0] != '+' || n < 9 || n > 16 || strspn(out + 1, "0123456789") != n - 1)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_mem m = { data, size, 0, 1 };
	size_t max_record = 256, max_fields = 16, n, i, total = 0;
	struct csv_field *f;
	enum csv_status st;
	struct csv *c;
	char *copy;
	int line, last = 0;

	if (size > 0) {
		m.chunk = 1 + data[0] % 7;	/* short reads split every token somewhere */
		m.pos = 1;
	}
	c = csv_new(fuzz_read, &m, max_record, max_fields);
	while ((st = csv_next(c, &f, &n, &line)) != CSV_END && st != CSV_IOERR) {
		if (line <= last || (st == CSV_BAD && csv_error(c)[0] == '\0'))
			abort();
		last = line;
		for (i = 0; st == CSV_RECORD && i < n; i++) {
			if (f[i].s[f[i].len] != '\0' || f[i].line < line)
				abort();
			total += f[i].len;
			fuzz_phone(f[i].s);
		}
		if (st == CSV_RECORD && (n == 0 || n > max_fields || total > max_record))
			abort();
		total = 0;
	}
	if (st == CSV_IOERR || (csv_separator(c) != ',' && csv_separator(c) != ';'))
		abort();
	csv_free(c);
	copy = malloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	fuzz_phone(copy);
	free(copy);
	return 0;
}

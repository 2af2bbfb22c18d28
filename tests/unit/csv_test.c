/* Table-driven tests of the CSV reader, each input read in chunks of 1, 2, 3 and 4096 bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "field/csv.h"
#include "util/buf.h"

#include "unit.h"

#define nitems(a) (sizeof (a) / sizeof (a)[0])

struct mem {
	const char *s;
	size_t len, pos, chunk;
	int fail_at;		/* fail once this many bytes were read; -1: never */
};

static long mem_read(void *arg, char *buf, size_t len)
{
	struct mem *m = arg;
	size_t n = m->len - m->pos;

	if (m->fail_at >= 0 && m->pos >= (size_t)m->fail_at)
		return -1;
	if (n > len)
		n = len;
	if (n > m->chunk)
		n = m->chunk;
	memcpy(buf, m->s + m->pos, n);
	m->pos += n;
	return (long)n;
}

/* The records as text: LINE[f1|f2] for a record, LINE!why for a refused one, ~ for a read error. */
static char *csv_dump(const char *s, size_t len, size_t chunk, size_t max_record, size_t max_fields,
    char *sep, int *bom)
{
	struct mem m = { s, len, 0, chunk, -1 };
	struct csv *c = csv_new(mem_read, &m, max_record, max_fields);
	struct buf b = { 0 };
	struct csv_field *f;
	enum csv_status st;
	size_t n, i, k;
	int line;

	buf_adds(&b, "");
	while ((st = csv_next(c, &f, &n, &line)) != CSV_END) {
		if (st == CSV_IOERR) {
			buf_adds(&b, "~");
			break;
		}
		if (st == CSV_BAD) {
			buf_addf(&b, "%d!%s", line, csv_error(c));
			continue;
		}
		buf_addf(&b, "%d[", line);
		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_addc(&b, '|');
			for (k = 0; k < f[i].len; k++) {
				if (f[i].s[k] == '\0')
					buf_adds(&b, "\\0");
				else
					buf_addc(&b, f[i].s[k]);
			}
		}
		buf_addc(&b, ']');
	}
	*sep = csv_separator(c);
	*bom = csv_had_bom(c);
	csv_free(c);
	return buf_take(&b);
}

static const struct {
	const char *name, *in;
	size_t len;		/* 0: strlen(in) */
	size_t max_record, max_fields;
	const char *want;
	char sep;
} csv_cases[] = {
	{ "simple", "a,b,c\n1,2,3\n", 0, 0, 0, "1[a|b|c]2[1|2|3]", ',' },
	{ "no-final-newline", "a,b\n1,2", 0, 0, 0, "1[a|b]2[1|2]", ',' },
	{ "crlf", "a,b\r\n1,2\r\n", 0, 0, 0, "1[a|b]2[1|2]", ',' },
	{ "cr-only", "a,b\r1,2\r", 0, 0, 0, "1[a|b]2[1|2]", ',' },
	{ "semicolon", "a;b\n1;2,5\n", 0, 0, 0, "1[a|b]2[1|2,5]", ';' },
	{ "semicolon-quoted-commas", "\"a,b,c\";d;e\n", 0, 0, 0, "1[a,b,c|d|e]", ';' },
	{ "comma-wins-tie", "a,b;c\n", 0, 0, 0, "1[a|b;c]", ',' },
	{ "no-separator", "abc\n1;2\n", 0, 0, 0, "1[abc]2[1;2]", ',' },
	{ "bom", "\xef\xbb\xbf" "a,b\n", 0, 0, 0, "1[a|b]", ',' },
	{ "bom-only", "\xef\xbb\xbf", 0, 0, 0, "", ',' },
	{ "empty", "", 0, 0, 0, "", ',' },
	{ "quoted-newline", "a,b\n\"x\ny\",z\nq,r\n", 0, 0, 0, "1[a|b]2[x\ny|z]4[q|r]", ',' },
	{ "quoted-crlf", "a\r\n\"x\r\ny\"\r\nz\r\n", 0, 0, 0, "1[a]2[x\ny]4[z]", ',' },
	{ "doubled-quotes", "\"he said \"\"hi\"\"\",x\n", 0, 0, 0, "1[he said \"hi\"|x]", ',' },
	{ "quoted-separator", "a,\"b,c\",d\n", 0, 0, 0, "1[a|b,c|d]", ',' },
	{ "empty-fields", ",,\n", 0, 0, 0, "1[||]", ',' },
	{ "empty-quoted", "\"\",x\n", 0, 0, 0, "1[|x]", ',' },
	{ "blank-lines", "\n\na,b\n\r\n\nc,d\n\n", 0, 0, 0, "3[a|b]6[c|d]", ',' },
	{ "blank-before-quote", "a, \"b,c\" ,d\n", 0, 0, 0, "1[a|b,c|d]", ',' },
	{ "blanks-kept", " a ,b \n", 0, 0, 0, "1[ a |b ]", ',' },
	{ "nul-byte", "a\0b,c\n", 6, 0, 0, "1[a\\0b|c]", ',' },
	{ "stray-quote", "a,b\"c,d\nx,y\n", 0, 0, 0,
	    "1!champ 2 : un guillemet dans un champ sans guillemets (mettre tout le champ entre"
	    " guillemets et doubler les guillemets qu'il contient)2[x|y]", ',' },
	{ "after-closing-quote", "\"a\"b,c\nx\n", 0, 0, 0,
	    "1!champ 1 : du texte après le guillemet fermant2[x]", ',' },
	{ "unterminated", "a,b\nc,\"d\ne\n", 0, 0, 0,
	    "1[a|b]2!champ entre guillemets jamais fermé : son guillemet s'ouvre ligne 2", ',' },
	{ "unterminated-later-line", "a\n\"x\ny\"\nb,\"c\n", 0, 0, 0,
	    "1[a]2[x\ny]4!champ entre guillemets jamais fermé : son guillemet s'ouvre ligne 4", ',' },
	{ "line-at-limit", "0123456789abcdef\nx\n", 0, 16, 0, "1[0123456789abcdef]2[x]", ',' },
	{ "line-at-limit-crlf", "0123456789abcdef\r\nx\n", 0, 16, 0, "1[0123456789abcdef]2[x]", ',' },
	{ "line-over-limit", "0123456789abcdefX,1\nok\n", 0, 16, 0,
	    "1!ligne de plus de 16 octets2[ok]", ',' },
	{ "record-over-limit", "\"a\nb\nc\nd\ne\nf\ng\nh\ni\"\nok\n", 0, 16, 0,
	    "1!enregistrement de plus de 16 octets (lignes 1 à 9)10[ok]", ',' },
	{ "too-many-fields", "a,b,c,d,e\nx\n", 0, 0, 4, "1!plus de 4 champs2[x]", ',' },
	{ "fields-at-limit", "a,b,c,d\n", 0, 0, 4, "1[a|b|c|d]", ',' },
	{ "header-over-limit", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;b\nx\n", 0, 16, 0,
	    "1!ligne de plus de 16 octets2[x]", ',' },
};

/* Each field knows the line it starts on. */
static void csv_test_lines(void)
{
	struct mem m = { "a,b\nx,\"1\n2\n\",z\n", 0, 0, 4096, -1 };
	struct csv_field *f;
	struct csv *c;
	size_t n;
	int line;

	m.len = strlen(m.s);
	c = csv_new(mem_read, &m, 1024, 16);
	csv_next(c, &f, &n, &line);
	csv_next(c, &f, &n, &line);
	UNIT_OK("field-lines", line == 2 && n == 3 && f[0].line == 2 && f[1].line == 2 &&
	    f[2].line == 4 && f[1].quoted && !f[2].quoted, "line %d n %zu", line, n);
	csv_free(c);
}

/* A read error is reported as such, not as the end of the file. */
static void csv_test_ioerr(void)
{
	struct mem m = { "a,b\n1,2\n3,4\n", 0, 0, 4, 6 };
	struct csv_field *f;
	struct csv *c;
	size_t n;
	int line, got = 0;
	enum csv_status st;

	m.len = strlen(m.s);
	c = csv_new(mem_read, &m, 1024, 16);
	while ((st = csv_next(c, &f, &n, &line)) == CSV_RECORD)
		got++;
	UNIT_OK("read-error", st == CSV_IOERR && got == 2, "status %d after %d records", st, got);
	csv_free(c);
}

#if defined(__SANITIZE_ADDRESS__)
#define CSV_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CSV_TEST_ASAN 1
#endif
#endif

/* A source of n NUL bytes, then a line end and a short record. */
struct zeros {
	size_t left;
	int tail;
};

static long zeros_read(void *arg, char *buf, size_t len)
{
	struct zeros *z = arg;
	size_t n = z->left < len ? z->left : len;

	if (n == 0 && !z->tail) {
		z->tail = 1;
		n = len < 3 ? len : 3;
		memcpy(buf, "\nx\n", n);
		return (long)n;
	}
	memset(buf, 0, n);
	z->left -= n;
	return (long)n;
}

/* Reads 128 MiB of NUL bytes as one line: refused, then the next record read. */
static int csv_test_zeros(void)
{
	struct zeros z = { (size_t)128 << 20, 0 };
	struct csv *c = csv_new(zeros_read, &z, 65536, 64);
	struct csv_field *f;
	size_t n;
	int line, ok;

	ok = csv_next(c, &f, &n, &line) == CSV_BAD && strcmp(csv_error(c),
	    "ligne de plus de 65536 octets") == 0 && csv_next(c, &f, &n, &line) == CSV_RECORD &&
	    line == 2 && n == 1 && strcmp(f[0].s, "x") == 0;
	csv_free(c);
	return ok;
}

#ifndef CSV_TEST_ASAN
/* Caps the address space 64 MiB above its size now; -1 if it cannot be. */
static int csv_test_cap(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long pages = 0;
	struct rlimit rl;

	if (f == NULL)
		return -1;
	if (fscanf(f, "%lu", &pages) != 1)
		pages = 0;
	fclose(f);
	rl.rlim_cur = rl.rlim_max = pages * (size_t)sysconf(_SC_PAGESIZE) + ((size_t)64 << 20);
	return pages > 0 ? setrlimit(RLIMIT_AS, &rl) : -1;
}
#endif

/*
 * NUL bytes past the record limit are dropped like any other byte: a device
 * or a sparse file full of them once grew the record without bound. The read
 * runs in a child whose address space is capped 64 MiB above its size
 * (not under ASan, whose shadow memory cannot live under such a cap).
 */
static void csv_test_nul_bounded(void)
{
	int st = 0;
	pid_t pid;

	fflush(stdout);
	if ((pid = fork()) == 0) {
#ifndef CSV_TEST_ASAN
		if (csv_test_cap() < 0)
			_exit(3);
#endif
		_exit(csv_test_zeros() ? 0 : 1);
	}
	UNIT_OK("csv-nul-record-refused", pid > 0 && waitpid(pid, &st, 0) == pid &&
	    WIFEXITED(st) && WEXITSTATUS(st) == 0, "child exit %d (1: wrong records,"
	    " 3: no limit set, 70: out of memory)", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
#ifndef CSV_TEST_ASAN
	UNIT_OK("csv-nul-memory-bounded", WIFEXITED(st) && WEXITSTATUS(st) != 70 &&
	    WEXITSTATUS(st) != 3, "child exit %d: more than 64 MiB for one refused line",
	    WIFEXITED(st) ? WEXITSTATUS(st) : -1);
#endif
}

int main(void)
{
	static const size_t chunks[] = { 1, 2, 3, 4096 };
	char name[96], sep;
	size_t i, k, len;
	int bom;

	for (i = 0; i < nitems(csv_cases); i++) {
		for (k = 0; k < nitems(chunks); k++) {
			char *got;

			len = csv_cases[i].len ? csv_cases[i].len : strlen(csv_cases[i].in);
			got = csv_dump(csv_cases[i].in, len, chunks[k],
			    csv_cases[i].max_record ? csv_cases[i].max_record : 1024,
			    csv_cases[i].max_fields ? csv_cases[i].max_fields : 64, &sep, &bom);
			snprintf(name, sizeof name, "csv-%s-chunk%zu", csv_cases[i].name, chunks[k]);
			UNIT_OK(name, strcmp(got, csv_cases[i].want) == 0 && sep == csv_cases[i].sep &&
			    bom == (strncmp(csv_cases[i].in, "\xef\xbb\xbf", 3) == 0),
			    "got [%s] sep '%c', want [%s] sep '%c'", got, sep, csv_cases[i].want,
			    csv_cases[i].sep);
			free(got);
		}
	}
	csv_test_lines();
	csv_test_ioerr();
	csv_test_nul_bounded();
	UNIT_END();
}

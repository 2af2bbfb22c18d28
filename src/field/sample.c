#include "field/sample.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "field/csv.h"
#include "field/disposition.h"
#include "field/phone.h"
#include "store/sample.h"
#include "store/wave.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/priv.h"
#include "util/json.h"
#include "util/str.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define SAMPLE_RAW 65536	/* bytes read ahead of the conversion to UTF-8 */
#define SAMPLE_SHOW 8		/* bytes of a frame value quoted in a message */

/* The bytes of the file, converted to UTF-8 when an encoding was given. */
struct sample_src {
	FILE *f;
	iconv_t cd;		/* (iconv_t)-1 when the bytes are used as they are */
	const char *encoding;
	char raw[SAMPLE_RAW];	/* read, not yet handed over */
	size_t rawlen;
	int eof;
	int line;		/* line of the next byte read from the file */
	int cr;			/* the last byte counted was a CR */
	int errline;
	char *err;		/* why reading stopped, owned */
	int stopped;		/* err is set: the next read fails */
};

/* A hash set of strings, each with the line it was first seen on. */
struct sample_set {
	struct sample_key {
		char *key;
		uint64_t hash;
		int line;
	} *v;
	size_t n, cap;
};

enum sample_col { COL_ID, COL_PHONE, COL_NAME, COL_NOTE, COL_FRAME, COL_OTHER };

/* What one import knows while it reads the file. */
struct sample_imp {
	const char *path;
	FILE *err;
	const struct instrument *ins;
	struct store *st;
	struct sample_store *ss;
	const char *wave, *dnc_code;
	char now[32];
	enum sample_col *kind;	/* of each column of the header */
	size_t *var;		/* the frame variable of each COL_FRAME column */
	size_t *at;		/* offset of each column's trimmed value in row */
	size_t ncols;
	int col[COL_FRAME];	/* the column of id, phone, name and note, or -1 */
	int *frame_col;		/* the column of each frame variable, or -1 */
	struct sample_set ids, phones, dnc_list;
	struct arena keys;	/* the sets' strings */
	struct buf row, json;
	size_t errors, rows, cases, dnc;
	struct sample_msg {
		int line;
		size_t seq;
		char *text;
	} msgs[SAMPLE_SHOWN];	/* the first problems by line, printed in line order at the end */
	size_t nmsgs, last;	/* last: the kept one to drop first, once msgs is full */
	char *stop;		/* why the reading stopped, printed after msgs whatever their number */
	struct sample_pending {
		int line, dnc;
		size_t off[5];	/* id, frame, phone, name, note in pending; SIZE_MAX: NULL */
	} pend[STORE_SAMPLE_BATCH];	/* cases checked, waiting to be written */
	size_t npend;
	struct buf pending;
	int bad_text;		/* an encoding error was reported already */
};

static const char *const sample_fixed[COL_FRAME] = { "id", "phone", "name", "note" };

const char *sample_encoding(const char *name)
{
	static const struct {
		const char *name, *iconv;
	} known[] = {
		{ "utf-8", "" }, { "utf8", "" },
		{ "latin1", "ISO-8859-1" }, { "latin-1", "ISO-8859-1" },
		{ "iso-8859-1", "ISO-8859-1" }, { "iso8859-1", "ISO-8859-1" },
		{ "cp1252", "CP1252" }, { "windows-1252", "CP1252" },
	};
	size_t i;

	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcasecmp(name, known[i].name) == 0)
			return known[i].iconv;
	return NULL;
}

static void sample_error(struct sample_imp *m, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The kept message that would be dropped first: the last by line, then by order found. */
static size_t sample_msg_last(const struct sample_imp *m)
{
	size_t i, last = 0;

	for (i = 1; i < m->nmsgs; i++)
		if (m->msgs[i].line > m->msgs[last].line ||
		    (m->msgs[i].line == m->msgs[last].line && m->msgs[i].seq > m->msgs[last].seq))
			last = i;
	return last;
}

/*
 * Counts one problem, and keeps it as "PATH:LINE: erreur : MESSAGE" while it
 * is among the SAMPLE_SHOWN first by line: a file of bad lines is told in a
 * screen, not in millions of lines, and memory stays bounded.
 */
static void sample_error(struct sample_imp *m, int line, const char *fmt, ...)
{
	struct buf b = { 0 };
	struct sample_msg *slot;
	va_list ap;
	char probe;
	int n;

	m->errors++;
	if (m->nmsgs == SAMPLE_SHOWN && line >= m->msgs[m->last].line)
		return;		/* found after every kept one, and not before them in the file */
	buf_addf(&b, "%s:%d: erreur : ", m->path, line);
	va_start(ap, fmt);
	n = vsnprintf(&probe, 1, fmt, ap);
	va_end(ap);
	if (n > 0) {
		char *t = xmalloc((size_t)n + 1);

		va_start(ap, fmt);
		vsnprintf(t, (size_t)n + 1, fmt, ap);
		va_end(ap);
		buf_adds(&b, t);
		free(t);
	}
	if (m->nmsgs < SAMPLE_SHOWN)
		slot = &m->msgs[m->nmsgs++];
	else {
		slot = &m->msgs[m->last];
		free(slot->text);
	}
	slot->line = line;
	slot->seq = m->errors;
	slot->text = buf_take(&b);
	if (m->nmsgs == SAMPLE_SHOWN)
		m->last = sample_msg_last(m);
}

/* Counts and keeps the problem that stops the reading: the last one, always printed. */
static void sample_stop(struct sample_imp *m, int line, const char *msg)
{
	m->errors++;
	free(m->stop);
	m->stop = xasprintf("%s:%d: erreur : %s", m->path, line, msg);
}

static int sample_msg_cmp(const void *a, const void *b)
{
	const struct sample_msg *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Prints the kept problems by line, those of one line in the order found; then how many more. */
static void sample_print(struct sample_imp *m)
{
	size_t i, more = m->errors - m->nmsgs - (m->stop != NULL);

	if (m->nmsgs > 1)
		qsort(m->msgs, m->nmsgs, sizeof *m->msgs, sample_msg_cmp);
	for (i = 0; i < m->nmsgs; i++) {
		fprintf(m->err, "%s\n", m->msgs[i].text);
		free(m->msgs[i].text);
	}
	if (m->stop != NULL)
		fprintf(m->err, "%s\n", m->stop);
	free(m->stop);
	if (more > 0)
		fprintf(m->err, "%s : %zu autre%s erreur%s non affichée%s\n", m->path, more,
		    more > 1 ? "s" : "", more > 1 ? "s" : "", more > 1 ? "s" : "");
}

/*
 * 1 if a frame value may be quoted in a message: short, and only digits,
 * signs, dots, commas and blanks, so that no name and no phone number from the
 * file is ever printed (a phone number needs 9 bytes at least).
 */
static int sample_showable(const char *v)
{
	size_t n = strlen(v);

	return n <= SAMPLE_SHOW && strspn(v, "0123456789+-., ") == n;
}

/* 1 if a header cell may be quoted in a message: a short name of letters, digits, '_', '-', '.'. */
static int sample_showable_name(const char *v)
{
	size_t n = strlen(v);

	return n > 0 && n <= 32 && strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_-.") == n;
}

/* FNV-1a, its high bits folded down: keys differ in their last characters. */
static uint64_t sample_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h ^ (h >> 29) ^ (h >> 47);
}

/* Adds key seen on line: 0 if new, else the line it was first seen on. */
static int sample_set_add(struct sample_set *set, struct arena *a, const char *key, int line)
{
	uint64_t h = sample_hash(key);
	size_t i, j;

	if (2 * (set->n + 1) > set->cap) {
		struct sample_set grown = { NULL, set->n, set->cap ? set->cap * 2 : 1024 };

		grown.v = xcalloc(grown.cap, sizeof *grown.v);
		for (i = 0; i < set->cap; i++) {
			if (set->v[i].key == NULL)
				continue;
			for (j = set->v[i].hash & (grown.cap - 1); grown.v[j].key != NULL;
			    j = (j + 1) & (grown.cap - 1))
				;
			grown.v[j] = set->v[i];
		}
		free(set->v);
		*set = grown;
	}
	for (j = h & (set->cap - 1); set->v[j].key != NULL; j = (j + 1) & (set->cap - 1))
		if (set->v[j].hash == h && strcmp(set->v[j].key, key) == 0)
			return set->v[j].line;
	set->v[j].key = arena_strdup(a, key);
	set->v[j].hash = h;
	set->v[j].line = line;
	set->n++;
	return 0;
}

/* 1 if key is in the set. */
static int sample_set_has(const struct sample_set *set, const char *key)
{
	uint64_t h = sample_hash(key);
	size_t j;

	if (set->n == 0)
		return 0;
	for (j = h & (set->cap - 1); set->v[j].key != NULL; j = (j + 1) & (set->cap - 1))
		if (set->v[j].hash == h && strcmp(set->v[j].key, key) == 0)
			return 1;
	return 0;
}

static void sample_set_free(struct sample_set *set)
{
	free(set->v);
}

/* Counts the line ends in s[0..n): LF, CRLF and CR each once; *cr carries a CR across calls. */
static int sample_lines(const char *s, size_t n, int *cr)
{
	int lines = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		lines += s[i] == '\r' || (s[i] == '\n' && !*cr);
		*cr = s[i] == '\r';
	}
	return lines;
}

/* Reads more raw bytes, unless the buffer is full or the file ended. */
static int sample_src_fill(struct sample_src *s)
{
	size_t n;

	if (s->eof || s->rawlen == sizeof s->raw)
		return 0;
	n = fread(s->raw + s->rawlen, 1, sizeof s->raw - s->rawlen, s->f);
	if (n == 0 && ferror(s->f)) {
		s->err = xasprintf("lecture impossible : %s", strerror(errno));
		s->errline = s->line;
		return -1;
	}
	s->eof = n == 0;
	s->rawlen += n;
	return 0;
}

/* Converts raw bytes to UTF-8 into buf: the count, 0 at the end, -1 on a bad byte. */
static long sample_convert(struct sample_src *s, char *buf, size_t len)
{
	for (;;) {
		char *in = s->raw, *out = buf;
		size_t inleft, outleft = len, rc;
		int e;

		if (sample_src_fill(s) < 0)
			return -1;
		if (s->rawlen == 0)
			return 0;
		inleft = s->rawlen;
		rc = iconv(s->cd, &in, &inleft, &out, &outleft);
		e = errno;
		s->line += sample_lines(s->raw, (size_t)(in - s->raw), &s->cr);
		memmove(s->raw, in, inleft);
		s->rawlen = inleft;
		if (out > buf)
			return out - buf;
		if (rc != (size_t)-1 || (e == EINVAL && !s->eof))
			continue;
		if (e == E2BIG) {
			s->err = xasprintf("conversion impossible : pas de place pour un caractère");
			s->errline = s->line;
			return -1;
		}
		s->errline = s->line;
		s->err = xasprintf("l'octet 0x%02X n'est pas un caractère %s", (unsigned char)s->raw[0],
		    strcmp(s->encoding, "CP1252") == 0 ? "Windows-1252" : s->encoding);
		return -1;
	}
}

/* Hands over the next bytes of the file, converted when an encoding was given. */
static long sample_read_bytes(struct sample_src *s, char *buf, size_t len)
{
	size_t n;

	if (s->cd != (iconv_t)-1)
		return sample_convert(s, buf, len);
	if (s->rawlen > 0) {
		n = s->rawlen < len ? s->rawlen : len;
		memcpy(buf, s->raw, n);
		s->line += sample_lines(buf, n, &s->cr);
		memmove(s->raw, s->raw + n, s->rawlen - n);
		s->rawlen -= n;
		return (long)n;
	}
	n = fread(buf, 1, len, s->f);
	if (n == 0 && ferror(s->f)) {
		s->err = xasprintf("lecture impossible : %s", strerror(errno));
		s->errline = s->line;
		return -1;
	}
	s->line += sample_lines(buf, n, &s->cr);
	return (long)n;
}

/*
 * The reader under the CSV parser. A NUL byte stops the reading at once: text
 * files have none, and a binary file or a device full of them would otherwise
 * be read to its end. So does a file of more lines than any sample has.
 */
static long sample_read(void *arg, char *buf, size_t len)
{
	struct sample_src *s = arg;
	int line = s->line, cr = s->cr;
	const char *nul;
	long n;

	if (s->stopped)
		return -1;
	if ((n = sample_read_bytes(s, buf, len)) <= 0)
		return n;
	if ((nul = memchr(buf, '\0', (size_t)n)) != NULL) {
		s->errline = line + sample_lines(buf, (size_t)(nul - buf), &cr);
		s->err = xasprintf("octet nul (0x00) : ce n'est pas un fichier texte (un fichier"
		    " binaire, ou de l'UTF-16 ?) ; lecture arrêtée");
		s->stopped = 1;
		return nul > buf ? nul - buf : -1;	/* the lines before it are still checked */
	}
	if (s->line > SAMPLE_MAX_LINES) {
		s->errline = SAMPLE_MAX_LINES;
		s->err = xstrdup("plus de " SAMPLE_MAX_LINES_TEXT " lignes : ce n'est pas un"
		    " échantillon ; lecture arrêtée");
		return -1;
	}
	return n;
}

/* Refuses what is surely not a text file in the encoding asked for, from its first bytes. */
static int sample_src_sniff(struct sample_imp *m, struct sample_src *s)
{
	const unsigned char *b = (const unsigned char *)s->raw;

	while (s->rawlen < 4 && !s->eof)
		if (sample_src_fill(s) < 0)
			return -1;
	if (s->rawlen >= 2 && ((b[0] == 0xff && b[1] == 0xfe) || (b[0] == 0xfe && b[1] == 0xff))) {
		sample_error(m, 1, "le fichier est en UTF-16 (le « texte Unicode » d'un tableur) :"
		    " l'enregistrer en CSV UTF-8");
		return -1;
	}
	if (s->cd != (iconv_t)-1 && s->rawlen >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf) {
		sample_error(m, 1, "le fichier commence par une marque d'ordre des octets UTF-8 :"
		    " il est en UTF-8 ; l'importer sans --encoding");
		return -1;
	}
	return 0;
}

/* Checks that every field is UTF-8 (sample_read lets no NUL byte in); reports the first bad byte. */
static int sample_text_ok(struct sample_imp *m, const struct csv_field *f, size_t n)
{
	size_t i, off;
	int cr = 0;

	for (i = 0; i < n; i++) {
		if ((off = utf8_check(f[i].s, f[i].len)) < f[i].len) {
			if (!m->bad_text++)
				sample_error(m, f[i].line + sample_lines(f[i].s, off, &cr),
				    "UTF-8 invalide (octet 0x%02X) : le fichier n'est pas en UTF-8 ;"
				    " s'il a été enregistré en Latin-1 ou en Windows-1252, donner"
				    " --encoding latin1 ou --encoding cp1252", (unsigned char)f[i].s[off]);
			return 0;
		}
	}
	return 1;
}

/* Appends s without its surrounding blanks to m->row, NUL-terminated; returns its offset. */
static size_t sample_trim(struct sample_imp *m, const char *s)
{
	size_t n, at = m->row.len;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	buf_add(&m->row, s, n);
	buf_addc(&m->row, '\0');
	return at;
}

/* The column names the file may have, for messages. */
static void sample_names(const struct sample_imp *m, struct buf *b)
{
	size_t i;

	buf_adds(b, "id, phone");
	for (i = 0; i < m->ins->nframe; i++)
		buf_addf(b, ", %s", m->ins->frame[i]->id);
	buf_adds(b, ", name, note");
}

/* An unknown column: named, with the likely one when it is a typo. */
static void sample_unknown_col(struct sample_imp *m, int line, const char *name, size_t col)
{
	const char **names = xreallocarray(NULL, m->ins->nframe + COL_FRAME, sizeof *names);
	struct buf b = { 0 };
	const char *like;
	size_t i;

	for (i = 0; i < COL_FRAME; i++)
		names[i] = sample_fixed[i];
	for (i = 0; i < m->ins->nframe; i++)
		names[COL_FRAME + i] = m->ins->frame[i]->id;
	if ((like = str_suggest(name, names, m->ins->nframe + COL_FRAME)) != NULL)
		buf_addf(&b, "vouliez-vous dire « %s » ?", like);
	else {
		buf_adds(&b, "les colonnes sont ");
		sample_names(m, &b);
	}
	if (sample_showable_name(name))
		sample_error(m, line, "colonne inconnue « %s » (colonne %zu) ; %s", name, col + 1, b.s);
	else
		sample_error(m, line, "colonne %zu : nom inconnu, de %zu octets, non reproduit ; %s",
		    col + 1, strlen(name), b.s);
	buf_free(&b);
	free(names);
}

/* Names one column of the header; 0 when the name is known. */
static int sample_header_col(struct sample_imp *m, int line, const char *name, size_t c)
{
	size_t i;
	int *at = NULL;

	m->kind[c] = COL_OTHER;
	for (i = 0; i < COL_FRAME && at == NULL; i++)
		if (strcasecmp(name, sample_fixed[i]) == 0) {
			at = &m->col[i];
			m->kind[c] = (enum sample_col)i;
		}
	for (i = 0; i < m->ins->nframe && at == NULL; i++)
		if (strcasecmp(name, m->ins->frame[i]->id) == 0) {
			at = &m->frame_col[i];
			m->kind[c] = COL_FRAME;
			m->var[c] = i;
		}
	if (name[0] == '\0') {
		sample_error(m, line, "la colonne %zu n'a pas de nom", c + 1);
		return -1;
	}
	if (at == NULL) {
		sample_unknown_col(m, line, name, c);
		return -1;
	}
	if (*at >= 0) {
		sample_error(m, line, "la colonne « %s » apparaît deux fois (colonnes %d et %zu)",
		    m->kind[c] == COL_FRAME ? m->ins->frame[m->var[c]]->id : sample_fixed[m->kind[c]],
		    *at + 1, c + 1);
		m->kind[c] = COL_OTHER;
		return -1;
	}
	*at = (int)c;
	return 0;
}

/* 1 if a cell of the first line is a phone number: a file without its header line. */
static int sample_header_is_case(struct sample_imp *m, const struct csv_field *f, size_t n)
{
	char phone[PHONE_MAX], why[PHONE_WHY];
	size_t i, at;

	for (i = 0; i < n; i++) {
		buf_reset(&m->row);
		at = sample_trim(m, f[i].s);
		if (phone_normalize(m->row.s + at, phone, why) == 0)
			return 1;
	}
	return 0;
}

/* Maps the header's columns; reports unknown, duplicate and missing ones. */
static void sample_header(struct sample_imp *m, const struct csv_field *f, size_t n, int line)
{
	size_t i, at;

	m->ncols = n;
	m->kind = xreallocarray(NULL, n, sizeof *m->kind);
	m->var = xcalloc(n, sizeof *m->var);
	m->at = xcalloc(n, sizeof *m->at);
	if (!sample_text_ok(m, f, n)) {
		for (i = 0; i < n; i++)
			m->kind[i] = COL_OTHER;
		return;
	}
	for (i = 0; i < n; i++)
		m->kind[i] = COL_OTHER;
	if (n == 1 && strpbrk(f[0].s, "\t|") != NULL) {
		sample_error(m, line, "l'en-tête n'a qu'une colonne : le séparateur doit être « , »"
		    " ou « ; »");
		return;
	}
	if (sample_header_is_case(m, f, n)) {
		buf_reset(&m->json);
		sample_names(m, &m->json);
		sample_error(m, line, "la première ligne contient un numéro de téléphone : elle doit"
		    " nommer les colonnes (%s)", m->json.s);
		return;
	}
	for (i = 0; i < n; i++) {
		buf_reset(&m->row);
		at = sample_trim(m, f[i].s);
		sample_header_col(m, line, m->row.s + at, i);
	}
	if (m->col[COL_ID] < 0)
		sample_error(m, line, "colonne « id » manquante (l'identifiant du cas)");
	if (m->col[COL_PHONE] < 0)
		sample_error(m, line, "colonne « phone » manquante");
	for (i = 0; i < m->ins->nframe; i++)
		if (m->frame_col[i] < 0)
			sample_error(m, line, "colonne « %s » manquante (une variable de la base de"
			    " sondage du questionnaire %s)",
			    m->ins->frame[i]->id, m->ins->id);
}

/* The codes of an option list, as "1-9" or "1, 3, 5-7". */
static void sample_codes(const struct optlist *o, struct buf *b)
{
	size_t i, j;

	for (i = 0; i < o->n; i = j + 1) {
		for (j = i; j + 1 < o->n && o->v[j + 1].code == o->v[j].code + 1; j++)
			;
		buf_addf(b, "%s%ld", i > 0 ? ", " : "", o->v[i].code);
		if (j > i)
			buf_addf(b, "%s%ld", j > i + 1 ? "-" : ", ", o->v[j].code);
	}
}

/* Starts a member of the case's JSON object, after "{" or a member. */
static void sample_json_key(struct sample_imp *m, const char *key)
{
	if (m->json.len > 1)
		buf_addc(&m->json, ',');
	json_str(&m->json, key);
	buf_addc(&m->json, ':');
}

/* Adds one frame value to the case's JSON object; 0, or -1 when it is not valid. */
static int sample_frame_value(struct sample_imp *m, int line, const struct question *q,
    const char *v)
{
	size_t chars = utf8_chars(v, strlen(v));
	char num[64], *p;
	struct buf b = { 0 };
	double d;
	long code;

	if (v[0] == '\0')
		return 0;
	if (q->type == Q_SINGLE) {
		if (str_to_long(v, &code) < 0 || optlist_find(q->options, code) == NULL) {
			sample_codes(q->options, &b);
			if (sample_showable(v))
				sample_error(m, line, "%s : code inconnu « %s » (les codes sont %s)",
				    q->id, v, b.s);
			else
				sample_error(m, line, "%s : code inconnu, une valeur de %zu caractère%s"
				    " non reproduite (les codes sont %s)", q->id, chars,
				    chars > 1 ? "s" : "", b.s);
			buf_free(&b);
			return -1;
		}
		sample_json_key(m, q->id);
		buf_addf(&m->json, "%ld", code);
		return 0;
	}
	if (q->type == Q_NUMBER) {
		snprintf(num, sizeof num, "%s", v);
		if ((p = strchr(num, ',')) != NULL && strchr(p + 1, ',') == NULL)
			*p = '.';	/* a decimal comma */
		if (strlen(v) >= sizeof num || str_to_double(num, &d) < 0) {
			if (sample_showable(v))
				sample_error(m, line, "%s : « %s » n'est pas un nombre", q->id, v);
			else
				sample_error(m, line, "%s : pas un nombre, une valeur de %zu caractère%s"
				    " non reproduite", q->id, chars, chars > 1 ? "s" : "");
			return -1;
		}
		sample_json_key(m, q->id);
		json_num(&m->json, d);
		return 0;
	}
	sample_json_key(m, q->id);
	json_str(&m->json, v);
	return 0;
}

/* Checks the case's id: present, short, without control characters, once in the file. */
static int sample_id(struct sample_imp *m, int line, const char *id)
{
	size_t i;
	int first;

	if (id[0] == '\0') {
		sample_error(m, line, "identifiant vide");
		return 0;
	}
	for (i = 0; id[i] != '\0'; i++)
		if ((unsigned char)id[i] < 0x20 || id[i] == 0x7f) {
			sample_error(m, line, "identifiant avec un saut de ligne ou un caractère de"
			    " contrôle (non reproduit)");
			return 0;
		}
	if (i > SAMPLE_MAX_ID) {
		sample_error(m, line, "identifiant de %zu octets, non reproduit : %d au plus", i,
		    SAMPLE_MAX_ID);
		return 0;
	}
	if ((first = sample_set_add(&m->ids, &m->keys, id, line)) != 0) {
		sample_error(m, line, "identifiant « %s » en double (déjà ligne %d)", id, first);
		return 0;
	}
	return 1;
}

/* Normalises and checks the phone: a valid number, once in the file; never printed. */
static int sample_phone(struct sample_imp *m, int line, const char *raw, char *phone)
{
	char why[PHONE_WHY];
	int first;

	if (raw[0] == '\0') {
		sample_error(m, line, "numéro de téléphone vide");
		return 0;
	}
	if (phone_normalize(raw, phone, why) < 0) {
		sample_error(m, line, "numéro de téléphone invalide : %s", why);
		return 0;
	}
	if ((first = sample_set_add(&m->phones, &m->keys, phone, line)) != 0) {
		sample_error(m, line, "numéro de téléphone en double (déjà ligne %d)", first);
		return 0;
	}
	return 1;
}

/* Reports an id or a phone (either may be NULL) already in the database: how many, or -1. */
static int sample_in_db(struct sample_imp *m, int line, const char *id, const char *phone,
    char **cause)
{
	char found[64];
	int rc, n = 0;

	if (id != NULL) {
		if ((rc = store_sample_case_wave(m->ss, id, found, sizeof found, cause)) < 0)
			return -1;
		if (rc == 1)
			sample_error(m, line, "identifiant « %s » déjà dans la base (vague %s)", id,
			    found);
		n += rc;
	}
	if (phone != NULL) {
		if ((rc = store_sample_phone_case(m->ss, phone, found, sizeof found, cause)) < 0)
			return -1;
		if (rc == 1)
			sample_error(m, line, "numéro de téléphone déjà dans la base (cas %s)", found);
		n += rc;
	}
	return n;
}

/* 1 if every cell of the record is blank, as rows a spreadsheet leaves behind are. */
static int sample_blank(struct sample_imp *m, const struct csv_field *f, size_t n)
{
	size_t i, at;

	buf_reset(&m->row);
	for (i = 0; i < n; i++) {
		at = sample_trim(m, f[i].s);
		if (m->row.s[at] != '\0')
			return 0;
	}
	return 1;
}

/* The trimmed value of a fixed column, or NULL when the header lacks it or it is blank. */
static const char *sample_cell(const struct sample_imp *m, enum sample_col col)
{
	const char *v;

	if (m->col[col] < 0)
		return NULL;
	v = m->row.s + m->at[m->col[col]];
	return v[0] != '\0' || col == COL_ID || col == COL_PHONE ? v : NULL;
}

/* Builds the case's frame as a JSON object, reporting values that are not valid. */
static void sample_frame(struct sample_imp *m, int line)
{
	size_t i;

	buf_reset(&m->json);
	buf_addc(&m->json, '{');
	for (i = 0; i < m->ins->nframe; i++)
		if (m->frame_col[i] >= 0)
			sample_frame_value(m, line, m->ins->frame[i], m->row.s + m->at[m->frame_col[i]]);
	buf_addc(&m->json, '}');
}

/* Copies a value into the pending batch: its offset, or SIZE_MAX for NULL. */
static size_t sample_keep(struct sample_imp *m, const char *v)
{
	size_t at = m->pending.len;

	if (v == NULL)
		return SIZE_MAX;
	buf_add(&m->pending, v, strlen(v) + 1);
	return at;
}

static const char *sample_kept(const struct sample_imp *m, size_t off)
{
	return off == SIZE_MAX ? NULL : m->pending.s + off;
}

/*
 * Writes the pending cases in one go. When the database refuses them (an id or
 * a phone it holds already), or once the import has failed anyway, each one is
 * looked up instead and what it collides with is reported. -1: the store failed.
 */
static int sample_flush(struct sample_imp *m, char **cause)
{
	struct store_sample_case c[STORE_SAMPLE_BATCH];
	size_t i, dnc = 0;
	int rc = 1, found = 0, n;

	for (i = 0; i < m->npend; i++) {
		const struct sample_pending *p = &m->pend[i];

		c[i].id = sample_kept(m, p->off[0]);
		c[i].wave = m->wave;
		c[i].frame = sample_kept(m, p->off[1]);
		c[i].phone = sample_kept(m, p->off[2]);
		c[i].name = sample_kept(m, p->off[3]);
		c[i].note = sample_kept(m, p->off[4]);
		c[i].final_code = p->dnc ? m->dnc_code : NULL;
		c[i].dnc = p->dnc;
		c[i].now = m->now;
		dnc += (size_t)p->dnc;
	}
	if (m->npend > 0 && m->errors == 0 && (rc = store_sample_add(m->ss, c, m->npend, cause)) == 0) {
		m->cases += m->npend;
		m->dnc += dnc;
	}
	for (i = 0; rc == 1 && i < m->npend; i++) {
		if ((n = sample_in_db(m, m->pend[i].line, c[i].id, c[i].phone, cause)) < 0)
			return -1;
		found += n;
	}
	if (rc == 1 && found == 0 && m->errors == 0 && m->npend > 0) {
		*cause = xasprintf("%s : la base a refusé les cas %s à %s", m->path, c[0].id,
		    c[m->npend - 1].id);
		return -1;
	}
	m->npend = 0;
	buf_reset(&m->pending);
	return rc < 0 ? -1 : 0;
}

/* Queues the checked case of m->row for writing. -1: the store failed. */
static int sample_queue(struct sample_imp *m, int line, const char *phone, char **cause)
{
	struct sample_pending *p = &m->pend[m->npend++];
	char hash[65];

	if (store_sample_dnc_hash(m->ss, phone, hash) < 0) {
		*cause = xasprintf("%s : clé de la liste d'opposition illisible", m->path);
		return -1;
	}
	p->line = line;
	p->dnc = sample_set_has(&m->dnc_list, hash);
	p->off[0] = sample_keep(m, sample_cell(m, COL_ID));
	p->off[1] = sample_keep(m, m->json.s);
	p->off[2] = sample_keep(m, phone);
	p->off[3] = sample_keep(m, sample_cell(m, COL_NAME));
	p->off[4] = sample_keep(m, sample_cell(m, COL_NOTE));
	return m->npend == STORE_SAMPLE_BATCH ? sample_flush(m, cause) : 0;
}

/*
 * Checks one record, and queues it for writing while no problem was found in
 * the file. An id or phone already in the database is found by the insert;
 * once the import has failed, by a lookup.
 */
static int sample_record(struct sample_imp *m, const struct csv_field *f, size_t n, int line,
    char sep, char **cause)
{
	char phone[PHONE_MAX];
	const char *id = NULL;
	size_t i;
	int ok_phone = 0;

	if (sample_blank(m, f, n))
		return 0;
	m->rows++;
	if (!sample_text_ok(m, f, n))
		return 0;
	if (n != m->ncols) {
		sample_error(m, line, "%zu champs alors que l'en-tête en a %zu%s", n, m->ncols,
		    n < m->ncols ? "" : sep == ';' ? " (mettre entre guillemets une valeur qui"
		    " contient « ; »)" : " (mettre entre guillemets une valeur qui contient « , »)");
		return 0;
	}
	buf_reset(&m->row);
	for (i = 0; i < n; i++)
		m->at[i] = sample_trim(m, f[i].s);
	if (m->col[COL_ID] >= 0 && sample_id(m, line, sample_cell(m, COL_ID)))
		id = sample_cell(m, COL_ID);
	if (m->col[COL_PHONE] >= 0)
		ok_phone = sample_phone(m, line, sample_cell(m, COL_PHONE), phone);
	sample_frame(m, line);
	if (m->errors == 0)
		return sample_queue(m, line, phone, cause);
	return sample_in_db(m, line, id, ok_phone ? phone : NULL, cause) < 0 ? -1 : 0;
}

/* Reads the whole file: the header, then every record; -1 when the store failed. */
static int sample_read_all(struct sample_imp *m, struct csv *c, struct sample_src *src,
    char **cause)
{
	struct csv_field *f;
	enum csv_status rc;
	int line, header = 0;
	size_t n;

	while ((rc = csv_next(c, &f, &n, &line)) != CSV_END) {
		if (rc == CSV_IOERR) {
			sample_stop(m, src->errline, src->err ? src->err : "lecture impossible");
			return 0;
		}
		if (rc == CSV_BAD) {
			sample_error(m, line, "%s", csv_error(c));
			if (!header)
				return 0;
			m->rows++;
		} else if (!header) {
			sample_header(m, f, n, line);
			header = line;
		} else if (sample_record(m, f, n, line, csv_separator(c), cause) < 0)
			return -1;
		if (m->rows > SAMPLE_MAX_CASES) {
			sample_stop(m, line, "plus de " SAMPLE_MAX_CASES_TEXT " lignes de cas :"
			    " découper l'échantillon en plusieurs fichiers ; lecture arrêtée");
			return 0;
		}
	}
	if (!header) {
		buf_reset(&m->json);
		sample_names(m, &m->json);
		sample_error(m, 1, "fichier vide : la première ligne doit nommer les colonnes (%s)",
		    m->json.s);
	} else if (m->rows == 0)
		sample_error(m, header, "aucun cas dans le fichier (seulement la ligne d'en-tête)");
	return 0;
}

static void sample_dnc_add(void *arg, const char *hash)
{
	struct sample_imp *m = arg;

	sample_set_add(&m->dnc_list, &m->keys, hash, 1);
}

/* Inside the import's transaction: a closed wave takes no new case. */
static int sample_wave_open(struct sample_imp *m, char **cause)
{
	struct store_wave w;
	int rc = store_wave_get(m->st, m->wave, &w, cause);

	if (rc == 1 && w.closed_at[0] != '\0') {
		*cause = xasprintf("la vague %s est close : import refusé (allo wave reopen la"
		    " rouvre)", m->wave);
		return -1;
	}
	return rc < 0 ? -1 : 0;
}

/*
 * Runs the import inside its transaction: 0 when done, errors or not; -1 when
 * the store failed. A wave that got cases is recorded as opened now.
 */
static int sample_run(struct sample_imp *m, struct csv *c, struct sample_src *src, char **cause)
{
	if (sample_wave_open(m, cause) < 0 ||
	    store_sample_dnc_list(m->ss, sample_dnc_add, m, cause) < 0)
		return -1;
	if (sample_src_sniff(m, src) < 0) {
		if (src->err != NULL)
			sample_stop(m, src->errline, src->err);
		return 0;
	}
	if (sample_read_all(m, c, src, cause) < 0 || sample_flush(m, cause) < 0)
		return -1;
	return m->errors == 0 && m->cases > 0 ? store_wave_add(m->st, m->wave, m->now, cause) : 0;
}

/* What a file that is not a regular one is, for messages. */
static const char *sample_file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "un dossier";
	if (S_ISFIFO(mode))
		return "un tube";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "un périphérique";
	if (S_ISSOCK(mode))
		return "une socket";
	return "un fichier spécial";
}

/*
 * Opens a regular file only, checked on the descriptor that is read: a device
 * never ends and a FIFO may block. O_NONBLOCK keeps the open itself from
 * waiting for a FIFO's writer; it is cleared once the file is known regular.
 */
static FILE *sample_file_open(const char *path, char **cause)
{
	struct stat st;
	FILE *f;
	int fd, fl;

	if ((fd = priv_open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY, 0)) < 0) {
		*cause = xasprintf("%s : ouverture impossible : %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0) {
		*cause = xasprintf("%s : %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		*cause = xasprintf("%s : %s, pas un fichier ordinaire : allo n'importe qu'un fichier"
		    " CSV", path, sample_file_kind(st.st_mode));
		close(fd);
		return NULL;
	}
	if ((fl = fcntl(fd, F_GETFL)) < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0 ||
	    (f = fdopen(fd, "rb")) == NULL) {
		*cause = xasprintf("%s : ouverture impossible : %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	return f;
}

/* Opens the file and its conversion; -1 with *cause when it cannot be read. */
static int sample_src_open(struct sample_src *s, const char *path, const char *encoding,
    char **cause)
{
	memset(s, 0, sizeof *s);
	s->cd = (iconv_t)-1;
	s->line = 1;
	if ((s->f = sample_file_open(path, cause)) == NULL)
		return -1;
	if (encoding != NULL && encoding[0] != '\0') {
		s->encoding = encoding;
		if ((s->cd = iconv_open("UTF-8", encoding)) == (iconv_t)-1) {
			*cause = xasprintf("conversion depuis %s impossible : %s", encoding,
			    strerror(errno));
			fclose(s->f);
			return -1;
		}
	}
	return 0;
}

static void sample_src_close(struct sample_src *s)
{
	if (s->cd != (iconv_t)-1)
		iconv_close(s->cd);
	fclose(s->f);
	free(s->err);
}

static void sample_imp_free(struct sample_imp *m)
{
	free(m->kind);
	free(m->var);
	free(m->at);
	free(m->frame_col);
	sample_set_free(&m->ids);
	sample_set_free(&m->phones);
	sample_set_free(&m->dnc_list);
	arena_free(&m->keys);
	buf_free(&m->row);
	buf_free(&m->json);
	buf_free(&m->pending);
}

int sample_import(struct store *st, const struct instrument *ins, const char *path,
    const struct sample_opts *o, FILE *err, struct sample_result *r, char **cause)
{
	struct sample_imp m;
	struct sample_src *src = xmalloc(sizeof *src);
	struct csv *c;
	size_t i;
	int rc = -1;

	memset(r, 0, sizeof *r);
	if (sample_src_open(src, path, o->encoding, cause) < 0) {
		free(src);
		return SAMPLE_UNREADABLE;
	}
	memset(&m, 0, sizeof m);
	m.path = path;
	m.err = err;
	m.ins = ins;
	m.st = st;
	m.wave = o->wave;
	m.dnc_code = disposition_find("dnc_import")->final_now;
	clock_iso(clock_now(), m.now, sizeof m.now);
	for (i = 0; i < COL_FRAME; i++)
		m.col[i] = -1;
	m.frame_col = xreallocarray(NULL, ins->nframe + 1, sizeof *m.frame_col);
	for (i = 0; i < ins->nframe; i++)
		m.frame_col[i] = -1;
	c = csv_new(sample_read, src, SAMPLE_MAX_RECORD, SAMPLE_MAX_FIELDS);
	if ((m.ss = store_sample_begin(st, cause)) != NULL) {
		if (sample_run(&m, c, src, cause) < 0)
			store_sample_end(m.ss, 0, NULL);
		else if (store_sample_end(m.ss, m.errors == 0, cause) == 0)
			rc = m.errors > 0;
	}
	sample_print(&m);
	r->cases = m.errors == 0 && rc == 0 ? m.cases : 0;
	r->dnc = r->cases > 0 ? m.dnc : 0;
	r->errors = m.errors;
	csv_free(c);
	sample_src_close(src);
	free(src);
	sample_imp_free(&m);
	return rc;
}

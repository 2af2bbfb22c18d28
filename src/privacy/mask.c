/*
 * Free texts without personal data. A text is first cleaned (blanks, control
 * characters, invalid UTF-8), then passes over it replace, left to right and
 * never inside a mark already there: e-mail addresses; the case's own phone
 * number, even in part; any phone number; then the values of its personal
 * frame variables and its sample name, compared without case or accents,
 * whole words only. Passes repeat until one changes nothing, so that a
 * masked text is its own mask.
 */
#include "privacy/mask.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xmalloc.h"

#define MASK_PHONE_DIGITS 9	/* a run of this many digits is a phone number */
#define MASK_OWN_DIGITS 6	/* the case's number is recognised from its last 6 digits */
#define MASK_NAME_LETTERS 3	/* a name's words of 3 letters or more are masked */
#define MASK_WORD_LETTERS 4	/* a personal value's words of 4 letters or more are masked */
#define MASK_SEPS 3		/* separator characters between two digits of a phone number */
#define MASK_FOLD_MAX 4		/* bytes of one folded character */

enum mask_kind { MK_PHONE, MK_EMAIL, MK_NAME, MK_PERSONAL };

static const char *const mask_marks[] = { MASK_PHONE, MASK_EMAIL, MASK_NAME, MASK_PERSONAL };

/* Words of a sample name that say who, not which person: never masked alone. */
static const char *const mask_civilities[] = {
	"m", "mme", "mlle", "mr", "mrs", "ms", "monsieur", "madame", "mademoiselle", "messieurs",
	"mesdames", "famille", "dr", "docteur", "pr", "professeur", "et", NULL
};

/* Words of an address that many addresses share: never masked alone. */
static const char *const mask_stop_words[] = {
	"rue", "avenue", "boulevard", "place", "chemin", "allee", "impasse", "route", "quai",
	"cours", "square", "residence", "batiment", "hameau", "lotissement", "sentier", "passage",
	"villa", "cite", "escalier", "etage", "appartement", "porte", "lieu", "saint", "sainte",
	"chez", "de", "des", "du", "la", "le", "les", "au", "aux", "sur", "sous", "en", "et", NULL
};

/* Latin-1 letters from U+00C0 without their accents, lowercase; NULL for × and ÷. */
static const char *const mask_latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y"
};

/* A string to look for, folded, and what it stands for. */
struct mask_needle {
	char *fold;
	size_t len;
	enum mask_kind kind;
};

/* What one call knows, ready to match. */
struct mask_ctx {
	char own[24];			/* the digits of the case's number, or "" */
	size_t nown;
	struct mask_needle *needles;	/* longest first */
	size_t nneedles, cap;
};

/* The bytes of cp without case or accents, into out; returns their length. */
static size_t mask_fold(unsigned cp, char out[MASK_FOLD_MAX])
{
	const char *f = NULL;

	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	if (cp >= 0xc0 && cp <= 0xff)
		f = mask_latin1[cp - 0xc0];
	else if (cp == 0x152 || cp == 0x153)
		f = "oe";
	else if (cp == 0x178)
		f = "y";
	else if (cp == 0x2019)
		f = "'";
	if (f != NULL) {
		memcpy(out, f, strlen(f));
		return strlen(f);
	}
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static int mask_digit(unsigned cp)
{
	return cp >= '0' && cp <= '9';
}

/* 1 if cp belongs to a word: a letter or a digit, accented letters included. */
static int mask_word(unsigned cp)
{
	if (cp < 0x80)
		return mask_digit(cp) || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	return cp >= 0xc0 && cp != 0xd7 && cp != 0xf7 && !(cp >= 0x2000 && cp <= 0x206f) &&
	    cp != 0xfffd && cp != 0xfeff;
}

/* The character before byte i of s (valid UTF-8), or 0 at the start. */
static unsigned mask_prev(const char *s, size_t i)
{
	size_t j = i;
	unsigned cp;

	if (i == 0)
		return 0;
	while (j > 0 && i - j < 4 && ((unsigned char)s[j - 1] & 0xc0) == 0x80)
		j--;
	if (j == 0)
		return 0;
	utf8_decode(s + j - 1, i - j + 1, &cp);
	return cp;
}

/* The character at byte i of s, 0 at the end. */
static unsigned mask_at(const char *s, size_t len, size_t i)
{
	unsigned cp;

	if (i >= len)
		return 0;
	utf8_decode(s + i, len - i, &cp);
	return cp;
}

/* Bytes of the mark that starts s, or 0. */
static size_t mask_mark_at(const char *s, size_t len)
{
	size_t i, n;

	for (i = 0; i < sizeof mask_marks / sizeof mask_marks[0]; i++) {
		n = strlen(mask_marks[i]);
		if (len >= n && memcmp(s, mask_marks[i], n) == 0)
			return n;
	}
	return 0;
}

/* Where the next mark starts from byte i, or len: matches never reach into a mark. */
static size_t mask_next_mark(const char *s, size_t len, size_t i)
{
	const char *p;

	while (i < len && (p = memchr(s + i, '[', len - i)) != NULL) {
		i = (size_t)(p - s);
		if (mask_mark_at(s + i, len - i) > 0)
			return i;
		i++;
	}
	return len;
}

/* Appends s cleaned: invalid UTF-8 as U+FFFD, control characters out, blanks as one space. */
static void mask_clean(struct buf *t, const char *s)
{
	size_t len = strlen(s), i = 0;
	unsigned cp;

	while (i < len) {
		int n = utf8_decode(s + i, len - i, &cp);
		int blank = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' ||
		    cp == '\f' || cp == 0x2028 || cp == 0x2029;

		if (blank) {
			if (t->len > 0 && t->s[t->len - 1] != ' ')
				buf_addc(t, ' ');
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			;	/* control characters go */
		else if (cp == 0xfffd && !(n == 3 && memcmp(s + i, "\xef\xbf\xbd", 3) == 0))
			buf_adds(t, "\xef\xbf\xbd");
		else
			buf_add(t, s + i, (size_t)n);
		i += (size_t)n;
	}
	while (t->len > 0 && t->s[t->len - 1] == ' ')
		t->s[--t->len] = '\0';
}

/* Bytes of separators between two digits of a phone number at s, or 0. */
static size_t mask_seps(const char *s, size_t len)
{
	size_t i = 0, n, k;

	for (k = 0; k < MASK_SEPS; k++, i += n) {
		if (i < len && s[i] != '\0' && strchr(" .-_/()", s[i]) != NULL)
			n = 1;
		else if (len - i >= 2 && memcmp(s + i, "\xc2\xa0", 2) == 0)
			n = 2;
		else if (len - i >= 3 && memcmp(s + i, "\xe2\x80\xaf", 3) == 0)
			n = 3;
		else
			break;
	}
	return i;
}

/* A run of digits and separators, as phone numbers are written, and as amounts are. */
struct mask_run {
	size_t end;			/* after its last digit */
	char digits[24];		/* its last digits */
	size_t ndigits;
	int thousands;			/* 1 234 567: groups of three after a first of 1 to 3 */
};

/* Keeps the shape of the run: a number in thousands is not a phone number. */
static void mask_run_group(struct mask_run *r, size_t group, int first, const char *sep,
    size_t nsep, const char *first_sep, size_t nfirst)
{
	if (first)
		r->thousands = r->thousands && group >= 1 && group <= 3;
	else
		r->thousands = r->thousands && group == 3 && nsep == nfirst &&
		    memcmp(sep, first_sep, nsep) == 0 && (sep[0] == ' ' || sep[0] == '.' ||
		    (unsigned char)sep[0] >= 0x80);
}

/* Reads the run of digits that starts at byte i (a digit, '+' or '('). */
static void mask_run(const char *s, size_t len, size_t i, struct mask_run *r)
{
	size_t j = i, group = 0, nsep = 0, nfirst = 0, n;
	const char *sep = NULL, *first_sep = NULL;
	int groups = 0;

	memset(r, 0, sizeof *r);
	r->thousands = s[i] != '0' && s[i] != '+' && s[i] != '(';
	if (s[j] == '+' || s[j] == '(')
		j++;
	while (j < len) {
		if (mask_digit((unsigned char)s[j])) {
			if (r->ndigits + 1 >= sizeof r->digits)
				memmove(r->digits, r->digits + 1, --r->ndigits);
			r->digits[r->ndigits++] = s[j];
			group++;
			r->end = ++j;
			continue;
		}
		n = mask_seps(s + j, len - j);
		if (n == 0 || j + n >= len || !mask_digit((unsigned char)s[j + n]))
			break;
		mask_run_group(r, group, groups++ == 0, s + j, n, first_sep, nfirst);
		if (first_sep == NULL) {
			first_sep = s + j;
			nfirst = n;
		}
		sep = s + j;
		nsep = n;
		group = 0;
		j += n;
	}
	mask_run_group(r, group, groups == 0, sep, nsep, first_sep, nfirst);
	r->thousands = r->thousands && groups > 0;
	r->digits[r->ndigits] = '\0';
}

/* Bytes of a phone number at i (0 if none): any 9 digits, or the case's last 6 or more. */
static size_t mask_phone_at(const struct mask_ctx *c, const char *s, size_t len, size_t i)
{
	struct mask_run r;

	if (!(mask_digit((unsigned char)s[i]) || ((s[i] == '+' || s[i] == '(') && i + 1 < len &&
	    mask_digit((unsigned char)s[i + 1]))))
		return 0;
	mask_run(s, len, i, &r);
	if (r.end == 0 || mask_word(mask_at(s, len, r.end)))
		return 0;
	if (c->nown > 0 && r.ndigits >= MASK_OWN_DIGITS && r.ndigits <= c->nown &&
	    memcmp(c->own + c->nown - r.ndigits, r.digits, r.ndigits) == 0)
		return r.end;
	if (r.ndigits >= MASK_PHONE_DIGITS && !r.thousands)
		return r.end;
	return 0;
}

/* 1 if cp may be part of an e-mail address before its '@'. */
static int mask_local(unsigned cp)
{
	return mask_word(cp) || (cp != 0 && cp < 0x80 && strchr("._%+-", (int)cp) != NULL);
}

/* Bytes of an e-mail address at i (0 if none): local part, '@', dotted domain. */
static size_t mask_email_at(const char *s, size_t len, size_t i)
{
	size_t j = i, at, end, dot = 0, k;
	unsigned cp;

	if (mask_local(mask_prev(s, i)))
		return 0;
	while (j < len && (cp = mask_at(s, len, j)) != '@' && mask_local(cp))
		j += (size_t)utf8_decode(s + j, len - j, &cp);
	if (j == i || j >= len || s[j] != '@')
		return 0;
	at = end = j + 1;
	while (end < len && (mask_word((unsigned char)s[end]) || s[end] == '.' || s[end] == '-') &&
	    (unsigned char)s[end] < 0x80)
		end++;
	while (end > at && (s[end - 1] == '.' || s[end - 1] == '-'))
		end--;
	for (k = at; k < end; k++)
		if (s[k] == '.') {
			if (k == at || s[k - 1] == '.')
				return 0;
			dot = k;
		}
	if (dot == 0 || end - dot < 3 || mask_word(mask_at(s, len, end)))
		return 0;
	for (k = dot + 1; k < end; k++)
		if (mask_digit((unsigned char)s[k]) || s[k] == '-')
			return 0;
	return end;
}

/* The end of needle n matched at byte i of s, whole word, or 0. */
static size_t mask_needle_at(const struct mask_needle *n, const char *s, size_t len, size_t i)
{
	char f[MASK_FOLD_MAX];
	size_t p = 0, fl;
	unsigned cp;

	while (p < n->len) {
		int b;

		if (i >= len)
			return 0;
		b = utf8_decode(s + i, len - i, &cp);
		fl = mask_fold(cp, f);
		if (fl > n->len - p || memcmp(f, n->fold + p, fl) != 0)
			return 0;
		p += fl;
		i += (size_t)b;
	}
	return mask_word(mask_at(s, len, i)) ? 0 : i;
}

/* The longest match of a needle at byte i, or 0; *kind says whose. */
static size_t mask_known_at(const struct mask_ctx *c, const char *s, size_t len, size_t i,
    enum mask_kind *kind)
{
	size_t j, end;

	if (mask_word(mask_prev(s, i)))
		return 0;
	for (j = 0; j < c->nneedles; j++)
		if ((end = mask_needle_at(&c->needles[j], s, len, i)) > 0) {
			*kind = c->needles[j].kind;
			return end;
		}
	return 0;
}

/* Bytes at i that one rule replaces, or 0; *kind says which. */
static size_t mask_match(const struct mask_ctx *c, const char *s, size_t len, size_t i,
    enum mask_kind *kind)
{
	size_t end;

	if ((end = mask_email_at(s, len, i)) > 0) {
		*kind = MK_EMAIL;
		return end;
	}
	if (!mask_word(mask_prev(s, i)) && (end = mask_phone_at(c, s, len, i)) > 0) {
		*kind = MK_PHONE;
		return end;
	}
	return mask_known_at(c, s, len, i, kind);
}

static void mask_count(struct mask_counts *n, enum mask_kind kind)
{
	if (n == NULL)
		return;
	if (kind == MK_PHONE)
		n->phones++;
	else if (kind == MK_EMAIL)
		n->emails++;
	else if (kind == MK_NAME)
		n->names++;
	else
		n->personal++;
}

/*
 * Counts the marks of a masked text by kind: a text masked before (by a purge)
 * counts as it did then, so that lists of texts stay the same.
 */
static void mask_tally(const char *s, size_t len, struct mask_counts *n)
{
	size_t i, k, m;

	for (i = mask_next_mark(s, len, 0); i < len; i = mask_next_mark(s, len, i + m)) {
		m = mask_mark_at(s + i, len - i);
		for (k = 0; k < sizeof mask_marks / sizeof mask_marks[0]; k++)
			if (strlen(mask_marks[k]) == m && memcmp(s + i, mask_marks[k], m) == 0)
				mask_count(n, (enum mask_kind)k);
	}
}

size_t mask_marks_in(const char *s)
{
	struct mask_counts n = { 0, 0, 0, 0 };

	mask_tally(s, strlen(s), &n);
	return n.phones + n.emails + n.names + n.personal;
}

/* One pass over t into out; returns how many replacements it made. */
static size_t mask_pass(const struct mask_ctx *c, const char *t, size_t len, struct buf *out)
{
	size_t i = 0, from = 0, stop = mask_next_mark(t, len, 0), end, made = 0, skip;
	enum mask_kind kind = MK_PHONE;
	unsigned cp;

	while (i < len) {
		if (i == stop) {
			skip = mask_mark_at(t + i, len - i);
			i += skip;
			stop = mask_next_mark(t, len, i);
			continue;
		}
		if ((end = mask_match(c, t, stop, i, &kind)) > i) {
			buf_add(out, t + from, i - from);
			buf_adds(out, mask_marks[kind]);
			made++;
			i = from = end;
			continue;
		}
		i += (size_t)utf8_decode(t + i, len - i, &cp);
	}
	buf_add(out, t + from, len - from);
	return made;
}

/* s folded, its blanks as single spaces; caller frees. */
static char *mask_fold_str(const char *s, size_t len, size_t *out_len)
{
	struct buf b = { 0 };
	char f[MASK_FOLD_MAX];
	size_t i = 0;
	unsigned cp;

	while (i < len) {
		i += (size_t)utf8_decode(s + i, len - i, &cp);
		buf_add(&b, f, mask_fold(cp, f));
	}
	buf_add(&b, "", 0);
	*out_len = b.len;
	return buf_take(&b);
}

static int mask_listed(const char *fold, size_t len, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (strlen(list[i]) == len && memcmp(list[i], fold, len) == 0)
			return 1;
	return 0;
}

static void mask_add_needle(struct mask_ctx *c, const char *s, size_t len, enum mask_kind kind)
{
	struct mask_needle *n;

	if (len == 0)
		return;
	if (c->nneedles == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 8;
		c->needles = xreallocarray(c->needles, c->cap, sizeof *c->needles);
	}
	n = &c->needles[c->nneedles++];
	n->fold = mask_fold_str(s, len, &n->len);
	n->kind = kind;
}

/*
 * A word of a name (3 letters or more, not a civility) or of a personal value
 * (4 letters or more, not a word every address has) becomes a needle alone.
 */
static void mask_add_word(struct mask_ctx *c, const char *w, size_t len, size_t letters,
    enum mask_kind kind)
{
	int name = kind == MK_NAME;
	size_t fl;
	char *f = mask_fold_str(w, len, &fl);

	if (letters >= (name ? MASK_NAME_LETTERS : MASK_WORD_LETTERS) &&
	    !mask_listed(f, fl, name ? mask_civilities : mask_stop_words))
		mask_add_needle(c, w, len, kind);
	free(f);
}

/* Adds each word of s (letters and digits) that may stand alone, by kind's rule. */
static void mask_words(struct mask_ctx *c, const char *s, enum mask_kind kind)
{
	size_t len = strlen(s), i = 0, start, letters;
	unsigned cp;

	while (i < len) {
		start = i;
		letters = 0;
		while (i < len && mask_word(cp = mask_at(s, len, i))) {
			letters += !mask_digit(cp);
			i += (size_t)utf8_decode(s + i, len - i, &cp);
		}
		if (i > start)
			mask_add_word(c, s + start, i - start, letters, kind);
		else
			i += (size_t)utf8_decode(s + i, len - i, &cp);
	}
}

/* The name from its first word that is not a civility: "Mme Lucie Marchand" as "Lucie Marchand". */
static const char *mask_name_rest(const char *s)
{
	size_t len = strlen(s), i = 0, start, fl;
	unsigned cp;
	char *f;
	int civil;

	for (;;) {
		while (i < len && !mask_word(mask_at(s, len, i)))
			i += (size_t)utf8_decode(s + i, len - i, &cp);
		start = i;
		while (i < len && mask_word(mask_at(s, len, i)))
			i += (size_t)utf8_decode(s + i, len - i, &cp);
		if (i == start)
			return s + len;
		f = mask_fold_str(s + start, i - start, &fl);
		civil = mask_listed(f, fl, mask_civilities);
		free(f);
		if (!civil)
			return s + start;
	}
}

/* The number of letters and digits in s. */
static size_t mask_alnums(const char *s)
{
	size_t len = strlen(s), i = 0, n = 0;
	unsigned cp;

	while (i < len) {
		i += (size_t)utf8_decode(s + i, len - i, &cp);
		n += mask_word(cp);
	}
	return n;
}

/* A whole value to mask, cleaned as texts are: short ones would mask ordinary words. */
static void mask_add_whole(struct mask_ctx *c, const char *s, size_t min, enum mask_kind kind)
{
	if (mask_alnums(s) >= min)
		mask_add_needle(c, s, strlen(s), kind);
}

static int mask_cmp_needles(const void *a, const void *b)
{
	const struct mask_needle *x = a, *y = b;

	if (x->len != y->len)
		return x->len < y->len ? 1 : -1;
	return strcmp(x->fold, y->fold);
}

static void mask_ctx_name(struct mask_ctx *c, const char *name)
{
	struct buf t = { 0 };

	mask_clean(&t, name);
	buf_add(&t, "", 0);
	mask_add_whole(c, t.s, MASK_NAME_LETTERS, MK_NAME);
	mask_add_whole(c, mask_name_rest(t.s), MASK_NAME_LETTERS, MK_NAME);
	mask_words(c, t.s, MK_NAME);
	buf_free(&t);
}

static void mask_ctx_value(struct mask_ctx *c, const char *value)
{
	struct buf t = { 0 };

	mask_clean(&t, value);
	buf_add(&t, "", 0);
	mask_add_whole(c, t.s, MASK_WORD_LETTERS, MK_PERSONAL);
	mask_words(c, t.s, MK_PERSONAL);
	buf_free(&t);
}

/* What k knows, as digits and folded needles, longest first. */
static void mask_ctx_init(struct mask_ctx *c, const struct mask_known *k)
{
	size_t i;

	memset(c, 0, sizeof *c);
	if (k == NULL)
		return;
	for (i = 0; k->phone != NULL && k->phone[i] != '\0' && c->nown + 1 < sizeof c->own; i++)
		if (mask_digit((unsigned char)k->phone[i]))
			c->own[c->nown++] = k->phone[i];
	for (i = 0; i < k->npersonal; i++)
		if (k->personal[i] != NULL)
			mask_ctx_value(c, k->personal[i]);
	if (k->name != NULL)
		mask_ctx_name(c, k->name);
	if (c->nneedles > 1)
		qsort(c->needles, c->nneedles, sizeof *c->needles, mask_cmp_needles);
}

static void mask_ctx_free(struct mask_ctx *c)
{
	size_t i;

	for (i = 0; i < c->nneedles; i++)
		free(c->needles[i].fold);
	free(c->needles);
}

size_t mask_text(struct buf *b, const char *s, const struct mask_known *k, struct mask_counts *n)
{
	struct buf t = { 0 }, u = { 0 }, swap;
	struct mask_ctx c;
	size_t start = b->len;

	mask_clean(&t, s);
	mask_ctx_init(&c, k);
	/* Each pass that replaces something leaves fewer bytes outside marks: it ends. */
	while (t.len > 0) {
		buf_reset(&u);
		if (mask_pass(&c, t.s, t.len, &u) == 0)
			break;
		swap = t;
		t = u;
		u = swap;
	}
	buf_add(b, t.s != NULL ? t.s : "", t.len);
	mask_tally(b->s + start, b->len - start, n);
	mask_ctx_free(&c);
	buf_free(&t);
	buf_free(&u);
	return b->len - start;
}

/*
 * The erasure of a wave's or a case's personal data: numbers, names, sample
 * and call notes, appointment notes, frame values declared personal, and what
 * free texts carry of them (masked as the export masks them, so exports stay
 * byte for byte the same), the answer log included; then the file scrubbed.
 */
#include "privacy/purge.h"

#include <stdlib.h>
#include <string.h>

#include "field/disposition.h"
#include "field/frame.h"
#include "instrument/instrument.h"
#include "privacy/mask.h"
#include "store/purge.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define PURGE_VALUE_MAX 1024

/* A case to purge, copied out of the read so that its rows can be rewritten. */
struct purge_case {
	char *id, *frame, *phone, *name;
};

struct purge {
	struct store_purge sp;
	const struct instrument *ins;
	const char *login;
	struct purge_case *cases;
	size_t ncases, cap;
};

static char *purge_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static int purge_collect(void *arg, const struct store_purge_case *c)
{
	struct purge *p = arg;
	struct purge_case *k;

	if (p->ncases == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->cases = xreallocarray(p->cases, p->cap, sizeof *p->cases);
	}
	k = &p->cases[p->ncases++];
	k->id = xstrdup(c->id);
	k->frame = purge_dup(c->frame);
	k->phone = purge_dup(c->phone);
	k->name = purge_dup(c->name);
	return 0;
}

/* Frees a string that held personal data, overwritten first. */
static void purge_wipe(char *s)
{
	if (s != NULL) {
		memset(s, 0, strlen(s));
		free(s);
	}
}

static void purge_cases_free(struct purge *p)
{
	size_t i;

	for (i = 0; i < p->ncases; i++) {
		free(p->cases[i].id);
		purge_wipe(p->cases[i].frame);
		purge_wipe(p->cases[i].phone);
		purge_wipe(p->cases[i].name);
	}
	free(p->cases);
	p->cases = NULL;
	p->ncases = p->cap = 0;
}

/* 1 if a log value is a number, a list of codes, DK or RF: nothing a person typed in words. */
static int purge_coded(const char *v)
{
	return v == NULL || strcmp(v, "DK") == 0 || strcmp(v, "RF") == 0 ||
	    strspn(v, "0123456789.,-+e") == strlen(v);
}

/*
 * The masked form of text into out (caller frees), or NULL when masking replaces
 * nothing: a text without personal data is left exactly as it was typed.
 */
static char *purge_mask(const char *text, const struct mask_known *k, size_t *masked)
{
	struct mask_counts n = { 0, 0, 0, 0 };
	struct buf b = { 0 };

	mask_text(&b, text, k, &n);
	if (n.phones + n.emails + n.names + n.personal <= mask_marks_in(text)) {
		buf_free(&b);
		return NULL;
	}
	(*masked)++;
	return buf_take(&b);
}

static int purge_answers(struct purge *p, const char *id, const struct mask_known *k,
    char **cause)
{
	struct store_purge_text *t;
	size_t n, i, masked = 0;
	char *m;
	int rc = 0;

	if (store_purge_answers(&p->sp, id, &t, &n, cause) < 0)
		return -1;
	for (i = 0; i < n && rc == 0; i++)
		if (t[i].a != NULL && (m = purge_mask(t[i].a, k, &masked)) != NULL) {
			rc = store_purge_answer_put(&p->sp, &t[i], m, cause);
			free(m);
		}
	store_purge_texts_free(t, n);
	return rc;
}

static int purge_log(struct purge *p, const char *id, const struct mask_known *k, char **cause)
{
	struct store_purge_text *t;
	size_t n, i, masked;
	char *old, *new;
	int rc = 0;

	if (store_purge_log(&p->sp, id, &t, &n, cause) < 0)
		return -1;
	for (i = 0; i < n && rc == 0; i++) {
		masked = 0;
		old = purge_coded(t[i].a) ? NULL : purge_mask(t[i].a, k, &masked);
		new = purge_coded(t[i].b) ? NULL : purge_mask(t[i].b, k, &masked);
		if (masked > 0)
			rc = store_purge_log_put(&p->sp, &t[i], old ? old : t[i].a, new ? new : t[i].b,
			    cause);
		free(old);
		free(new);
	}
	store_purge_texts_free(t, n);
	return rc;
}

/* Masks one case's texts, removes its personal frame values, and for a case purge lists it. */
static int purge_one(struct purge *p, const struct purge_case *c, char **cause)
{
	const struct instrument *ins = p->ins;
	char *values[64];
	struct mask_known k = { c->phone, c->name, NULL, 0 };
	size_t i, n = 0;
	int rc = 0;

	for (i = 0; i < ins->nframe && n < sizeof values / sizeof values[0]; i++) {
		char v[PURGE_VALUE_MAX];

		if (ins->frame[i]->personal && c->frame != NULL &&
		    frame_get(c->frame, ins->frame[i]->id, v, sizeof v) == 1 && v[0] != '\0')
			values[n++] = xstrdup(v);
	}
	k.personal = (const char *const *)values;
	k.npersonal = n;
	if (purge_answers(p, c->id, &k, cause) < 0 || purge_log(p, c->id, &k, cause) < 0)
		rc = -1;
	for (i = 0; rc == 0 && i < ins->nframe; i++)
		if (ins->frame[i]->personal)
			rc = store_purge_frame(&p->sp, c->id, ins->frame[i]->id, cause);
	if (rc == 0 && !p->sp.wave && c->phone != NULL)
		rc = store_purge_dnc(&p->sp, c->phone, p->login, disposition_find("dnc")->final_now,
		    cause);
	for (i = 0; i < n; i++)
		purge_wipe(values[i]);
	return rc;
}

int purge_run(struct store *st, const struct instrument *ins, int wave, const char *target,
    const char *login, struct store_purge_counts *r, char **cause)
{
	struct purge p;
	size_t i;
	int rc = 0;

	memset(&p, 0, sizeof p);
	memset(r, 0, sizeof *r);
	p.ins = ins;
	p.login = login;
	if (store_purge_begin(&p.sp, st, wave, target, login, cause) < 0)
		return -1;
	if (store_purge_cases(&p.sp, purge_collect, &p, cause) < 0)
		rc = -1;
	if (rc == 0 && p.ncases == 0) {
		*cause = wave ? xasprintf("aucun cas dans la vague %s", target) :
		    xasprintf("cas inconnu : %.64s", target);
		rc = -1;
	}
	for (i = 0; rc == 0 && i < p.ncases; i++)
		rc = purge_one(&p, &p.cases[i], cause);
	purge_cases_free(&p);
	if (rc < 0) {
		store_purge_abort(&p.sp);
		return -1;
	}
	if (store_purge_finish(&p.sp, login, cause) < 0)
		return -1;
	*r = p.sp.n;
	return 0;
}

/* paradata.csv, a row per call of the wave, and timings.csv, seconds per question per interview. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "export/wave.h"
#include "field/disposition.h"
#include "store/export.h"
#include "util/xmalloc.h"

struct para_row {
	char pid[PSEUDO_LEN];
	long no;		/* the call's rank among the case's calls, from 1 */
	char *line;		/* the rest of the CSV line */
};

struct para {
	struct wave *w;
	struct para_row *v;
	size_t n, cap;
	char case_id[128];
	long no;
};

/* The AAPOR code a call's outcome stands for. */
static const char *para_aapor(const struct store_export_call *c)
{
	const struct disposition *d = disposition_find(c->outcome);
	enum outcome o;

	if (strcmp(c->outcome, "screened_out") == 0) {
		for (o = OUT_REFUSAL; o <= OUT_QUOTA_FULL; o++)
			if (strcmp(c->ended_as, outcome_name(o)) == 0)
				return disposition_screened(o);
		return disposition_screened(OUT_INELIGIBLE);
	}
	if (d == NULL)
		return "";
	return d->final_now != NULL ? d->final_now : d->final_at_max != NULL ? d->final_at_max : "";
}

static int para_call(void *arg, const struct store_export_call *c)
{
	struct para *p = arg;
	struct para_row *r;
	struct buf b = { 0 }, t = { 0 };
	char iid[PSEUDO_LEN];

	if (strcmp(c->case_id, p->case_id) != 0) {
		snprintf(p->case_id, sizeof p->case_id, "%s", c->case_id);
		p->no = 0;
	}
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 1024;
		p->v = xreallocarray(p->v, p->cap, sizeof *p->v);
	}
	r = &p->v[p->n++];
	pseudo_id(&p->w->pseudo, 'r', "case", c->case_id, r->pid);
	pseudo_id(&p->w->pseudo, 'i', "login", c->login, iid);
	r->no = ++p->no;
	clean_text(&t, c->at);
	csv_field(&b, t.s, t.len);
	buf_addf(&b, ",%s,", iid);
	buf_reset(&t);
	clean_text(&t, c->outcome);
	csv_field(&b, t.s, t.len);
	buf_addf(&b, ",%s\r\n", para_aapor(c));
	r->line = buf_take(&b);
	buf_free(&t);
	return 0;
}

static int para_cmp(const void *a, const void *b)
{
	const struct para_row *x = a, *y = b;
	int c = strcmp(x->pid, y->pid);

	return c != 0 ? c : (x->no > y->no) - (x->no < y->no);
}

int paradata_write(struct wave *w, struct store_export *x, struct out *o, char **cause)
{
	struct para p;
	struct buf b = { 0 };
	size_t i;
	int rc;

	memset(&p, 0, sizeof p);
	p.w = w;
	rc = store_export_calls(x, w->o->wave, para_call, &p, cause);
	if (rc == 0) {
		if (p.n > 1)
			qsort(p.v, p.n, sizeof *p.v, para_cmp);
		buf_adds(&b, "resp_id,call_no,called_at,intv_id,outcome,aapor\r\n");
		for (i = 0; i < p.n; i++) {
			buf_addf(&b, "%s,%ld,%s", p.v[i].pid, p.v[i].no, p.v[i].line);
			if (b.len >= (1 << 20))
				out_buf(o, &b);
		}
		out_buf(o, &b);
		w->calls = p.n;
	}
	for (i = 0; i < p.n; i++)
		free(p.v[i].line);
	free(p.v);
	buf_free(&b);
	return rc;
}

void timings_header(const struct wave *w, struct buf *b)
{
	size_t i;

	buf_adds(b, "resp_id");
	for (i = 0; i < w->ntcols; i++) {
		buf_addc(b, ',');
		buf_adds(b, w->tcols[i].name);
	}
	buf_add(b, "\r\n", 2);
}

void timings_row(const struct wave *w, const char *pid, const double *secs, struct buf *b)
{
	size_t i;

	buf_adds(b, pid);
	for (i = 0; i < w->ntcols; i++) {
		buf_addc(b, ',');
		if (secs[i] >= 0 && isfinite(secs[i])) {
			long tenths = lround(secs[i] * 10);

			csv_num(b, (double)(tenths / 10));
			buf_addc(b, '.');
			buf_addc(b, (char)('0' + tenths % 10));
		}
	}
	buf_add(b, "\r\n", 2);
}

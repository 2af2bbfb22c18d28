/*
 * The cleaning rules of the wave export, all of them in this file:
 *
 * 1. Which interviews: the latest complete interview of each case of the
 *    wave; with --include-partials, the latest partial one (a break-off past
 *    the fieldwork's `partial:` rule, AAPOR 1.2) of a case without a
 *    complete one, flagged partial and coded 1.2. The other break-offs are
 *    not interviews for AAPOR and are never exported, only counted. Test
 *    interviews, screen-outs and interviews in progress are left out.
 * 2. Rows are ordered by pseudonymous respondent id, then interview id.
 * 3. The route is recomputed from the answers and the frame values with the
 *    interview's own questionnaire version. An answer is exported only when
 *    it is on that route and was recorded on the route: off-path answers
 *    are dropped, and a disagreement between the two is reported.
 * 4. Every exported value is validated again, by the engine against the
 *    interview's version (type, codes, range, decimals, exclusive codes,
 *    choices, length, DK and RF permission, hard checks), then against the
 *    column of the newest version; a value that fails is reported on
 *    standard error, naming the interview and the variable, and exported
 *    empty. Computed variables are recomputed; a coded one must hold one of
 *    its codes.
 * 5. Texts typed into the interview or the sample: invalid UTF-8 becomes
 *    U+FFFD; control characters go (line breaks and tabs become spaces);
 *    runs of spaces become one; the text is trimmed; then privacy/mask.c
 *    replaces e-mail addresses, phone numbers in any spacing, the case's
 *    own number even in part, its sample name and the values of its frame
 *    variables declared personal by "[courriel masqué]", "[numéro masqué]",
 *    "[nom masqué]" and "[donnée personnelle masquée]". W.csv and texts.csv
 *    put a quote before a text a spreadsheet would run (=, +, -, @), unless
 *    --raw-text.
 * 6. Personal data is read only to be masked and is never written: the
 *    case's phone number, its sample name and its personal frame values
 *    feed rule 5; personal frame variables have no column. Notes and the
 *    do-not-call list are not read; logins and case ids become pseudonymous
 *    ids.
 * 7. In a partial's row, an asked question it did not answer but could
 *    still have asked, had the interview gone on, is -7 "not reached"
 *    (interview/partial.h decides, conditions on unanswered variables
 *    counting as true); a question off its route stays empty.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "export/wave.h"
#include "field/disposition.h"
#include "field/frame.h"
#include "instrument/instrument.h"
#include "interview/engine.h"
#include "interview/partial.h"
#include "privacy/mask.h"
#include "store/export.h"
#include "util/str.h"
#include "util/xmalloc.h"

#define CLEAN_FLUSH (1 << 20)

void clean_warn(struct wave *w, int64_t interview, const char *pid, const char *var,
    const char *fmt, ...)
{
	va_list ap;

	w->warnings++;
	if (w->warn == NULL)
		return;
	if (interview > 0)
		fprintf(w->warn, "allo: warning: interview %lld (%s): %s: ", (long long)interview,
		    pid, var);
	else
		fprintf(w->warn, "allo: warning: %s: ", var);
	va_start(ap, fmt);
	vfprintf(w->warn, fmt, ap);
	va_end(ap);
	fputc('\n', w->warn);
}

size_t clean_text(struct buf *b, const char *s)
{
	return mask_text(b, s, NULL, NULL);
}

/* Rule 1: which interviews of a case are exported, and what the others count as. */
struct clean_choice {
	struct wave *w;
	char case_id[128];
	struct store_export_interview best;	/* strings copied below */
	char *best_strings[8];	/* the strings of best, then its phone and name or NULL */
	int have;
	size_t cap;
};

static void clean_choice_clear(struct clean_choice *c)
{
	int i;

	for (i = 0; i < 8; i++) {
		free(c->best_strings[i]);
		c->best_strings[i] = NULL;
	}
	c->have = 0;
}

/* Moves the case's chosen interview, if any, into the wave's rows. */
static void clean_choice_flush(struct clean_choice *c)
{
	struct wave *w = c->w;
	struct chosen *r;
	int i;

	if (!c->have)
		return;
	if (w->nrows == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 1024;
		w->rows = xreallocarray(w->rows, c->cap, sizeof *w->rows);
	}
	r = &w->rows[w->nrows++];
	memset(r, 0, sizeof *r);
	r->id = c->best.id;
	r->questionnaire = c->best.questionnaire;
	r->partial = strcmp(c->best.status, "complete") != 0;
	pseudo_id(&w->pseudo, 'r', "case", c->best_strings[0], r->pid);
	pseudo_id(&w->pseudo, 'i', "login", c->best_strings[1], r->iid);
	r->started_at = c->best_strings[2];
	r->ended_at = c->best_strings[3];
	r->final_code = c->best_strings[4];
	r->frame = c->best_strings[5];
	r->phone = c->best_strings[6];
	r->name = c->best_strings[7];
	for (i = 2; i < 8; i++)
		c->best_strings[i] = NULL;
	if (r->partial)
		w->partials++;
	else
		w->completes++;
	clean_choice_clear(c);
}

/* Counts an interview that is not exported. */
static void clean_exclude(struct wave *w, const struct store_export_interview *iv)
{
	if (iv->is_test)
		w->excluded_test++;
	else if (strcmp(iv->status, "screened_out") == 0)
		w->excluded_screened++;
	else if (strcmp(iv->status, "broken_off") == 0 && strcmp(iv->outcome, "partial") == 0)
		w->excluded_partials++;
	else if (strcmp(iv->status, "broken_off") == 0)
		w->excluded_breakoffs++;
	else
		w->excluded_other++;
}

static int clean_choose_one(void *arg, const struct store_export_interview *iv)
{
	struct clean_choice *c = arg;
	int complete = strcmp(iv->status, "complete") == 0;
	int partial = c->w->o->include_partials && strcmp(iv->status, "broken_off") == 0 &&
	    strcmp(iv->outcome, "partial") == 0;

	if (strcmp(iv->case_id, c->case_id) != 0) {
		clean_choice_flush(c);
		snprintf(c->case_id, sizeof c->case_id, "%s", iv->case_id);
	}
	if (iv->is_test || !(complete || partial) ||
	    (c->have && strcmp(c->best.status, "complete") == 0 && !complete)) {
		clean_exclude(c->w, iv);
		return 0;
	}
	if (c->have && strcmp(c->best.status, "broken_off") == 0)
		c->w->excluded_partials++;	/* a partial of the case, replaced */
	else if (c->have)
		c->w->excluded_other++;	/* an earlier interview of the case, replaced */
	clean_choice_clear(c);
	c->best = *iv;
	c->best.status = complete ? "complete" : "broken_off";
	c->best.phone = c->best.name = NULL;	/* kept in best_strings */
	c->best_strings[0] = xstrdup(iv->case_id);
	c->best_strings[1] = xstrdup(iv->login);
	c->best_strings[2] = xstrdup(iv->started_at);
	c->best_strings[3] = xstrdup(iv->ended_at);
	c->best_strings[4] = xstrdup(iv->final_code);
	c->best_strings[5] = xstrdup(iv->frame);
	c->best_strings[6] = iv->phone != NULL ? xstrdup(iv->phone) : NULL;
	c->best_strings[7] = iv->name != NULL ? xstrdup(iv->name) : NULL;
	c->have = 1;
	return 0;
}

/* Rule 2. */
static int clean_cmp_rows(const void *a, const void *b)
{
	const struct chosen *x = a, *y = b;
	int c = strcmp(x->pid, y->pid);

	return c != 0 ? c : (x->id > y->id) - (x->id < y->id);
}

int clean_choose(struct wave *w, struct store_export *x, char **cause)
{
	struct clean_choice c;
	size_t i;
	double t;

	memset(&c, 0, sizeof c);
	c.w = w;
	if (store_export_interviews(x, w->o->wave, clean_choose_one, &c, cause) < 0) {
		clean_choice_clear(&c);
		return -1;
	}
	clean_choice_flush(&c);
	clean_choice_clear(&c);
	if (w->nrows > 1)
		qsort(w->rows, w->nrows, sizeof *w->rows, clean_cmp_rows);
	for (i = 0; i < w->nrows; i++) {
		if (csv_time_secs(w->rows[i].started_at, strlen(w->rows[i].started_at), &t) == 0 &&
		    t > (double)w->stamp)
			w->stamp = (time_t)t;
		if (csv_time_secs(w->rows[i].ended_at, strlen(w->rows[i].ended_at), &t) == 0 &&
		    t > (double)w->stamp)
			w->stamp = (time_t)t;
	}
	return 0;
}

/* The state of the clean pass over one interview. */
struct clean_iv {
	struct wave *w;
	const struct chosen *row;
	struct version *v;
	struct engine *e;
	unsigned char *on, *bad;	/* per slot: recorded on the route; refused again */
	double *secs;			/* per slot: seconds spent, -1 unknown */
	size_t cap, pos;
	struct row out;
	double *tsecs;
	char frame[4096];
	struct mask_known known;	/* rule 6: what the row's texts must not carry */
	char **personal;		/* the row's values of personal frame variables */
	size_t npersonal, cappersonal;
};

static int clean_cmp_byname(const void *a, const void *b)
{
	return strcmp((*(const struct question *const *)a)->id,
	    (*(const struct question *const *)b)->id);
}

/* Loads a version's questionnaire (once) and matches its variables to the columns. */
static int clean_version(struct wave *w, struct version *v)
{
	const struct instrument *lay = w->ins;
	struct diag d;
	size_t i;

	if (!v->tried) {
		v->tried = 1;
		diag_init(&d, "questionnaire");
		v->ins = instrument_load("questionnaire", v->source, v->len, &d);
		if (v->ins == NULL) {
			char *why = diag_first(&d);

			clean_warn(w, 0, NULL, "questionnaire", "version %lld no longer loads (%s): its"
			    " interviews are checked against the newest version", (long long)v->id,
			    why);
			free(why);
		}
		diag_free(&d);
	}
	if (v->ins == NULL)
		return -1;
	if (v->map != NULL)
		return 0;
	v->byname = xreallocarray(NULL, v->ins->nvars, sizeof *v->byname);
	memcpy(v->byname, v->ins->vars, v->ins->nvars * sizeof *v->byname);
	v->nbyname = v->ins->nvars;
	qsort(v->byname, v->nbyname, sizeof *v->byname, clean_cmp_byname);
	v->map = xcalloc(lay->nvars, sizeof *v->map);
	for (i = 0; i < lay->nvars; i++) {
		const struct question *q = lay->vars[i], *vq = instrument_var(v->ins, q->id);

		if (vq != NULL && vq->type != q->type) {
			clean_warn(w, 0, NULL, q->id, "a %s in questionnaire version %lld, a %s in the"
			    " newest: its answers of that version are not exported",
			    qtype_name(vq->type), (long long)v->id, qtype_name(q->type));
			vq = NULL;
		}
		v->map[i] = vq;
	}
	return 0;
}

/* The version an interview was made with, loaded; the newest when it cannot be. */
static struct version *clean_version_of(struct wave *w, int64_t id)
{
	size_t i;

	for (i = 0; i < w->nv; i++)
		if (w->v[i].id == id && clean_version(w, &w->v[i]) == 0)
			return &w->v[i];
	clean_version(w, w->layout);
	return w->layout;
}

/* The variable named var in the version: answers come sorted by name, so a cursor walks. */
static const struct question *clean_lookup(struct clean_iv *k, const char *var)
{
	struct version *v = k->v;
	int c;

	while (k->pos < v->nbyname && (c = strcmp(v->byname[k->pos]->id, var)) < 0)
		k->pos++;
	if (k->pos < v->nbyname && strcmp(v->byname[k->pos]->id, var) == 0)
		return v->byname[k->pos];
	k->pos = 0;	/* out of order: start again */
	while (k->pos < v->nbyname && strcmp(v->byname[k->pos]->id, var) < 0)
		k->pos++;
	if (k->pos < v->nbyname && strcmp(v->byname[k->pos]->id, var) == 0)
		return v->byname[k->pos];
	return NULL;
}

static size_t clean_slot_index(const struct clean_iv *k, const struct slot *s)
{
	return (size_t)(s - k->e->slots);
}

/* A variable as warnings name it: id, or id_INSTANCE. */
static const char *clean_var_name(const struct question *q, int instance, char *buf, size_t len)
{
	if (instance > 0)
		snprintf(buf, len, "%s_%d", q->id, instance);
	else
		snprintf(buf, len, "%s", q->id);
	return buf;
}

static void clean_answer(void *arg, const char *var, int instance, const struct value *v,
    int on_path, double seconds)
{
	struct clean_iv *k = arg;
	const struct question *q = clean_lookup(k, var);
	struct slot *s;
	size_t i;

	if (q == NULL || q->kind != K_ASKED || q->type == Q_INFO ||
	    (s = engine_slot(k->e, q, instance)) == NULL) {
		clean_warn(k->w, k->row->id, k->row->pid, var, "an answer to no question of its"
		    " questionnaire version (instance %d): dropped", instance);
		return;
	}
	engine_put(k->e, q, instance, v);
	i = clean_slot_index(k, s);
	k->on[i] = on_path != 0;
	k->secs[i] = seconds;
}

/* The frame values of the case, as expressions see them. */
static void clean_frame_in(struct clean_iv *k)
{
	const struct instrument *ins = k->v->ins;
	struct value v;
	size_t i;

	for (i = 0; i < ins->nframe; i++) {
		const struct question *q = ins->frame[i];

		if (!frame_get(k->row->frame, q->id, k->frame, sizeof k->frame))
			continue;
		memset(&v, 0, sizeof v);
		if (q->type == Q_TEXT) {
			v.kind = V_TEXT;
			v.text = k->frame;
		} else if (str_to_double(k->frame, &v.num) == 0)
			v.kind = V_NUM;
		else
			continue;
		engine_put(k->e, q, 0, &v);
	}
}

/* Rule 4, first half: the engine validates each answer on the route, hard checks included. */
static size_t clean_validate(struct clean_iv *k)
{
	struct engine *e = k->e;
	char name[64], *msg;
	size_t i, n = 0;

	for (i = 0; i < e->nroute; i++) {
		const struct step *s = &e->route[i];
		struct slot *sl = engine_slot(e, s->q, s->instance);
		size_t at = clean_slot_index(k, sl);
		struct value v;

		if (s->q->type == Q_INFO || sl->kind == V_NONE || !k->on[at] || k->bad[at])
			continue;
		e->cur = i;
		v = engine_value(e, s->q, s->instance);
		msg = NULL;
		if (engine_validate(e, &v, 1, &msg) == VERDICT_REFUSED) {
			k->bad[at] = 1;
			n++;
			clean_warn(k->w, k->row->id, k->row->pid,
			    clean_var_name(s->q, s->instance, name, sizeof name),
			    "%s; exported empty", msg != NULL ? msg : "refused");
		}
		free(msg);
	}
	return n;
}

/* Takes the refused answers out, so that the route and computed variables go without them. */
static void clean_drop_bad(struct clean_iv *k)
{
	size_t i;

	for (i = 0; i < k->e->nslots; i++) {
		if (!k->bad[i])
			continue;
		free(k->e->slots[i].text);
		free(k->e->slots[i].codes);
		memset(&k->e->slots[i], 0, sizeof k->e->slots[i]);
	}
	engine_route(k->e);
}

/* Rule 3: the recorded route and the recomputed one must agree on every answer. */
static void clean_paths(struct clean_iv *k)
{
	const struct instrument *ins = k->v->ins;
	char name[64];
	size_t i;
	int j;

	for (i = 0; i < ins->nvars; i++) {
		const struct question *q = ins->vars[i];
		int w = q->roster != NULL ? q->roster->max + 1 : 1;

		if (q->kind != K_ASKED || q->type == Q_INFO)
			continue;
		for (j = 0; j < w; j++) {
			struct slot *sl = engine_slot(k->e, q, j);
			size_t at = clean_slot_index(k, sl);

			if (sl->kind == V_NONE || sl->off_path == !k->on[at])
				continue;
			clean_warn(k->w, k->row->id, k->row->pid, clean_var_name(q, j, name, sizeof name),
			    "recorded %s the route, but %s the route recomputed from the answers;"
			    " dropped", k->on[at] ? "on" : "off", k->on[at] ? "off" : "on");
		}
	}
}

/* A text cell: a typed text is cleaned and masked (rule 5), what allo wrote is kept as it is. */
static void clean_set_text(struct clean_iv *k, struct cell *c, const char *s, int typed)
{
	struct row *r = &k->out;

	c->kind = CELL_TEXT;
	c->off = r->text.len;
	if (typed)
		c->len = mask_text(&r->text, s, &k->known, &r->masked[c - r->cells]);
	else {
		buf_adds(&r->text, s);
		c->len = strlen(s);
	}
	if (c->len == 0)
		c->kind = CELL_EMPTY;
}

static int clean_has_label(const struct column *c, double code)
{
	size_t i;

	for (i = 0; i < c->nvl; i++)
		if (c->vl[i].value == code)
			return 1;
	return 0;
}

/* Rule 4, second half: a message when v does not fit column c of the newest version. */
static const char *clean_fits(const struct column *c, const struct value *v)
{
	const struct question *q = c->q;
	size_t i;

	if (v->kind == V_DK || v->kind == V_RF) {
		if ((v->kind == V_DK && c->dk) || (v->kind == V_RF && c->rf))
			return NULL;
		return v->kind == V_DK ? "don't know is not allowed here" : "refused is not allowed here";
	}
	switch (c->type) {
	case CT_CODE:
		if (v->kind != V_NUM || v->num != floor(v->num) || !clean_has_label(c, v->num))
			return "not one of the codes of the question";
		return NULL;
	case CT_FLAG:
		if (v->kind != V_MULTI)
			return "not a list of codes";
		for (i = 0; i < v->ncodes; i++)
			if (optlist_find(q->options, v->codes[i]) == NULL)
				return "a code the question does not have";
		return NULL;
	case CT_NUMBER:
		if (c->role == ROLE_COMPUTED && v->kind == V_TEXT)
			return NULL;
		if (v->kind != V_NUM || !isfinite(v->num))
			return "not a number";
		if (c->role == ROLE_ASKED && ((q->has_min && v->num < q->min) ||
		    (q->has_max && v->num > q->max)))
			return "out of the question's range";
		return NULL;
	case CT_DATE:
		{
			long days;

			if (v->kind != V_TEXT || csv_date_days(v->text, strlen(v->text), &days) < 0)
				return "not a date";
			return NULL;
		}
	default:
		return v->kind == V_TEXT ? NULL : "not a text";
	}
}

/* The cell of column c: the engine's value of vq, the same variable in the interview's version. */
static void clean_answer_cell(struct clean_iv *k, const struct column *c,
    const struct question *vq, struct cell *out)
{
	struct slot *sl;
	struct value v;
	const char *why;
	char name[64];
	size_t at;
	size_t i;

	if (vq == NULL || (sl = engine_slot(k->e, vq, c->instance)) == NULL || sl->kind == V_NONE) {
		/* rule 7: a partial stopped before a question it could still have asked */
		if (vq != NULL && k->row->partial && c->role == ROLE_ASKED &&
		    partial_unreached(k->e, vq, c->instance)) {
			out->kind = CELL_NR;
			k->w->nr_cells++;
		}
		return;
	}
	at = clean_slot_index(k, sl);
	if (c->role == ROLE_ASKED && (sl->off_path || !k->on[at] || k->bad[at]))
		return;
	v = engine_value(k->e, vq, c->instance);
	if (c->role == ROLE_COMPUTED && c->type == CT_NUMBER && (v.kind == V_DK || v.kind == V_RF ||
	    v.kind == V_MULTI))
		return;
	if ((why = clean_fits(c, &v)) != NULL) {
		if (c->type != CT_FLAG || c->code == c->q->options->v[0].code)
			clean_warn(k->w, k->row->id, k->row->pid,
			    clean_var_name(vq, c->instance, name, sizeof name), "%s; exported empty", why);
		return;
	}
	switch (v.kind) {
	case V_DK:
		out->kind = CELL_DK;
		return;
	case V_RF:
		out->kind = CELL_RF;
		return;
	case V_TEXT:
		clean_set_text(k, out, v.text, c->type == CT_TEXT || c->role == ROLE_COMPUTED);
		return;
	case V_MULTI:
		out->kind = CELL_NUM;
		out->num = 0;
		for (i = 0; i < v.ncodes; i++)
			if (v.codes[i] == c->code)
				out->num = 1;
		return;
	default:
		out->kind = CELL_NUM;
		out->num = v.num;
	}
}

/* The cell of a frame column, from the case's frame as the newest version defines it. */
static void clean_frame_cell(struct clean_iv *k, const struct column *c, struct cell *out)
{
	double num;

	if (!frame_get(k->row->frame, c->q->id, k->frame, sizeof k->frame) || *k->frame == '\0')
		return;
	if (c->type == CT_TEXT) {
		clean_set_text(k, out, k->frame, 1);
		return;
	}
	if (str_to_double(k->frame, &num) != 0 || !isfinite(num) ||
	    (c->type == CT_CODE && !clean_has_label(c, num))) {
		clean_warn(k->w, k->row->id, k->row->pid, c->name, "frame value \"%s\" is not %s;"
		    " exported empty", k->frame, c->type == CT_CODE ? "one of its codes" : "a number");
		return;
	}
	out->kind = CELL_NUM;
	out->num = num;
}

/* A time of the interview, when it is one. */
static void clean_time_cell(struct clean_iv *k, const char *name, const char *s,
    struct cell *out)
{
	double t;

	if (*s == '\0')
		return;
	if (csv_time_secs(s, strlen(s), &t) < 0) {
		clean_warn(k->w, k->row->id, k->row->pid, name, "malformed time \"%s\";"
		    " exported empty", s);
		return;
	}
	clean_set_text(k, out, s, 0);
}

/*
 * disposition_n: the AAPOR code times 1000, a number SPSS and Stata can label
 * (they label no strings); each code present gets its French label, kept
 * ascending with the column's frequencies alongside.
 */
static void clean_disposition_n(struct wave *w, struct column *c, const char *code,
    struct cell *out)
{
	double num, v;
	size_t i;

	if (*code == '\0' || str_to_double(code, &num) != 0 || !isfinite(num))
		return;
	v = round(num * 1000);
	for (i = 0; i < w->ndisp && w->disp_vl[i].value < v; i++)
		;
	if (i == w->ndisp || w->disp_vl[i].value != v) {
		w->disp_vl = xreallocarray(w->disp_vl, w->ndisp + 1, sizeof *w->disp_vl);
		c->st.freq = xreallocarray(c->st.freq, w->ndisp + 1, sizeof *c->st.freq);
		memmove(w->disp_vl + i + 1, w->disp_vl + i, (w->ndisp - i) * sizeof *w->disp_vl);
		memmove(c->st.freq + i + 1, c->st.freq + i, (w->ndisp - i) * sizeof *c->st.freq);
		w->disp_vl[i].value = v;
		w->disp_vl[i].label = disposition_aapor_label(code);
		c->st.freq[i] = 0;
		w->ndisp++;
		c->vl = w->disp_vl;
		c->nvl = w->ndisp;
	}
	out->kind = CELL_NUM;
	out->num = v;
}

static void clean_meta_cell(struct clean_iv *k, struct column *c, struct cell *out)
{
	const struct chosen *r = k->row;
	double a, b;

	switch (c->meta) {
	case META_PARTIAL:
		out->kind = CELL_NUM;
		out->num = r->partial;
		break;
	case META_START:
		clean_time_cell(k, c->name, r->started_at, out);
		break;
	case META_END:
		clean_time_cell(k, c->name, r->ended_at, out);
		break;
	case META_DURATION:
		if (csv_time_secs(r->started_at, strlen(r->started_at), &a) == 0 &&
		    csv_time_secs(r->ended_at, strlen(r->ended_at), &b) == 0 && b >= a) {
			out->kind = CELL_NUM;
			out->num = b - a;
		}
		break;
	case META_VERSION:
		out->kind = CELL_NUM;
		out->num = (double)k->v->id;
		break;
	case META_INTERVIEWER:
		clean_set_text(k, out, r->iid, 0);
		break;
	case META_DISPOSITION:
		/* a partial's row is coded 1.2 even while its case may still be called */
		clean_set_text(k, out, r->partial ? "1.2" : r->final_code, 1);
		break;
	case META_DISPOSITION_N:
		clean_disposition_n(k->w, c, r->partial ? "1.2" : r->final_code, out);
		break;
	default:
		break;
	}
}

/* Decimals a number needs, up to 6. */
static int clean_decimals(double v)
{
	int d;
	double p = 1;

	for (d = 0; d < 6; d++, p *= 10) {
		double s = v * p;

		if (fabs(s - round(s)) <= 1e-9 * (fabs(s) + 1))
			return d;
	}
	return 6;
}

/* Counts a cell into its column's statistics. */
static void clean_count(struct column *c, const struct cell *x)
{
	struct col_stats *st = &c->st;
	size_t i;

	switch (x->kind) {
	case CELL_EMPTY:
		st->empty++;
		return;
	case CELL_DK:
		st->dk++;
		return;
	case CELL_RF:
		st->rf++;
		return;
	case CELL_NR:
		st->nr++;
		return;
	case CELL_TEXT:
		st->valid++;
		if (c->type != CT_DATE && c->type != CT_TIME)
			st->texts++;
		if (x->len > st->width)
			st->width = x->len;
		return;
	default:
		break;
	}
	st->valid++;
	for (i = 0; i < c->nvl; i++)
		if (c->vl[i].value == x->num)
			st->freq[i]++;
	if (st->nums == 0 || x->num < st->min)
		st->min = x->num;
	if (st->nums == 0 || x->num > st->max)
		st->max = x->num;
	st->sum += x->num;
	st->nums++;
	if (st->decimals < 6 && clean_decimals(x->num) > st->decimals)
		st->decimals = clean_decimals(x->num);
}

/* Builds the cleaned row of the interview in hand. */
static void clean_row(struct clean_iv *k)
{
	struct wave *w = k->w;
	size_t i;

	buf_reset(&k->out.text);
	memset(k->out.masked, 0, (w->ncols ? w->ncols : 1) * sizeof *k->out.masked);
	for (i = 0; i < w->ncols; i++) {
		struct column *c = &w->cols[i];
		struct cell *x = &k->out.cells[i];

		memset(x, 0, sizeof *x);
		switch (c->role) {
		case ROLE_ID:
			clean_set_text(k, x, k->row->pid, 0);
			break;
		case ROLE_FRAME:
			clean_frame_cell(k, c, x);
			break;
		case ROLE_META:
			clean_meta_cell(k, c, x);
			break;
		default:
			clean_answer_cell(k, c, k->v->map[c->q->index], x);
			break;
		}
		clean_count(c, x);
	}
	for (i = 0; i < w->ntcols; i++) {
		const struct tcol *t = &w->tcols[i];
		const struct question *vq = k->v->map[t->q->index];
		struct slot *sl = vq != NULL ? engine_slot(k->e, vq, t->instance) : NULL;
		size_t at = sl != NULL ? clean_slot_index(k, sl) : 0;

		k->tsecs[i] = sl != NULL && sl->kind != V_NONE && !sl->off_path && k->on[at] ?
		    k->secs[at] : -1;
	}
}

/* Rule 6: the row's phone, name and personal frame values, read only to be masked. */
static void clean_known(struct clean_iv *k)
{
	const struct instrument *ins[2] = { k->w->ins, k->v->ins != k->w->ins ? k->v->ins : NULL };
	size_t i, j;

	for (i = 0; i < k->npersonal; i++)
		free(k->personal[i]);
	k->npersonal = 0;
	for (j = 0; j < 2; j++)
		for (i = 0; ins[j] != NULL && i < ins[j]->nframe; i++) {
			const struct question *q = ins[j]->frame[i];

			if (!q->personal || !frame_get(k->row->frame, q->id, k->frame, sizeof k->frame))
				continue;
			if (k->npersonal == k->cappersonal) {
				k->cappersonal = k->cappersonal ? 2 * k->cappersonal : 4;
				k->personal = xreallocarray(k->personal, k->cappersonal,
				    sizeof *k->personal);
			}
			k->personal[k->npersonal++] = xstrdup(k->frame);
		}
	k->known.phone = k->row->phone;
	k->known.name = k->row->name;
	k->known.personal = (const char *const *)k->personal;
	k->known.npersonal = k->npersonal;
}

/* Reads one interview into a fresh engine, then checks its route and answers. */
static int clean_load(struct clean_iv *k, struct store_export *x, char **cause)
{
	int round;

	k->v = clean_version_of(k->w, k->row->questionnaire);
	k->e = engine_new(k->v->ins, 0);
	if (k->e->nslots > k->cap) {
		k->cap = k->e->nslots;
		k->on = xreallocarray(k->on, k->cap, 1);
		k->bad = xreallocarray(k->bad, k->cap, 1);
		k->secs = xreallocarray(k->secs, k->cap, sizeof *k->secs);
	}
	memset(k->on, 0, k->e->nslots);
	memset(k->bad, 0, k->e->nslots);
	k->pos = 0;
	clean_known(k);
	clean_frame_in(k);
	if (store_export_answers(x, k->row->id, clean_answer, k, cause) < 0)
		return -1;
	engine_route(k->e);
	for (round = 0; round < 4 && clean_validate(k) > 0; round++)
		clean_drop_bad(k);
	clean_paths(k);
	return 0;
}

static void clean_iv_free(struct clean_iv *k)
{
	size_t i;

	for (i = 0; i < k->npersonal; i++)
		free(k->personal[i]);
	free(k->personal);
	free(k->out.masked);
	engine_free(k->e);
	free(k->on);
	free(k->bad);
	free(k->secs);
	free(k->tsecs);
	free(k->out.cells);
	buf_free(&k->out.text);
}

int clean_rows(struct wave *w, struct store_export *x, const struct clean_out *co, char **cause)
{
	struct buf csv = { 0 }, tim = { 0 }, sp = { 0 }, txt = { 0 };
	struct clean_iv k;
	size_t i;
	int rc = 0;

	memset(&k, 0, sizeof k);
	k.w = w;
	k.out.cells = xcalloc(w->ncols ? w->ncols : 1, sizeof *k.out.cells);
	k.out.masked = xcalloc(w->ncols ? w->ncols : 1, sizeof *k.out.masked);
	k.tsecs = xcalloc(w->ntcols ? w->ntcols : 1, sizeof *k.tsecs);
	if (co->csv != NULL)
		csv_header(w, &csv);
	timings_header(w, &tim);
	csv_texts_header(&txt);
	for (i = 0; i < w->nrows && rc == 0; i++) {
		k.row = &w->rows[i];
		if ((rc = clean_load(&k, x, cause)) == 0) {
			clean_row(&k);
			if (co->csv != NULL)
				csv_row(w, &k.out, &csv);
			if (co->spool != NULL)
				spool_put(&sp, w, &k.out);
			timings_row(w, k.row->pid, k.tsecs, &tim);
			csv_texts_row(w, k.row->pid, &k.out, &txt);
		}
		engine_free(k.e);
		k.e = NULL;
		if (co->csv != NULL && csv.len >= CLEAN_FLUSH)
			out_buf(co->csv, &csv);
		if (tim.len >= CLEAN_FLUSH)
			out_buf(co->timings, &tim);
		if (txt.len >= CLEAN_FLUSH)
			out_buf(co->texts, &txt);
		if (sp.len >= CLEAN_FLUSH) {
			if (fwrite(sp.s, 1, sp.len, co->spool) != sp.len)
				rc = -1;
			buf_reset(&sp);
		}
	}
	if (co->csv != NULL)
		out_buf(co->csv, &csv);
	out_buf(co->timings, &tim);
	out_buf(co->texts, &txt);
	if (rc == 0 && sp.len > 0 && fwrite(sp.s, 1, sp.len, co->spool) != sp.len)
		rc = -1;
	if (rc < 0 && *cause == NULL)
		*cause = xstrdup("cannot write the temporary rows");
	buf_free(&csv);
	buf_free(&tim);
	buf_free(&txt);
	buf_free(&sp);
	clean_iv_free(&k);
	return rc;
}

/* The columns of a wave: names, labels and value labels, in questionnaire order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/wave.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* The metadata columns that end every row, with their labels. */
static const struct {
	const char *name;
	enum col_type type;
	enum col_meta meta;
	const char *label;
} layout_meta[] = {
	{ "partial", CT_CODE, META_PARTIAL, "Entretien partiel (AAPOR 1.2)" },
	{ "start_time", CT_TIME, META_START, "Début de l'entretien (UTC)" },
	{ "end_time", CT_TIME, META_END, "Fin de l'entretien (UTC)" },
	{ "duration", CT_NUMBER, META_DURATION, "Durée de l'entretien (secondes)" },
	{ "q_version", CT_CODE, META_VERSION, "Version du questionnaire" },
	{ "intv_id", CT_TEXT, META_INTERVIEWER, "Identifiant pseudonyme de l'enquêteur" },
	{ "disposition", CT_TEXT, META_DISPOSITION, "Code de disposition finale (AAPOR)" },
	{ "disposition_n", CT_CODE, META_DISPOSITION_N,
	    "Code de disposition finale (AAPOR, × 1000)" },
};

static const struct vlabel layout_flag_labels[] = {
	{ 0, "Non cité" }, { 1, "Cité" }
};

static const struct vlabel layout_partial_labels[] = {
	{ 0, "Complet" }, { 1, "Partiel (AAPOR 1.2)" }
};

size_t layout_fit(const char *s, size_t max_bytes, size_t max_chars)
{
	size_t i = 0, chars = 0, len = strlen(s);
	unsigned cp;

	while (i < len) {
		int n = utf8_decode(s + i, len - i, &cp);

		if ((max_bytes > 0 && i + (size_t)n > max_bytes) || (max_chars > 0 && chars == max_chars))
			break;
		i += (size_t)n;
		chars++;
	}
	return i;
}

int layout_is_string(const struct column *c)
{
	return c->type == CT_TEXT || (c->role == ROLE_COMPUTED && c->type == CT_NUMBER &&
	    c->st.texts > 0);
}

/* text with every "{n}" replaced by instance (the other fills stay as written). */
static char *layout_fill_n(const char *text, int instance)
{
	struct buf b = { 0 };
	const char *p;

	while ((p = strstr(text, "{n}")) != NULL) {
		buf_add(&b, text, (size_t)(p - text));
		buf_addf(&b, "%d", instance);
		text = p + 3;
	}
	buf_adds(&b, text);
	return buf_take(&b);
}

char *layout_text(const char *text, int instance)
{
	return instance > 0 ? layout_fill_n(text, instance) : xstrdup(text);
}

char *layout_instance(const struct question *q, int instance)
{
	if (q->roster != NULL && q->roster->title != NULL && *q->roster->title != '\0')
		return layout_fill_n(q->roster->title, instance);
	return xasprintf("%d", instance);
}

/* s cleaned as exported texts are: one line, no control character. */
static const char *layout_clean(struct wave *w, const char *s)
{
	struct buf b = { 0 };
	const char *r;

	clean_text(&b, s != NULL ? s : "");
	r = arena_strdup(&w->arena, b.s != NULL ? b.s : "");
	buf_free(&b);
	return r;
}

/* The variable label: the question's label, else its text; an instance and a code say which. */
static const char *layout_label(struct wave *w, const struct question *q, int instance,
    const struct option *opt)
{
	int from_text = q->label == NULL || *q->label == '\0';
	const char *base = from_text ? q->text : q->label;
	struct buf b = { 0 };
	const char *r;
	char *s;

	if (base == NULL || *base == '\0')
		base = q->id;
	s = instance > 0 ? layout_fill_n(base, instance) : xstrdup(base);
	buf_adds(&b, s);
	if (instance > 0 && (!from_text || strstr(base, "{n}") == NULL)) {
		char *which = layout_instance(q, instance);

		buf_addf(&b, " (%s)", which);
		free(which);
	}
	if (opt != NULL)
		buf_addf(&b, " : %s", opt->label);
	r = layout_clean(w, b.s);
	free(s);
	buf_free(&b);
	return r;
}

static int layout_cmp_vlabel(const void *a, const void *b)
{
	double x = ((const struct vlabel *)a)->value, y = ((const struct vlabel *)b)->value;

	return (x > y) - (x < y);
}

/* The options of q as value labels, ascending by code. */
static void layout_options(struct wave *w, struct column *c, const struct question *q)
{
	struct vlabel *vl;
	size_t i;

	if (q->options == NULL || q->options->n == 0)
		return;
	vl = arena_alloc(&w->arena, q->options->n * sizeof *vl);
	for (i = 0; i < q->options->n; i++) {
		vl[i].value = (double)q->options->v[i].code;
		vl[i].label = layout_clean(w, q->options->v[i].label);
	}
	qsort(vl, q->options->n, sizeof *vl, layout_cmp_vlabel);
	c->vl = vl;
	c->nvl = q->options->n;
}

/* Names a column base_INSTANCE_CODE, the base shortened to keep the name within limits. */
static void layout_name(struct column *c, const char *base, int instance, int has_code,
    long code)
{
	char suffix[48] = "";
	size_t n, sn;

	if (instance > 0)
		snprintf(suffix, sizeof suffix, "_%d", instance);
	if (has_code)
		snprintf(suffix + strlen(suffix), sizeof suffix - strlen(suffix),
		    code < 0 ? "_m%ld" : "_%ld", code < 0 ? -code : code);
	sn = strlen(suffix) < WAVE_NAME_MAX ? strlen(suffix) : WAVE_NAME_MAX;
	n = strlen(base);
	if (n + sn > WAVE_NAME_MAX)
		n = WAVE_NAME_MAX - sn;
	memcpy(c->name, base, n);
	memcpy(c->name + n, suffix, sn);
	c->name[n + sn] = '\0';
}

static struct column *layout_add(struct wave *w, size_t *cap)
{
	if (w->ncols == *cap) {
		*cap = *cap ? 2 * *cap : 256;
		w->cols = xreallocarray(w->cols, *cap, sizeof *w->cols);
	}
	memset(&w->cols[w->ncols], 0, sizeof *w->cols);
	return &w->cols[w->ncols++];
}

static void layout_tcol(struct wave *w, size_t *cap, const struct question *q, int instance)
{
	struct tcol *t;
	struct column tmp;

	if (w->ntcols == *cap) {
		*cap = *cap ? 2 * *cap : 256;
		w->tcols = xreallocarray(w->tcols, *cap, sizeof *w->tcols);
	}
	t = &w->tcols[w->ntcols++];
	layout_name(&tmp, q->id, instance, 0, 0);
	memcpy(t->name, tmp.name, sizeof t->name);
	t->q = q;
	t->instance = instance;
}

/* The columns of one variable at one instance: one, or one per code for a multi question. */
static void layout_var(struct wave *w, size_t *cap, size_t *tcap, const struct question *q,
    int instance)
{
	struct column *c;
	size_t i;

	if (q->type == Q_INFO)
		return;
	if (q->type == Q_MULTI) {
		for (i = 0; q->options != NULL && i < q->options->n; i++) {
			const struct option *o = &q->options->v[i];

			c = layout_add(w, cap);
			c->type = CT_FLAG;
			c->role = ROLE_ASKED;
			c->q = q;
			c->instance = instance;
			c->code = o->code;
			c->dk = q->dk;
			c->rf = q->rf;
			c->label = layout_label(w, q, instance, o);
			c->vl = layout_flag_labels;
			c->nvl = 2;
			c->lblset = "_cite";
			layout_name(c, q->id, instance, 1, o->code);
		}
		layout_tcol(w, tcap, q, instance);
		return;
	}
	c = layout_add(w, cap);
	c->q = q;
	c->instance = instance;
	c->role = q->kind == K_FRAME ? ROLE_FRAME : q->kind == K_COMPUTED ? ROLE_COMPUTED :
	    ROLE_ASKED;
	c->label = layout_label(w, q, instance, NULL);
	layout_name(c, q->id, instance, 0, 0);
	switch (q->type) {
	case Q_SINGLE:
		c->type = CT_CODE;
		break;
	case Q_TEXT:
		c->type = CT_TEXT;
		break;
	case Q_DATE:
		c->type = CT_DATE;
		break;
	case Q_COMPUTED:
		c->type = q->options != NULL ? CT_CODE : CT_NUMBER;
		break;
	default:
		c->type = CT_NUMBER;
		break;
	}
	if (c->role == ROLE_ASKED) {
		c->dk = q->dk;
		c->rf = q->rf;
		layout_tcol(w, tcap, q, instance);
	} else if (c->role == ROLE_COMPUTED && c->type == CT_CODE)
		c->dk = c->rf = 1;
	layout_options(w, c, q);
	if (c->nvl > 0 || c->dk || c->rf)
		c->lblset = q->id;
}

/* Every instance of a variable, or the variable alone outside rosters. */
static void layout_question(struct wave *w, size_t *cap, size_t *tcap, const struct question *q)
{
	int k;

	if (q->roster == NULL) {
		layout_var(w, cap, tcap, q, 0);
		return;
	}
	for (k = 1; k <= q->roster->max; k++)
		layout_var(w, cap, tcap, q, k);
}

/* The value labels of q_version: each version's name and the start of its hash. */
static void layout_versions(struct wave *w, struct column *c)
{
	struct vlabel *vl = arena_alloc(&w->arena, (w->nv ? w->nv : 1) * sizeof *vl);
	size_t i;

	for (i = 0; i < w->nv; i++) {
		char *s = xasprintf("%s (%.12s)", w->v[i].version, w->v[i].sha256);

		vl[i].value = (double)w->v[i].id;
		vl[i].label = layout_clean(w, s);
		free(s);
	}
	c->vl = vl;
	c->nvl = w->nv;
	c->lblset = "_version";
}

static void layout_metadata(struct wave *w, size_t *cap)
{
	struct column *c;
	size_t i;

	for (i = 0; i < sizeof layout_meta / sizeof layout_meta[0]; i++) {
		c = layout_add(w, cap);
		snprintf(c->name, sizeof c->name, "%s", layout_meta[i].name);
		c->type = layout_meta[i].type;
		c->role = ROLE_META;
		c->meta = layout_meta[i].meta;
		c->label = layout_meta[i].label;
		if (c->meta == META_PARTIAL) {
			c->vl = layout_partial_labels;
			c->nvl = 2;
			c->lblset = "_partial";
		} else if (c->meta == META_VERSION)
			layout_versions(w, c);
		else if (c->meta == META_DISPOSITION_N)
			c->lblset = "_disposition";	/* its labels: the codes the rows hold */
	}
}

static int layout_cmp_names(const void *a, const void *b)
{
	return strcmp((*(const struct column *const *)a)->name,
	    (*(const struct column *const *)b)->name);
}

/* Two columns of one name would make every format ambiguous: the questionnaire must change. */
static int layout_unique(struct wave *w, char **cause)
{
	const struct column **v = xreallocarray(NULL, w->ncols, sizeof *v);
	size_t i;
	int rc = 0;

	for (i = 0; i < w->ncols; i++)
		v[i] = &w->cols[i];
	qsort(v, w->ncols, sizeof *v, layout_cmp_names);
	for (i = 1; i < w->ncols && rc == 0; i++) {
		if (strcmp(v[i]->name, v[i - 1]->name) == 0) {
			*cause = xasprintf("two columns would be named %s (%s and %s): rename one of them"
			    " in the questionnaire", v[i]->name, v[i - 1]->q ? v[i - 1]->q->id :
			    "metadata", v[i]->q ? v[i]->q->id : "metadata");
			rc = -1;
		}
	}
	free(v);
	return rc;
}

/* Numbers whose range takes in a missing code cannot tell an answer from DK or RF. */
static void layout_check_codes(struct wave *w)
{
	const struct instrument *ins = w->ins;
	size_t i;

	for (i = 0; i < ins->nvars; i++) {
		const struct question *q = ins->vars[i];
		long codes[2] = { ins->dk_code, ins->rf_code };
		int allowed[2] = { q->dk, q->rf }, k;

		if (q->type != Q_NUMBER || q->kind != K_ASKED)
			continue;
		for (k = 0; k < 2; k++) {
			if (!allowed[k] || (q->has_min && q->min > (double)codes[k]) ||
			    (q->has_max && q->max < (double)codes[k]))
				continue;
			clean_warn(w, 0, NULL, q->id, "an answer may equal the %s code %ld: in W.csv"
			    " the two cannot be told apart", k == 0 ? "don't-know" : "refused",
			    codes[k]);
			break;
		}
	}
}

int layout_build(struct wave *w, char **cause)
{
	const struct instrument *ins = w->ins;
	size_t cap = 0, tcap = 0, i, j;
	struct column *c;

	c = layout_add(w, &cap);
	snprintf(c->name, sizeof c->name, "resp_id");
	c->type = CT_TEXT;
	c->role = ROLE_ID;
	c->label = "Identifiant pseudonyme du répondant";
	for (i = 0; i < ins->nframe; i++)
		if (!ins->frame[i]->personal)	/* personal data: no column, no codebook entry */
			layout_question(w, &cap, &tcap, ins->frame[i]);
	for (i = 0; i < ins->nthemes; i++) {
		const struct theme *t = &ins->themes[i];

		for (j = 0; j < t->nitems; j++) {
			size_t k;

			if (t->items[j].q != NULL) {
				layout_question(w, &cap, &tcap, t->items[j].q);
				continue;
			}
			for (k = 0; k < t->items[j].r->nquestions; k++)
				layout_question(w, &cap, &tcap, t->items[j].r->questions[k]);
		}
	}
	layout_metadata(w, &cap);
	for (i = 0; i < w->ncols; i++)
		if (w->cols[i].nvl > 0)
			w->cols[i].st.freq = xcalloc(w->cols[i].nvl, sizeof *w->cols[i].st.freq);
	layout_check_codes(w);
	return layout_unique(w, cause);
}

void layout_free(struct wave *w)
{
	size_t i;

	for (i = 0; i < w->ncols; i++)
		free(w->cols[i].st.freq);
	free(w->cols);
	free(w->tcols);
	free(w->disp_vl);
	w->disp_vl = NULL;
	w->ndisp = 0;
	w->cols = NULL;
	w->tcols = NULL;
	w->ncols = w->ntcols = 0;
}

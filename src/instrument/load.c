#include "instrument/instrument.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "instrument/fill.h"
#include "instrument/load.h"
#include "util/priv.h"
#include "util/str.h"
#include "util/xmalloc.h"

/* Words that SPSS, Stata or the expression language keep for themselves. */
static const char *const load_reserved[] = {
	"all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with",
	"if", "in", "int", "long", "double", "float", "byte", "using", "strl", "_n", "_all",
	"_b", "_coef", "_cons", "_pi", "_pred", "_rc", "_skip", NULL
};

void load_keys(struct loader *l, const struct ynode *map, const char *const *allowed,
    const char *where)
{
	size_t i, n;
	const char *hint;

	for (n = 0; allowed[n] != NULL; n++)
		;
	for (i = 0; i < map->n; i++) {
		const struct ynode *k = map->pairs[i].key;
		size_t j;

		for (j = 0; j < n && strcmp(allowed[j], k->value) != 0; j++)
			;
		if (j < n)
			continue;
		hint = str_suggest(k->value, allowed, n);
		if (hint != NULL)
			diag_error(l->d, k->pos.line, k->pos.col,
			    "unknown key '%s' in %s; did you mean '%s'?", k->value, where, hint);
		else
			diag_error(l->d, k->pos.line, k->pos.col, "unknown key '%s' in %s", k->value, where);
	}
}

int load_kind(struct loader *l, const struct ynode *n, enum ykind kind, const char *what)
{
	if (n->kind == kind)
		return 0;
	diag_error(l->d, n->pos.line, n->pos.col, "%s must be %s, not %s", what, ykind_name(kind),
	    ykind_name(n->kind));
	return -1;
}

const char *load_scalar(struct loader *l, const struct ynode *n, const char *key)
{
	char what[64];

	snprintf(what, sizeof what, "'%s'", key);
	return load_kind(l, n, Y_SCALAR, what) == 0 ? n->value : NULL;
}

const char *load_str(struct loader *l, const struct ynode *map, const char *key, int required,
    const char *where)
{
	const struct ynode *n = ytree_get(map, key);
	const char *s;

	if (n == NULL) {
		if (required)
			diag_error(l->d, map->pos.line, map->pos.col, "%s has no '%s'", where, key);
		return NULL;
	}
	if ((s = load_scalar(l, n, key)) != NULL && *s == '\0' && required)
		diag_error(l->d, n->pos.line, n->pos.col, "'%s' is empty", key);
	return s;
}

const struct question *load_var_ref(struct loader *l, const struct ynode *n, const char *key)
{
	const struct question *q;
	const char **names, *hint;
	size_t i;

	if (load_scalar(l, n, key) == NULL)
		return NULL;
	if ((q = instrument_var(l->ins, n->value)) != NULL)
		return q;
	names = arena_alloc(l->a, (l->ins->nvars + 1) * sizeof *names);
	for (i = 0; i < l->ins->nvars; i++)
		names[i] = l->ins->vars[i]->id;
	hint = str_suggest(n->value, names, l->ins->nvars);
	diag_error(l->d, n->pos.line, n->pos.col, "unknown name '%s'%s%s%s", n->value,
	    hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
	return NULL;
}

int load_bool(struct loader *l, const struct ynode *map, const char *key, int def)
{
	const struct ynode *n = ytree_get(map, key);
	const char *s;

	if (n == NULL || (s = load_scalar(l, n, key)) == NULL)
		return def;
	if (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0)
		return 1;
	if (strcmp(s, "false") == 0 || strcmp(s, "no") == 0)
		return 0;
	diag_error(l->d, n->pos.line, n->pos.col, "'%s' must be true or false, not '%s'", key, s);
	return def;
}

int load_long(struct loader *l, const struct ynode *n, const char *key, long *out)
{
	const char *s = load_scalar(l, n, key);

	if (s == NULL)
		return -1;
	if (n->quoted || str_to_long(s, out) != 0) {
		diag_error(l->d, n->pos.line, n->pos.col, "'%s' must be a whole number, not '%s'", key, s);
		return -1;
	}
	return 0;
}

int load_double(struct loader *l, const struct ynode *n, const char *key, double *out)
{
	const char *s = load_scalar(l, n, key);

	if (s == NULL)
		return -1;
	if (n->quoted || str_to_double(s, out) != 0) {
		diag_error(l->d, n->pos.line, n->pos.col, "'%s' must be a number, not '%s'", key, s);
		return -1;
	}
	return 0;
}

void load_src(const struct ynode *n, struct src *out)
{
	out->text = n->value;
	out->pos = n->pos;
	out->quoted = n->quoted;
}

/* 1 if id is a word SPSS, Stata or the expressions keep for themselves. */
static int load_is_reserved(const char *id)
{
	size_t i;

	for (i = 0; load_reserved[i] != NULL; i++)
		if (strcmp(id, load_reserved[i]) == 0)
			return 1;
	return strncmp(id, "str", 3) == 0 && id[3] != '\0' && strspn(id + 3, "0123456789") == strlen(id + 3);
}

int load_id(struct loader *l, const struct ynode *n, const char *what)
{
	const char *id = n->value;

	if (n->kind != Y_SCALAR || !str_is_ident(id, 32)) {
		diag_error(l->d, n->pos.line, n->pos.col,
		    "invalid %s id '%s': use a-z, 0-9 and _, starting with a letter, at most 32 characters",
		    what, n->kind == Y_SCALAR ? id : "?");
		return -1;
	}
	if (load_is_reserved(id)) {
		diag_error(l->d, n->pos.line, n->pos.col,
		    "'%s' is a reserved word (SPSS, Stata or expressions) and cannot be an id", id);
		return -1;
	}
	return 0;
}

/* Registers a variable: checks its id is unique and gives it its index. */
void load_var(struct loader *l, struct question *q)
{
	size_t i;

	for (i = 0; i < l->nvars; i++) {
		if (strcmp(l->vars[i]->id, q->id) == 0) {
			diag_error(l->d, q->pos.line, q->pos.col, "duplicate id '%s' (first at line %d)",
			    q->id, l->vars[i]->pos.line);
			return;
		}
	}
	if (l->nvars == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->vars = xreallocarray(l->vars, l->cap, sizeof *l->vars);
	}
	q->index = (int)l->nvars;
	l->vars[l->nvars++] = q;
}

/* Queues a job; jobs run once every variable is known. */
static struct load_job *load_job_new(struct loader *l, const struct expr_scope *scope)
{
	struct load_job *j;

	if (l->njobs == l->jobcap) {
		l->jobcap = l->jobcap ? l->jobcap * 2 : 64;
		l->jobs = xreallocarray(l->jobs, l->jobcap, sizeof *l->jobs);
	}
	j = &l->jobs[l->njobs++];
	memset(j, 0, sizeof *j);
	j->scope = *scope;
	return j;
}

void load_expr(struct loader *l, const struct src *src, struct expr **out,
    const struct expr_scope *scope, enum etype want, const char *what)
{
	struct load_job *j = load_job_new(l, scope);

	j->src = src;
	j->out = out;
	j->want = want;
	j->what = what;
	j->is_when = strcmp(what, "when") == 0;
}

void load_fill(struct loader *l, const struct ynode *n, const struct expr_scope *scope)
{
	struct load_job *j;

	if (n == NULL || n->kind != Y_SCALAR || strchr(n->value, '{') == NULL)
		return;
	j = load_job_new(l, scope);
	j->fill = n->value;
	load_src(n, &j->fill_src);
}

/* Reads one option list written inline as code: label. */
static struct optlist *load_optmap(struct loader *l, const struct ynode *n)
{
	struct optlist *o = arena_alloc(l->a, sizeof *o);
	size_t i, j;

	o->pos = n->pos;
	o->v = arena_alloc(l->a, n->n * sizeof *o->v);
	if (n->n == 0)
		diag_error(l->d, n->pos.line, n->pos.col, "'options' is empty");
	for (i = 0; i < n->n; i++) {
		const struct ynode *k = n->pairs[i].key, *v = n->pairs[i].val;
		struct option *opt = &o->v[o->n];

		if (str_to_long(k->value, &opt->code) != 0) {
			diag_error(l->d, k->pos.line, k->pos.col,
			    "option code '%s' is not a whole number", k->value);
			continue;
		}
		for (j = 0; j < o->n; j++)
			if (o->v[j].code == opt->code)
				break;
		if (j < o->n) {
			diag_error(l->d, k->pos.line, k->pos.col, "duplicate option code %ld (first at line %d)",
			    opt->code, o->v[j].pos.line);
			continue;
		}
		if (opt->code == l->ins->dk_code || opt->code == l->ins->rf_code)
			diag_error(l->d, k->pos.line, k->pos.col,
			    "option code %ld is the %s code; choose another", opt->code,
			    opt->code == l->ins->dk_code ? "don't know" : "refused");
		opt->pos = k->pos;
		if ((opt->label = load_scalar(l, v, "option label")) != NULL && *opt->label == '\0')
			diag_error(l->d, v->pos.line, v->pos.col, "option %ld has an empty label", opt->code);
		o->n++;
	}
	return o;
}

const struct optlist *load_options(struct loader *l, const struct ynode *n)
{
	const char **names;
	const char *hint;
	size_t i;

	if (n->kind == Y_MAP)
		return load_optmap(l, n);
	if (n->kind != Y_SCALAR) {
		diag_error(l->d, n->pos.line, n->pos.col,
		    "'options' must be a mapping of code: label, or the name of a scale");
		return NULL;
	}
	for (i = 0; i < l->ins->nscales; i++)
		if (strcmp(l->ins->scales[i].name, n->value) == 0)
			return &l->ins->scales[i].options;
	names = xcalloc(l->ins->nscales + 1, sizeof *names);
	for (i = 0; i < l->ins->nscales; i++)
		names[i] = l->ins->scales[i].name;
	hint = str_suggest(n->value, names, l->ins->nscales);
	if (hint != NULL)
		diag_error(l->d, n->pos.line, n->pos.col, "unknown scale '%s'; did you mean '%s'?",
		    n->value, hint);
	else
		diag_error(l->d, n->pos.line, n->pos.col, "unknown scale '%s'", n->value);
	free(names);
	return NULL;
}

static void load_missing(struct loader *l, const struct ynode *survey)
{
	static const char *const keys[] = { "dont_know", "refused", NULL };
	const struct ynode *m = ytree_get(survey, "missing"), *n;

	l->ins->dk_code = -8;
	l->ins->rf_code = -9;
	if (m == NULL || load_kind(l, m, Y_MAP, "'missing'") < 0)
		return;
	load_keys(l, m, keys, "missing");
	if ((n = ytree_get(m, "dont_know")) != NULL)
		load_long(l, n, "dont_know", &l->ins->dk_code);
	if ((n = ytree_get(m, "refused")) != NULL)
		load_long(l, n, "refused", &l->ins->rf_code);
	if (l->ins->dk_code == l->ins->rf_code)
		diag_error(l->d, m->pos.line, m->pos.col, "dont_know and refused must have different codes");
}

static void load_survey(struct loader *l, const struct ynode *s)
{
	static const char *const keys[] = {
		"id", "title", "version", "language", "missing", NULL
	};
	const struct ynode *id;

	if (load_kind(l, s, Y_MAP, "'survey'") < 0)
		return;
	load_keys(l, s, keys, "survey");
	if ((id = ytree_get(s, "id")) == NULL)
		diag_error(l->d, s->pos.line, s->pos.col, "survey has no 'id'");
	else if (load_id(l, id, "survey") == 0)
		l->ins->id = id->value;
	l->ins->title = load_str(l, s, "title", 1, "survey");
	l->ins->version = load_str(l, s, "version", 0, "survey");
	l->ins->language = load_str(l, s, "language", 0, "survey");
	if (l->ins->version == NULL)
		l->ins->version = "";
	load_missing(l, s);
}

static void load_scales(struct loader *l, const struct ynode *s)
{
	size_t i;

	if (load_kind(l, s, Y_MAP, "'scales'") < 0)
		return;
	l->ins->scales = arena_alloc(l->a, s->n * sizeof *l->ins->scales);
	for (i = 0; i < s->n; i++) {
		const struct ynode *k = s->pairs[i].key, *v = s->pairs[i].val;
		struct scale *sc = &l->ins->scales[l->ins->nscales];

		if (!str_is_ident(k->value, 32)) {
			diag_error(l->d, k->pos.line, k->pos.col,
			    "invalid scale name '%s': use a-z, 0-9 and _", k->value);
			continue;
		}
		if (load_kind(l, v, Y_MAP, "a scale") < 0)
			continue;
		sc->name = k->value;
		sc->pos = k->pos;
		sc->options = *load_optmap(l, v);
		sc->options.name = sc->name;
		l->ins->nscales++;
	}
}

/* Reads one frame variable: values that arrive with each sample case. */
static struct question *load_frame_var(struct loader *l, const struct ynode *n)
{
	static const char *const keys[] = { "id", "label", "type", "options", "personal", NULL };
	const struct ynode *id, *opts;
	const char *type;
	struct question *q;

	if (load_kind(l, n, Y_MAP, "a frame variable") < 0)
		return NULL;
	load_keys(l, n, keys, "frame variable");
	if ((id = ytree_get(n, "id")) == NULL) {
		diag_error(l->d, n->pos.line, n->pos.col, "frame variable has no 'id'");
		return NULL;
	}
	if (load_id(l, id, "frame variable") < 0)
		return NULL;
	q = arena_alloc(l->a, sizeof *q);
	q->id = id->value;
	q->pos = id->pos;
	q->kind = K_FRAME;
	q->label = load_str(l, n, "label", 0, "frame variable");
	q->text = q->label != NULL ? q->label : q->id;
	type = load_str(l, n, "type", 1, "frame variable");
	if (type == NULL || strcmp(type, "single") == 0)
		q->type = Q_SINGLE;
	else if (strcmp(type, "number") == 0)
		q->type = Q_NUMBER;
	else if (strcmp(type, "text") == 0)
		q->type = Q_TEXT;
	else
		diag_error(l->d, ytree_get(n, "type")->pos.line, ytree_get(n, "type")->pos.col,
		    "frame variable type must be single, number or text, not '%s'", type);
	opts = ytree_get(n, "options");
	if (q->type == Q_SINGLE && opts == NULL && type != NULL)
		diag_error(l->d, id->pos.line, id->pos.col, "frame variable '%s' needs options", q->id);
	else if (opts != NULL && q->type != Q_SINGLE)
		diag_error(l->d, opts->pos.line, opts->pos.col, "only a single frame variable has options");
	else if (opts != NULL)
		q->options = load_options(l, opts);
	q->dk = q->rf = 1;
	q->personal = load_bool(l, n, "personal", 0);
	load_var(l, q);
	return q;
}

static void load_frame(struct loader *l, const struct ynode *f)
{
	size_t i;

	if (load_kind(l, f, Y_SEQ, "'frame'") < 0)
		return;
	l->ins->frame = arena_alloc(l->a, f->n * sizeof *l->ins->frame);
	for (i = 0; i < f->n; i++) {
		struct question *q = load_frame_var(l, f->items[i]);

		if (q != NULL)
			l->ins->frame[l->ins->nframe++] = q;
	}
}

/* Runs the queued expression and fill checks, now that all variables are known. */
static void load_run_jobs(struct loader *l)
{
	size_t i;

	for (i = 0; i < l->njobs; i++) {
		struct load_job *j = &l->jobs[i];

		j->scope.ins = l->ins;
		if (j->fill != NULL) {
			fill_check(j->fill, &j->fill_src, &j->scope, l->d);
			continue;
		}
		*j->out = expr_compile(l->a, j->src, &j->scope, j->want, j->what, l->d);
		if (*j->out != NULL && j->is_when && !expr_can_be_true(*j->out))
			diag_warn(l->d, j->src->pos.line, j->src->pos.col + j->src->quoted,
			    "this condition can never be true given the codes it compares");
	}
}

static void load_root(struct loader *l, const struct ynode *root)
{
	static const char *const keys[] = {
		"survey", "scales", "frame", "themes", "quotas", "fieldwork", "indicators", NULL
	};
	const struct ynode *n;

	if (load_kind(l, root, Y_MAP, "a questionnaire") < 0)
		return;
	load_keys(l, root, keys, "the questionnaire");
	if ((n = ytree_get(root, "survey")) == NULL)
		diag_error(l->d, 1, 1, "missing 'survey' section");
	else
		load_survey(l, n);
	if ((n = ytree_get(root, "scales")) != NULL)
		load_scales(l, n);
	if ((n = ytree_get(root, "frame")) != NULL)
		load_frame(l, n);
	if ((n = ytree_get(root, "themes")) == NULL)
		diag_error(l->d, 1, 1, "missing 'themes' section");
	else
		load_themes(l, n);
	if ((n = ytree_get(root, "fieldwork")) != NULL)
		load_fieldwork(l, n);
	l->ins->vars = arena_alloc(l->a, (l->nvars + 1) * sizeof *l->ins->vars);
	if (l->nvars > 0)
		memcpy(l->ins->vars, l->vars, l->nvars * sizeof *l->vars);
	l->ins->nvars = l->nvars;
	load_run_jobs(l);
	if ((n = ytree_get(root, "quotas")) != NULL)
		load_quotas(l, n);
	if ((n = ytree_get(root, "indicators")) != NULL)
		load_indicators(l, n);
}

struct instrument *instrument_load(const char *name, const char *buf, size_t len, struct diag *d)
{
	struct instrument *ins = xcalloc(1, sizeof *ins);
	struct loader l = { .ins = ins, .a = &ins->arena, .d = d };
	struct ynode *root;
	size_t errors = d->errors;

	ins->file = arena_strdup(&ins->arena, name);
	ins->dk_code = -8;
	ins->rf_code = -9;
	fieldwork_defaults(&ins->fieldwork);
	if ((root = ytree_parse(&ins->arena, buf, len, d)) != NULL)
		load_root(&l, root);
	free(l.vars);
	free(l.jobs);
	free(l.rosters);
	free(l.themeids);
	if (root == NULL || d->errors > errors) {
		instrument_free(ins);
		return NULL;
	}
	return ins;
}

char *instrument_read(const char *path, size_t *len, char **cause)
{
	struct stat st;
	char *buf;
	ssize_t got;
	size_t off = 0;
	int fd;

	if ((fd = priv_open(path, O_RDONLY | O_NONBLOCK, 0)) < 0) {
		*cause = xasprintf("%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		*cause = xasprintf("%s: not a regular file", path);
		close(fd);
		return NULL;
	}
	if ((size_t)st.st_size > YTREE_MAX_BYTES) {
		*cause = xasprintf("%s: file too large (%lld bytes; the limit is %u)", path,
		    (long long)st.st_size, YTREE_MAX_BYTES);
		close(fd);
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	while (off < (size_t)st.st_size && (got = read(fd, buf + off, (size_t)st.st_size - off)) > 0)
		off += (size_t)got;
	close(fd);
	buf[off] = '\0';
	*len = off;
	return buf;
}

void instrument_free(struct instrument *ins)
{
	if (ins == NULL)
		return;
	arena_free(&ins->arena);
	free(ins);
}

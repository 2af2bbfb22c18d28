/* Tests of fills: {name} checked against the questionnaire, then replaced by answers. */
#include <stdlib.h>
#include <string.h>

#include "instrument/fill.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#include "unit.h"

#define nitems(a) (sizeof (a) / sizeof (a)[0])
#define OPTS(v) { NULL, v, nitems(v), { 0, 0 } }

static struct option o_quartier[] = {
	{ 1, "Champratel", { 0, 0 } }, { 2, "Les Vergnes", { 0, 0 } }
};
static struct option o_yesno[] = { { 1, "Oui", { 0, 0 } }, { 2, "Non", { 0, 0 } } };
static struct option o_usages[] = {
	{ 1, "Courriels", { 0, 0 } }, { 2, "Démarches", { 0, 0 } },
	{ 3, "Réseaux sociaux", { 0, 0 } }, { 9, "Aucun", { 0, 0 } }
};
static struct optlist l_quartier = OPTS(o_quartier), l_yesno = OPTS(o_yesno);
static struct optlist l_usages = OPTS(o_usages);

static struct instrument ins;
static struct question *vars[16];
static struct roster membres = { .id = "membres" };
static struct question *q_later;

enum { S_TOP, S_MEMBRES };

/* Adds one variable in definition order. */
static struct question *fx_var(const char *id, enum qtype type, int line,
    const struct optlist *opts, struct roster *r)
{
	struct question *q = arena_alloc(&ins.arena, sizeof *q);

	q->id = id;
	q->type = type;
	q->kind = type == Q_COMPUTED ? K_COMPUTED : K_ASKED;
	q->index = (int)ins.nvars;
	q->pos.line = line;
	q->options = opts;
	q->roster = r;
	vars[ins.nvars++] = q;
	return q;
}

/* Builds a small questionnaire with one roster. */
static void fx_build(void)
{
	ins.vars = vars;
	fx_var("quartier", Q_SINGLE, 3, &l_quartier, NULL)->kind = K_FRAME;
	fx_var("consent", Q_SINGLE, 10, &l_yesno, NULL);
	fx_var("age", Q_NUMBER, 12, NULL, NULL);
	fx_var("nom", Q_TEXT, 14, NULL, NULL);
	fx_var("arrivee", Q_DATE, 16, NULL, NULL);
	fx_var("usages", Q_MULTI, 18, &l_usages, NULL);
	fx_var("intro", Q_INFO, 20, NULL, NULL);
	fx_var("ratio", Q_COMPUTED, 22, NULL, NULL);
	fx_var("mb_age", Q_NUMBER, 33, NULL, &membres);
	q_later = fx_var("later", Q_SINGLE, 50, &l_yesno, NULL);
}

/* Checks text in a scope; renders "N errors: COL: MSG | ...", or "ok". */
static char *run_check(const char *text, int which)
{
	struct expr_scope scope = { &ins, q_later->index, NULL, NULL };
	struct src where = { text, { 10, 20 }, 1 };
	struct buf b = { NULL, 0, 0 };
	struct diag d;
	size_t i;
	int n;

	if (which == S_MEMBRES)
		scope.roster = &membres;
	diag_init(&d, "t.yaml");
	n = fill_check(text, &where, &scope, &d);
	if (n == 0 && d.n == 0)
		buf_adds(&b, "ok");
	else if ((size_t)n != d.n)
		buf_addf(&b, "returned %d for %zu messages", n, d.n);
	for (i = 0; i < d.n; i++) {
		buf_adds(&b, i > 0 ? " | " : "");
		if (d.items[i].line != 10)
			buf_addf(&b, "%d:", d.items[i].line);
		buf_addf(&b, "%d: %s", d.items[i].col, d.items[i].msg);
	}
	diag_free(&d);
	return buf_take(&b);
}

/* The answers of one test row. */
struct world {
	const char *name[4];
	struct value v[4];
	int inst[4];
	size_t n;
};

/* The env's get: the answer named in the row for (q, instance), or nothing. */
static struct value world_get(void *ctx, const struct question *q, int instance)
{
	const struct world *w = ctx;
	struct value none;
	size_t i;

	for (i = 0; i < w->n; i++)
		if (strcmp(w->name[i], q->id) == 0 && w->inst[i] == instance)
			return w->v[i];
	memset(&none, 0, sizeof none);
	return none;
}

static const long codes_13[] = { 1, 3 }, codes_15[] = { 1, 5 };

/* A number answer. */
static struct value num(double x)
{
	struct value v = { V_NUM, x, NULL, NULL, 0 };

	return v;
}

/* A text or date answer. */
static struct value text(const char *s)
{
	struct value v = { V_TEXT, 0, s, NULL, 0 };

	return v;
}

/* A missing, DK or RF answer. */
static struct value kind(enum vkind k)
{
	struct value v = { k, 0, NULL, NULL, 0 };

	return v;
}

/* A multi answer. */
static struct value multi(const long *codes, size_t n)
{
	struct value v = { V_MULTI, 0, NULL, codes, n };

	return v;
}

/* Applies fills with one answer given for one variable (instance inst). */
static char *run_apply(const char *textin, const char *name, struct value v, int inst,
    int instance, const char *interviewer)
{
	struct world w = { { name }, { v }, { inst }, name != NULL };
	struct expr_env env = { world_get, NULL, &w, instance };

	return fill_apply(textin, &ins, &env, interviewer);
}

static const struct {
	const char *text;
	int scope;
	const char *want;
} checks[] = {
	{ "Bonjour", S_TOP, "ok" },
	{ "", S_TOP, "ok" },
	{ "Vous avez {age} ans", S_TOP, "ok" },
	{ "{quartier}, {consent}, {nom}, {arrivee}, {usages}, {ratio}", S_TOP, "ok" },
	{ "{agee}", S_TOP, "22: unknown name 'agee'; did you mean 'age'?" },
	{ "Vous avez {agee} ans", S_TOP, "32: unknown name 'agee'; did you mean 'age'?" },
	{ "\xc3\x82ge : {agee}", S_TOP, "28: unknown name 'agee'; did you mean 'age'?" },
	{ "{zzz}", S_TOP, "22: unknown name 'zzz'" },
	{ "{later}", S_TOP, "22: 'later' is asked later (line 50); it cannot be used here" },
	{ "{intro}", S_TOP, "22: 'intro' is an info screen and holds no answer" },
	{ "Personne {n}", S_TOP, "31: {n} is only meaningful inside a roster" },
	{ "Personne {n}", S_MEMBRES, "ok" },
	{ "{interviewer} vous appelle", S_TOP, "ok" },
	{ "{{age}}", S_TOP, "ok" },
	{ "a } b", S_TOP, "ok" },
	{ "{ age }", S_TOP, "21: unclosed or malformed fill" },
	{ "{age", S_TOP, "21: unclosed or malformed fill" },
	{ "Vous avez {Age} ans", S_TOP, "31: unclosed or malformed fill" },
	{ "{}", S_TOP, "21: unclosed or malformed fill" },
	{ "{{{age}", S_TOP, "ok" },
	{ "{mb_age} ans", S_TOP,
	  "22: 'mb_age' is a roster question: it can only be filled inside its roster" },
	{ "{mb_age} ans", S_MEMBRES, "ok" },
	{ "{age} et {agee} et {x", S_TOP,
	  "31: unknown name 'agee'; did you mean 'age'? | 40: unclosed or malformed fill" },
	{ "ligne 1\nligne 2 {zzz}", S_TOP, "11:10: unknown name 'zzz'" },
};

/* Runs the fill_check table. */
static void test_check(void)
{
	char name[160], *got, *p;
	size_t i;

	for (i = 0; i < nitems(checks); i++) {
		snprintf(name, sizeof name, "fill check %zu %s", i, checks[i].text);
		for (p = name; *p != '\0'; p++)
			if (*p == '\n')
				*p = '.';
		got = run_check(checks[i].text, checks[i].scope);
		UNIT_STREQ(name, got, checks[i].want);
		free(got);
	}
}

/* Applies one fill and compares. */
static void apply_one(const char *label, const char *textin, const char *var, struct value v,
    const char *want)
{
	char name[64], *got = run_apply(textin, var, v, 0, 0, "Marie");

	snprintf(name, sizeof name, "fill apply %s", label);
	UNIT_STREQ(name, got, want);
	free(got);
}

/* Each kind of value, and the missing ones. */
static void test_values(void)
{
	char *got;

	apply_one("number", "Vous avez {age} ans", "age", num(30), "Vous avez 30 ans");
	apply_one("plain text", "Bonjour", NULL, kind(V_NONE), "Bonjour");
	apply_one("empty", "", NULL, kind(V_NONE), "");
	apply_one("decimal comma", "{age}", "age", num(2.5), "2,5");
	apply_one("negative", "{age}", "age", num(-3), "-3");
	apply_one("zero", "{age}", "age", num(-0.0), "0");
	apply_one("large", "{ratio}", "ratio", num(1234567.25), "1234567,25");
	apply_one("third", "{ratio}", "ratio", num(1.0 / 3), "0,333333333333333");
	apply_one("dk", "{age} ans", "age", kind(V_DK), "\xe2\x80\xa6 ans");
	apply_one("rf", "{age}", "age", kind(V_RF), "\xe2\x80\xa6");
	apply_one("missing", "{age}", NULL, kind(V_NONE), "\xe2\x80\xa6");
	apply_one("coded", "{consent}", "consent", num(1), "Oui");
	apply_one("frame coded", "{quartier}", "quartier", num(2), "Les Vergnes");
	apply_one("unknown code", "{consent}", "consent", num(7), "7");
	apply_one("multi", "{usages}", "usages", multi(codes_13, 2), "Courriels, Réseaux sociaux");
	apply_one("multi unknown code", "{usages}", "usages", multi(codes_15, 2), "Courriels, 5");
	apply_one("multi empty", "{usages}", "usages", multi(codes_13, 0), "\xe2\x80\xa6");
	apply_one("date", "le {arrivee}", "arrivee", text("2017-10-03"), "le 03/10/2017");
	apply_one("text", "{nom} !", "nom", text("Paul"), "Paul !");
	apply_one("text like a date", "{nom}", "nom", text("2017-10-03"), "2017-10-03");
	apply_one("braces", "{{age}} }} {{", "age", num(3), "{age} } {");
	apply_one("unknown name", "{zzz}", NULL, kind(V_NONE), "{zzz}");
	apply_one("malformed", "{ age } {age", "age", num(3), "{ age } {age");
	apply_one("interviewer", "{interviewer} pour allo", NULL, kind(V_NONE),
	    "Marie pour allo");
	apply_one("two fills", "{consent}/{consent}", "consent", num(2), "Non/Non");
	got = run_apply("Personne {n} : {mb_age} ans", "mb_age", num(40), 2, 2, NULL);
	UNIT_STREQ("fill apply roster instance", got, "Personne 2 : 40 ans");
	free(got);
	got = run_apply("{mb_age}", "mb_age", num(40), 2, 1, NULL);
	UNIT_STREQ("fill apply other instance", got, "\xe2\x80\xa6");
	free(got);
	got = run_apply("{interviewer}", NULL, kind(V_NONE), 0, 0, NULL);
	UNIT_STREQ("fill apply no interviewer", got, "\xe2\x80\xa6");
	free(got);
	got = fill_apply("{age} ans", &ins, NULL, NULL);
	UNIT_STREQ("fill apply without env", got, "\xe2\x80\xa6 ans");
	free(got);
}

int main(void)
{
	fx_build();
	test_check();
	test_values();
	arena_free(&ins.arena);
	UNIT_END();
}

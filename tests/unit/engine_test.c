/* Tests of the route engine on small questionnaires written inline, one group per rule. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "instrument/instrument.h"
#include "interview/engine.h"

#include "unit.h"

#define PARSE_FAILED (-1)
#define HEAD "survey:\n  id: t\n  title: \"T\"\nthemes:\n"
#define YN "        options: {1: \"Oui\", 2: \"Non\"}\n"

/* The message of the last say(), offer() or parse failure; "" when there was none. */
static char last[512];

/* Loads yaml; a questionnaire that does not load is itself a failure. */
static struct instrument *load(const char *name, const char *yaml)
{
	struct instrument *ins;
	struct diag d;
	char *m;

	diag_init(&d, name);
	if ((ins = instrument_load(name, yaml, strlen(yaml), &d)) == NULL) {
		m = diag_first(&d);
		printf("not ok load %s: %s\n", name, m != NULL ? m : "?");
		free(m);
		unit_failed++;
	}
	diag_free(&d);
	return ins;
}

/* A fresh interview, routed, on its first step. */
static struct engine *start(const struct instrument *ins, uint64_t seed)
{
	struct engine *e = engine_new(ins, seed);

	engine_route(e);
	engine_seek(e, NULL, 0);
	return e;
}

/* The route as "id id#instance ...". */
static const char *route(const struct engine *e)
{
	static char s[2048];
	size_t i, n = 0;

	s[0] = '\0';
	for (i = 0; i < e->nroute && n < sizeof s; i++) {
		const struct step *st = &e->route[i];

		if (st->q->roster != NULL)
			n += (size_t)snprintf(s + n, sizeof s - n, "%s%s#%d", i ? " " : "", st->q->id,
			    st->instance);
		else
			n += (size_t)snprintf(s + n, sizeof s - n, "%s%s", i ? " " : "", st->q->id);
	}
	return s;
}

/* The current step as "id" or "id#instance"; "(end)" past the last one. */
static const char *here(const struct engine *e)
{
	static char s[64];
	const struct step *st = engine_current(e);

	if (st == NULL)
		return "(end)";
	if (st->q->roster != NULL)
		snprintf(s, sizeof s, "%s#%d", st->q->id, st->instance);
	else
		snprintf(s, sizeof s, "%s", st->q->id);
	return s;
}

static const struct question *var(const struct engine *e, const char *id)
{
	return instrument_var(e->ins, id);
}

/* Puts the cursor on (id, instance), as resuming would. */
static void seek(struct engine *e, const char *id, int instance)
{
	engine_seek(e, var(e, id), instance);
}

/* The number held by id at instance; NAN when it holds no number. */
static double num(const struct engine *e, const char *id, int instance)
{
	struct value v = engine_value(e, var(e, id), instance);

	return v.kind == V_NUM ? v.num : NAN;
}

static enum vkind kind(const struct engine *e, const char *id, int instance)
{
	return engine_value(e, var(e, id), instance).kind;
}

static const char *text(const struct engine *e, const char *id, int instance)
{
	struct value v = engine_value(e, var(e, id), instance);

	return v.kind == V_TEXT ? v.text : "(none)";
}

static int offpath(struct engine *e, const char *id, int instance)
{
	return engine_slot(e, var(e, id), instance)->off_path;
}

/* Validates v at the current step; accepts it when OK and accept is set. */
static int offer(struct engine *e, const struct value *v, int confirmed, int accept)
{
	enum engine_verdict r;
	char *msg = NULL;

	r = engine_validate(e, v, confirmed, &msg);
	snprintf(last, sizeof last, "%s", msg != NULL ? msg : "");
	free(msg);
	if (r == VERDICT_OK && accept)
		engine_accept(e, v);
	return (int)r;
}

/* Types text at the current step: parse, validate, accept; PARSE_FAILED or the verdict. */
static int type_in(struct engine *e, const char *t, int confirmed, int accept)
{
	struct value v;
	char *msg = NULL;

	if (engine_parse(e, t, &v, &msg) < 0) {
		snprintf(last, sizeof last, "%s", msg != NULL ? msg : "(no message)");
		free(msg);
		return PARSE_FAILED;
	}
	return offer(e, &v, confirmed, accept);
}

static int say(struct engine *e, const char *t)
{
	return type_in(e, t, 0, 1);
}

/* The verdict on t at the current step, nothing stored. */
static int try(struct engine *e, const char *t)
{
	return type_in(e, t, 0, 0);
}

/* Answers don't know (V_DK) or refused (V_RF). */
static int say_missing(struct engine *e, enum vkind k)
{
	struct value v = { k, 0, NULL, NULL, 0 };

	return offer(e, &v, 0, 1);
}

/* Fills text at the current step (or outside any step); static storage. */
static const char *fill(const struct engine *e, const char *t)
{
	static char s[512];
	char *f = engine_fill(e, t, engine_current(e));

	snprintf(s, sizeof s, "%s", f);
	free(f);
	return s;
}

static const char linear_yaml[] = HEAD
    "  - id: a\n"
    "    title: \"A\"\n"
    "    questions:\n"
    "      - id: intro\n"
    "        type: info\n"
    "        text: \"Bonjour\"\n"
    "      - id: q1\n"
    "        type: single\n"
    "        text: \"Q1\"\n"
    YN
    "      - id: q2\n"
    "        type: number\n"
    "        text: \"Q2\"\n"
    "      - id: q3\n"
    "        type: text\n"
    "        text: \"Q3\"\n"
    "      - id: bye\n"
    "        type: info\n"
    "        text: \"Merci\"\n";

/* Linear route: next, back, goto up to the first unanswered step, completion. */
static void test_linear(void)
{
	struct instrument *ins = load("linear", linear_yaml);
	struct engine *e;

	if (ins == NULL)
		return;
	e = start(ins, 1);
	UNIT_STREQ("linear route", route(e), "intro q1 q2 q3 bye");
	UNIT_STREQ("linear starts on the first step", here(e), "intro");
	UNIT_OK("linear starts active", e->state == ENGINE_ACTIVE, "state %d", e->state);
	UNIT_OK("linear frontier at start is 0", engine_frontier(e) == 0, "got %zu",
	    engine_frontier(e));
	UNIT_OK("linear back at the first step fails", engine_back(e) == -1, "back succeeded");
	UNIT_OK("linear next acknowledges info", engine_next(e) == 0 &&
	    engine_slot(e, var(e, "intro"), 0)->seen == 1, "seen %d",
	    engine_slot(e, var(e, "intro"), 0)->seen);
	UNIT_STREQ("linear info next moves on", here(e), "q1");
	UNIT_OK("linear next on unanswered fails", engine_next(e) == -1, "next succeeded");
	UNIT_STREQ("linear next on unanswered stays", here(e), "q1");
	UNIT_OK("linear goto beyond frontier fails", engine_goto(e, "q2", 0) == -1, "goto q2 worked");
	UNIT_OK("linear goto unknown id fails", engine_goto(e, "nope", 0) == -1, "goto nope worked");
	UNIT_OK("linear accept 1", say(e, "1") == VERDICT_OK, "verdict, %s", last);
	UNIT_STREQ("linear accept advances", here(e), "q2");
	UNIT_OK("linear value stored", num(e, "q1", 0) == 1, "got %g", num(e, "q1", 0));
	UNIT_OK("linear frontier after q1 is 2", engine_frontier(e) == 2, "got %zu",
	    engine_frontier(e));
	UNIT_OK("linear back", engine_back(e) == 0, "back failed");
	UNIT_STREQ("linear back lands on q1", here(e), "q1");
	UNIT_OK("linear next on answered", engine_next(e) == 0, "next failed");
	UNIT_STREQ("linear next on answered keeps and moves", here(e), "q2");
	UNIT_OK("linear goto frontier itself", engine_goto(e, "q2", 0) == 0, "goto q2 failed");
	UNIT_OK("linear goto q3 beyond fails", engine_goto(e, "q3", 0) == -1, "goto q3 worked");
	UNIT_OK("linear goto back to intro", engine_goto(e, "intro", 0) == 0, "goto intro failed");
	UNIT_STREQ("linear goto lands on intro", here(e), "intro");
	UNIT_OK("linear goto q2 again", engine_goto(e, "q2", 0) == 0, "goto failed");
	UNIT_OK("linear q2 accepted", say(e, "12") == VERDICT_OK, "%s", last);
	UNIT_OK("linear q3 accepted", say(e, "texte libre") == VERDICT_OK, "%s", last);
	UNIT_STREQ("linear text stored", text(e, "q3", 0), "texte libre");
	UNIT_STREQ("linear on the closing info", here(e), "bye");
	UNIT_OK("linear not complete before the last info", e->state == ENGINE_ACTIVE, "state %d",
	    e->state);
	UNIT_OK("linear goto q3 now reachable", engine_goto(e, "q3", 0) == 0, "goto q3 failed");
	UNIT_OK("linear next over q3", engine_next(e) == 0, "next failed");
	UNIT_OK("linear last info acknowledged", engine_next(e) == 0, "next failed");
	UNIT_OK("linear complete", e->state == ENGINE_COMPLETE, "state %d", e->state);
	UNIT_STREQ("linear complete has no current step", here(e), "(end)");
	UNIT_OK("linear frontier at the end", engine_frontier(e) == e->nroute, "got %zu",
	    engine_frontier(e));
	UNIT_OK("linear next past the end fails", engine_next(e) == -1, "next succeeded");
	UNIT_OK("linear parse past the end fails", try(e, "1") == PARSE_FAILED, "parsed");
	UNIT_STREQ("linear parse past the end says so", last, "L'entretien est terminé.");
	UNIT_OK("linear back from the end", engine_back(e) == 0, "back failed");
	UNIT_STREQ("linear back from the end lands on bye", here(e), "bye");
	engine_free(e);
	instrument_free(ins);
}

static const char complete_yaml[] = HEAD
    "  - id: a\n"
    "    title: \"A\"\n"
    "    questions:\n"
    "      - id: q1\n"
    "        type: single\n"
    "        text: \"Q1\"\n"
    YN
    "      - id: q2\n"
    "        type: single\n"
    "        text: \"Q2\"\n"
    YN
    "        when: \"q1 == 1\"\n";

/* Completion: the last answer completes; reopening the route makes the interview active again. */
static void test_complete(void)
{
	struct instrument *ins = load("complete", complete_yaml);
	struct engine *e;

	if (ins == NULL)
		return;
	e = start(ins, 1);
	UNIT_STREQ("complete route before q1", route(e), "q1");
	say(e, "2");
	UNIT_OK("complete after the last step", e->state == ENGINE_COMPLETE, "state %d", e->state);
	engine_back(e);
	UNIT_OK("complete reopened by a new question", say(e, "1") == VERDICT_OK &&
	    e->state == ENGINE_ACTIVE, "state %d", e->state);
	UNIT_STREQ("complete reopened: on the new question", here(e), "q2");
	say(e, "2");
	UNIT_OK("complete again", e->state == ENGINE_COMPLETE, "state %d", e->state);
	engine_free(e);
	instrument_free(ins);
}

static const char when_yaml[] = HEAD
    "  - id: a\n"
    "    title: \"A\"\n"
    "    questions:\n"
    "      - id: age\n"
    "        type: number\n"
    "        text: \"Âge\"\n"
    "      - id: adulte\n"
    "        type: single\n"
    "        text: \"Adulte\"\n"
    YN
    "        when: \"age >= 18\"\n"
    "      - id: pas18\n"
    "        type: single\n"
    "        text: \"Pas 18\"\n"
    YN
    "        when: \"age != 18\"\n"
    "      - id: relance\n"
    "        type: single\n"
    "        text: \"Relance\"\n"
    YN
    "        when: \"age >= 18 or not answered(age)\"\n"
    "      - id: sait_pas\n"
    "        type: single\n"
    "        text: \"NSP\"\n"
    YN
    "        when: \"dk(age)\"\n"
    "  - id: jeunes\n"
    "    title: \"Jeunes\"\n"
    "    when: \"age < 30\"\n"
    "    questions:\n"
    "      - id: j1\n"
    "        type: single\n"
    "        text: \"J1\"\n"
    YN
    "      - id: j2\n"
    "        type: number\n"
    "        text: \"J2\"\n"
    "  - id: fin\n"
    "    title: \"Fin\"\n"
    "    questions:\n"
    "      - id: f1\n"
    "        type: text\n"
    "        text: \"F1\"\n";

/* The route of the `when` questionnaire after age is answered with text (or DK/RF). */
static const char *when_route(const struct instrument *ins, const char *age, enum vkind k)
{
	struct engine *e = start(ins, 1);
	const char *r;

	if (age != NULL)
		say(e, age);
	else
		say_missing(e, k);
	r = route(e);
	engine_free(e);
	return r;
}

/* `when` on questions and themes; missing values make comparisons false. */
static void test_when(void)
{
	struct instrument *ins = load("when", when_yaml);
	struct engine *e;

	if (ins == NULL)
		return;
	e = start(ins, 1);
	UNIT_STREQ("when route with age unanswered", route(e), "age relance f1");
	engine_free(e);
	UNIT_STREQ("when age 40", when_route(ins, "40", V_NONE), "age adulte pas18 relance f1");
	UNIT_STREQ("when age 18", when_route(ins, "18", V_NONE), "age adulte relance j1 j2 f1");
	UNIT_STREQ("when age 20 opens the theme", when_route(ins, "20", V_NONE),
	    "age adulte pas18 relance j1 j2 f1");
	UNIT_STREQ("when age 10", when_route(ins, "10", V_NONE), "age pas18 j1 j2 f1");
	UNIT_STREQ("when age DK: comparisons false, theme skipped", when_route(ins, NULL, V_DK),
	    "age relance sait_pas f1");
	UNIT_STREQ("when age RF", when_route(ins, NULL, V_RF), "age relance f1");
	e = start(ins, 1);
	say(e, "20");
	say(e, "1");
	say(e, "1");
	say(e, "1");
	UNIT_STREQ("when theme entered on its first question", here(e), "j1");
	engine_free(e);
	instrument_free(ins);
}

static const char roster_yaml[] = HEAD
    "  - id: m\n"
    "    title: \"Ménage\"\n"
    "    questions:\n"
    "      - id: nb\n"
    "        type: number\n"
    "        text: \"Combien ?\"\n"
    "        min: 0\n"
    "        max: 30\n"
    "      - repeat: membres\n"
    "        count: \"nb - 1\"\n"
    "        max: 12\n"
    "        title: \"Personne {n}\"\n"
    "        questions:\n"
    "          - id: mb_age\n"
    "            type: number\n"
    "            text: \"Quel âge a la personne {n} ?\"\n"
    "          - id: mb_travail\n"
    "            type: single\n"
    "            text: \"La personne {n} ({mb_age} ans) travaille-t-elle ?\"\n"
    "            options: {1: \"Oui\", 2: \"Non\"}\n"
    "            when: \"mb_age >= 16\"\n"
    "      - id: enfants\n"
    "        type: computed\n"
    "        expr: \"count(mb_age < 18)\"\n"
    "      - id: senior\n"
    "        type: single\n"
    "        text: \"Senior ?\"\n"
    YN
    "        when: \"any(mb_age >= 60)\"\n"
    "      - id: fin\n"
    "        type: text\n"
    "        text: \"Fin\"\n";

/* The number of instances and the route length after nb is answered with t. */
static void roster_count(const struct instrument *ins, const char *t, int want_n,
    const char *want_route)
{
	struct engine *e = start(ins, 1);
	const struct roster *r = var(e, "mb_age")->roster;
	char name[64];
	int n;

	say(e, t);
	n = engine_instances(e, r);
	snprintf(name, sizeof name, "roster nb %s gives %d instances", t, want_n);
	UNIT_OK(name, n == want_n, "got %d", n);
	snprintf(name, sizeof name, "roster nb %s route", t);
	UNIT_STREQ(name, route(e), want_route);
	engine_free(e);
}

/* Rosters: instances from count, bounded by max; bare names per instance; count() and any(). */
static void test_roster(void)
{
	struct instrument *ins = load("roster", roster_yaml);
	struct engine *e;

	if (ins == NULL)
		return;
	roster_count(ins, "3", 2, "nb mb_age#1 mb_age#2 fin");
	roster_count(ins, "1", 0, "nb fin");
	roster_count(ins, "0", 0, "nb fin");
	roster_count(ins, "21", 12, "nb mb_age#1 mb_age#2 mb_age#3 mb_age#4 mb_age#5 mb_age#6 "
	    "mb_age#7 mb_age#8 mb_age#9 mb_age#10 mb_age#11 mb_age#12 fin");
	roster_count(ins, "13", 12, "nb mb_age#1 mb_age#2 mb_age#3 mb_age#4 mb_age#5 mb_age#6 "
	    "mb_age#7 mb_age#8 mb_age#9 mb_age#10 mb_age#11 mb_age#12 fin");
	e = start(ins, 1);
	say_missing(e, V_DK);
	UNIT_OK("roster count over DK gives none", engine_instances(e, var(e, "mb_age")->roster) == 0,
	    "got %d", engine_instances(e, var(e, "mb_age")->roster));
	engine_free(e);

	e = start(ins, 1);
	say(e, "4");
	UNIT_STREQ("roster first instance", here(e), "mb_age#1");
	UNIT_STREQ("roster {n} in the question text", fill(e, var(e, "mb_age")->text),
	    "Quel âge a la personne 1 ?");
	say(e, "40");
	UNIT_STREQ("roster bare name is the current instance", route(e),
	    "nb mb_age#1 mb_travail#1 mb_age#2 mb_age#3 fin");
	UNIT_STREQ("roster fill of a roster answer", fill(e, var(e, "mb_travail")->text),
	    "La personne 1 (40 ans) travaille-t-elle ?");
	say(e, "1");
	UNIT_STREQ("roster second instance", here(e), "mb_age#2");
	UNIT_STREQ("roster title with {n}", fill(e, var(e, "mb_age")->roster->title), "Personne 2");
	say(e, "10");
	UNIT_STREQ("roster instance 2 under 16 skips mb_travail", route(e),
	    "nb mb_age#1 mb_travail#1 mb_age#2 mb_age#3 fin");
	say(e, "65");
	UNIT_STREQ("roster any() outside opens senior", route(e),
	    "nb mb_age#1 mb_travail#1 mb_age#2 mb_age#3 mb_travail#3 senior fin");
	UNIT_OK("roster count() outside", num(e, "enfants", 0) == 1, "got %g", num(e, "enfants", 0));
	UNIT_OK("roster instances stored apart", num(e, "mb_age", 1) == 40 &&
	    num(e, "mb_age", 2) == 10 && num(e, "mb_age", 3) == 65, "%g %g %g",
	    num(e, "mb_age", 1), num(e, "mb_age", 2), num(e, "mb_age", 3));
	UNIT_OK("roster goto an instance", engine_goto(e, "mb_age", 2) == 0, "goto failed");
	UNIT_STREQ("roster goto lands on the instance", here(e), "mb_age#2");
	UNIT_OK("roster goto the frontier instance", engine_goto(e, "mb_travail", 3) == 0,
	    "goto failed");
	UNIT_OK("roster goto beyond the frontier", engine_goto(e, "senior", 0) == -1, "goto worked");
	engine_goto(e, "mb_age", 2);
	say(e, "70");
	UNIT_OK("roster count() follows a change", num(e, "enfants", 0) == 0, "got %g",
	    num(e, "enfants", 0));
	UNIT_STREQ("roster change opens mb_travail#2", route(e),
	    "nb mb_age#1 mb_travail#1 mb_age#2 mb_travail#2 mb_age#3 mb_travail#3 senior fin");
	UNIT_STREQ("roster after change: next step", here(e), "mb_travail#2");
	engine_free(e);
	instrument_free(ins);
}

static const char reroute_yaml[] = HEAD
    "  - id: a\n"
    "    title: \"A\"\n"
    "    questions:\n"
    "      - id: travaille\n"
    "        type: single\n"
    "        text: \"Travaillez-vous ?\"\n"
    YN
    "      - id: metier\n"
    "        type: text\n"
    "        text: \"Métier\"\n"
    "        when: \"travaille == 1\"\n"
    "      - id: heures\n"
    "        type: number\n"
    "        text: \"Heures\"\n"
    "        when: \"travaille == 1\"\n"
    "      - id: fatigue\n"
    "        type: single\n"
    "        text: \"Fatigue\"\n"
    YN
    "        when: \"heures > 35\"\n"
    "      - id: total\n"
    "        type: number\n"
    "        text: \"Heures totales, {heures} au travail\"\n"
    "        checks:\n"
    "          - expr: \"total >= heures\"\n"
    "            message: \"Moins que {heures} heures.\"\n"
    "      - id: nb\n"
    "        type: number\n"
    "        text: \"Nb\"\n"
    "      - repeat: membres\n"
    "        count: \"nb\"\n"
    "        max: 5\n"
    "        questions:\n"
    "          - id: mb_age\n"
    "            type: number\n"
    "            text: \"Âge {n}\"\n"
    "      - id: fin\n"
    "        type: single\n"
    "        text: \"Fin\"\n"
    YN;

/* Re-routing: changed answers move later ones off the path, and back on, values kept. */
static void test_reroute(void)
{
	struct instrument *ins = load("reroute", reroute_yaml);
	struct engine *e;

	if (ins == NULL)
		return;
	e = start(ins, 1);
	say(e, "1");
	say(e, "boulanger");
	say(e, "40");
	say(e, "1");
	say(e, "50");
	UNIT_STREQ("reroute full route", route(e), "travaille metier heures fatigue total nb fin");
	UNIT_STREQ("reroute fill of an answer", fill(e, var(e, "total")->text),
	    "Heures totales, 40 au travail");
	UNIT_OK("reroute nothing off path", engine_offpath(e) == 0, "got %zu", engine_offpath(e));
	UNIT_OK("reroute back to travaille", engine_goto(e, "travaille", 0) == 0, "goto failed");
	UNIT_OK("reroute change to 2", say(e, "2") == VERDICT_OK, "%s", last);
	UNIT_STREQ("reroute later questions leave the route (and what hangs on them)", route(e),
	    "travaille total nb fin");
	UNIT_OK("reroute off path counted", engine_offpath(e) == 3, "got %zu", engine_offpath(e));
	UNIT_OK("reroute off path marked", offpath(e, "metier", 0) && offpath(e, "heures", 0) &&
	    offpath(e, "fatigue", 0) && !offpath(e, "total", 0), "marks %d %d %d %d",
	    offpath(e, "metier", 0), offpath(e, "heures", 0), offpath(e, "fatigue", 0),
	    offpath(e, "total", 0));
	UNIT_STREQ("reroute off-path value kept", text(e, "metier", 0), "boulanger");
	UNIT_OK("reroute off-path number kept", num(e, "heures", 0) == 40, "got %g",
	    num(e, "heures", 0));
	UNIT_STREQ("reroute advances to the next step on the route", here(e), "total");
	UNIT_STREQ("reroute off-path answer fills as missing", fill(e, var(e, "total")->text),
	    "Heures totales, \xe2\x80\xa6 au travail");
	UNIT_OK("reroute check on an off-path answer passes", try(e, "10") == VERDICT_OK, "%s",
	    last);
	UNIT_OK("reroute back to travaille again", engine_goto(e, "travaille", 0) == 0,
	    "goto failed");
	say(e, "1");
	UNIT_STREQ("reroute changing back restores the route", route(e),
	    "travaille metier heures fatigue total nb fin");
	UNIT_OK("reroute back on path", engine_offpath(e) == 0, "got %zu", engine_offpath(e));
	UNIT_STREQ("reroute restored text intact", text(e, "metier", 0), "boulanger");
	UNIT_OK("reroute restored numbers intact", num(e, "heures", 0) == 40 &&
	    num(e, "fatigue", 0) == 1 && num(e, "total", 0) == 50, "%g %g %g",
	    num(e, "heures", 0), num(e, "fatigue", 0), num(e, "total", 0));
	UNIT_STREQ("reroute restored: cursor on the next step", here(e), "metier");
	UNIT_OK("reroute frontier is nb", engine_frontier(e) == 5, "got %zu", engine_frontier(e));
	UNIT_OK("reroute goto the frontier", engine_goto(e, "nb", 0) == 0, "goto failed");
	say(e, "3");
	say(e, "30");
	say(e, "31");
	say(e, "32");
	UNIT_STREQ("reroute roster of 3", route(e),
	    "travaille metier heures fatigue total nb mb_age#1 mb_age#2 mb_age#3 fin");
	engine_goto(e, "nb", 0);
	say(e, "1");
	UNIT_STREQ("reroute roster shrinks", route(e),
	    "travaille metier heures fatigue total nb mb_age#1 fin");
	UNIT_OK("reroute dropped instances off path", engine_offpath(e) == 2 &&
	    offpath(e, "mb_age", 2) && offpath(e, "mb_age", 3) && !offpath(e, "mb_age", 1),
	    "got %zu", engine_offpath(e));
	engine_goto(e, "nb", 0);
	say(e, "3");
	UNIT_OK("reroute instances back with values", engine_offpath(e) == 0 &&
	    num(e, "mb_age", 2) == 31 && num(e, "mb_age", 3) == 32, "off %zu, %g %g",
	    engine_offpath(e), num(e, "mb_age", 2), num(e, "mb_age", 3));
	UNIT_STREQ("reroute roster restored", route(e),
	    "travaille metier heures fatigue total nb mb_age#1 mb_age#2 mb_age#3 fin");
	engine_free(e);
	instrument_free(ins);
}

static const char computed_yaml[] = HEAD
    "  - id: a\n"
    "    title: \"A\"\n"
    "    questions:\n"
    "      - id: age\n"
    "        type: number\n"
    "        text: \"Âge\"\n"
    "      - id: age_band\n"
    "        type: computed\n"
    "        expr: \"if(age < 30, 1, if(age < 60, 2, 3))\"\n"
    "        options: {1: \"15-29\", 2: \"30-59\", 3: \"60+\"}\n"
    "      - id: jeune\n"
    "        type: single\n"
    "        text: \"Jeune\"\n"
    YN
    "        when: \"age_band == 1\"\n"
    "      - id: senior\n"
    "        type: single\n"
    "        text: \"Senior\"\n"
    YN
    "        when: \"age_band == 3\"\n"
    "      - id: tranche\n"
    "        type: info\n"
    "        text: \"Tranche {age_band}\"\n";

/* Computed variables: evaluated while routing, used by later `when`, never on the route. */
static void test_computed(void)
{
	struct instrument *ins = load("computed", computed_yaml);
	struct engine *e;

	if (ins == NULL)
		return;
	e = start(ins, 1);
	say(e, "25");
	UNIT_OK("computed band 1", num(e, "age_band", 0) == 1, "got %g", num(e, "age_band", 0));
	UNIT_STREQ("computed drives when (young)", route(e), "age jeune tranche");
	engine_back(e);
	say(e, "45");
	UNIT_OK("computed re-evaluated on change", num(e, "age_band", 0) == 2, "got %g",
	    num(e, "age_band", 0));
	UNIT_STREQ("computed band 2 route", route(e), "age tranche");
	UNIT_STREQ("computed fill shows its label", fill(e, var(e, "tranche")->text),
	    "Tranche 30-59");
	engine_goto(e, "age", 0);
	say(e, "75");
	UNIT_STREQ("computed drives when (senior)", route(e), "age senior tranche");
	UNIT_OK("computed never off path", engine_offpath(e) == 0, "got %zu", engine_offpath(e));
	engine_free(e);
	/* DK and RF carry through: an age not known is no age band, and opens neither branch. */
	e = start(ins, 1);
	say_missing(e, V_DK);
	UNIT_OK("computed from DK is DK", engine_value(e, var(e, "age_band"), 0).kind == V_DK,
	    "got kind %d", (int)engine_value(e, var(e, "age_band"), 0).kind);
	UNIT_STREQ("computed DK opens no branch", route(e), "age tranche");
	engine_back(e);
	say_missing(e, V_RF);
	UNIT_OK("computed from RF is RF", engine_value(e, var(e, "age_band"), 0).kind == V_RF,
	    "got kind %d", (int)engine_value(e, var(e, "age_band"), 0).kind);
	engine_free(e);
	instrument_free(ins);
}

static const char checks_yaml[] = HEAD
    "  - id: a\n"
    "    title: \"A\"\n"
    "    questions:\n"
    "      - id: age\n"
    "        type: number\n"
    "        text: \"Âge\"\n"
    "      - id: annees\n"
    "        type: number\n"
    "        text: \"Années\"\n"
    "        decimals: 1\n"
    "        checks:\n"
    "          - expr: \"annees <= age\"\n"
    "            message: \"Plus d'années ({annees}) que l'âge ({age}).\"\n"
    "      - id: nb\n"
    "        type: number\n"
    "        text: \"Nb\"\n"
    "        checks:\n"
    "          - expr: \"nb < 10\"\n"
    "            message: \"Ménage de {nb} personnes : confirmer.\"\n"
    "            soft: true\n"
    "          - expr: \"nb < 50\"\n"
    "            message: \"Impossible.\"\n";

/* Checks: hard ones refuse with their filled message, soft ones ask, missing ones pass. */
static void test_checks(void)
{
	struct instrument *ins = load("checks", checks_yaml);
	struct engine *e;

	if (ins == NULL)
		return;
	e = start(ins, 1);
	say(e, "30");
	UNIT_OK("checks hard refuses", try(e, "40") == VERDICT_REFUSED, "verdict %s", last);
	UNIT_STREQ("checks hard message filled", last, "Plus d'années (40) que l'âge (30).");
	UNIT_OK("checks hard ignores confirmation", type_in(e, "40", 1, 0) == VERDICT_REFUSED,
	    "%s", last);
	UNIT_OK("checks hard decimal fill", try(e, "30,5") == VERDICT_REFUSED, "%s", last);
	UNIT_STREQ("checks hard decimal fill message", last, "Plus d'années (30,5) que l'âge (30).");
	UNIT_OK("checks refused answer not stored", kind(e, "annees", 0) == V_NONE, "kind %d",
	    kind(e, "annees", 0));
	UNIT_OK("checks hard passes", say(e, "30") == VERDICT_OK && last[0] == '\0', "%s", last);
	UNIT_STREQ("checks hard passes: moved on", here(e), "nb");
	UNIT_OK("checks soft asks", say(e, "12") == VERDICT_SOFT, "%s", last);
	UNIT_STREQ("checks soft message filled", last, "Ménage de 12 personnes : confirmer.");
	UNIT_STREQ("checks soft not stored", here(e), "nb");
	UNIT_OK("checks soft confirmed", type_in(e, "12", 1, 1) == VERDICT_OK, "%s", last);
	UNIT_OK("checks soft confirmed stored", num(e, "nb", 0) == 12, "got %g", num(e, "nb", 0));
	engine_back(e);
	UNIT_OK("checks hard after soft confirmed", type_in(e, "60", 1, 0) == VERDICT_REFUSED,
	    "%s", last);
	UNIT_STREQ("checks hard after soft message", last, "Impossible.");
	UNIT_OK("checks DK answer skips checks", say_missing(e, V_DK) == VERDICT_OK, "%s", last);
	engine_free(e);

	e = start(ins, 1);
	say_missing(e, V_DK);
	UNIT_OK("checks referenced DK passes", say(e, "99") == VERDICT_OK, "%s", last);
	engine_free(e);
	e = start(ins, 1);
	say_missing(e, V_RF);
	UNIT_OK("checks referenced RF passes", say(e, "99") == VERDICT_OK, "%s", last);
	engine_free(e);
	instrument_free(ins);
}

static const char term_yaml[] = HEAD
    "  - id: a\n"
    "    title: \"A\"\n"
    "    questions:\n"
    "      - id: consent\n"
    "        type: single\n"
    "        text: \"Acceptez-vous ?\"\n"
    YN
    "        dk: false\n"
    "        rf: false\n"
    "        terminate:\n"
    "          - when: \"consent == 2\"\n"
    "            outcome: refusal\n"
    "            message: \"Remercier et raccrocher.\"\n"
    "      - id: age\n"
    "        type: number\n"
    "        text: \"Âge\"\n"
    "        terminate:\n"
    "          - when: \"age < 15\"\n"
    "            outcome: ineligible\n"
    "      - id: q\n"
    "        type: single\n"
    "        text: \"Q\"\n"
    YN;

/* Terminate rules screen out with their outcome; DK/RF permission per question. */
static void test_terminate(void)
{
	struct instrument *ins = load("terminate", term_yaml);
	struct engine *e;

	if (ins == NULL)
		return;
	e = start(ins, 1);
	UNIT_OK("terminate dk: false refuses DK", say_missing(e, V_DK) == VERDICT_REFUSED, "%s",
	    last);
	UNIT_STREQ("terminate dk: false message", last, "« Ne sait pas » n'est pas accepté ici.");
	UNIT_OK("terminate rf: false refuses RF", say_missing(e, V_RF) == VERDICT_REFUSED, "%s",
	    last);
	UNIT_STREQ("terminate rf: false message", last, "« Refus » n'est pas accepté ici.");
	say(e, "2");
	UNIT_OK("terminate screened out", e->state == ENGINE_SCREENED_OUT, "state %d", e->state);
	UNIT_OK("terminate outcome refusal", e->ended_by != NULL &&
	    e->ended_by->outcome == OUT_REFUSAL, "ended_by %p", (const void *)e->ended_by);
	UNIT_STREQ("terminate message", e->ended_by != NULL ? e->ended_by->message : NULL,
	    "Remercier et raccrocher.");
	UNIT_STREQ("terminate stays on the question", here(e), "consent");
	say(e, "1");
	UNIT_OK("terminate corrected answer resumes", e->state == ENGINE_ACTIVE &&
	    e->ended_by == NULL, "state %d", e->state);
	UNIT_STREQ("terminate corrected: next question", here(e), "age");
	UNIT_OK("terminate age DK allowed and not terminating", say_missing(e, V_DK) == VERDICT_OK &&
	    e->state == ENGINE_ACTIVE, "state %d", e->state);
	engine_back(e);
	say(e, "12");
	UNIT_OK("terminate ineligible", e->state == ENGINE_SCREENED_OUT && e->ended_by != NULL &&
	    e->ended_by->outcome == OUT_INELIGIBLE, "state %d", e->state);
	engine_free(e);
	e = start(ins, 1);
	say(e, "1");
	say(e, "20");
	UNIT_OK("terminate not triggered", e->state == ENGINE_ACTIVE && e->ended_by == NULL,
	    "state %d", e->state);
	say_missing(e, V_RF);
	UNIT_OK("terminate RF allowed by default completes", e->state == ENGINE_COMPLETE &&
	    kind(e, "q", 0) == V_RF, "state %d", e->state);
	engine_free(e);
	instrument_free(ins);
}

static const char valid_yaml[] = HEAD
    "  - id: a\n"
    "    title: \"A\"\n"
    "    questions:\n"
    "      - id: s1\n"
    "        type: single\n"
    "        text: \"S1\"\n"
    "        options: {1: \"Oui\", 2: \"Non\", 9: \"Autre\"}\n"
    "      - id: m1\n"
    "        type: multi\n"
    "        text: \"M1\"\n"
    "        options: {1: \"Courriels\", 2: \"Démarches\", 3: \"Réseaux\", 9: \"Aucun\"}\n"
    "        exclusive: [9]\n"
    "        min_choices: 2\n"
    "      - id: n1\n"
    "        type: number\n"
    "        text: \"N1\"\n"
    "        min: 0\n"
    "        max: 100\n"
    "      - id: n2\n"
    "        type: number\n"
    "        text: \"N2\"\n"
    "        min: 0\n"
    "        decimals: 1\n"
    "      - id: n3\n"
    "        type: number\n"
    "        text: \"N3\"\n"
    "        max: 10\n"
    "        decimals: 2\n"
    "      - id: d1\n"
    "        type: date\n"
    "        text: \"D1\"\n"
    "      - id: t1\n"
    "        type: text\n"
    "        text: \"T1\"\n"
    "        max_length: 5\n";

/* Verdict, and message, of text typed at question id; "ok" when accepted. */
static const char *verdict(struct engine *e, const char *id, const char *t)
{
	static char s[600];
	int r;

	seek(e, id, 0);
	r = try(e, t);
	if (r == VERDICT_OK)
		return "ok";
	snprintf(s, sizeof s, "%s: %s", r == PARSE_FAILED ? "parse" : r == VERDICT_SOFT ? "soft" :
	    "refused", last);
	return s;
}

/* Parses t at question id and returns the stored text of the value ("(error)" when refused). */
static const char *parsed_text(struct engine *e, const char *id, const char *t)
{
	seek(e, id, 0);
	if (say(e, t) != VERDICT_OK)
		return "(error)";
	return text(e, id, 0);
}

/* Single and multi codes. */
static void test_codes(struct engine *e)
{
	struct value v = { V_NUM, 1.5, NULL, NULL, 0 };
	long c19[] = { 1, 9 };
	struct value m = { V_MULTI, 0, NULL, c19, 2 };

	UNIT_STREQ("single known code", verdict(e, "s1", "9"), "ok");
	UNIT_STREQ("single blanks trimmed", verdict(e, "s1", " 2 \n"), "ok");
	UNIT_STREQ("single unknown code", verdict(e, "s1", "4"),
	    "refused: Code 4 inconnu : choisir parmi 1, 2, 9.");
	UNIT_STREQ("single not a code", verdict(e, "s1", "oui"), "parse: « oui » n'est pas un code.");
	UNIT_STREQ("single empty", verdict(e, "s1", "  "), "parse: Réponse vide.");
	seek(e, "s1", 0);
	UNIT_OK("single fractional code refused", offer(e, &v, 0, 0) == VERDICT_REFUSED, "%s", last);
	UNIT_OK("single DK allowed by default", say_missing(e, V_DK) == VERDICT_OK &&
	    kind(e, "s1", 0) == V_DK, "%s", last);
	UNIT_STREQ("multi two codes", verdict(e, "m1", "1,3"), "ok");
	UNIT_STREQ("multi spaces and semicolons", verdict(e, "m1", "3 1;2"), "ok");
	seek(e, "m1", 0);
	say(e, "3, 1");
	UNIT_OK("multi codes stored sorted", engine_value(e, var(e, "m1"), 0).ncodes == 2 &&
	    engine_value(e, var(e, "m1"), 0).codes[0] == 1 &&
	    engine_value(e, var(e, "m1"), 0).codes[1] == 3, "ncodes %zu",
	    engine_value(e, var(e, "m1"), 0).ncodes);
	UNIT_STREQ("multi exclusive alone", verdict(e, "m1", "9"), "ok");
	UNIT_STREQ("multi exclusive combined", verdict(e, "m1", "1,9"),
	    "refused: « Aucun » ne se combine pas avec d'autres réponses.");
	seek(e, "m1", 0);
	UNIT_OK("multi exclusive combined as a value", offer(e, &m, 0, 0) == VERDICT_REFUSED, "%s",
	    last);
	UNIT_STREQ("multi min_choices", verdict(e, "m1", "2"),
	    "refused: Au moins 2 réponses sont attendues.");
	UNIT_STREQ("multi duplicate code", verdict(e, "m1", "1,3,1"),
	    "parse: Le code 1 est donné deux fois.");
	UNIT_STREQ("multi unknown code", verdict(e, "m1", "1,4"),
	    "refused: Code 4 inconnu : choisir parmi 1, 2, 3, 9.");
	UNIT_STREQ("multi garbage", verdict(e, "m1", "1,a"),
	    "parse: Codes attendus, séparés par des virgules (ex. 1,3).");
	UNIT_STREQ("multi only separators", verdict(e, "m1", ",;"),
	    "parse: Au moins un code est attendu.");
}

/* Numbers: range, decimals, decimal comma. */
static void test_numbers(struct engine *e)
{
	UNIT_STREQ("number in range", verdict(e, "n1", "100"), "ok");
	UNIT_STREQ("number above range", verdict(e, "n1", "101"),
	    "refused: Valeur hors limites : entre 0 et 100.");
	UNIT_STREQ("number below range", verdict(e, "n1", "-1"),
	    "refused: Valeur hors limites : entre 0 et 100.");
	UNIT_STREQ("number decimals 0 refuses 12,5", verdict(e, "n1", "12,5"),
	    "refused: Nombre entier attendu.");
	UNIT_STREQ("number not a number", verdict(e, "n1", "douze"),
	    "parse: « douze » n'est pas un nombre.");
	UNIT_STREQ("number two commas quoted as typed", verdict(e, "n1", "1,2,3"),
	    "parse: « 1,2,3 » n'est pas un nombre.");
	UNIT_STREQ("number no inf", verdict(e, "n1", "inf"), "parse: « inf » n'est pas un nombre.");
	UNIT_STREQ("number min only", verdict(e, "n2", "-0,5"),
	    "refused: Valeur trop petite : au moins 0.");
	UNIT_STREQ("number max only", verdict(e, "n3", "10,01"),
	    "refused: Valeur trop grande : au plus 10.");
	UNIT_STREQ("number one decimal too many", verdict(e, "n2", "12,55"),
	    "refused: 1 décimale au plus.");
	UNIT_STREQ("number two decimals too many", verdict(e, "n3", "1,234"),
	    "refused: 2 décimales au plus.");
	UNIT_STREQ("number two decimals ok", verdict(e, "n3", "1,23"), "ok");
	seek(e, "n2", 0);
	UNIT_OK("number decimal comma parsed", say(e, "12,5") == VERDICT_OK &&
	    num(e, "n2", 0) == 12.5, "got %g (%s)", num(e, "n2", 0), last);
	seek(e, "n2", 0);
	UNIT_OK("number decimal point parsed", say(e, "7.5") == VERDICT_OK && num(e, "n2", 0) == 7.5,
	    "got %g (%s)", num(e, "n2", 0), last);
}

/* Dates and texts. */
static void test_dates_texts(struct engine *e)
{
	UNIT_STREQ("date JJ/MM/AAAA stored ISO", parsed_text(e, "d1", "15/03/2020"), "2020-03-15");
	UNIT_STREQ("date YYYY-MM-DD accepted", parsed_text(e, "d1", "2019-12-31"), "2019-12-31");
	UNIT_STREQ("date 31/02/2020 refused", verdict(e, "d1", "31/02/2020"),
	    "parse: La date 31/02/2020 n'existe pas.");
	UNIT_STREQ("date leap day 2020", verdict(e, "d1", "29/02/2020"), "ok");
	UNIT_STREQ("date no leap day 2019", verdict(e, "d1", "29/02/2019"),
	    "parse: La date 29/02/2019 n'existe pas.");
	UNIT_STREQ("date no leap day 1900", verdict(e, "d1", "1900-02-29"),
	    "parse: La date 29/02/1900 n'existe pas.");
	UNIT_STREQ("date month 13", verdict(e, "d1", "01/13/2020"),
	    "parse: La date 01/13/2020 n'existe pas.");
	UNIT_STREQ("date bad format", verdict(e, "d1", "2020/03/15"),
	    "parse: Date attendue au format JJ/MM/AAAA.");
	UNIT_STREQ("date trailing garbage", verdict(e, "d1", "15/03/2020x"),
	    "parse: Date attendue au format JJ/MM/AAAA.");
	UNIT_STREQ("text within max_length", parsed_text(e, "t1", "  abc "), "abc");
	UNIT_STREQ("text max_length counts characters", verdict(e, "t1", "Élisé"), "ok");
	UNIT_STREQ("text accented too long", verdict(e, "t1", "Émilie"),
	    "refused: Texte trop long : 5 caractères au plus.");
	UNIT_STREQ("text ascii too long", verdict(e, "t1", "abcdef"),
	    "refused: Texte trop long : 5 caractères au plus.");
	UNIT_STREQ("text blank", verdict(e, "t1", " \t"), "parse: Réponse vide.");
}

/* Validation of each type. */
static void test_validate(void)
{
	struct instrument *ins = load("validate", valid_yaml);
	struct engine *e;

	if (ins == NULL)
		return;
	e = start(ins, 1);
	test_codes(e);
	test_numbers(e);
	test_dates_texts(e);
	engine_free(e);
	instrument_free(ins);
}

static const char fill_yaml[] =
    "survey:\n"
    "  id: t\n"
    "  title: \"T\"\n"
    "frame:\n"
    "  - id: quartier\n"
    "    type: single\n"
    "    options: {1: \"Champratel\", 2: \"Les Vergnes\"}\n"
    "themes:\n"
    "  - id: a\n"
    "    title: \"A\"\n"
    "    questions:\n"
    "      - id: sexe\n"
    "        type: single\n"
    "        text: \"Sexe\"\n"
    "        options: {1: \"Homme\", 2: \"Femme\"}\n"
    "      - id: usages\n"
    "        type: multi\n"
    "        text: \"Usages\"\n"
    "        options: {1: \"Courriels\", 2: \"Démarches\", 3: \"Réseaux sociaux\"}\n"
    "      - id: taille\n"
    "        type: number\n"
    "        text: \"Taille\"\n"
    "        decimals: 2\n"
    "      - id: arrivee\n"
    "        type: date\n"
    "        text: \"Arrivée\"\n"
    "      - id: nom\n"
    "        type: text\n"
    "        text: \"Nom\"\n"
    "      - repeat: enfants\n"
    "        count: \"2\"\n"
    "        max: 3\n"
    "        title: \"Enfant {n}\"\n"
    "        questions:\n"
    "          - id: e_prenom\n"
    "            type: text\n"
    "            text: \"Prénom de l'enfant {n} de {nom} ?\"\n";

/* Fills: labels, numbers with a decimal comma, dates, {n}, missing values. */
static void test_fill(void)
{
	struct instrument *ins = load("fill", fill_yaml);
	struct value q2 = { V_NUM, 2, NULL, NULL, 0 };
	struct engine *e;

	if (ins == NULL)
		return;
	e = start(ins, 1);
	UNIT_STREQ("fill unanswered shows an ellipsis", fill(e, "[{sexe}]"), "[\xe2\x80\xa6]");
	engine_put(e, var(e, "quartier"), 0, &q2);
	UNIT_STREQ("fill frame variable label", fill(e, "{quartier}"), "Les Vergnes");
	say(e, "2");
	UNIT_STREQ("fill single label", fill(e, "Vous êtes une {sexe}."), "Vous êtes une Femme.");
	say(e, "3,1");
	UNIT_STREQ("fill multi labels joined", fill(e, "{usages}"), "Courriels, Réseaux sociaux");
	say(e, "1,75");
	UNIT_STREQ("fill number with a decimal comma", fill(e, "{taille} m"), "1,75 m");
	say(e, "2020-03-15");
	UNIT_STREQ("fill date as JJ/MM/AAAA", fill(e, "{arrivee}"), "15/03/2020");
	say_missing(e, V_DK);
	UNIT_STREQ("fill DK shows an ellipsis", fill(e, "{nom}"), "\xe2\x80\xa6");
	engine_back(e);
	say(e, "Dupont");
	UNIT_STREQ("fill {n} and an answer in a roster", fill(e, var(e, "e_prenom")->text),
	    "Prénom de l'enfant 1 de Dupont ?");
	say(e, "Léa");
	UNIT_STREQ("fill {n} second instance", fill(e, var(e, "e_prenom")->text),
	    "Prénom de l'enfant 2 de Dupont ?");
	UNIT_STREQ("fill roster answer at its instance", fill(e, "{e_prenom}"), "\xe2\x80\xa6");
	e->interviewer = "Camille";
	UNIT_STREQ("fill interviewer and braces", fill(e, "{interviewer} {{x}}"), "Camille {x}");
	engine_back(e);
	UNIT_STREQ("fill roster answer at its own instance", fill(e, "{e_prenom}"), "Léa");
	engine_free(e);
	instrument_free(ins);
}

static const char random_yaml[] = HEAD
    "  - id: a\n"
    "    title: \"A\"\n"
    "    questions:\n"
    "      - id: r1\n"
    "        type: single\n"
    "        text: \"R1\"\n"
    "        randomize: true\n"
    "        options: {1: \"a\", 2: \"b\", 3: \"c\", 4: \"d\", 5: \"e\", 6: \"f\"}\n"
    "      - id: r2\n"
    "        type: multi\n"
    "        text: \"R2\"\n"
    "        randomize: true\n"
    "        options: {1: \"a\", 2: \"b\", 3: \"c\", 4: \"d\", 5: \"e\", 9: \"Aucun\"}\n"
    "        exclusive: [9]\n"
    "      - id: r3\n"
    "        type: single\n"
    "        text: \"R3\"\n"
    "        options: {1: \"a\", 2: \"b\", 3: \"c\", 4: \"d\", 5: \"e\", 6: \"f\"}\n";

/* The option order of id under seed, as a string of indexes. */
static const char *order(const struct instrument *ins, const char *id, uint64_t seed)
{
	static char s[64];
	struct engine *e = engine_new(ins, seed);
	size_t o[6], i, n = 0;

	memset(o, 0xff, sizeof o);
	engine_option_order(e, var(e, id), o);
	for (i = 0; i < 6; i++)
		n += (size_t)snprintf(s + n, sizeof s - n, "%zu", o[i] < 100 ? o[i] : 99);
	engine_free(e);
	return s;
}

/* 1 if s holds each digit of 0..n-1 exactly once in its first n places. */
static int is_permutation(const char *s, size_t n)
{
	size_t i;
	int seen[10] = { 0 };

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] - '0' >= (int)n || seen[s[i] - '0']++)
			return 0;
	}
	return 1;
}

/* Option randomisation: a seeded permutation, exclusive codes last, identity without it. */
static void test_random(void)
{
	struct instrument *ins = load("random", random_yaml);
	char first[64];
	uint64_t seed;
	int differs = 0, perms = 1, excl_last = 1, shuffled = 0;

	if (ins == NULL)
		return;
	snprintf(first, sizeof first, "%s", order(ins, "r1", 42));
	UNIT_OK("random is a permutation", is_permutation(first, 6), "got %s", first);
	UNIT_STREQ("random same seed same order", order(ins, "r1", 42), first);
	for (seed = 1; seed <= 50; seed++) {
		const char *o = order(ins, "r1", seed);

		differs += strcmp(o, first) != 0;
		perms &= is_permutation(o, 6);
		o = order(ins, "r2", seed);
		perms &= is_permutation(o, 6);
		excl_last &= o[5] == '5';
		shuffled += strncmp(o, "01234", 5) != 0;
	}
	UNIT_OK("random another seed differs", differs > 0, "all 50 seeds gave %s", first);
	UNIT_OK("random permutations for every seed", perms, "a seed gave no permutation");
	UNIT_OK("random exclusive code stays last", excl_last, "an exclusive code moved");
	UNIT_OK("random multi shuffled too", shuffled > 0, "r2 never shuffled");
	UNIT_STREQ("random off: identity", order(ins, "r3", 42), "012345");
	UNIT_STREQ("random off: identity for another seed", order(ins, "r3", 7), "012345");
	instrument_free(ins);
}

int main(void)
{
	test_linear();
	test_complete();
	test_when();
	test_roster();
	test_reroute();
	test_computed();
	test_checks();
	test_terminate();
	test_validate();
	test_fill();
	test_random();
	UNIT_END();
}

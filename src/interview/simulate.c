/* Random respondents: answers drawn from each question's valid range, typed into the engine. */
#include "interview/simulate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interview/engine.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define SIM_DRAWS		100	/* answers offered to one step before giving up */
#define SIM_PCT_DK		3	/* of answers, where the question allows it */
#define SIM_PCT_RF		3
#define SIM_PCT_CONFIRM		50	/* of soft warnings, confirmed, not redrawn */
#define SIM_PCT_BACK		5	/* of accepted answers, followed by going back */
#define SIM_PCT_NO_FRAME	5	/* of frame values, left empty as in a patchy sample */
#define SIM_STEPS_PER_VAR	20	/* most steps per respondent, per variable */
#define SIM_EVENTS_KEPT		20	/* events of each kind kept for the report */

/* Texts typed into text questions. */
static const char *const simulate_words[] = {
	"bonjour", "quartier", "marché", "école", "voisin", "jardin", "boulangerie",
	"médiathèque", "tramway", "piscine", "mairie", "gymnase", "café", "square",
	"épicerie", "pharmacie"
};

/* The state of the respondent being driven. */
struct sim_run {
	struct sim *s;
	struct engine *e;
	uint64_t rng;
	size_t respondent;	/* from 1 */
	struct buf typed;	/* the answer as the interviewer would type it */
	size_t *pick;		/* option indexes, for drawing subsets */
};

/* splitmix64: small, fast and well mixed; one stream per respondent keeps runs reproducible. */
static uint64_t simulate_mix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A whole number drawn uniformly below n (0 when n is 0). */
static size_t simulate_below(struct sim_run *r, size_t n)
{
	return n == 0 ? 0 : (size_t)(simulate_mix(&r->rng) % n);
}

/* A number drawn uniformly from [0, 1). */
static double simulate_unit(struct sim_run *r)
{
	return (double)(simulate_mix(&r->rng) >> 11) * 0x1.0p-53;
}

/* 1 with probability pct in 100. */
static int simulate_percent(struct sim_run *r, int pct)
{
	return simulate_below(r, 100) < (size_t)pct;
}

int simulate_counted(const struct question *q)
{
	return q->number > 0;
}

/* Records a line for the report; only the first few of each kind are kept. */
static void simulate_event(struct sim_run *r, enum sim_kind kind, const struct step *st,
    char *detail)
{
	struct sim *s = r->s;
	size_t seen = kind == SIM_STUCK ? s->stuck : kind == SIM_STEP_LIMIT ? s->step_limit :
	    kind == SIM_BROKEN ? s->broken : s->anomalies;
	struct sim_event *ev;

	if (seen > SIM_EVENTS_KEPT) {
		free(detail);
		return;
	}
	if (s->nevents == s->eventcap) {
		s->eventcap = s->eventcap ? s->eventcap * 2 : 16;
		s->events = xreallocarray(s->events, s->eventcap, sizeof *s->events);
	}
	ev = &s->events[s->nevents++];
	ev->kind = kind;
	ev->respondent = r->respondent;
	ev->q = st->q;
	ev->instance = st->instance;
	ev->detail = detail;
}

/* Counts a disagreement of the engine with itself or with this file. */
static void simulate_anomaly(struct sim_run *r, const struct step *st, char *detail)
{
	r->s->anomalies++;
	simulate_event(r, SIM_ANOMALY, st, detail);
}

/* 1 if code is one of q's exclusive codes. */
static int simulate_exclusive(const struct question *q, long code)
{
	size_t i;

	for (i = 0; i < q->nexclusive; i++)
		if (q->exclusive[i] == code)
			return 1;
	return 0;
}

/* A random non-empty set of codes: one exclusive code alone, or at least min_choices others. */
static void simulate_type_multi(struct sim_run *r, const struct question *q)
{
	const struct optlist *o = q->options;
	size_t i, j, k, lo, n = 0, t;

	for (i = 0; i < o->n; i++)
		if (!simulate_exclusive(q, o->v[i].code))
			r->pick[n++] = i;
	if (n == 0 || (q->min_choices <= 1 && simulate_below(r, o->n) < q->nexclusive)) {
		buf_addf(&r->typed, "%ld", q->exclusive[simulate_below(r, q->nexclusive)]);
		return;
	}
	lo = q->min_choices > 1 ? (size_t)q->min_choices : 1;
	if (lo > n)
		lo = n;
	k = lo + simulate_below(r, n - lo + 1);
	for (i = 0; i < k; i++) {
		j = i + simulate_below(r, n - i);
		t = r->pick[i];
		r->pick[i] = r->pick[j];
		r->pick[j] = t;
		buf_addf(&r->typed, "%s%ld", i > 0 ? "," : "", o->v[r->pick[i]].code);
	}
}

/* A number drawn uniformly from q's range (0 to 100 where a bound is missing), in q's decimals. */
static double simulate_number(struct sim_run *r, const struct question *q)
{
	double lo = q->has_min ? q->min : 0, hi = q->has_max ? q->max : 100;
	double scale = pow(10, q->decimals), klo, khi;

	if (lo > hi && q->has_min)
		hi = lo + 100;
	else if (lo > hi)
		lo = hi - 100;
	klo = ceil(lo * scale - 1e-9);
	khi = floor(hi * scale + 1e-9);
	if (khi < klo)
		khi = klo;
	return (klo + floor(simulate_unit(r) * (khi - klo + 1))) / scale;
}

/* A real date from 1950 to 2025, typed in either of the two accepted forms. */
static void simulate_type_date(struct sim_run *r)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = 1950 + (int)simulate_below(r, 76), m = 1 + (int)simulate_below(r, 12), d, leap;

	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	d = 1 + (int)simulate_below(r, (size_t)(days[m - 1] + (m == 2 && leap)));
	if (simulate_below(r, 2) == 0)
		buf_addf(&r->typed, "%04d-%02d-%02d", y, m, d);
	else
		buf_addf(&r->typed, "%02d/%02d/%04d", d, m, y);
}

/* A short French word that fits q's length limit. */
static const char *simulate_word(struct sim_run *r, const struct question *q)
{
	size_t n = sizeof simulate_words / sizeof simulate_words[0];
	const char *w = simulate_words[simulate_below(r, n)];

	if (q->max_length > 0 && utf8_chars(w, strlen(w)) > (size_t)q->max_length)
		return "x";
	return w;
}

/* Types a random valid answer to q into r->typed. */
static void simulate_type(struct sim_run *r, const struct question *q)
{
	buf_reset(&r->typed);
	switch (q->type) {
	case Q_SINGLE:
		buf_addf(&r->typed, "%ld", q->options->v[simulate_below(r, q->options->n)].code);
		break;
	case Q_MULTI:
		simulate_type_multi(r, q);
		break;
	case Q_NUMBER:
		buf_addf(&r->typed, "%.*f", q->decimals, simulate_number(r, q));
		break;
	case Q_DATE:
		simulate_type_date(r);
		break;
	default:
		buf_adds(&r->typed, simulate_word(r, q));
		break;
	}
}

/* Gives the frame variables values, as the sample file would; a few stay empty. */
static void simulate_frame(struct sim_run *r)
{
	const struct instrument *ins = r->s->ins;
	struct value v;
	size_t i;

	for (i = 0; i < ins->nframe; i++) {
		const struct question *q = ins->frame[i];

		if (simulate_percent(r, SIM_PCT_NO_FRAME))
			continue;
		memset(&v, 0, sizeof v);
		v.kind = V_NUM;
		if (q->type == Q_SINGLE)
			v.num = (double)q->options->v[simulate_below(r, q->options->n)].code;
		else if (q->type == Q_NUMBER)
			v.num = simulate_number(r, q);
		else {
			v.kind = V_TEXT;
			v.text = simulate_word(r, q);
		}
		engine_put(r->e, q, 0, &v);
	}
}

/* "don't know" or "refused" as the engine stores them. */
static struct value simulate_missing(const struct instrument *ins, enum vkind kind)
{
	struct value v;

	memset(&v, 0, sizeof v);
	v.kind = kind;
	v.num = (double)(kind == V_DK ? ins->dk_code : ins->rf_code);
	return v;
}

/* Draws an answer for st: DK or RF now and then, else a typed answer parsed by the engine. */
static int simulate_draw(struct sim_run *r, const struct step *st, struct value *v)
{
	char *msg;

	if (st->q->dk && simulate_percent(r, SIM_PCT_DK)) {
		*v = simulate_missing(r->s->ins, V_DK);
		return 0;
	}
	if (st->q->rf && simulate_percent(r, SIM_PCT_RF)) {
		*v = simulate_missing(r->s->ins, V_RF);
		return 0;
	}
	simulate_type(r, st->q);
	if (engine_parse(r->e, r->typed.s, v, &msg) == 0)
		return 0;
	simulate_anomaly(r, st, xasprintf("engine_parse refused '%s': %s", r->typed.s, msg));
	free(msg);
	return -1;
}

/* The name of a verdict, for anomaly lines. */
static const char *simulate_verdict_name(enum engine_verdict vd)
{
	return vd == VERDICT_OK ? "OK" : vd == VERDICT_SOFT ? "SOFT" : "REFUSED";
}

/* engine_validate, with the failing check counted and the verdict cross-checked. */
static enum engine_verdict simulate_validate(struct sim_run *r, const struct step *st,
    const struct value *v, int confirmed)
{
	const struct check *c = NULL;
	enum engine_verdict vd, want = VERDICT_OK;
	char *msg;

	vd = engine_validate(r->e, v, confirmed, &msg);
	if (v->kind != V_DK && v->kind != V_RF &&
	    (c = engine_check(r->e, st, v, confirmed, NULL)) != NULL) {
		r->s->vars[st->q->index].fired[c - st->q->checks]++;
		want = c->soft ? VERDICT_SOFT : VERDICT_REFUSED;
	}
	if (vd != want)
		simulate_anomaly(r, st, xasprintf("engine_validate gave %s for '%s', "
		    "expected %s: %s", simulate_verdict_name(vd), v->kind == V_DK ? "DK" :
		    v->kind == V_RF ? "RF" : r->typed.s, simulate_verdict_name(want),
		    msg != NULL ? msg : "no message"));
	free(msg);
	return vd;
}

/* Validates v, confirming a soft warning half the time; 0 when the engine takes it. */
static int simulate_offer(struct sim_run *r, const struct step *st, const struct value *v)
{
	enum engine_verdict vd = simulate_validate(r, st, v, 0);

	if (vd == VERDICT_SOFT && simulate_percent(r, SIM_PCT_CONFIRM))
		vd = simulate_validate(r, st, v, 1);
	return vd == VERDICT_OK ? 0 : -1;
}

/* Counts one choice of code among q's options. */
static void simulate_chose(struct sim_var *sv, const struct question *q, long code)
{
	size_t i;

	for (i = 0; i < q->options->n; i++)
		if (q->options->v[i].code == code)
			sv->chosen[i]++;
}

/* Stores v through the engine; counts the codes chosen and the rule that ended the interview. */
static void simulate_accept(struct sim_run *r, const struct step *st, const struct value *v)
{
	struct sim_var *sv = &r->s->vars[st->q->index];
	const struct terminate *t;
	size_t i;

	if (v->kind == V_NUM && st->q->type == Q_SINGLE)
		simulate_chose(sv, st->q, (long)v->num);
	for (i = 0; v->kind == V_MULTI && i < v->ncodes; i++)
		simulate_chose(sv, st->q, v->codes[i]);
	engine_accept(r->e, v);
	t = r->e->ended_by;
	if (r->e->state == ENGINE_SCREENED_OUT && t != NULL && t >= st->q->terms &&
	    t < st->q->terms + st->q->nterms)
		sv->met[t - st->q->terms]++;
}

/* Offers answers to the current step until the engine takes one; -1 when none will do. */
static int simulate_answer(struct sim_run *r, const struct step *st)
{
	struct value v;
	int i;

	for (i = 0; i < SIM_DRAWS; i++) {
		if (simulate_draw(r, st, &v) == 0 && simulate_offer(r, st, &v) == 0) {
			simulate_accept(r, st, &v);
			return 0;
		}
	}
	if (!st->q->dk && !st->q->rf)
		return -1;
	v = simulate_missing(r->s->ins, st->q->dk ? V_DK : V_RF);
	if (simulate_offer(r, st, &v) != 0)
		return -1;
	simulate_accept(r, st, &v);
	return 0;
}

/* Goes back one to three steps, as an interviewer correcting an answer; 1 if it moved. */
static int simulate_back(struct sim_run *r)
{
	size_t k = 1 + simulate_below(r, 3);
	int moved = 0;

	while (k-- > 0 && engine_back(r->e) == 0)
		moved = 1;
	return moved;
}

/* Counts a question as reached, once per respondent. */
static void simulate_reached(struct sim_run *r, const struct question *q)
{
	struct sim_var *sv = &r->s->vars[q->index];

	if (sv->stamp != r->respondent) {
		sv->stamp = r->respondent;
		sv->reached++;
	}
}

size_t simulate_count_words(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t n = 0;
	int in = 0, letter = 0;

	for (;; p++) {
		if (*p == '\0' || *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			n += in && letter;
			in = letter = 0;
			if (*p == '\0')
				return n;
			continue;
		}
		in = 1;
		/* ASCII letters and digits, and the lead bytes of accented Latin letters (U+00C0-U+03FF). */
		if ((*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') ||
		    (*p >= 0xc3 && *p <= 0xcf))
			letter = 1;
	}
}

/* 1 if the instruction tells the interviewer not to read the options ("Ne pas lire ..."). */
static int simulate_not_read(const char *instruction)
{
	static const char key[] = "ne pas lire";
	const char *p;
	size_t i;

	for (p = instruction; p != NULL && *p != '\0'; p++) {
		for (i = 0; key[i] != '\0' && (p[i] | 0x20) == key[i]; i++)
			;
		if (key[i] == '\0')
			return 1;
	}
	return 0;
}

size_t simulate_words_read(const struct engine *e, const struct step *st)
{
	const struct question *q = st->q;
	char *text = engine_fill(e, q->text, st);
	size_t i, n = simulate_count_words(text);

	free(text);
	if ((q->type == Q_SINGLE || q->type == Q_MULTI) && q->options != NULL &&
	    !simulate_not_read(q->instruction))
		for (i = 0; i < q->options->n; i++)
			n += simulate_count_words(q->options->v[i].label);
	return n;
}

/* Adds the respondent's outcome and the questions it was asked to the counts. */
static void simulate_tally(struct sim_run *r, int stopped)
{
	struct sim *s = r->s;
	const struct engine *e = r->e;
	int complete = !stopped && e->state != ENGINE_SCREENED_OUT;
	size_t i, asked = 0, words = 0, w, end = complete ? e->nroute : e->cur + 1;

	if (complete)
		s->complete++;
	else if (!stopped && e->ended_by != NULL)
		s->screened[e->ended_by->outcome]++;
	for (i = 0; i < end && i < e->nroute; i++) {
		const struct question *q = e->route[i].q;

		if (q->kind == K_ASKED && (q->type == Q_INFO || simulate_counted(q))) {
			w = simulate_words_read(e, &e->route[i]);
			words += w;
			s->vars[q->index].words += w;
			s->vars[q->index].asked++;
		}
		if (!simulate_counted(q))
			continue;
		asked++;
		if (q->theme != NULL)
			s->theme_asked[q->theme - s->ins->themes]++;
	}
	if (complete) {
		s->lengths[s->nlengths++] = asked;
		s->times[s->ntimes].words = words;
		s->times[s->ntimes++].answers = asked;
	}
}

/* The first terminate rule of st that holds over the stored answers, or -1. */
static int simulate_terminated(const struct engine *e, const struct step *st)
{
	struct expr_env env;
	size_t i;

	engine_env(e, st->instance, &env);
	for (i = 0; i < st->q->nterms; i++)
		if (st->q->terms[i].when != NULL && expr_test(st->q->terms[i].when, &env))
			return (int)i;
	return -1;
}

/* Validates again every answer of a completed interview: one kept after going back may fail. */
static void simulate_audit(struct sim_run *r)
{
	struct engine *e = r->e;
	const struct check *c;
	struct value v;
	struct step st;
	size_t i;
	char *msg;
	int t;

	for (i = 0; i < e->nroute; i++) {
		st = e->route[i];
		v = engine_value(e, st.q, st.instance);
		if (st.q->type == Q_INFO || v.kind == V_NONE)
			continue;
		engine_seek(e, st.q, st.instance);
		if (engine_validate(e, &v, 1, &msg) != VERDICT_OK) {
			c = engine_check(e, &st, &v, 1, NULL);
			r->s->broken++;
			simulate_event(r, SIM_BROKEN, &st, c == NULL ? xstrdup(msg) :
			    xasprintf("check %zu refuses it", (size_t)(c - st.q->checks) + 1));
		} else if ((t = simulate_terminated(e, &st)) >= 0) {
			r->s->broken++;
			simulate_event(r, SIM_BROKEN, &st, xasprintf("terminate %d (%s) holds",
			    t + 1, outcome_name(st.q->terms[t].outcome)));
		}
		free(msg);
	}
}

/* Stops the respondent at st for the report. */
static void simulate_stop(struct sim_run *r, enum sim_kind kind, const struct step *st,
    size_t steps)
{
	if (kind == SIM_STUCK) {
		r->s->stuck++;
		simulate_event(r, kind, st,
		    xasprintf("no answer accepted after %d draws", SIM_DRAWS));
	} else {
		r->s->step_limit++;
		simulate_event(r, kind, st, xasprintf("%zu steps without an end", steps));
	}
}

/* Takes one step: keeps an earlier answer, or answers, sometimes then going back to change one. */
static int simulate_step(struct sim_run *r, const struct step *st, int *change)
{
	if (st->q->type == Q_INFO || (!*change && engine_answered(r->e, st))) {
		(void)engine_next(r->e);
		return 0;
	}
	*change = 0;
	if (simulate_answer(r, st) != 0)
		return -1;
	if (r->e->state == ENGINE_ACTIVE && simulate_percent(r, SIM_PCT_BACK))
		*change = simulate_back(r);
	return 0;
}

/* Drives one respondent from the first step until the interview ends or has to be stopped. */
static void simulate_respondent(struct sim_run *r)
{
	size_t steps = 0, limit = SIM_STEPS_PER_VAR * r->s->ins->nvars;
	const struct step *cur;
	struct step st;
	int change = 0, stopped = 0;

	r->e = engine_new(r->s->ins, simulate_mix(&r->rng));
	simulate_frame(r);
	engine_route(r->e);
	engine_seek(r->e, NULL, 0);
	while (r->e->state == ENGINE_ACTIVE && (cur = engine_current(r->e)) != NULL) {
		st = *cur;
		if (++steps > limit) {
			simulate_stop(r, SIM_STEP_LIMIT, &st, limit);
			stopped = 1;
			break;
		}
		simulate_reached(r, st.q);
		if (simulate_step(r, &st, &change) != 0) {
			simulate_stop(r, SIM_STUCK, &st, steps);
			stopped = 1;
			break;
		}
	}
	if (!stopped && r->e->state == ENGINE_COMPLETE)
		simulate_audit(r);
	simulate_tally(r, stopped);
	engine_free(r->e);
	r->e = NULL;
}

void simulate_init(struct sim *s, const struct instrument *ins, uint64_t seed)
{
	size_t i;

	memset(s, 0, sizeof *s);
	s->ins = ins;
	s->seed = seed;
	s->theme_asked = xcalloc(ins->nthemes, sizeof *s->theme_asked);
	s->vars = xcalloc(ins->nvars, sizeof *s->vars);
	for (i = 0; i < ins->nvars; i++) {
		const struct question *q = ins->vars[i];
		struct sim_var *sv = &s->vars[i];

		sv->fired = xcalloc(q->nchecks, sizeof *sv->fired);
		sv->chosen = xcalloc(q->options != NULL ? q->options->n : 0, sizeof *sv->chosen);
		sv->met = xcalloc(q->nterms, sizeof *sv->met);
	}
}

/* Orders route lengths for the percentiles. */
static int simulate_cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

void simulate_run(struct sim *s, size_t n)
{
	struct sim_run r;
	size_t i, maxopts = 1;
	uint64_t x;

	memset(&r, 0, sizeof r);
	r.s = s;
	for (i = 0; i < s->ins->nvars; i++)
		if (s->ins->vars[i]->options != NULL && s->ins->vars[i]->options->n > maxopts)
			maxopts = s->ins->vars[i]->options->n;
	r.pick = xcalloc(maxopts, sizeof *r.pick);
	s->lengths = xreallocarray(s->lengths, s->nlengths + n, sizeof *s->lengths);
	s->times = xreallocarray(s->times, s->ntimes + n, sizeof *s->times);
	for (i = 0; i < n; i++) {
		r.respondent = ++s->respondents;
		x = s->seed + r.respondent * 0xd1b54a32d192ed03ULL;
		r.rng = simulate_mix(&x);
		simulate_respondent(&r);
	}
	qsort(s->lengths, s->nlengths, sizeof *s->lengths, simulate_cmp_size);
	buf_free(&r.typed);
	free(r.pick);
}

void simulate_free(struct sim *s)
{
	size_t i;

	for (i = 0; s->vars != NULL && i < s->ins->nvars; i++) {
		free(s->vars[i].fired);
		free(s->vars[i].chosen);
		free(s->vars[i].met);
	}
	for (i = 0; i < s->nevents; i++)
		free(s->events[i].detail);
	free(s->events);
	free(s->vars);
	free(s->theme_asked);
	free(s->lengths);
	free(s->times);
}

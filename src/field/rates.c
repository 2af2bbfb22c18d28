/* AAPOR outcome rates: which group each disposition counts in, and the formulas over the groups. */
#include "field/rates.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

/*
 * The mapping of `allo report`, in one table (man allo-report says the same).
 *
 * Final cases count by their AAPOR code, through the longest prefix below.
 * Cases not final yet count by the provisional code of their most informative
 * status: the highest rank among the outcomes of their calls, an open or
 * broken-off interview outranking them all; a case never reached is unknown
 * eligibility. The ranks of the call outcomes are those of the dispositions
 * table (field/disposition.c), so that the provisional code is the one the
 * case would get if its attempts ran out now.
 */
static const struct rates_map rates_table[] = {
	/* final codes, by prefix */
	{ "1.1", NULL, RATES_I, 0 },		/* complete */
	{ "1.2", NULL, RATES_P, 0 },		/* partial */
	{ "2.1", NULL, RATES_R, 0 },		/* refusal (2.11x), break-off (2.12) */
	{ "2.2", NULL, RATES_NC, 0 },		/* non-contact */
	{ "2.3", NULL, RATES_O, 0 },		/* other: dead, unable, language */
	{ "2.9", NULL, RATES_O, 0 },		/* other, miscellaneous */
	{ "3.1", NULL, RATES_UH, 0 },		/* unknown if household: busy, no answer... */
	{ "3.2", NULL, RATES_UO, 0 },		/* household, unknown if eligible respondent */
	{ "3.9", NULL, RATES_UO, 0 },		/* unknown eligibility, other */
	{ "4.", NULL, RATES_NE, 0 },		/* not eligible */
	{ "0.", NULL, RATES_EX, 0 },		/* excluded before fieldwork: do-not-call at import */
	/* cases not final, by their most informative status */
	{ "fresh", "3.11", RATES_UH, 0 },	/* never called: not attempted */
	{ "busy", "3.12", RATES_UH, 1 },		/* only when every call was busy */
	{ "no_answer", "3.13", RATES_UH, 2 },
	{ "answering_machine", "3.14", RATES_UH, 3 },
	{ "answering_machine_household", "2.22", RATES_NC, 4 },
	{ "appointment", "2.20", RATES_NC, 5 },	/* eligible, reached, not interviewed yet */
	{ "unavailable", "2.21", RATES_NC, 5 },	/* same rank: the appointment row names it */
	{ "soft_refusal", "2.111", RATES_R, 6 },
	{ "breakoff", "2.12", RATES_R, 7 },
	{ "partial", "1.2", RATES_P, 8 },	/* a break-off past the partial rule */
	{ "interview", "2.12", RATES_R, 9 },	/* an interview in progress or broken off */
	{ NULL, NULL, RATES_NONE, 0 }
};

static const char *const rates_group_names[RATES_NGROUPS] = {
	"I", "P", "R", "NC", "O", "UH", "UO", "NE", "EX", ""
};

static const char *const rates_group_labels[RATES_NGROUPS] = {
	"complets", "partiels", "refus et interruptions", "non-contacts", "autres éligibles",
	"éligibilité inconnue (ménage)", "éligibilité inconnue (autre)", "non éligibles",
	"exclus avant le terrain", "codes non classés"
};

static const char *const rates_names[RATE_COUNT] = {
	"RR1", "RR2", "RR3", "RR4", "RR5", "RR6", "COOP1", "COOP2", "COOP3", "COOP4",
	"REF1", "REF2", "REF3", "CON1", "CON2", "CON3"
};

static const char *const rates_formulas[RATE_COUNT] = {
	"I/((I+P)+(R+NC+O)+(UH+UO))",
	"(I+P)/((I+P)+(R+NC+O)+(UH+UO))",
	"I/((I+P)+(R+NC+O)+e(UH+UO))",
	"(I+P)/((I+P)+(R+NC+O)+e(UH+UO))",
	"I/((I+P)+(R+NC+O))",
	"(I+P)/((I+P)+(R+NC+O))",
	"I/((I+P)+R+O)",
	"(I+P)/((I+P)+R+O)",
	"I/((I+P)+R)",
	"(I+P)/((I+P)+R)",
	"R/((I+P)+(R+NC+O)+(UH+UO))",
	"R/((I+P)+(R+NC+O)+e(UH+UO))",
	"R/((I+P)+(R+NC+O))",
	"((I+P)+R+O)/((I+P)+(R+NC+O)+(UH+UO))",
	"((I+P)+R+O)/((I+P)+(R+NC+O)+e(UH+UO))",
	"((I+P)+R+O)/((I+P)+(R+NC+O))"
};

enum rates_group rates_group_of(const char *code)
{
	enum rates_group g = RATES_NONE;
	size_t i, best = 0;

	for (i = 0; rates_table[i].key != NULL; i++) {
		size_t n = strlen(rates_table[i].key);

		if (rates_table[i].code == NULL && n > best &&
		    strncmp(code, rates_table[i].key, n) == 0) {
			best = n;
			g = rates_table[i].group;
		}
	}
	return g;
}

const char *rates_group_name(enum rates_group g)
{
	return g < RATES_NGROUPS ? rates_group_names[g] : "";
}

const char *rates_group_label(enum rates_group g)
{
	return g < RATES_NGROUPS ? rates_group_labels[g] : "";
}

const struct rates_map *rates_map_all(void)
{
	return rates_table;
}

const struct rates_map *rates_interim_of_rank(int rank)
{
	const struct rates_map *best = NULL;
	size_t i;

	for (i = 0; rates_table[i].key != NULL; i++)
		if (rates_table[i].code != NULL && rates_table[i].rank <= rank &&
		    (best == NULL || rates_table[i].rank > best->rank))
			best = &rates_table[i];
	return best;
}

const struct rates_map *rates_interim_find(const char *s)
{
	size_t i;

	for (i = 0; rates_table[i].key != NULL; i++)
		if (rates_table[i].code != NULL && strcmp(rates_table[i].key, s) == 0)
			return &rates_table[i];
	return NULL;
}

const char *rates_name(enum rates_id r)
{
	return r < RATE_COUNT ? rates_names[r] : "";
}

const char *rates_formula(enum rates_id r)
{
	return r < RATE_COUNT ? rates_formulas[r] : "";
}

/* a / b, or NAN when b is zero or unknown: a rate is never made up. */
static double rates_div(double a, double b)
{
	return b > 0 ? a / b : NAN;
}

void rates_compute(const long n[RATES_NGROUPS], double e_given, struct rates *r)
{
	double i = (double)n[RATES_I], ip = i + (double)n[RATES_P], rf = (double)n[RATES_R];
	double o = (double)n[RATES_O], elig = ip + rf + (double)n[RATES_NC] + o;
	double unk = (double)n[RATES_UH] + (double)n[RATES_UO], all, est, coop;

	r->e_eligible = n[RATES_I] + n[RATES_P] + n[RATES_R] + n[RATES_NC] + n[RATES_O];
	r->e_known = r->e_eligible + n[RATES_NE];
	r->e_given = e_given >= 0;
	r->e = r->e_given ? e_given : rates_div((double)r->e_eligible, (double)r->e_known);
	all = elig + unk;
	est = unk > 0 ? elig + r->e * unk : elig;	/* no unknown case: e does not matter */
	coop = ip + rf + o;
	r->v[RATE_RR1] = rates_div(i, all);
	r->v[RATE_RR2] = rates_div(ip, all);
	r->v[RATE_RR3] = rates_div(i, est);
	r->v[RATE_RR4] = rates_div(ip, est);
	r->v[RATE_RR5] = rates_div(i, elig);
	r->v[RATE_RR6] = rates_div(ip, elig);
	r->v[RATE_COOP1] = rates_div(i, coop);
	r->v[RATE_COOP2] = rates_div(ip, coop);
	r->v[RATE_COOP3] = rates_div(i, ip + rf);
	r->v[RATE_COOP4] = rates_div(ip, ip + rf);
	r->v[RATE_REF1] = rates_div(rf, all);
	r->v[RATE_REF2] = rates_div(rf, est);
	r->v[RATE_REF3] = rates_div(rf, elig);
	r->v[RATE_CON1] = rates_div(coop, all);
	r->v[RATE_CON2] = rates_div(coop, est);
	r->v[RATE_CON3] = rates_div(coop, elig);
}

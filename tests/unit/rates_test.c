/* AAPOR rates: the mapping table, then the formulas on counts whose rates were computed by hand. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "field/disposition.h"
#include "field/rates.h"

#include "unit.h"

#define nitems(a) (sizeof (a) / sizeof (a)[0])

static const struct {
	const char *code;
	enum rates_group group;
} group_cases[] = {
	{ "1.1", RATES_I }, { "1.2", RATES_P }, { "2.111", RATES_R }, { "2.112", RATES_R },
	{ "2.12", RATES_R }, { "2.20", RATES_NC }, { "2.21", RATES_NC }, { "2.33", RATES_O },
	{ "2.90", RATES_O }, { "3.11", RATES_UH }, { "3.12", RATES_UH }, { "3.13", RATES_UH },
	{ "3.14", RATES_UH }, { "3.21", RATES_UO }, { "3.90", RATES_UO }, { "4.30", RATES_NE },
	{ "4.70", RATES_NE }, { "4.80", RATES_NE }, { "", RATES_NONE }, { "5.1", RATES_NONE },
	{ "2.0", RATES_NONE }
};

/*
 * Counts by group (I P R NC O UH UO NE none), e (negative: estimated), and
 * the sixteen rates RR1-RR6 COOP1-4 REF1-3 CON1-3 to 4 decimals, "-" when
 * the denominator is zero. The arithmetic is written out beside each.
 */
static const struct {
	const char *name;
	long n[RATES_NGROUPS];
	double e;
	const char *want_e;
	const char *want[RATE_COUNT];
} rate_cases[] = {
	/*
	 * The report's test wave: I+P = 7, R+NC+O = 11, UH+UO = 10, NE = 5.
	 * e = 18/23; D1 = 28; D3 = 18 + 10e = 594/23; D5 = 18; COOP: 15 and 14.
	 * RR3 = 6*23/594, RR4 = 7*23/594, CON2 = 15*23/594.
	 */
	{ "wave-estimated", { 6, 1, 7, 3, 1, 9, 1, 5, 0 }, -1, "0.7826",
	    { "0.2143", "0.2500", "0.2323", "0.2710", "0.3333", "0.3889",
	      "0.4000", "0.4667", "0.4286", "0.5000",
	      "0.2500", "0.2710", "0.3889",
	      "0.5357", "0.5808", "0.8333" } },
	/* The same with e = 0.5: D3 = 18 + 5 = 23. */
	{ "wave-given", { 6, 1, 7, 3, 1, 9, 1, 5, 0 }, 0.5, "0.5000",
	    { "0.2143", "0.2500", "0.2609", "0.3043", "0.3333", "0.3889",
	      "0.4000", "0.4667", "0.4286", "0.5000",
	      "0.2500", "0.3043", "0.3889",
	      "0.5357", "0.6522", "0.8333" } },
	/*
	 * Round numbers: I+P = 450, R+NC+O = 400, UH+UO = 150, NE = 200.
	 * e = 850/1050; D1 = 1000; D3 = 850 + 850/7 = 6800/7; D5 = 850;
	 * COOP1-2 over 700, COOP3-4 over 650.
	 */
	{ "round", { 400, 50, 200, 150, 50, 100, 50, 200, 0 }, -1, "0.8095",
	    { "0.4000", "0.4500", "0.4118", "0.4632", "0.4706", "0.5294",
	      "0.5714", "0.6429", "0.6154", "0.6923",
	      "0.2000", "0.2059", "0.2353",
	      "0.7000", "0.7206", "0.8235" } },
	/* e = 0: the unknown cases are taken as ineligible, RR3 = RR5. */
	{ "e-zero", { 400, 50, 200, 150, 50, 100, 50, 200, 0 }, 0, "0.0000",
	    { "0.4000", "0.4500", "0.4706", "0.5294", "0.4706", "0.5294",
	      "0.5714", "0.6429", "0.6154", "0.6923",
	      "0.2000", "0.2353", "0.2353",
	      "0.7000", "0.8235", "0.8235" } },
	/* Nothing at all: every denominator is zero. */
	{ "empty", { 0 }, -1, "-",
	    { "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-" } },
	/* Only numbers never reached: 0 over 10 where e is not needed; no e, no RR3. */
	{ "unknown-only", { 0, 0, 0, 0, 0, 10, 0, 0, 0 }, -1, "-",
	    { "0.0000", "0.0000", "-", "-", "-", "-", "-", "-", "-", "-",
	      "0.0000", "-", "-", "0.0000", "-", "-" } },
	/* The same with e given: D3 = 0 + 0.5 * 10. */
	{ "unknown-given", { 0, 0, 0, 0, 0, 10, 0, 0, 0 }, 0.5, "0.5000",
	    { "0.0000", "0.0000", "0.0000", "0.0000", "-", "-", "-", "-", "-", "-",
	      "0.0000", "0.0000", "-", "0.0000", "0.0000", "-" } },
	/* No unknown case: e does not matter even when it cannot be estimated. */
	{ "no-unknown", { 3, 0, 1, 0, 0, 0, 0, 0, 0 }, -1, "1.0000",
	    { "0.7500", "0.7500", "0.7500", "0.7500", "0.7500", "0.7500",
	      "0.7500", "0.7500", "0.7500", "0.7500",
	      "0.2500", "0.2500", "0.2500", "1.0000", "1.0000", "1.0000" } },
	/* Codes outside the table count nowhere. */
	{ "unclassified", { 1, 0, 1, 0, 0, 2, 0, 0, 5 }, -1, "1.0000",
	    { "0.2500", "0.2500", "0.2500", "0.2500", "0.5000", "0.5000",
	      "0.5000", "0.5000", "0.5000", "0.5000",
	      "0.2500", "0.2500", "0.5000", "0.5000", "0.5000", "1.0000" } }
};

static void fmt(char *out, size_t len, double v)
{
	if (isnan(v))
		snprintf(out, len, "-");
	else
		snprintf(out, len, "%.4f", v);
}

static void test_groups(void)
{
	char name[64];
	size_t i;

	for (i = 0; i < nitems(group_cases); i++) {
		enum rates_group g = rates_group_of(group_cases[i].code);

		snprintf(name, sizeof name, "group-%s", group_cases[i].code);
		UNIT_OK(name, g == group_cases[i].group, "got %s, want %s", rates_group_name(g),
		    rates_group_name(group_cases[i].group));
	}
}

/* Every final code the dispositions table can give falls in a group. */
static void test_dispositions_classified(void)
{
	const struct disposition *d;
	char name[64];

	for (d = disposition_all(); d->token != NULL; d++) {
		const char *code = d->final_now ? d->final_now : d->final_at_max;

		snprintf(name, sizeof name, "classified-%s", d->token);
		UNIT_OK(name, code != NULL && rates_group_of(code) != RATES_NONE, "%s has no group",
		    code ? code : "(null)");
	}
}

/* The interim rows agree with the dispositions table: same code, same rank, group of the code. */
static void test_interim_rows(void)
{
	const struct rates_map *m;
	const struct disposition *d;
	char name[64];

	for (d = disposition_all(); d->token != NULL; d++) {
		if (d->final_at_max == NULL)
			continue;
		m = rates_interim_find(d->token);
		snprintf(name, sizeof name, "interim-%s", d->token);
		UNIT_OK(name, m != NULL && strcmp(m->code, d->final_at_max) == 0 &&
		    m->rank == d->rank, "code %s rank %d, dispositions say %s rank %d",
		    m ? m->code : "-", m ? m->rank : -1, d->final_at_max, d->rank);
	}
	for (m = rates_map_all(); m->key != NULL; m++) {
		if (m->code == NULL)
			continue;
		snprintf(name, sizeof name, "interim-group-%s", m->key);
		UNIT_OK(name, rates_group_of(m->code) == m->group, "%s is %s, the row says %s",
		    m->code, rates_group_name(rates_group_of(m->code)), rates_group_name(m->group));
	}
	UNIT_STREQ("rank-0-fresh", rates_interim_of_rank(0)->key, "fresh");
	UNIT_STREQ("rank-4-machine-household", rates_interim_of_rank(4)->key, "answering_machine_household");
	UNIT_STREQ("rank-3-machine", rates_interim_of_rank(3)->key, "answering_machine");
	UNIT_STREQ("rank-8-partial", rates_interim_of_rank(8)->key, "partial");
	UNIT_STREQ("rank-9-interview", rates_interim_of_rank(9)->key, "interview");
	UNIT_STREQ("rank-99-interview", rates_interim_of_rank(99)->key, "interview");
	UNIT_OK("interview-outranks", rates_interim_find("interview")->rank >
	    rates_interim_find("breakoff")->rank, "an open interview must outrank every call");
}

static void test_rates(void)
{
	char name[96], got[32];
	struct rates r;
	size_t i;
	int k;

	for (i = 0; i < nitems(rate_cases); i++) {
		rates_compute(rate_cases[i].n, rate_cases[i].e, &r);
		fmt(got, sizeof got, r.e);
		snprintf(name, sizeof name, "%s-e", rate_cases[i].name);
		UNIT_STREQ(name, got, rate_cases[i].want_e);
		snprintf(name, sizeof name, "%s-e-given", rate_cases[i].name);
		UNIT_OK(name, r.e_given == (rate_cases[i].e >= 0), "e_given %d", r.e_given);
		for (k = 0; k < RATE_COUNT; k++) {
			fmt(got, sizeof got, r.v[k]);
			snprintf(name, sizeof name, "%s-%s", rate_cases[i].name,
			    rates_name((enum rates_id)k));
			UNIT_STREQ(name, got, rate_cases[i].want[k]);
		}
	}
	rates_compute(rate_cases[0].n, -1, &r);
	UNIT_OK("e-basis", r.e_eligible == 18 && r.e_known == 23, "%ld / %ld", r.e_eligible,
	    r.e_known);
}

static void test_names(void)
{
	UNIT_STREQ("name-first", rates_name(RATE_RR1), "RR1");
	UNIT_STREQ("name-last", rates_name(RATE_CON3), "CON3");
	UNIT_STREQ("formula-rr3", rates_formula(RATE_RR3), "I/((I+P)+(R+NC+O)+e(UH+UO))");
	UNIT_STREQ("formula-coop2", rates_formula(RATE_COOP2), "(I+P)/((I+P)+R+O)");
}

int main(void)
{
	test_groups();
	test_dispositions_classified();
	test_interim_rows();
	test_rates();
	test_names();
	UNIT_END();
}

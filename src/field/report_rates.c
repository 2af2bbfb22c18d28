/* The rates section: AAPOR groups, e and the rates, given only for the state of a sample. */
#include "field/report_int.h"

#include <math.h>
#include <string.h>

/* The rates in French: the groups, e and its basis, then each rate with its formula. */
static void report_rates_text(struct report *r, struct buf *b)
{
	const struct rates *rt = &r->rates;
	struct report_val v;
	int g, i;

	buf_adds(b, "\nTaux AAPOR (téléphone)\n  ");
	report_pad(b, "Groupe", -36);
	report_pad(b, "Cas", 9);
	buf_addc(b, '\n');
	for (g = 0; g < RATES_NGROUPS; g++) {
		if (g == RATES_NONE && r->groups[g] == 0)
			continue;
		buf_adds(b, "  ");
		report_pad(b, rates_group_name((enum rates_group)g), -4);
		report_pad(b, rates_group_label((enum rates_group)g), -32);
		v = report_int(r->groups[g]);
		report_text_val(b, &v, 9);
		buf_addc(b, '\n');
	}
	buf_adds(b, "  e = ");
	report_number(b, rt->e, 4, 1);
	if (rt->e_given)
		buf_adds(b, " (donné par --e)\n");
	else if (isnan(rt->e))
		buf_adds(b, " (non estimable : aucun cas d'éligibilité connue)\n");
	else {
		buf_adds(b, " (estimé : éligibles / (éligibles + non éligibles) = ");
		report_number(b, (double)rt->e_eligible, 0, 1);
		buf_adds(b, " / ");
		report_number(b, (double)rt->e_known, 0, 1);
		buf_adds(b, ")\n");
	}
	for (i = 0; i < RATE_COUNT; i++) {
		buf_adds(b, "  ");
		report_pad(b, rates_name((enum rates_id)i), -6);
		v = report_num(rt->v[i], 4);
		report_text_val(b, &v, 7);
		buf_adds(b, "   ");
		buf_adds(b, rates_formula((enum rates_id)i));
		buf_addc(b, '\n');
	}
}

void report_rates(struct report *r, struct buf *b, enum report_format f)
{
	const struct rates *rt = &r->rates;
	struct report_kv kv[RATES_NGROUPS + 4 + RATE_COUNT];
	size_t n = 0;
	int i;

	if (r->period) {
		/* Rates describe a sample at a date: over a period's activity they would mislead. */
		const struct report_kv none[2] = {
			{ "scope", "", 0, 0, "activity" }, { "rates", "", 0, 0, "none" }
		};

		if (f == REPORT_TEXT)
			buf_adds(b, "\nTaux AAPOR (téléphone)\n  Pas de taux pour une période d'activité"
			    " (--since) : les taux décrivent l'état de l'échantillon à une date, sans"
			    " période ou avec --until seul.\n");
		else
			report_kv(b, f, none, 2);
		return;
	}
	if (f == REPORT_TEXT) {
		report_rates_text(r, b);
		return;
	}
	for (i = 0; i < RATES_NGROUPS; i++) {
		struct report_kv x = { i == RATES_NONE ? "unclassified" :
		    rates_group_name((enum rates_group)i), "", (double)r->groups[i], 0, NULL };

		kv[n++] = x;
	}
	{
		const struct report_kv e[4] = {
			{ "e", "", rt->e, 4, NULL },
			{ "e_source", "", 0, 0, rt->e_given ? "given" : "estimated" },
			{ "e_eligible", "", (double)rt->e_eligible, 0, NULL },
			{ "e_known", "", (double)rt->e_known, 0, NULL }
		};

		memcpy(kv + n, e, sizeof e);
		n += 4;
	}
	for (i = 0; i < RATE_COUNT; i++) {
		struct report_kv x = { rates_name((enum rates_id)i), "", rt->v[i], 4, NULL };

		kv[n++] = x;
	}
	report_kv(b, f, kv, n);
}

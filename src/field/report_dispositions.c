/* The dispositions section: final codes, interim statuses and the outcomes of calls. */
#include "field/report_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "field/disposition.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

static const struct report_col report_final_cols[] = {
	{ "code", "Code", -6 }, { "label", "Libellé AAPOR", -13 }, { "group", "Gr.", -3 },
	{ "cases", "Cas", 7 }
};

static const struct report_col report_interim_cols[] = {
	{ "status", "Statut", -18 }, { "label", "Libellé", -30 }, { "code", "Code", -6 },
	{ "group", "Gr.", -3 }, { "cases", "Cas", 6 }
};

static const struct report_col report_outcome_cols[] = {
	{ "token", "Issue", -18 }, { "label", "Libellé", -30 },
	{ "cases", "Cas en cours", 12 }, { "calls", "Appels", 8 }
};

/* The French label of an interim status or an outcome token. */
static const char *report_label(const char *key)
{
	const struct disposition *d = disposition_find(key);

	if (strcmp(key, "fresh") == 0)
		return "Jamais appelé";
	if (strcmp(key, "interview") == 0)
		return "Entretien ouvert ou interrompu";
	return d != NULL ? d->label : key;
}

/* The three tables of the dispositions section, as values; codes of no case are left out. */
static struct report_val *report_finals(const struct report *r, size_t *n, int *width)
{
	struct report_val *v = xcalloc(r->ncodes + 1, 4 * sizeof *v);
	size_t i, k = 0;

	for (i = 0; i < r->ncodes; i++) {
		const char *c = r->codes[i].code;
		int w = (int)utf8_width(disposition_aapor_label(c));

		if (r->codes[i].n == 0)
			continue;
		if (w > *width)
			*width = w < 52 ? w : 52;
		v[k * 4] = report_word(c);
		v[k * 4 + 1] = report_word(disposition_aapor_label(c));
		v[k * 4 + 2] = report_word(rates_group_name(rates_group_of(c)));
		v[k * 4 + 3] = report_int(r->codes[i].n);
		k++;
	}
	*n = k;
	return v;
}

static struct report_val *report_interims(const struct report *r, size_t *n)
{
	const struct rates_map *m = rates_map_all();
	struct report_val *v;
	size_t i, k = 0;

	for (i = 0; m[i].key != NULL; i++)
		;
	v = xcalloc(i, 5 * sizeof *v);
	for (i = 0; m[i].key != NULL; i++) {
		if (m[i].code == NULL)
			continue;
		v[k * 5] = report_word(m[i].key);
		v[k * 5 + 1] = report_word(report_label(m[i].key));
		v[k * 5 + 2] = report_word(m[i].code);
		v[k * 5 + 3] = report_word(rates_group_name(m[i].group));
		v[k * 5 + 4] = report_int(r->interim[i]);
		k++;
	}
	*n = k;
	return v;
}

static struct report_val *report_outcomes(const struct report *r)
{
	struct report_val *v = xcalloc(r->noutcomes + 1, 4 * sizeof *v);
	size_t i;

	for (i = 0; i < r->noutcomes; i++) {
		v[i * 4] = report_word(r->outcomes[i].token);
		v[i * 4 + 1] = report_word(report_label(r->outcomes[i].token));
		v[i * 4 + 2] = report_int(r->outcomes[i].cases);
		v[i * 4 + 3] = report_int(r->outcomes[i].calls);
	}
	return v;
}

/* The dispositions as one CSV table: kind,key,code,label,group,cases,calls. */
static void report_dispositions_csv(struct buf *b, const struct report_val *fin, size_t nfin,
    const struct report_val *itm, size_t nitm, const struct report_val *out, size_t nout)
{
	static const struct report_col cols[] = {
		{ "kind", "", 0 }, { "key", "", 0 }, { "code", "", 0 }, { "label", "", 0 },
		{ "group", "", 0 }, { "cases", "", 0 }, { "calls", "", 0 }
	};
	struct report_val *v = xcalloc(nfin + nitm + nout + 1, 7 * sizeof *v), *row = v;
	const struct report_val none = { NULL, NAN, 0 };
	size_t i;

	for (i = 0; i < nfin; i++, row += 7) {
		const struct report_val *f = &fin[i * 4];
		const struct report_val x[7] = { report_word("final"), f[0], f[0], f[1], f[2], f[3],
		    none };

		memcpy(row, x, sizeof x);
	}
	for (i = 0; i < nitm; i++, row += 7) {
		const struct report_val *f = &itm[i * 5];
		const struct report_val x[7] = { report_word("interim"), f[0], f[2], f[1], f[3], f[4],
		    none };

		memcpy(row, x, sizeof x);
	}
	for (i = 0; i < nout; i++, row += 7) {
		const struct report_val *f = &out[i * 4];
		const struct report_val x[7] = { report_word("outcome"), f[0], report_word(""), f[1],
		    report_word(""), f[2], f[3] };

		memcpy(row, x, sizeof x);
	}
	report_table(b, REPORT_CSV, cols, 7, v, nfin + nitm + nout, "");
	free(v);
}

void report_dispositions(struct report *r, struct buf *b, enum report_format f)
{
	struct report_col fcols[REPORT_NCOLS(report_final_cols)];
	struct report_val *fin, *out = report_outcomes(r), *itm;
	size_t nfin, nitm;
	int width = 13;

	/* the label column is as wide as the longest label, up to what 80 columns leave */
	fin = report_finals(r, &nfin, &width);
	memcpy(fcols, report_final_cols, sizeof fcols);
	fcols[1].width = -width;
	itm = report_interims(r, &nitm);
	if (f == REPORT_CSV)
		report_dispositions_csv(b, fin, nfin, itm, nitm, out, r->noutcomes);
	else if (f == REPORT_JSON) {
		buf_adds(b, "{\"final\":");
		report_table(b, f, fcols, REPORT_NCOLS(fcols), fin, nfin, "");
		buf_adds(b, ",\"interim\":");
		report_table(b, f, report_interim_cols, REPORT_NCOLS(report_interim_cols), itm,
		    nitm, "");
		buf_adds(b, ",\"outcomes\":");
		report_table(b, f, report_outcome_cols, REPORT_NCOLS(report_outcome_cols), out,
		    r->noutcomes, "");
		buf_addc(b, '}');
	} else {
		buf_adds(b, "\nDispositions\n  Cas finals, par code AAPOR\n");
		if (nfin == 0)
			buf_adds(b, "    aucun\n");
		else
			report_table(b, f, fcols, REPORT_NCOLS(fcols), fin, nfin, "    ");
		buf_adds(b, "  Cas non finals, par statut (et le code qui les compte dans les taux)\n");
		report_table(b, f, report_interim_cols, REPORT_NCOLS(report_interim_cols), itm, nitm,
		    "    ");
		buf_adds(b, "  Issues d'appel : cas en cours dont c'est la dernière, appels de la"
		    " période\n");
		report_table(b, f, report_outcome_cols, REPORT_NCOLS(report_outcome_cols), out,
		    r->noutcomes, "    ");
	}
	free(fin);
	free(itm);
	free(out);
}

/* The quotas section: each cell, its target, its completes and its state. */
#include "field/report_int.h"

#include <stdlib.h>

#include "util/xmalloc.h"

/* A cell's state: over its target (the overshoot said in French), closed, full or open. */
static void report_cell_state(const struct report_cell *c, int french, struct buf *w)
{
	long over = c->completes - c->target;

	if (over > 0 && french) {
		buf_adds(w, "dépassée (+");
		report_number(w, (double)over, 0, 1);
		buf_addc(w, ')');
	} else if (over > 0)
		buf_adds(w, "over");
	else if (c->closed)
		buf_adds(w, french ? "fermée" : "closed");
	else
		buf_adds(w, over == 0 ? (french ? "pleine" : "full") : (french ? "ouverte" : "open"));
}

void report_quotas(struct report *r, struct buf *b, enum report_format f)
{
	static const struct report_col cols[] = {
		{ "quota", "Quota", -14 }, { "cell", "Cellule", -10 }, { "target", "Objectif", 8 },
		{ "completes", "Complets", 8 }, { "percent", "%", 6 }, { "status", "État", -14 },
		{ "overshoot", "", 0 }
	};
	struct report_val *v = xcalloc(r->ncells + 1, 7 * sizeof *v), *row;
	struct buf *words = xcalloc(r->ncells + 1, sizeof *words);
	size_t i;

	for (i = 0, row = v; i < r->ncells; i++, row += 7) {
		const struct report_cell *c = &r->cells[i];

		report_cell_state(c, f == REPORT_TEXT, &words[i]);
		row[0] = report_word(c->quota);
		row[1] = report_word(c->cell);
		row[2] = report_int(c->target);
		row[3] = report_int(c->completes);
		row[4] = report_num(report_ratio(100.0 * (double)c->completes,
		    (double)c->target), 1);
		row[5] = report_word(words[i].s);
		row[6] = report_int(c->completes > c->target ? c->completes - c->target : 0);
	}
	if (f == REPORT_TEXT)
		buf_adds(b, "\nQuotas\n");
	if (f == REPORT_TEXT && r->ncells == 0)
		buf_adds(b, "  Aucune cellule de quota.\n");
	else
		report_table(b, f, cols, REPORT_NCOLS(cols), v, r->ncells, "  ");
	for (i = 0; i < r->ncells; i++)
		buf_free(&words[i]);
	free(words);
	free(v);
}

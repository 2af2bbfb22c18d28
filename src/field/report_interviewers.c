/* The interviewers section: calls, completes, refusals and hours of each login. */
#include "field/report_int.h"

#include <math.h>
#include <stdlib.h>

#include "util/xmalloc.h"

/* Hours logged: the span of each day's events, added up. */
static double report_hours(const struct report_login *l)
{
	double h = 0;
	size_t i;

	for (i = 0; i < l->ndays; i++)
		h += (double)(l->days[i].last - l->days[i].first) / 3600;
	return h;
}

void report_interviewers(struct report *r, struct buf *b, enum report_format f)
{
	static const struct report_col cols[] = {
		{ "login", "Enquêteur", -12 }, { "name", "Nom", 0 }, { "hours", "Heures", 6 },
		{ "days", "Jours", 5 }, { "dials", "Appels", 6 }, { "dials_per_hour", "App/h", 5 },
		{ "completes", "Compl.", 6 }, { "completes_per_hour", "Cpl/h", 5 },
		{ "mean_minutes", "Durée", 5 }, { "refusals", "Refus", 5 },
		{ "breaks", "Pauses", 0 }, { "break_minutes", "Pauses", 6 }
	};
	enum { NCOLS = REPORT_NCOLS(cols) };
	struct report_val *v = xcalloc(r->nlogins + 1, NCOLS * sizeof *v), *row;
	size_t i;

	for (i = 0, row = v; i < r->nlogins; i++, row += NCOLS) {
		const struct report_login *l = &r->logins[i];
		double hours = report_hours(l);

		row[0] = report_word(l->login);
		row[1] = report_word(l->name);
		row[2] = report_num(hours, 2);
		row[3] = report_int((long)l->ndays);
		row[4] = report_int(l->dials);
		row[5] = report_num(report_ratio((double)l->dials, hours), 1);
		row[6] = report_int(l->completes);
		row[7] = report_num(report_ratio((double)l->completes, hours), 2);
		row[8] = report_num(report_ratio(l->minutes, (double)l->timed), 1);
		row[9] = report_int(l->refusals);
		/* A break belongs to no wave: a report of one wave cannot give them. */
		row[10] = r->o->wave != NULL ? report_num(NAN, 0) : report_int(l->breaks);
		row[11] = report_num(r->o->wave != NULL ? NAN : l->break_seconds / 60, 0);
	}
	if (f == REPORT_TEXT)
		buf_adds(b, "\nEnquêteurs\n");
	if (f == REPORT_TEXT && r->nlogins == 0)
		buf_adds(b, "  Aucun appel ni entretien.\n");
	else
		report_table(b, f, cols, REPORT_NCOLS(cols), v, r->nlogins, "  ");
	if (f == REPORT_TEXT && r->nlogins > 0)
		buf_adds(b, "  Heures : du premier au dernier appel ou entretien de chaque jour ;\n"
		    "  App/h, Cpl/h : appels et complets par heure ; Durée : minutes par complet ;\n"
		    "  Pauses : minutes de pause enregistrées (une pause en cours jusqu'à maintenant).\n");
	free(v);
}

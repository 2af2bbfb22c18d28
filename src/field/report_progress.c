/* The progress section: the cases by state, the interviews by end, what is due and held now. */
#include "field/report_int.h"

void report_progress(struct report *r, struct buf *b, enum report_format f)
{
	const struct report_kv kv[] = {
		{ "scope", "Portée", 0, 0, f == REPORT_TEXT ? (r->period ? "activité" : "état") :
		    r->period ? "activity" : "state" },
		{ "cases", "Cas", (double)(r->fresh + r->active + r->final), 0, NULL },
		{ "fresh", "  jamais appelés", (double)r->fresh, 0, NULL },
		{ "active", "  en cours", (double)r->active, 0, NULL },
		{ "final", "  finals", (double)r->final, 0, NULL },
		{ "completes", "Entretiens complets", (double)r->completes, 0, NULL },
		{ "breakoffs", "Entretiens interrompus", (double)r->breakoffs, 0, NULL },
		{ "partials", "Entretiens partiels (AAPOR 1.2)", (double)r->partials, 0, NULL },
		{ "screened_out", "Entretiens hors cible (filtre)", (double)r->screened, 0, NULL },
		{ "appointments_due_today", "Rendez-vous dus aujourd'hui", (double)r->due_today, 0,
		    NULL },
		{ "held_now", "Cas tenus en ce moment", (double)r->held, 0, NULL }
	};

	if (f == REPORT_TEXT)
		buf_adds(b, "\nAvancement\n");
	report_kv(b, f, kv, sizeof kv / sizeof kv[0]);
}

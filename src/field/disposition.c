#include "field/disposition.h"

#include <stddef.h>
#include <string.h>

/*
 * Interim outcomes and what they become. An outcome with final_now ends the
 * case; the others wait for the retry delay, and when attempts run out the
 * case takes final_at_max of its highest-ranked outcome. Busy ranks below
 * no answer so that 3.12 "always busy" is only given when every attempt
 * was busy (AAPOR), a single no answer among them making the case 3.13.
 */
static const struct disposition disposition_table[] = {
	{ "no_answer", "Pas de réponse", NULL, "3.13", 2, RETRY_NO_ANSWER, 1 },
	{ "busy", "Occupé", NULL, "3.12", 1, RETRY_BUSY, 1 },
	{ "answering_machine", "Répondeur", NULL, "3.14", 3, RETRY_ANSWERING_MACHINE, 1 },
	{ "disconnected", "Numéro non attribué", "4.30", NULL, 0, -1, 1 },
	{ "fax", "Fax ou modem", "4.20", NULL, 0, -1, 1 },
	{ "appointment", "Rendez-vous", NULL, "2.20", 5, -1, 1 },
	{ "soft_refusal", "Refus (à rappeler)", NULL, "2.111", 6, RETRY_SOFT_REFUSAL, 1 },
	{ "hard_refusal", "Refus définitif", "2.111", NULL, 0, -1, 1 },
	{ "language", "Barrière de la langue", "2.33", NULL, 0, -1, 1 },
	{ "not_eligible", "Hors cible", "4.70", NULL, 0, -1, 1 },
	{ "breakoff", "Entretien interrompu", NULL, "2.12", 7, RETRY_BREAKOFF, 0 },
	{ "complete", "Entretien complet", "1.1", NULL, 0, -1, 0 },
	{ "screened_out", "Hors cible (filtre)", "4.70", NULL, 0, -1, 0 },
	{ "dnc", "Liste d'opposition", "2.111", NULL, 0, -1, 0 },
	{ NULL, NULL, NULL, NULL, 0, -1, 0 }
};

static const struct {
	const char *code, *label;
} disposition_aapor[] = {
	{ "1.1", "Complete" },
	{ "1.2", "Partial" },
	{ "2.111", "Household-level refusal" },
	{ "2.112", "Known-respondent refusal" },
	{ "2.12", "Break-off" },
	{ "2.20", "Non-contact" },
	{ "2.33", "Language" },
	{ "3.12", "Always busy" },
	{ "3.13", "No answer" },
	{ "3.14", "Telephone answering device (don't know if housing unit)" },
	{ "4.20", "Fax/data line" },
	{ "4.30", "Non-working/disconnected number" },
	{ "4.70", "No eligible respondent" },
	{ "4.80", "Quota filled" },
	{ NULL, NULL }
};

const struct disposition *disposition_find(const char *token)
{
	size_t i;

	for (i = 0; disposition_table[i].token != NULL; i++)
		if (strcmp(disposition_table[i].token, token) == 0)
			return &disposition_table[i];
	return NULL;
}

const struct disposition *disposition_all(void)
{
	return disposition_table;
}

const char *disposition_screened(enum outcome o)
{
	switch (o) {
	case OUT_REFUSAL:
		return "2.112";
	case OUT_QUOTA_FULL:
		return "4.80";
	default:
		return "4.70";
	}
}

const char *disposition_aapor_label(const char *code)
{
	size_t i;

	for (i = 0; disposition_aapor[i].code != NULL; i++)
		if (strcmp(disposition_aapor[i].code, code) == 0)
			return disposition_aapor[i].label;
	return "Other";
}

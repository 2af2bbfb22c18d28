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
	{ "answering_machine_household", "Répondeur (foyer confirmé)", NULL, "2.22", 4,
	    RETRY_ANSWERING_MACHINE, 1 },
	/* Same rank as an appointment: both say the household answers, the respondent does not. */
	{ "unavailable", "Personne à interroger indisponible", NULL, "2.21", 5, RETRY_NO_ANSWER, 1 },
	{ "disconnected", "Numéro non attribué", "4.30", NULL, 0, -1, 1 },
	{ "fax", "Fax ou modem", "4.20", NULL, 0, -1, 1 },
	{ "business", "Numéro professionnel", "4.51", NULL, 0, -1, 1 },
	{ "appointment", "Rendez-vous", NULL, "2.20", 5, -1, 1 },
	{ "soft_refusal", "Refus (à rappeler)", NULL, "2.111", 6, RETRY_SOFT_REFUSAL, 1 },
	{ "hard_refusal", "Refus définitif", "2.111", NULL, 0, -1, 1 },
	{ "unable", "Incapacité physique ou mentale", "2.32", NULL, 0, -1, 1 },
	{ "language", "Barrière de la langue", "2.33", NULL, 0, -1, 1 },
	{ "not_eligible", "Hors cible", "4.70", NULL, 0, -1, 1 },
	{ "breakoff", "Entretien interrompu", NULL, "2.12", 7, RETRY_BREAKOFF, 0 },
	{ "partial", "Entretien partiel", NULL, "1.2", 8, RETRY_BREAKOFF, 0 },
	{ "complete", "Entretien complet", "1.1", NULL, 0, -1, 0 },
	{ "screened_out", "Hors cible (filtre)", "4.70", NULL, 0, -1, 0 },
	/* An objection during fieldwork (allo sample dnc, allo purge --case): a refusal. */
	{ "dnc", "Liste d'opposition", "2.111", NULL, 0, -1, 0 },
	/* On the list before any call: never part of the sample, in no rate (rates.c, EX). */
	{ "dnc_import", "Exclu avant le terrain (liste d'opposition)", "0.10", NULL, 0, -1, 0 },
	{ NULL, NULL, NULL, NULL, 0, -1, 0 }
};

/*
 * The AAPOR final codes: English as AAPOR writes it (for the DDI), French for
 * the interviewers, supervisors and managers who read reports and screens.
 * 0.10 is not AAPOR's: a number on the do-not-call list at import, excluded
 * before fieldwork and kept out of every class (eligible, unknown or not).
 */
static const struct {
	const char *code, *label, *label_fr;
} disposition_aapor[] = {
	{ "0.10", "Excluded before fieldwork (do-not-call list)",
	    "Exclu avant le terrain (liste d'opposition)" },
	{ "1.1", "Complete", "Entretien complet" },
	{ "1.2", "Partial", "Entretien partiel" },
	{ "2.111", "Household-level refusal", "Refus du foyer" },
	{ "2.112", "Known-respondent refusal", "Refus de la personne interrogée" },
	{ "2.12", "Break-off", "Entretien interrompu" },
	{ "2.20", "Non-contact", "Non-contact" },
	{ "2.21", "Respondent never available", "Personne à interroger jamais disponible" },
	{ "2.22", "Telephone answering device (message confirms residential household)",
	    "Répondeur (foyer confirmé)" },
	{ "2.32", "Physically or mentally unable/incompetent", "Incapacité physique ou mentale" },
	{ "2.33", "Language", "Barrière de la langue" },
	{ "3.11", "Not attempted or worked", "Jamais appelé" },
	{ "3.12", "Always busy", "Toujours occupé" },
	{ "3.13", "No answer", "Pas de réponse" },
	{ "3.14", "Telephone answering device (don't know if housing unit)",
	    "Répondeur (foyer non confirmé)" },
	{ "4.20", "Fax/data line", "Fax ou ligne de données" },
	{ "4.30", "Non-working/disconnected number", "Numéro non attribué ou hors service" },
	{ "4.51", "Business, government office, other organization", "Numéro professionnel" },
	{ "4.70", "No eligible respondent", "Pas de personne éligible" },
	{ "4.80", "Quota filled", "Quota atteint" },
	{ NULL, NULL, NULL }
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

/* The row of an AAPOR code in disposition_aapor, or -1. */
static int disposition_aapor_find(const char *code)
{
	int i;

	for (i = 0; disposition_aapor[i].code != NULL; i++)
		if (strcmp(disposition_aapor[i].code, code) == 0)
			return i;
	return -1;
}

const char *disposition_aapor_label(const char *code)
{
	int i = disposition_aapor_find(code);

	return i < 0 ? "Autre" : disposition_aapor[i].label_fr;
}

const char *disposition_aapor_label_en(const char *code)
{
	int i = disposition_aapor_find(code);

	return i < 0 ? "Other" : disposition_aapor[i].label;
}

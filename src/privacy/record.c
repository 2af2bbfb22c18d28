/*
 * Everything the database holds on one case, in French, for a respondent's
 * access request: personal data, frame, calls, appointments, notes, interviews
 * and their answers, changes, supervision, who was shown the number, erasures.
 */
#include "privacy/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field/disposition.h"
#include "field/frame.h"
#include "field/schedule.h"
#include "instrument/instrument.h"
#include "store/calls.h"
#include "store/person.h"
#include "util/xmalloc.h"

struct record {
	struct buf *b;
	const struct instrument *ins;
	size_t n;			/* rows of the part being written */
	char wave[64], purged[32];
};

/* A stored UTC time as the survey's people read it. */
static void record_when(const char *iso, char *out, size_t len)
{
	schedule_local_iso(iso[0] != '\0' ? iso : "–", out, len, "%d/%m/%Y %H:%M");
}

static const char *record_or_dash(const char *s)
{
	return s[0] != '\0' ? s : "–";
}

static const char *record_outcome(const char *token)
{
	const struct disposition *d = disposition_find(token);

	return d != NULL ? d->label : token;
}

static const char *record_status(const char *status)
{
	static const char *const names[][2] = {
		{ "in_progress", "en cours" }, { "complete", "complet" },
		{ "broken_off", "interrompu" }, { "screened_out", "hors cible" },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(status, names[i][0]) == 0)
			return names[i][1];
	return status;
}

static const char *record_access(const char *what)
{
	if (strcmp(what, STORE_SHOWN_CASE_SCREEN) == 0)
		return "écran du cas (enquêteur)";
	if (strcmp(what, STORE_SHOWN_DRIVER) == 0)
		return "pilote sans écran (enquêteur)";
	if (strcmp(what, STORE_SHOWN_CASE_SHOW) == 0)
		return "allo case show (gestionnaire)";
	return what;
}

static void record_case_row(void *arg, const char *const *col, int ncol)
{
	struct record *r = arg;
	char created[32], last[32];
	size_t i;

	(void)ncol;
	snprintf(r->wave, sizeof r->wave, "%s", col[1]);
	snprintf(r->purged, sizeof r->purged, "%s", col[8]);
	record_when(col[6], created, sizeof created);
	record_when(col[7], last, sizeof last);
	buf_addf(r->b, "Cas %s · vague %s · importé le %s\n", col[0], col[1], created);
	buf_addf(r->b, "Suivi : %s", strcmp(col[2], "final") == 0 ? "final" : "en cours");
	if (col[3][0] != '\0')
		buf_addf(r->b, " · AAPOR %s (%s)", col[3], disposition_aapor_label(col[3]));
	buf_addf(r->b, " · %s tentative%s · priorité %s · dernier appel : %s\n", col[4],
	    strcmp(col[4], "1") > 0 || strlen(col[4]) > 1 ? "s" : "", col[5], last);
	buf_adds(r->b, "Variables de l'échantillon\n");
	for (i = 0; i < r->ins->nframe; i++) {
		const struct question *q = r->ins->frame[i];
		char value[256];

		frame_label(r->ins, col[9], q->id, value, sizeof value);
		buf_addf(r->b, "  %s : %s%s\n", q->label ? q->label : q->id, value,
		    q->personal ? " (donnée personnelle)" : "");
	}
}

static void record_dnc_row(void *arg, const char *const *col, int ncol)
{
	struct record *r = arg;
	char when[32];

	(void)ncol;
	record_when(col[0], when, sizeof when);
	buf_addf(r->b, "  Liste d'opposition : oui, depuis le %s (par %s)\n", when, col[1]);
	r->n++;
}

static void record_contact_row(void *arg, const char *const *col, int ncol)
{
	struct record *r = arg;

	(void)ncol;
	buf_addf(r->b, "  Téléphone : %s\n  Nom : %s\n  Note de l'échantillon : %s\n", col[0],
	    record_or_dash(col[1]), record_or_dash(col[2]));
	r->n++;
}

static void record_call_row(void *arg, const char *const *col, int ncol)
{
	struct record *r = arg;
	char when[32];

	(void)ncol;
	record_when(col[0], when, sizeof when);
	buf_addf(r->b, "  %s  %s  %s", when, col[1], record_outcome(col[2]));
	if (col[3][0] != '\0')
		buf_addf(r->b, "  « %s »", col[3]);
	buf_addc(r->b, '\n');
}

static void record_appointment_row(void *arg, const char *const *col, int ncol)
{
	struct record *r = arg;
	char due[32], set[32];

	(void)ncol;
	record_when(col[0], due, sizeof due);
	record_when(col[3], set, sizeof set);
	buf_addf(r->b, "  %s  %s  fixé par %s le %s%s", due, strcmp(col[1], "hard") == 0 ?
	    "ferme" : "souple", col[2], set, strcmp(col[5], "0") != 0 ? " (passé)" : "");
	if (col[4][0] != '\0')
		buf_addf(r->b, "  « %s »", col[4]);
	buf_addc(r->b, '\n');
}

static void record_note_row(void *arg, const char *const *col, int ncol)
{
	struct record *r = arg;
	char when[32];

	(void)ncol;
	record_when(col[0], when, sizeof when);
	buf_addf(r->b, "  %s  %s  « %s »\n", when, col[1], col[2]);
}

static void record_interview_row(void *arg, const char *const *col, int ncol)
{
	struct record *r = arg;
	char from[32], to[32];

	(void)ncol;
	record_when(col[3], from, sizeof from);
	record_when(col[4], to, sizeof to);
	buf_addf(r->b, "  Entretien %s · %s · %s%s · du %s au %s · questionnaire %s\n", col[0],
	    col[1], record_status(col[2]), strcmp(col[6], "0") != 0 ? " (test)" : "", from, to,
	    col[5]);
}

/* A variable as the file names it: id, or id_INSTANCE in a roster. */
static void record_var(struct buf *b, const char *var, const char *instance)
{
	buf_adds(b, var);
	if (strcmp(instance, "0") != 0)
		buf_addf(b, "_%s", instance);
}

static void record_answer_row(void *arg, const char *const *col, int ncol)
{
	struct record *r = arg;

	(void)ncol;
	buf_addf(r->b, "  %s ", col[0]);
	record_var(r->b, col[1], col[2]);
	if (strcmp(col[3], "dk") == 0)
		buf_adds(r->b, " = NSP");
	else if (strcmp(col[3], "rf") == 0)
		buf_adds(r->b, " = refus");
	else if (strcmp(col[3], "text") == 0)
		buf_addf(r->b, " = « %s »", col[4]);
	else
		buf_addf(r->b, " = %s", col[4]);
	buf_adds(r->b, strcmp(col[5], "0") == 0 ? " (hors parcours)\n" : "\n");
}

static void record_change_row(void *arg, const char *const *col, int ncol)
{
	struct record *r = arg;
	char when[32];

	(void)ncol;
	record_when(col[0], when, sizeof when);
	buf_addf(r->b, "  %s  %s  entretien %s  ", when, col[1], col[2]);
	record_var(r->b, col[3], col[4]);
	buf_addf(r->b, " : « %s » → « %s »\n", col[5], col[6]);
}

static void record_supervision_row(void *arg, const char *const *col, int ncol)
{
	struct record *r = arg;
	char when[32];

	(void)ncol;
	record_when(col[0], when, sizeof when);
	buf_addf(r->b, "  %s  %s  %s", when, col[1], col[2]);
	if (col[3][0] != '\0')
		buf_addf(r->b, " (%s)", col[3]);
	buf_addc(r->b, '\n');
}

static void record_access_row(void *arg, const char *const *col, int ncol)
{
	struct record *r = arg;
	char when[32];

	(void)ncol;
	record_when(col[0], when, sizeof when);
	buf_addf(r->b, "  %s  %s  %s\n", when, col[1], record_access(col[2]));
}

static void record_purge_row(void *arg, const char *const *col, int ncol)
{
	struct record *r = arg;
	char when[32];

	(void)ncol;
	record_when(col[0], when, sizeof when);
	buf_addf(r->b, "  %s  par %s  (%s %s)\n", when, col[1], strcmp(col[2], "wave") == 0 ?
	    "effacement de la vague" : "effacement du cas", col[3]);
}

/* The part's title, then its rows, or "aucun" when it has none. */
static int record_part(struct record *r, struct store *st, const char *id, enum person_part p,
    const char *title, const char *none, store_person_fn fn, char **cause)
{
	size_t mark;
	int rc;

	buf_addf(r->b, "%s\n", title);
	mark = r->b->len;
	if ((rc = store_person_rows(st, p, id, fn, r, cause)) < 0)
		return -1;
	if (r->b->len == mark)
		buf_addf(r->b, "  %s\n", none);
	return 0;
}

/* Personal data: the contact (whose display is traced) and the do-not-call list. */
static int record_personal(struct record *r, struct store *st, const char *id, const char *login,
    char **cause)
{
	char phone[64];
	int rc;

	buf_adds(r->b, "Données personnelles\n");
	rc = store_case_phone_show(st, id, login, STORE_SHOWN_CASE_SHOW, phone, sizeof phone, cause);
	if (rc < 0)
		return -1;
	r->n = 0;
	if (rc == 1 && store_person_rows(st, PERSON_CONTACT, id, record_contact_row, r, cause) < 0)
		return -1;
	if (r->n == 0 && r->purged[0] != '\0') {
		char when[32];

		record_when(r->purged, when, sizeof when);
		buf_addf(r->b, "  effacées le %s\n", when);
	} else if (r->n == 0)
		buf_adds(r->b, "  aucun numéro conservé (liste d'opposition à l'import)\n");
	r->n = 0;
	if (rc == 1 && store_person_dnc(st, phone, record_dnc_row, r, cause) < 0)
		return -1;
	if (rc == 1 && r->n == 0)
		buf_adds(r->b, "  Liste d'opposition : non\n");
	memset(phone, 0, sizeof phone);
	return 0;
}

int record_case(struct store *st, const struct instrument *ins, const char *id,
    const char *login, struct buf *b, char **cause)
{
	struct record r;
	int rc;

	memset(&r, 0, sizeof r);
	r.b = b;
	r.ins = ins;
	if ((rc = store_person_rows(st, PERSON_CASE, id, record_case_row, &r, cause)) < 0)
		return -1;
	if (rc == 0) {
		*cause = xasprintf("cas inconnu : %.64s", id);
		return -1;
	}
	if (record_personal(&r, st, id, login, cause) < 0 ||
	    record_part(&r, st, id, PERSON_CALLS, "Appels", "aucun", record_call_row, cause) < 0 ||
	    record_part(&r, st, id, PERSON_APPOINTMENTS, "Rendez-vous", "aucun", record_appointment_row,
	    cause) < 0 ||
	    record_part(&r, st, id, PERSON_NOTES, "Notes", "aucune", record_note_row, cause) < 0 ||
	    record_part(&r, st, id, PERSON_INTERVIEWS, "Entretiens", "aucun", record_interview_row,
	    cause) < 0 ||
	    record_part(&r, st, id, PERSON_ANSWERS, "Réponses (entretien, variable, valeur)", "aucune",
	    record_answer_row, cause) < 0 ||
	    record_part(&r, st, id, PERSON_CHANGES, "Modifications des réponses", "aucune",
	    record_change_row, cause) < 0 ||
	    record_part(&r, st, id, PERSON_SUPERVISION, "Actions de supervision", "aucune",
	    record_supervision_row, cause) < 0 ||
	    record_part(&r, st, id, PERSON_ACCESS, "Affichages du numéro", "aucun", record_access_row,
	    cause) < 0 ||
	    record_part(&r, st, id, PERSON_PURGES, "Effacements", "aucun", record_purge_row, cause) < 0)
		return -1;
	return 0;
}

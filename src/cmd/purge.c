/* allo purge: erase the personal data of a closed wave, or of one respondent at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "instrument/instrument.h"
#include "privacy/purge.h"
#include "session/session.h"
#include "store/purge.h"
#include "store/wave.h"
#include "util/xmalloc.h"

/* A wave is purged once closed; purged already, only its file is scrubbed again. */
static int cmd_purge_wave_ok(struct store *st, const char *wave, int *again, char **cause)
{
	struct store_wave w;
	int rc = store_wave_get(st, wave, &w, cause);

	*again = 0;
	if (rc < 0)
		return -1;
	if (rc == 0) {
		*cause = xasprintf("vague inconnue : %.32s", wave);
		return -1;
	}
	if (w.closed_at[0] == '\0') {
		*cause = xasprintf("la vague %s n'est pas close : la clore d'abord (allo wave close)",
		    wave);
		return -1;
	}
	*again = w.purged_at[0] != '\0';
	return 0;
}

static void cmd_purge_say(int wave, const char *target, const struct store_purge_counts *n)
{
	printf("%s %s : données personnelles effacées (%zu cas : %zu contacts (numéro, nom, note),"
	    " %zu notes d'appel, %zu notes de rendez-vous, %zu notes, %zu textes et %zu lignes du"
	    " journal masqués, %zu valeurs personnelles de l'échantillon, %zu affichages du numéro)\n",
	    wave ? "Vague" : "Cas", target, n->cases, n->contacts, n->call_notes,
	    n->appointment_notes, n->notes, n->texts, n->log_texts, n->frames, n->access);
	if (wave)
		printf("Pauses des enquêteurs de la vague effacées : %zu\n", n->breaks);
	if (!wave)
		printf("Numéro %s la liste d'opposition%s\n", n->dnc ? "ajouté à" : "déjà sur",
		    n->closed ? " ; le cas est final" : "");
}

static enum cmd_status cmd_purge_exec(int argc, char **argv)
{
	struct store_purge_counts n;
	struct store_user u;
	struct instrument *ins = NULL;
	struct store *st;
	const char *as, *wave, *id, *target;
	char *cause = NULL;
	int bad = 0, again = 0, rc = -1;

	as = cmd_opt(&argc, argv, "--as", &bad);
	wave = cmd_opt(&argc, argv, "--wave", &bad);
	id = cmd_opt(&argc, argv, "--case", &bad);
	if (bad || cmd_stray_option(argc, argv) || argc != 2 || (wave == NULL) == (id == NULL))
		return cmd_usage(&cmd_purge_entry);
	target = wave != NULL ? wave : id;
	if ((st = cmd_open_staff(argv[1], as, "manager", &u, &cause)) == NULL)
		return cmd_fail(cause, CMD_FAIL);
	if ((ins = cmd_questionnaire(st, &cause)) != NULL &&
	    (wave == NULL || cmd_purge_wave_ok(st, wave, &again, &cause) == 0)) {
		if (again) {
			printf("Vague %s : déjà effacée ; fichier nettoyé de nouveau\n", wave);
			rc = 0;
		} else if ((rc = purge_run(st, ins, wave != NULL, target, u.login, &n, &cause)) == 0)
			cmd_purge_say(wave != NULL, target, &n);
	}
	/* The erasure stands once committed; the scrub removes what the file still holds of it. */
	if (rc == 0 && (rc = store_scrub(st, &cause)) == 1)
		fprintf(stderr, "allo: %s ; relancer allo purge quand elle est libre\n", cause);
	else if (rc == 0)
		printf("Fichier nettoyé : journal vidé, pages libres effacées\n");
	instrument_free(ins);
	store_close(st);
	if (rc == 1) {
		free(cause);
		return CMD_FAIL;
	}
	return rc == 0 ? CMD_OK : cmd_fail(cause, CMD_FAIL);
}

const struct cmd_entry cmd_purge_entry = {
	"purge", NULL, "DB --wave W | --case CASE [--as LOGIN]",
	"erase the personal data of a closed wave, or of one case at once", cmd_purge_exec
};

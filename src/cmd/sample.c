/* allo sample: import the cases to call, and keep the do-not-call list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "field/quota.h"
#include "field/disposition.h"
#include "field/phone.h"
#include "field/sample.h"
#include "instrument/instrument.h"
#include "session/session.h"
#include "store/sample.h"
#include "store/store.h"
#include "util/clock.h"

/* Sample work is for managers and supervisors, or the database's owner and root. */
static struct store *cmd_sample_open(const char *db, const char *as, char *login, size_t len,
    char **cause)
{
	struct store_user u;
	struct store *st;

	if ((st = cmd_open_staff(db, as, "manager,supervisor", &u, cause)) != NULL)
		snprintf(login, len, "%s", u.login);
	return st;
}

/* 1 if w is a usable wave tag: 1 to 32 letters, digits, '.', '_' or '-'. */
static int cmd_sample_wave_ok(const char *w)
{
	size_t n = strlen(w);

	return n > 0 && n <= 32 && strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-") == n;
}

static enum cmd_status cmd_sample_import(int argc, char **argv, const char *as)
{
	struct sample_opts o = { NULL, NULL };
	struct sample_result r;
	struct instrument *ins;
	struct store *st;
	const char *enc = NULL;
	char *cause = NULL, login[64];
	int bad = 0, rc;

	o.wave = cmd_opt(&argc, argv, "--wave", &bad);
	enc = cmd_opt(&argc, argv, "--encoding", &bad);
	if (bad || cmd_stray_option(argc, argv) || argc != 4)
		return cmd_usage(&cmd_sample_entry);
	if (enc != NULL && (o.encoding = sample_encoding(enc)) == NULL) {
		fprintf(stderr, "allo: encodage inconnu : %s (latin1 ou cp1252 ; l'UTF-8 n'en"
		    " demande pas)\n", enc);
		return CMD_USAGE;
	}
	if (o.wave != NULL && !cmd_sample_wave_ok(o.wave)) {
		fprintf(stderr, "allo: vague invalide : %s (1 à 32 lettres, chiffres, « . », « _ »"
		    " ou « - »)\n", o.wave);
		return CMD_USAGE;
	}
	if ((st = cmd_sample_open(argv[2], as, login, sizeof login, &cause)) == NULL)
		return cmd_fail(cause, CMD_FAIL);
	if ((ins = cmd_questionnaire(st, &cause)) == NULL) {
		store_close(st);
		return cmd_fail(cause, CMD_FAIL);
	}
	if (o.wave == NULL && (ins->version == NULL || !cmd_sample_wave_ok(ins->version))) {
		fprintf(stderr, "allo: la version du questionnaire ne peut pas nommer une vague :"
		    " donner --wave\n");
		instrument_free(ins);
		store_close(st);
		return CMD_USAGE;
	}
	if (o.wave == NULL)
		o.wave = ins->version;
	rc = sample_import(st, ins, argv[3], &o, stderr, &r, &cause);
	if (rc == 0 && quota_sync(st, ins, &cause) < 0)
		rc = -1;	/* the cases are in; quotas are applied again at the next sync */
	if (rc == 0) {
		printf("%s : %zu cas importé%s dans la vague %s", argv[3], r.cases,
		    r.cases > 1 ? "s" : "", o.wave);
		if (r.dnc > 0)
			printf(" (dont %zu sur la liste d'opposition, importé%s comme final%s)", r.dnc,
			    r.dnc > 1 ? "s" : "", r.dnc > 1 ? "s" : "");
		printf("\n");
	} else if (rc > 0)
		fprintf(stderr, "%s : %zu erreur%s ; rien n'est importé\n", argv[3], r.errors,
		    r.errors > 1 ? "s" : "");
	instrument_free(ins);
	store_close(st);
	if (rc < 0)
		return cmd_fail(cause, rc == SAMPLE_UNREADABLE ? CMD_USAGE : CMD_FAIL);
	return rc == 0 ? CMD_OK : CMD_FAIL;
}

static enum cmd_status cmd_sample_dnc(int argc, char **argv, const char *as)
{
	char phone[PHONE_MAX], why[PHONE_WHY], login[64], now[32], id[64];
	const char *code = disposition_find("dnc")->final_now;
	struct store *st;
	char *cause = NULL;
	int added, closed;

	if (cmd_stray_option(argc, argv) || argc != 4)
		return cmd_usage(&cmd_sample_entry);
	if (phone_normalize(argv[3], phone, why) < 0) {
		fprintf(stderr, "allo: numéro de téléphone invalide : %s\n", why);
		return CMD_USAGE;
	}
	if ((st = cmd_sample_open(argv[2], as, login, sizeof login, &cause)) == NULL)
		return cmd_fail(cause, CMD_FAIL);
	clock_iso(clock_now(), now, sizeof now);
	if (store_sample_dnc(st, phone, login, now, code, &added, id, sizeof id, &closed,
	    &cause) < 0) {
		store_close(st);
		return cmd_fail(cause, CMD_FAIL);
	}
	store_close(st);
	printf("%s : %s la liste d'opposition", phone, added ? "ajouté à" : "déjà sur");
	if (closed)
		printf(" ; le cas %s est final (%s)", id, code);
	else if (id[0] != '\0')
		printf(" ; le cas %s était déjà final", id);
	printf("\n");
	return CMD_OK;
}

static enum cmd_status cmd_sample_exec(int argc, char **argv)
{
	const char *as;
	int bad = 0;

	as = cmd_opt(&argc, argv, "--as", &bad);
	if (bad || argc < 2)
		return cmd_usage(&cmd_sample_entry);
	if (strcmp(argv[1], "import") == 0)
		return cmd_sample_import(argc, argv, as);
	if (strcmp(argv[1], "dnc") == 0)
		return cmd_sample_dnc(argc, argv, as);
	return cmd_usage(&cmd_sample_entry);
}

const struct cmd_entry cmd_sample_entry = {
	"sample", NULL,
	"import DB FILE.csv [--wave W] [--encoding latin1|cp1252] [--as LOGIN]\n"
	"       allo sample dnc DB PHONE [--as LOGIN]",
	"import the cases to call; put a number on the do-not-call list", cmd_sample_exec
};

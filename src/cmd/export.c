/* allo export: a cleaned wave for the analysts (CSV, SPSS, Stata, DDI), without personal data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "export/export.h"
#include "session/session.h"
#include "store/store.h"

/* Exports are for managers, or the database's owner and root. */
static struct store *cmd_export_open(const char *db, const char *as, char **cause)
{
	struct store_user u;

	return cmd_open_staff(db, as, "manager", &u, cause);
}

static enum cmd_status cmd_export_exec(int argc, char **argv)
{
	struct export_opts o;
	struct export_report r;
	const char *as, *formats;
	struct store *st;
	char *cause = NULL;
	int bad = 0, rc;

	memset(&o, 0, sizeof o);
	o.include_partials = cmd_flag(&argc, argv, "--include-partials");
	o.raw_text = cmd_flag(&argc, argv, "--raw-text");
	as = cmd_opt(&argc, argv, "--as", &bad);
	o.wave = cmd_opt(&argc, argv, "--wave", &bad);
	o.out = cmd_opt(&argc, argv, "--out", &bad);
	formats = cmd_opt(&argc, argv, "--formats", &bad);
	if (bad || cmd_stray_option(argc, argv) || argc != 2 || o.wave == NULL)
		return cmd_usage(&cmd_export_entry);
	o.formats = EXPORT_ALL;
	if (formats != NULL && export_formats(formats, &o.formats) < 0) {
		fprintf(stderr, "allo: --formats: a list of csv, sav, dta, ddi, such as csv,sav\n");
		return CMD_USAGE;
	}
	if (!export_wave_ok(o.wave)) {
		fprintf(stderr, "allo: %s: not a wave name (1 to 32 letters, digits, '.', '_', '-')\n",
		    o.wave);
		return CMD_USAGE;
	}
	o.warn = stderr;
	if ((st = cmd_export_open(argv[1], as, &cause)) == NULL)
		return cmd_fail(cause, CMD_FAIL);
	rc = export_run(st, &o, &r, &cause);
	store_close(st);
	if (rc < 0)
		return cmd_fail(cause, CMD_FAIL);
	printf("%s: %zu interview%s (%zu complete, %zu partial), %zu columns, %zu call%s,"
	    " %zu warning%s\n", r.dir, r.rows, r.rows == 1 ? "" : "s", r.completes, r.partials,
	    r.columns, r.calls, r.calls == 1 ? "" : "s", r.warnings, r.warnings == 1 ? "" : "s");
	return CMD_OK;
}

const struct cmd_entry cmd_export_entry = {
	"export", NULL,
	"DB --wave W [--out DIR] [--formats csv,sav,dta,ddi] [--include-partials] [--raw-text]"
	" [--as LOGIN]",
	"export a cleaned wave: CSV, SPSS, Stata, DDI, codebook, paradata", cmd_export_exec
};

/* The wave export: a cleaned wave in CSV, SPSS, Stata and DDI, with its codebook and paradata. */
#ifndef ALLO_EXPORT_H
#define ALLO_EXPORT_H

#include <stddef.h>
#include <stdio.h>

struct store;

/* The data formats; the codebook, the paradata, the timings and MANIFEST are always written. */
enum {
	EXPORT_CSV = 1 << 0,
	EXPORT_SAV = 1 << 1,
	EXPORT_DTA = 1 << 2,
	EXPORT_DDI = 1 << 3,
	EXPORT_ALL = EXPORT_CSV | EXPORT_SAV | EXPORT_DTA | EXPORT_DDI
};

/* The steps whose time is measured, in the order they run. */
enum export_phase {
	PHASE_CLEAN,		/* read, re-validate and clean; W.csv and timings.csv */
	PHASE_PARADATA,
	PHASE_SAV,
	PHASE_DTA,
	PHASE_DDI,
	PHASE_CODEBOOK,
	PHASE_COUNT
};

struct export_opts {
	const char *wave;
	const char *out;	/* the wave's folder; NULL: exports/WAVE */
	unsigned formats;	/* EXPORT_* */
	int include_partials;	/* broken-off interviews too, flagged */
	int raw_text;		/* CSV texts as typed, even those a spreadsheet would run */
	FILE *warn;		/* where warnings go, one per line */
};

struct export_report {
	char dir[4096];		/* where the wave was written */
	size_t rows, completes, partials, columns, calls, warnings;
	double seconds[PHASE_COUNT];
};

/* 1 if s is a usable wave name: 1 to 32 letters, digits, '.', '_' or '-', not only dots. */
int export_wave_ok(const char *s);
/* Parses "csv,sav,dta,ddi" into EXPORT_* bits; -1 on an unknown name. */
int export_formats(const char *s, unsigned *out);

/*
 * Writes the wave o->wave of the database into its folder: everything goes
 * into a hidden folder beside it, which replaces the folder only at the end.
 * Returns -1 with *cause (caller frees) when nothing was exported.
 */
int export_run(struct store *st, const struct export_opts *o, struct export_report *r,
    char **cause);

#endif

/* Sample import: a CSV file of cases, checked whole, then written in one transaction or not at all. */
#ifndef ALLO_FIELD_SAMPLE_H
#define ALLO_FIELD_SAMPLE_H

#include <stddef.h>
#include <stdio.h>

#include "instrument/model.h"

#define SAMPLE_MAX_RECORD 65536	/* bytes of one line (or one record spanning lines) */
#define SAMPLE_MAX_FIELDS 1024
#define SAMPLE_MAX_ID 63	/* bytes of a case id */
#define SAMPLE_MAX_CASES 1000000	/* lines of cases in one file: what the checks hold in memory */
#define SAMPLE_MAX_CASES_TEXT "1 000 000"
#define SAMPLE_MAX_LINES 100000000	/* physical lines of one file, blank ones included */
#define SAMPLE_MAX_LINES_TEXT "100 000 000"
#define SAMPLE_SHOWN 100		/* errors printed; the others are counted */

struct store;

struct sample_opts {
	const char *wave;	/* the batch's tag */
	const char *encoding;	/* NULL or an encoding sample_encoding accepts */
};

struct sample_result {
	size_t cases;		/* imported */
	size_t dnc;		/* of which on the do-not-call list: imported final */
	size_t errors;		/* reported; when any, nothing was imported */
};

/* The iconv name of an encoding --encoding accepts ("" for UTF-8), NULL if unknown. */
const char *sample_encoding(const char *name);

/*
 * Imports the sample file path, a regular file, into st, for the
 * questionnaire ins. Every problem is counted; the first SAMPLE_SHOWN by line
 * are printed to err as "PATH:LINE: erreur : MESSAGE", then the one that
 * stopped the reading, then how many more; nothing is written unless there is
 * none. Returns 0 when imported, 1 when problems were found,
 * SAMPLE_UNREADABLE when the file cannot be opened or is not a regular file,
 * -1 when the store failed (both with *cause, caller frees).
 */
#define SAMPLE_UNREADABLE (-2)
int sample_import(struct store *st, const struct instrument *ins, const char *path,
    const struct sample_opts *o, FILE *err, struct sample_result *r, char **cause);

#endif

/* The seconds recorded per answer, read back to check the length estimate of allo paths. */
#ifndef ALLO_STORE_TIMING_H
#define ALLO_STORE_TIMING_H

#include <stddef.h>

#include "store/store.h"

/* The recorded seconds of one question over the interviews looked at. */
struct timing_var {
	char *var;		/* owned */
	double median;		/* seconds */
	size_t answers;
};

struct timing {
	size_t completes;	/* completed interviews looked at */
	size_t test_completes;	/* completed test interviews, looked at or not */
	struct timing_var *v;	/* by variable name */
	size_t n;
};

/* Reads the median seconds per question over completed interviews, test ones only if asked. */
int store_timing(struct store *s, int with_test, struct timing *t, char **cause);
void store_timing_free(struct timing *t);

#endif

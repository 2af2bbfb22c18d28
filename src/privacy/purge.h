/* The erasure of personal data, for a closed wave or one respondent. */
#ifndef ALLO_PURGE_H
#define ALLO_PURGE_H

#include "store/purge.h"

struct instrument;
struct store;

/*
 * Erases the personal data of wave target (wave = 1) or of case target, in one
 * transaction recorded in the purge log under login; a case purge also puts its
 * number on the do-not-call list and makes it final. Fills *r with what was
 * erased. The caller scrubs the file afterwards (store_scrub). -1 with *cause.
 */
int purge_run(struct store *st, const struct instrument *ins, int wave, const char *target,
    const char *login, struct store_purge_counts *r, char **cause);

#endif

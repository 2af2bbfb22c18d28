/* Everything the database holds on one case, for a respondent's access request. */
#ifndef ALLO_RECORD_H
#define ALLO_RECORD_H

#include "util/buf.h"

struct instrument;
struct store;

/*
 * Writes into b, in French, everything held on case id; the display of its
 * number is traced in the access log under login. -1 with *cause on error.
 */
int record_case(struct store *st, const struct instrument *ins, const char *id,
    const char *login, struct buf *b, char **cause);

#endif

/* "Why this case now?": the scheduler's view of one case, for supervisors. */
#ifndef ALLO_EXPLAIN_H
#define ALLO_EXPLAIN_H

#include <time.h>

#include "field/schedule.h"
#include "util/buf.h"

int explain_case(struct store *st, const struct instrument *ins, const char *id, time_t now,
    struct buf *b, char **cause);

#endif

/* The interviewer terminal, over the session API. */
#ifndef ALLO_INTERVIEW_H
#define ALLO_INTERVIEW_H

#include "instrument/model.h"
#include "store/store.h"

/*
 * Runs the terminal until the interviewer leaves (0) or a signal arrives (its
 * number); -1 with *cause if it cannot start.
 */
int ui_interview(struct store *st, const struct store_user *user, struct instrument *ins,
    char **cause);

#endif

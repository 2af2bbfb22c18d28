/* The supervisor dashboard, live, read-only but for the logged actions. */
#ifndef ALLO_SUPERVISE_H
#define ALLO_SUPERVISE_H

#include "instrument/model.h"
#include "store/store.h"

int ui_supervise(struct store *st, const struct store_user *user, struct instrument *ins,
    char **cause);

#endif

/* Quotas at run time: the cell of an interview, full cells, exact counts, blocked cases. */
#ifndef ALLO_QUOTA_H
#define ALLO_QUOTA_H

#include <stddef.h>
#include <stdint.h>

#include "interview/engine.h"
#include "store/store.h"

/* The cell key "1,2,1" of qt for the engine's answers; 0 when a variable is not known yet. */
int quota_key(const struct quota *qt, const struct engine *e, char *key, size_t len);
/*
 * The cells of the screen-out quotas for these answers, as one key ("" for one
 * not known yet: a variable without a value, or one the cursor has not passed).
 */
void quota_cells_key(const struct instrument *ins, const struct engine *e, char *out, size_t len);
/*
 * The first screen-out quota whose cell is full (or closed) for these answers,
 * or NULL: full when its completes and the places other interviews hold in it
 * reach the target.
 */
const struct quota *quota_full(struct store *st, const struct instrument *ins,
    const struct engine *e, int64_t interview, const char *now);
/* Holds the interview's places in the targeted cells of its screen-out quotas, as they stand. */
int quota_reserve(struct store *st, const struct instrument *ins, const struct engine *e,
    int64_t interview, char **cause);
/*
 * Counts a complete interview into its cells, inside the caller's transaction:
 * overshoots are recorded, full frame-only cells stop their cases, priorities follow.
 */
int quota_count(struct store *st, const struct instrument *ins, const struct engine *e,
    int64_t interview, const char *login, char **cause);
/* Cells from the questionnaire, counts from the interviews, blocked cases and priorities. */
int quota_sync(struct store *st, const struct instrument *ins, char **cause);

/* Changes a cell (target < 0 or closed < 0 keep theirs), logs who did it, and re-applies quotas. */
int quota_set(struct store *st, const struct instrument *ins, const char *id, const char *cell,
    int target, int closed, const char *login, char **cause);
/* "Champratel × Homme": the labels of a cell key. */
/* The same within cols display columns, every part shortened with an ellipsis as needed. */
void quota_label_fit(const struct instrument *ins, const struct quota *qt, const char *cell,
    char *out, size_t len, size_t cols);
void quota_label(const struct instrument *ins, const struct quota *qt, const char *cell,
    char *out, size_t len);

#endif

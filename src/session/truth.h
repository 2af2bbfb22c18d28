/* Private to the session: what a failed write left on disk, read back and told. */
#ifndef ALLO_SESSION_TRUTH_H
#define ALLO_SESSION_TRUTH_H

#include "session/session.h"

/* Columns of a message line: an 80-column screen shows COLS - 2 of them. */
#define TRUTH_LINE_COLS 78

/* Throws the engine away and loads the interview again from disk; -1 when it cannot be read. */
int truth_reload(struct session *s);
/*
 * After a failed commit of one step (the answer v at at, or a move when at is
 * NULL), its transaction rolled back: reloads the session from disk and tells
 * in one line what is stored. began says whether the write transaction was
 * taken. SESSION_OK when the step is on disk after all (msg a notice),
 * SESSION_ERROR when it is not or cannot be told. cause is borrowed.
 */
enum session_result truth_step(struct session *s, const struct step *at, const struct value *v,
    int began, const char *cause, char **msg);
/* The same after a failed break-off; the engine is left as it is. */
enum session_result truth_breakoff(struct session *s, int began, const char *cause, char **msg);

#endif

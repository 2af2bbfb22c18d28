/* Fills: {name} in texts replaced by answers, {n} by the roster instance. */
#ifndef ALLO_FILL_H
#define ALLO_FILL_H

#include "instrument/expr.h"

/*
 * Checks every {name} of text: a known variable (as for expressions in
 * scope), {n} only inside a roster, {interviewer} always. Reports into d.
 * Returns the number of errors found.
 */
int fill_check(const char *text, const struct src *where, const struct expr_scope *scope,
    struct diag *d);

/*
 * Returns text with fills applied (caller frees): option labels for coded
 * variables, labels joined by ", " for multi, JJ/MM/AAAA for dates, numbers
 * with a decimal comma, "…" when a value is missing. "{{" and "}}" are literal braces.
 */
char *fill_apply(const char *text, const struct instrument *ins, const struct expr_env *env,
    const char *interviewer);

#endif

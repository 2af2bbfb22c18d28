/* Whether a break-off is a partial interview (AAPOR 1.2), by the fieldwork's rule. */
#ifndef ALLO_PARTIAL_H
#define ALLO_PARTIAL_H

#include "interview/engine.h"

/* The questions answered and the route that could still be asked, as the rule counts them. */
struct partial_share {
	size_t answered, route;
};

/* Counts the share of the route an interview has answered, at the moment of its break-off. */
void partial_share(const struct engine *e, struct partial_share *out);
/* 1 when the rule of fieldwork `partial:` makes this break-off a partial, else 0. */
int partial_met(const struct engine *e);

#endif

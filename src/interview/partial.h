/* Whether a break-off is a partial interview (AAPOR 1.2), by the fieldwork's rule. */
#ifndef ALLO_PARTIAL_H
#define ALLO_PARTIAL_H

#include "interview/engine.h"

/* The questions answered and the route that could still be asked, as the rule counts them. */
struct partial_share {
	size_t answered, route;
	int per_instance;	/* roster questions counted at each instance (progress), not once */
};

/* Counts the share of the route an interview has answered, at the moment of its break-off. */
void partial_share(const struct engine *e, struct partial_share *out);
/*
 * The interview's progress in percent: the questions answered over those answered plus those
 * that could still be asked (the partial rule's count). On a fixed route it moves forward with
 * every answer; it moves back only when an answer lengthens the route (a larger roster).
 */
int partial_progress(const struct engine *e);
/* The counts behind it: every question at every instance it has or could have. */
void partial_steps(const struct engine *e, struct partial_share *out);
/* 1 when the rule of fieldwork `partial:` makes this break-off a partial, else 0. */
int partial_met(const struct engine *e);

/*
 * 1 when q, at instance (from 1 in a roster, else 0), is an asked question not
 * answered that the interview could still have asked had it gone on: no
 * condition of its theme, roster or own is known false, and its roster may
 * have that instance. 0 for a question off the route, answered, or not asked.
 */
int partial_unreached(const struct engine *e, const struct question *q, int instance);

#endif

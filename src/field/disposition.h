/* Call outcomes and their AAPOR final dispositions (telephone), in one table. */
#ifndef ALLO_DISPOSITION_H
#define ALLO_DISPOSITION_H

#include "instrument/model.h"

struct disposition {
	const char *token;	/* as typed in the driver and shown in reports */
	const char *label;	/* French, for interviewers and supervisors */
	const char *final_now;	/* AAPOR code when this outcome ends the case at once, or NULL */
	const char *final_at_max; /* AAPOR code when attempts run out and this is the best outcome */
	int rank;		/* how informative: the highest ranked outcome names a final code */
	int retry;		/* index into fieldwork.retry, or -1 */
	int by_interviewer;	/* may be recorded by hand (not set by the engine) */
};

const struct disposition *disposition_find(const char *token);
/* Every disposition, in the table's order; NULL-terminated by token. */
const struct disposition *disposition_all(void);
/* The final code of an interview ended by a terminate rule. */
const char *disposition_screened(enum outcome o);
/* The AAPOR label of a final code in French, for people reading reports and screens. */
const char *disposition_aapor_label(const char *code);
/* The same label in English as AAPOR writes it (a DDI codebook). */
const char *disposition_aapor_label_en(const char *code);

#endif

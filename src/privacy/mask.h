/* Free texts without personal data: what the export, the purge and the lists of texts share. */
#ifndef ALLO_MASK_H
#define ALLO_MASK_H

#include <stddef.h>

#include "util/buf.h"

/* The replacements, in French since data managers and analysts read them. */
#define MASK_PHONE "[numéro masqué]"
#define MASK_EMAIL "[courriel masqué]"
#define MASK_NAME "[nom masqué]"
#define MASK_PERSONAL "[donnée personnelle masquée]"

/* What is known of one respondent that their free texts must not carry. */
struct mask_known {
	const char *phone;		/* the case's number, E.164; NULL when unknown */
	const char *name;		/* the sample's name; NULL when none */
	const char *const *personal;	/* values of the frame variables declared personal */
	size_t npersonal;
};

/* What one call replaced, by kind. */
struct mask_counts {
	size_t phones, emails, names, personal;
};

/*
 * Appends the free text s to b, cleaned as the export cleans texts (invalid
 * UTF-8 as U+FFFD, control characters gone, blanks as one space, trimmed) and
 * with personal data replaced: e-mail addresses, phone numbers in any spacing,
 * and what k knows of the respondent (k may be NULL). Adds the marks of the
 * result to *n (may be NULL), those of a text masked before included. Returns the bytes appended. The same text and k always
 * give the same result, and a masked text is left as it is when masked again.
 */
size_t mask_text(struct buf *b, const char *s, const struct mask_known *k, struct mask_counts *n);
/* The marks a text holds already: a text masked before is counted by them, not again. */
size_t mask_marks_in(const char *s);

#endif

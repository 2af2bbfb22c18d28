/* Phone numbers as written in sample files, normalised to E.164 (+CC then digits). */
#ifndef ALLO_PHONE_H
#define ALLO_PHONE_H

#include <stddef.h>

#define PHONE_MAX 17		/* "+", at most 15 digits, NUL */
#define PHONE_WHY 128		/* room for the reason a number is refused */

/*
 * Writes s as E.164 into out: French national numbers (10 digits, 0[1-9]...)
 * and +33 / 0033 become +33 and 9 digits; other +CC or 00CC numbers keep their
 * 8 to 15 digits. Spaces, dots, dashes, slashes, brackets and no-break spaces
 * separate digits; "(0)" after a country code is dropped. 0 on success; -1
 * with a reason in why (French, no final period, never the number itself)
 * when s is not a number.
 */
int phone_normalize(const char *s, char out[PHONE_MAX], char why[PHONE_WHY]);

#endif

#include "field/phone.h"

#include <stdio.h>
#include <string.h>

#define PHONE_DIGITS 24		/* more digits than this are refused before counting */

/* Bytes of a separator at s (ASCII or a UTF-8 no-break/thin space), 0 if none. */
static size_t phone_sep(const char *s)
{
	if (strchr(" \t.-/()", *s) != NULL && *s != '\0')
		return 1;
	if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0)
		return 2;		/* U+00A0 no-break space */
	if ((unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0xaf || (unsigned char)s[2] == 0x89))
		return 3;		/* U+202F narrow no-break space, U+2009 thin space */
	return 0;
}

/* Collects the digits of s; *intl says whether a + or 00 prefix came first. */
static int phone_digits(const char *s, char *d, size_t *nd, int *intl, char *why)
{
	size_t n = 0, k;
	int plus = 0;

	*intl = 0;
	while (*s != '\0') {
		if (*s >= '0' && *s <= '9') {
			if (n < PHONE_DIGITS)
				d[n] = *s;
			n++;
			s++;
		} else if (*s == '+' && n == 0 && !plus) {
			plus = 1;
			s++;
		} else if (strncmp(s, "(0)", 3) == 0 &&
		    (plus || (n >= 2 && d[0] == '0' && d[1] == '0'))) {
			s += 3;		/* the trunk 0 written after a country code */
		} else if ((k = phone_sep(s)) > 0) {
			s += k;
		} else {
			if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
				snprintf(why, PHONE_WHY, "caractère inattendu (octet 0x%02X)",
				    (unsigned char)*s);
			else
				snprintf(why, PHONE_WHY, "caractère inattendu « %c »", *s);
			return -1;
		}
	}
	if (n == 0) {
		snprintf(why, PHONE_WHY, plus ? "aucun chiffre après « + »" : "aucun chiffre");
		return -1;
	}
	if (n > PHONE_DIGITS) {
		snprintf(why, PHONE_WHY, "%zu chiffres : trop long pour un numéro", n);
		return -1;
	}
	if (!plus && n >= 2 && d[0] == '0' && d[1] == '0') {
		memmove(d, d + 2, n - 2);	/* 00 is the international prefix */
		n -= 2;
		*intl = 1;
	} else
		*intl = plus;
	*nd = n;
	return 0;
}

/* A French number from its 9 significant digits (a trunk 0 before them is dropped). */
static int phone_french(const char *d, size_t n, char *out, char *why)
{
	if (n == 10) {
		d++;
		n--;
	}
	if (d[0] == '0') {
		snprintf(why, PHONE_WHY, "un numéro français ne commence pas par 00");
		return -1;
	}
	memcpy(out, "+33", 3);
	memcpy(out + 3, d, n);
	out[3 + n] = '\0';
	return 0;
}

int phone_normalize(const char *s, char out[PHONE_MAX], char why[PHONE_WHY])
{
	char d[PHONE_DIGITS];
	size_t n;
	int intl;

	out[0] = '\0';
	why[0] = '\0';
	if (phone_digits(s, d, &n, &intl, why) < 0)
		return -1;
	if (!intl) {
		if (d[0] != '0' && n == 9) {
			snprintf(why, PHONE_WHY,
			    "9 chiffres sans le 0 initial (un tableur l'a-t-il retiré ?)");
			return -1;
		}
		if (n == 11 && d[0] == '3' && d[1] == '3') {
			snprintf(why, PHONE_WHY, "11 chiffres commençant par 33 : manque-t-il le « + » ?");
			return -1;
		}
		if (d[0] != '0') {
			snprintf(why, PHONE_WHY,
			    "ni un numéro français (0 et 9 chiffres) ni un numéro international (+ ou 00)");
			return -1;
		}
		if (n != 10) {
			snprintf(why, PHONE_WHY, "un numéro français a 10 chiffres, pas %zu", n);
			return -1;
		}
		return phone_french(d, n, out, why);
	}
	if (n == 0 || d[0] == '0') {
		snprintf(why, PHONE_WHY, n == 0 ? "aucun chiffre après 00" :
		    "un indicatif de pays ne commence pas par 0");
		return -1;
	}
	if (n >= 2 && d[0] == '3' && d[1] == '3') {
		if (n - 2 != 9 && !(n - 2 == 10 && d[2] == '0')) {
			snprintf(why, PHONE_WHY, "un numéro français a 9 chiffres après +33, pas %zu",
			    n - 2);
			return -1;
		}
		return phone_french(d + 2, n - 2, out, why);
	}
	if (n < 8 || n > 15) {
		snprintf(why, PHONE_WHY, "un numéro international a 8 à 15 chiffres, pas %zu", n);
		return -1;
	}
	out[0] = '+';
	memcpy(out + 1, d, n);
	out[n + 1] = '\0';
	return 0;
}

#include "util/str.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

size_t str_distance(const char *a, const char *b, size_t cap)
{
	unsigned char d[65][65];
	size_t la = strlen(a), lb = strlen(b), i, j;

	if (la > 64 || lb > 64 || (la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	for (i = 0; i <= la; i++)
		d[i][0] = (unsigned char)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (unsigned char)j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			unsigned v = d[i - 1][j] + 1u, ins = d[i][j - 1] + 1u;
			unsigned sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			v = v < ins ? v : ins;
			v = v < sub ? v : sub;
			/* An adjacent transposition is one typo, not two. */
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1u < v)
				v = d[i - 2][j - 2] + 1u;
			d[i][j] = (unsigned char)v;
		}
	}
	return d[la][lb] > cap ? cap + 1 : d[la][lb];
}

const char *str_suggest(const char *s, const char *const *names, size_t n)
{
	size_t i, d, best = (size_t)-1, cap = strlen(s) <= 4 ? 1 : 2;
	const char *found = NULL;

	for (i = 0; i < n; i++) {
		d = str_distance(s, names[i], cap);
		if (d <= cap && d < best) {
			best = d;
			found = names[i];
		}
	}
	return found;
}

int str_is_ident(const char *s, size_t max)
{
	size_t i;

	if (s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 1; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return i <= max;
}

int str_to_long(const char *s, long *out)
{
	char *end;

	if (*s == '\0' || *s == ' ')
		return -1;
	errno = 0;
	*out = strtol(s, &end, 10);
	return (errno != 0 || *end != '\0') ? -1 : 0;
}

int str_to_double(const char *s, double *out)
{
	char *end;
	size_t i;

	if (*s == '\0')
		return -1;
	for (i = 0; s[i] != '\0'; i++)
		if (strchr("0123456789+-.eE", s[i]) == NULL)
			return -1;	/* no "inf", "nan" or hex */
	errno = 0;
	*out = strtod(s, &end);
	return (errno != 0 || *end != '\0') ? -1 : 0;
}

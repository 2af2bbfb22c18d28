#include "util/str.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

size_t str_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b), i, j, best;
	size_t row[65], prev;

	if (la > 64 || lb > 64)
		return cap + 1;
	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		best = row[0];
		for (j = 1; j <= lb; j++) {
			size_t del = row[j] + 1, ins = row[j - 1] + 1;
			size_t sub = prev + (a[i - 1] != b[j - 1]);
			size_t v = del < ins ? del : ins;

			v = v < sub ? v : sub;
			prev = row[j];
			row[j] = v;
			if (v < best)
				best = v;
		}
		if (best > cap)
			return cap + 1;
	}
	return row[lb];
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

#include "util/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int clock_parse(const char *s, time_t *out)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0, zh, zm;
	char sign;

	memset(&tm, 0, sizeof tm);
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
		return -1;
	s += n;
	if (*s == 'T' || *s == ' ') {
		if (sscanf(s + 1, "%2d:%2d%n", &h, &mi, &n) != 2)
			return -1;
		s += 1 + n;
		if (*s == ':' && sscanf(s + 1, "%2d%n", &sec, &n) == 1)
			s += 1 + n;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = timegm(&tm);
	if (*s == 'Z')
		s++;
	else if ((*s == '+' || *s == '-') && sscanf(s, "%c%2d:%2d", &sign, &zh, &zm) == 3) {
		*out -= (sign == '+' ? 1 : -1) * (zh * 3600 + zm * 60);
		s += 6;
	}
	return *s == '\0' ? 0 : -1;
}

static int clock_test;	/* 1 once a test database allowed ALLO_NOW */

void clock_follow_test(int follow)
{
	clock_test = follow;
}

const char *clock_test_asked(void)
{
	const char *env = getenv("ALLO_NOW");

	return env != NULL && *env != '\0' ? env : NULL;
}

time_t clock_now(void)
{
	const char *env = clock_test ? clock_test_asked() : NULL;
	time_t t;

	if (env != NULL && clock_parse(env, &t) == 0)
		return t;
	return time(NULL);
}

double clock_micros(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

void clock_iso(time_t t, char *buf, size_t len)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int clock_local(const char *s, time_t *out)
{
	struct tm tm;
	int y, mo, d, h, mi, n = 0;

	memset(&tm, 0, sizeof tm);
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) != 5 || s[n] != '\0' ||
	    mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	*out = mktime(&tm);
	return *out == (time_t)-1 ? -1 : 0;
}

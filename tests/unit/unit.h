/* A tiny test harness: each case prints "ok NAME" or "not ok NAME: why". */
#ifndef ALLO_UNIT_H
#define ALLO_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failed;

#define UNIT_OK(name, cond, ...) do {					\
	if (cond)							\
		printf("ok %s\n", (name));				\
	else {								\
		printf("not ok %s: ", (name));				\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		unit_failed++;						\
	}								\
} while (0)

#define UNIT_STREQ(name, got, want) do {				\
	const char *unit_g = (got), *unit_w = (want);			\
	UNIT_OK((name), unit_g != NULL && strcmp(unit_g, unit_w) == 0,	\
	    "got \"%s\", want \"%s\"", unit_g ? unit_g : "(null)", unit_w); \
} while (0)

#define UNIT_END() return unit_failed != 0

#endif

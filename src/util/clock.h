/* The one clock of the program: ALLO_NOW (ISO 8601) replaces it, for test databases only. */
#ifndef ALLO_CLOCK_H
#define ALLO_CLOCK_H

#include <stddef.h>
#include <time.h>

/* Seconds since the epoch; from ALLO_NOW only once clock_follow_test(1) allowed it. */
time_t clock_now(void);
/* Lets the clock follow ALLO_NOW (a test database, opened by its owner) or not (the default). */
void clock_follow_test(int follow);
/* The test clock asked for, or NULL: ALLO_NOW when it is set and not empty. */
const char *clock_test_asked(void);
/* Monotonic microseconds, for measuring durations. */
double clock_micros(void);
/* Writes t as "YYYY-MM-DDTHH:MM:SSZ" (UTC) into buf (at least 21 bytes). */
void clock_iso(time_t t, char *buf, size_t len);
/* Parses "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]"; without a zone it is UTC. 0 on success. */
int clock_parse(const char *s, time_t *out);

/* Parses "YYYY-MM-DDTHH:MM" as a local time of the process's time zone. 0 on success. */
int clock_local(const char *s, time_t *out);

#endif

/* What the supervisor dashboard reads, in one read-only snapshot. */
#ifndef ALLO_STORE_DASHBOARD_H
#define ALLO_STORE_DASHBOARD_H

#include <stddef.h>

#include "store/store.h"

struct dash_interviewer {
	char login[64], name[128];
	char state[16];		/* "entretien", "appel", "inactif" */
	char case_id[64];
	char since[24];		/* ISO time the state began */
	int completes_today, calls_today;
};

struct dash {
	int completes, breakoffs, screened, fresh, active, final, held;
	int appointments_hour, appointments_missed;
	struct dash_interviewer *who;
	size_t nwho;
};

/* Reads everything the dashboard shows, inside one read transaction. */
int store_dashboard(struct store *s, const char *now, const char *hour_later,
    const char *day_start, struct dash *d, char **cause);
void store_dashboard_free(struct dash *d);
/* Releases whatever case login holds (a dead terminal's lease), unless its wave is closed. */
int store_release_lease(struct store *s, const char *login);
/* Sets a case's priority unless its wave is closed: the number of cases changed, or -1. */
int store_case_priority(struct store *s, const char *id, int priority);

#endif

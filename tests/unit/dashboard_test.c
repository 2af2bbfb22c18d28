/* The supervisor's data: each interviewer's state, the appointments due, the cases of the day. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/dashboard.h"
#include "store/store.h"
#include "unit.h"

/* Monday 30 November 2026, 10:30 UTC; the day began at midnight UTC (the caller's choice). */
#define NOW "2026-11-30T10:30:00Z"
#define DAY "2026-11-30T00:00:00Z"
#define HOUR "2026-11-30T11:30:00Z"

static const char fixture[] =
    "INSERT INTO users (login, name, role, created_at) VALUES"
    " ('enq1', 'Marie', 'interviewer', 'x'), ('enq2', 'Paul', 'interviewer', 'x'),"
    " ('enq3', 'Léa', 'interviewer', 'x'), ('enq4', 'Jean', 'interviewer', 'x'),"
    " ('enq5', 'Nina', 'interviewer', 'x');"
    "INSERT INTO users (login, name, role, created_at, active, disabled_at, disabled_by) VALUES"
    " ('enq6', 'Old', 'interviewer', 'x', 0, '2026-11-29T10:00:00Z', 'chef');"
    "INSERT INTO questionnaires (id, survey, version, source, added_at, sha256, added_by)"
    " VALUES (1, 's', '1', '', 'x', 'h', 'chef');"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8)"
    " INSERT INTO cases (id, wave, frame, created_at) SELECT 'C' || i, 'w1',"
    " '{\"adresse\":\"12 rue des Tilleuls\",\"quartier\":1}', 'x' FROM n;"
    "INSERT INTO contacts (case_id, phone, name) VALUES ('C4', '+33465710004', 'Dupont');"
    /* enq1: in an interview on C1, given C3 earlier; a break this morning. */
    "UPDATE cases SET lease_login = 'enq1', lease_until = '2026-11-30T11:00:00Z' WHERE id = 'C1';"
    "INSERT INTO interviews (id, case_id, questionnaire_id, login, seed, started_at, status,"
    " position_var, progress, updated_at) VALUES (5, 'C1', 1, 'enq1', 1,"
    " '2026-11-30T10:05:00Z', 'in_progress', 'q78', 44, '2026-11-30T10:29:00Z');"
    "INSERT INTO leases (case_id, login, at) VALUES ('C3', 'enq1', '2026-11-30T09:30:00Z'),"
    " ('C1', 'enq1', '2026-11-30T10:00:00Z'), ('C1', 'enq1', '2026-11-30T10:05:00Z'),"
    " ('C2', 'enq3', '2026-11-30T10:25:00Z'), ('C8', 'enq5', '2026-11-29T16:00:00Z');"
    "INSERT INTO calls (id, case_id, login, at, outcome) VALUES"
    " (1, 'C3', 'enq1', '2026-11-30T09:40:00Z', 'no_answer'),"
    " (2, 'C5', 'enq4', '2026-11-30T09:50:00Z', 'busy'),"
    " (3, 'C6', 'enq4', '2026-11-30T10:10:00Z', 'no_answer'),"
    " (4, 'C8', 'enq5', '2026-11-29T16:05:00Z', 'busy');"
    "INSERT INTO call_undos (call_id, login, at) VALUES (3, 'enq4', '2026-11-30T10:12:00Z');"
    "INSERT INTO breaks (login, started_at, ended_at, seconds) VALUES"
    " ('enq1', '2026-11-30T09:45:00Z', '2026-11-30T09:55:00Z', 600),"
    " ('enq2', '2026-11-30T10:20:00Z', NULL, NULL),"
    " ('enq5', '2026-11-29T12:00:00Z', '2026-11-29T12:10:00Z', 600);"
    /* enq3 holds C2, just given, no interview yet. */
    "UPDATE cases SET lease_login = 'enq3', lease_until = '2026-11-30T11:10:00Z' WHERE id = 'C2';"
    "INSERT INTO appointments (case_id, due_at, kind, note, set_by, set_at, done) VALUES"
    " ('C4', '2026-11-30T10:45:00Z', 'hard', 'rappeler Mme Dupont au 04 65 71 00 04,"
    " dupont@example.org, 12 rue des Tilleuls', 'enq1', 'x', 0),"
    " ('C5', '2026-11-30T11:45:00Z', 'hard', 'plus tard', 'enq2', 'x', 0),"
    " ('C6', '2026-11-30T10:00:00Z', 'soft', NULL, 'enq2', 'x', 0),"
    " ('C7', '2026-11-30T10:50:00Z', 'hard', 'final', 'enq2', 'x', 0),"
    " ('C3', '2026-11-30T10:40:00Z', 'hard', 'fait', 'enq2', 'x', 1);"
    "UPDATE cases SET state = 'final', final_code = '2.111' WHERE id = 'C7';";

static const struct dash_interviewer *dash_find(const struct dash *d, const char *login)
{
	size_t i;

	for (i = 0; i < d->nwho; i++)
		if (strcmp(d->who[i].login, login) == 0)
			return &d->who[i];
	return NULL;
}

static void dash_test_people(struct store *st)
{
	const struct dash_interviewer *w;
	char *cause = NULL;
	struct dash d;

	UNIT_OK("dash-reads", store_dashboard(st, NOW, HOUR, DAY, &d, &cause) == 0, "%s",
	    cause ? cause : "");
	UNIT_OK("dash-who", d.nwho == 4 && !dash_find(&d, "enq5") && !dash_find(&d, "enq6"),
	    "%zu people", d.nwho);
	w = dash_find(&d, "enq1");
	UNIT_OK("dash-interview", w && strcmp(w->state, "entretien") == 0 &&
	    strcmp(w->case_id, "C1") == 0 && strcmp(w->question, "q78") == 0 && w->percent == 44 &&
	    w->interview == 5 && strcmp(w->since, "2026-11-30T10:05:00Z") == 0, "%s %s %s %d %s",
	    w ? w->state : "-", w ? w->case_id : "-", w ? w->question : "-", w ? w->percent : 0,
	    w ? w->since : "-");
	UNIT_OK("dash-cases-today", w && w->cases_today == 2 && w->calls_today == 1, "%d cases,"
	    " %d calls", w ? w->cases_today : -1, w ? w->calls_today : -1);
	UNIT_OK("dash-break-today", w && w->break_seconds_today == 600, "%ld",
	    w ? w->break_seconds_today : -1);
	w = dash_find(&d, "enq2");
	UNIT_OK("dash-pause", w && strcmp(w->state, "pause") == 0 &&
	    strcmp(w->since, "2026-11-30T10:20:00Z") == 0 && w->break_seconds_today == 600,
	    "%s %s %ld", w ? w->state : "-", w ? w->since : "-", w ? w->break_seconds_today : -1);
	w = dash_find(&d, "enq3");
	UNIT_OK("dash-call", w && strcmp(w->state, "appel") == 0 && strcmp(w->case_id, "C2") == 0 &&
	    strcmp(w->since, "2026-11-30T10:25:00Z") == 0 && w->percent == -1 &&
	    w->cases_today == 1, "%s %s %s", w ? w->state : "-", w ? w->case_id : "-",
	    w ? w->since : "-");
	w = dash_find(&d, "enq4");
	UNIT_OK("dash-idle", w && strcmp(w->state, "inactif") == 0 &&
	    strcmp(w->since, "2026-11-30T09:50:00Z") == 0 && w->calls_today == 1, "%s %s %d",
	    w ? w->state : "-", w ? w->since : "-", w ? w->calls_today : -1);
	UNIT_OK("dash-counts", d.appointments_hour == 2 && d.held == 2, "%d appointments, %d held",
	    d.appointments_hour, d.held);
	store_dashboard_free(&d);
}

static void dash_test_due(struct store *st)
{
	static const char *const personal[] = { "adresse" };
	struct dash_appointment *a;
	char *cause = NULL;
	size_t n;

	UNIT_OK("due-reads", store_dashboard_due(st, NOW, HOUR, personal, 1, &a, &n, &cause) == 0,
	    "%s", cause ? cause : "");
	UNIT_OK("due-count", n == 2, "%zu appointments", n);
	if (n != 2) {
		free(a);
		return;
	}
	UNIT_OK("due-overdue-first", strcmp(a[0].case_id, "C6") == 0 && a[0].overdue &&
	    strcmp(a[0].kind, "soft") == 0 && a[0].note[0] == '\0', "%s", a[0].case_id);
	UNIT_OK("due-next", strcmp(a[1].case_id, "C4") == 0 && !a[1].overdue &&
	    strcmp(a[1].set_by, "enq1") == 0 && strcmp(a[1].due_at, "2026-11-30T10:45:00Z") == 0 &&
	    a[1].holder[0] == '\0', "%s %s %s", a[1].case_id, a[1].set_by, a[1].due_at);
	UNIT_STREQ("due-note-masked", a[1].note,
	    "rappeler Mme [nom masqué] au [numéro masqué], [courriel masqué],"
	    " [donnée personnelle masquée]");
	free(a);
}

int main(void)
{
	char dir[] = "/tmp/allo-dash-test-XXXXXX", path[128], cmd[160], *cause = NULL;
	struct store *st;
	sqlite3 *db;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof path, "%s/d.db", dir);
	st = store_open(path, STORE_CREATE_TEST, &cause);
	UNIT_OK("dash-db", st != NULL, "%s", cause ? cause : "");
	if (st == NULL)
		return 1;
	sqlite3_open(path, &db);
	UNIT_OK("dash-fixture", sqlite3_exec(db, fixture, NULL, NULL, NULL) == SQLITE_OK, "%s",
	    sqlite3_errmsg(db));
	sqlite3_close(db);
	dash_test_people(st);
	dash_test_due(st);
	store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	UNIT_END();
}

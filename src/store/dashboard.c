#include "store/dashboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sql.h"
#include "util/xmalloc.h"

/* One integer from a query with up to three text parameters. */
static int dash_int(struct store *s, const char *sql, const char *a, const char *b,
    const char *c)
{
	const char *args[3] = { a, b, c };
	sqlite3_stmt *st;
	int v = 0, i;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	for (i = 0; i < 3; i++)
		if (args[i] != NULL)
			sqlite3_bind_text(st, i + 1, args[i], -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void dash_col(sqlite3_stmt *st, int col, char *dst, size_t len)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(dst, len, "%s", t != NULL ? (const char *)t : "");
}

/* Each user with activity today or a live lease: what they are doing and since when. */
static int dash_people(struct store *s, const char *now, const char *day, struct dash *d)
{
	static const char sql[] =
	    "SELECT u.login, u.name,"
	    " (SELECT c.id FROM cases c WHERE c.lease_login = u.login AND c.lease_until >= ?1"
	    "   ORDER BY c.lease_until DESC LIMIT 1),"
	    " (SELECT i.started_at FROM interviews i JOIN cases c ON c.id = i.case_id"
	    "   WHERE i.login = u.login AND i.status = 'in_progress' AND c.lease_login = u.login"
	    "   AND c.lease_until >= ?1 ORDER BY i.id DESC LIMIT 1),"
	    " (SELECT max(at) FROM calls WHERE login = u.login" SQL_CALL_LIVE("calls") "),"
	    " (SELECT count(*) FROM interviews WHERE login = u.login AND status = 'complete'"
	    "   AND ended_at >= ?2),"
	    " (SELECT count(*) FROM calls WHERE login = u.login AND at >= ?2"
	    SQL_CALL_LIVE("calls") ")"
	    " FROM users u WHERE u.active = 1 ORDER BY u.login";
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct dash_interviewer w;

		memset(&w, 0, sizeof w);
		dash_col(st, 0, w.login, sizeof w.login);
		dash_col(st, 1, w.name, sizeof w.name);
		dash_col(st, 2, w.case_id, sizeof w.case_id);
		w.completes_today = sqlite3_column_int(st, 5);
		w.calls_today = sqlite3_column_int(st, 6);
		if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
			snprintf(w.state, sizeof w.state, "entretien");
			dash_col(st, 3, w.since, sizeof w.since);
		} else if (w.case_id[0] != '\0') {
			snprintf(w.state, sizeof w.state, "appel");
			dash_col(st, 4, w.since, sizeof w.since);
		} else {
			snprintf(w.state, sizeof w.state, "inactif");
			dash_col(st, 4, w.since, sizeof w.since);
		}
		if (w.calls_today == 0 && w.case_id[0] == '\0')
			continue;	/* not working today */
		d->who = xreallocarray(d->who, d->nwho + 1, sizeof *d->who);
		d->who[d->nwho++] = w;
	}
	sqlite3_finalize(st);
	return 0;
}

int store_dashboard(struct store *s, const char *now, const char *hour_later,
    const char *day_start, struct dash *d, char **cause)
{
	memset(d, 0, sizeof *d);
	if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the database");
	d->completes = dash_int(s, "SELECT count(*) FROM interviews WHERE status = 'complete'"
	    " AND is_test = 0", NULL, NULL, NULL);
	d->breakoffs = dash_int(s, "SELECT count(*) FROM interviews WHERE status = 'broken_off'"
	    " AND is_test = 0", NULL, NULL, NULL);
	d->screened = dash_int(s, "SELECT count(*) FROM interviews WHERE status = 'screened_out'"
	    " AND is_test = 0", NULL, NULL, NULL);
	d->fresh = dash_int(s, "SELECT count(*) FROM cases WHERE state = 'fresh'", NULL, NULL, NULL);
	d->active = dash_int(s, "SELECT count(*) FROM cases WHERE state = 'active'", NULL, NULL,
	    NULL);
	d->final = dash_int(s, "SELECT count(*) FROM cases WHERE state = 'final'", NULL, NULL, NULL);
	d->held = dash_int(s, "SELECT count(*) FROM cases WHERE lease_until >= ?1", now, NULL, NULL);
	d->appointments_hour = dash_int(s, "SELECT count(*) FROM appointments WHERE done = 0"
	    " AND due_at >= ?1 AND due_at < ?2", now, hour_later, NULL);
	d->appointments_missed = dash_int(s, "SELECT count(*) FROM cases WHERE flag ="
	    " 'missed_appointment' AND state <> 'final'", NULL, NULL, NULL);
	dash_people(s, now, day_start, d);
	sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	return 0;
}

void store_dashboard_free(struct dash *d)
{
	free(d->who);
	memset(d, 0, sizeof *d);
}

int store_release_lease(struct store *s, const char *login)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "UPDATE cases SET lease_login = NULL, lease_until = NULL"
	    " WHERE lease_login = ?1" SQL_WAVE_OPEN("cases"), -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? sqlite3_changes(s->db) : -1;
}

int store_case_priority(struct store *s, const char *id, int priority)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "UPDATE cases SET priority = ?2 WHERE id = ?1"
	    SQL_WAVE_OPEN("cases"), -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, priority);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? sqlite3_changes(s->db) : -1;
}

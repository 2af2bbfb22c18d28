#include "store/dashboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "privacy/mask.h"
#include "store/sql.h"
#include "util/buf.h"
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

/* Each active user: the case they hold, their open break, their day so far. */
static const char dash_people_sql[] =
    "SELECT u.login, u.name,"
    " (SELECT c.id FROM cases c WHERE c.lease_login = u.login AND c.lease_until >= ?1"
    "   ORDER BY c.lease_until DESC LIMIT 1),"
    " (SELECT started_at FROM breaks WHERE login = u.login AND ended_at IS NULL),"
    " max(coalesce((SELECT max(at) FROM calls WHERE login = u.login" SQL_CALL_LIVE("calls") "),"
    "   ''), coalesce((SELECT max(ended_at) FROM breaks WHERE login = u.login), ''),"
    "   coalesce((SELECT max(updated_at) FROM interviews WHERE login = u.login), '')),"
    " (SELECT count(*) FROM interviews WHERE login = u.login AND status = 'complete'"
    "   AND ended_at >= ?2),"
    " (SELECT count(*) FROM calls WHERE login = u.login AND at >= ?2" SQL_CALL_LIVE("calls") "),"
    " (SELECT count(DISTINCT case_id) FROM leases WHERE login = u.login AND at >= ?2),"
    " (SELECT coalesce(sum(coalesce(seconds, max(0, CAST(strftime('%s', ?1) AS INTEGER)"
    "   - CAST(strftime('%s', started_at) AS INTEGER)))), 0) FROM breaks"
    "   WHERE login = u.login AND started_at >= ?2)"
    " FROM users u WHERE u.active = 1 ORDER BY u.login";

/* The interview in progress of login on the case they hold, or the time they were given it. */
static const char dash_work_sql[] =
    "SELECT i.id, i.started_at, coalesce(i.position_var, ''), coalesce(i.progress, -1)"
    " FROM interviews i WHERE i.case_id = ?1 AND i.login = ?2 AND i.status = 'in_progress'"
    " UNION ALL SELECT 0, max(at), '', -1 FROM leases WHERE case_id = ?1 AND login = ?2"
    " ORDER BY 1 DESC LIMIT 1";

/* What w does on the case they hold: an interview, or the call before one. */
static void dash_work(struct store *s, struct dash_interviewer *w)
{
	sqlite3_stmt *st;

	snprintf(w->state, sizeof w->state, "appel");
	if (sqlite3_prepare_v2(s->db, dash_work_sql, -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, w->case_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, w->login, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		w->interview = sqlite3_column_int64(st, 0);
		if (w->interview > 0)
			snprintf(w->state, sizeof w->state, "entretien");
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			dash_col(st, 1, w->since, sizeof w->since);
		dash_col(st, 2, w->question, sizeof w->question);
		w->percent = sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
}

/* One row of dash_people_sql as an interviewer's state. */
static void dash_person(struct store *s, sqlite3_stmt *st, struct dash_interviewer *w)
{
	memset(w, 0, sizeof *w);
	w->percent = -1;
	dash_col(st, 0, w->login, sizeof w->login);
	dash_col(st, 1, w->name, sizeof w->name);
	dash_col(st, 2, w->case_id, sizeof w->case_id);
	dash_col(st, 4, w->since, sizeof w->since);
	w->completes_today = sqlite3_column_int(st, 5);
	w->calls_today = sqlite3_column_int(st, 6);
	w->cases_today = sqlite3_column_int(st, 7);
	w->break_seconds_today = (long)sqlite3_column_int64(st, 8);
	if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
		snprintf(w->state, sizeof w->state, "pause");
		dash_col(st, 3, w->since, sizeof w->since);
	} else if (w->case_id[0] != '\0')
		dash_work(s, w);
	else
		snprintf(w->state, sizeof w->state, "inactif");
}

/* Each user working today (a call, a case given, a break) or now: what they are doing. */
static int dash_people(struct store *s, const char *now, const char *day, struct dash *d)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db, dash_people_sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct dash_interviewer w;

		dash_person(s, st, &w);
		if (w.calls_today == 0 && w.cases_today == 0 && w.case_id[0] == '\0' &&
		    w.break_seconds_today == 0 && strcmp(w.state, "pause") != 0)
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

/* The appointments due before ?2 (?1 now), with what their notes must not show. */
static const char dash_due_sql[] =
    "SELECT a.case_id, a.set_by, a.due_at, a.kind, coalesce(a.note, ''),"
    " CASE WHEN c.lease_until >= ?1 THEN coalesce(c.lease_login, '') ELSE '' END,"
    " a.due_at < ?1, t.phone, t.name, c.frame"
    " FROM appointments a JOIN cases c ON c.id = a.case_id LEFT JOIN contacts t"
    " ON t.case_id = a.case_id WHERE a.done = 0 AND a.due_at < ?2 AND c.state <> 'final'"
    SQL_WAVE_OPEN("c") " ORDER BY a.due_at, a.case_id";

/* Copies the n bytes of src into dst, cut on a character boundary when they do not fit. */
static void dash_cut(char *dst, size_t len, const char *src, size_t n)
{
	if (n >= len)
		for (n = len - 1; n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80; n--)
			;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Masks the note of row st into a->note, knowing the case's number, name and personal values. */
static void dash_note(sqlite3_stmt *st, const char *const *personal, size_t npersonal,
    struct dash_appointment *a)
{
	const char *values[16];
	struct mask_known k;
	struct buf b = { 0 };
	sqlite3_stmt *q = NULL;
	size_t i, n = 0;

	memset(&k, 0, sizeof k);
	k.phone = (const char *)sqlite3_column_text(st, 7);
	k.name = (const char *)sqlite3_column_text(st, 8);
	if (npersonal > 0 && sqlite3_prepare_v2(sqlite3_db_handle(st), "SELECT json_extract(?1,"
	    " '$.' || ?2)", -1, &q, NULL) == SQLITE_OK) {
		for (i = 0; i < npersonal && n < 16; i++) {
			sqlite3_reset(q);
			sqlite3_bind_value(q, 1, sqlite3_column_value(st, 9));
			sqlite3_bind_text(q, 2, personal[i], -1, SQLITE_STATIC);
			if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL)
				values[n++] = xstrdup((const char *)sqlite3_column_text(q, 0));
		}
	}
	k.personal = values;
	k.npersonal = n;
	buf_adds(&b, "");
	mask_text(&b, (const char *)sqlite3_column_text(st, 4), &k, NULL);
	dash_cut(a->note, sizeof a->note, b.s, b.len);
	buf_free(&b);
	for (i = 0; i < n; i++)
		free((char *)values[i]);
	sqlite3_finalize(q);
}

int store_dashboard_due(struct store *s, const char *now, const char *until,
    const char *const *personal, size_t npersonal, struct dash_appointment **due, size_t *n,
    char **cause)
{
	struct dash_appointment *a;
	sqlite3_stmt *st;
	int rc;

	*due = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, dash_due_sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "lecture des rendez-vous impossible");
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, until, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*due = xreallocarray(*due, *n + 1, sizeof **due);
		a = &(*due)[(*n)++];
		memset(a, 0, sizeof *a);
		dash_col(st, 0, a->case_id, sizeof a->case_id);
		dash_col(st, 1, a->set_by, sizeof a->set_by);
		dash_col(st, 2, a->due_at, sizeof a->due_at);
		dash_col(st, 3, a->kind, sizeof a->kind);
		dash_col(st, 5, a->holder, sizeof a->holder);
		a->overdue = sqlite3_column_int(st, 6);
		dash_note(st, personal, npersonal, a);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*due);
		*due = NULL;
		*n = 0;
		return store_fail(s, cause, "lecture des rendez-vous impossible");
	}
	return 0;
}

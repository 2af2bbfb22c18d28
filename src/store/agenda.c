/* The SQL of an interviewer's appointments: those they set, not yet kept, in open waves. */
#include "store/agenda.h"

#include "store/sql.h"

static const char agenda_sql[] =
    "SELECT a.case_id, a.due_at, a.kind, coalesce(a.note, '') FROM appointments a"
    " JOIN cases ON cases.id = a.case_id WHERE a.done = 0 AND a.set_by = ?1"
    " AND cases.state <> 'final' ORDER BY a.due_at, a.id";

int store_agenda(struct store *s, const char *login, store_agenda_fn fn, void *arg)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, agenda_sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(arg, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

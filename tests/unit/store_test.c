/* The store: an old database is brought up to the current schema when opened. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/schema.h"
#include "store/store.h"
#include "unit.h"

static int store_test_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int v = -1;

	sqlite3_open(path, &db);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* Writes a database as the first version of allo made it: migration 1 only. */
static void store_test_v1(const char *path)
{
	sqlite3 *db;

	sqlite3_open(path, &db);
	sqlite3_exec(db, "PRAGMA application_id = 1634495599;", NULL, NULL, NULL);
	sqlite3_exec(db, schema_migrations[0], NULL, NULL, NULL);
	sqlite3_exec(db, "PRAGMA user_version = 1;"
	    "INSERT INTO cases (id, wave, created_at) VALUES ('OLD1', 'w', 'x');", NULL, NULL, NULL);
	sqlite3_close(db);
}

/* Stands in for allo_hmac in migration 5, which has no do-not-call row to hash here. */
static void store_test_hmac(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_value(ctx, argv[1]);
}

/* Writes a database of schema 5 with an interview in progress, as allo before quota checks. */
static void store_test_v5(const char *path)
{
	sqlite3 *db;
	int v;

	sqlite3_open(path, &db);
	sqlite3_create_function(db, "allo_hmac", 2, SQLITE_UTF8, NULL, store_test_hmac, NULL, NULL);
	sqlite3_exec(db, "PRAGMA application_id = 1634495599;", NULL, NULL, NULL);
	for (v = 0; v < 5; v++)
		sqlite3_exec(db, schema_migrations[v], NULL, NULL, NULL);
	sqlite3_exec(db, "PRAGMA user_version = 5;"
	    "INSERT INTO cases (id, wave, created_at) VALUES ('C5', 'w', 'x');"
	    "INSERT INTO questionnaires (id, survey, version, source, added_at, sha256, added_by)"
	    " VALUES (1, 's', '1', '', 'x', 'h', 'chef');"
	    "INSERT INTO interviews (id, case_id, questionnaire_id, login, seed, started_at)"
	    " VALUES (7, 'C5', 1, 'enq', 1, 'x');", NULL, NULL, NULL);
	sqlite3_close(db);
}

/* Migration 6: interviews get their quota check mark (none yet), cells their reservations. */
static void store_test_migrate5(const char *dir)
{
	char path[128], *cause = NULL;
	struct store *st;

	snprintf(path, sizeof path, "%s/v5.db", dir);
	store_test_v5(path);
	UNIT_OK("v5-setup", store_test_int(path, "SELECT count(*) FROM interviews") == 1, "setup");
	st = store_open(path, STORE_EXISTING, &cause);
	UNIT_OK("v5-opens", st != NULL, "%s", cause ? cause : "");
	store_close(st);
	free(cause);
	UNIT_OK("v5-migrated", store_test_int(path, "PRAGMA user_version") == STORE_SCHEMA,
	    "user_version %d",
	    store_test_int(path, "PRAGMA user_version"));
	UNIT_OK("v5-interview-kept", store_test_int(path, "SELECT count(*) FROM interviews WHERE"
	    " id = 7 AND status = 'in_progress' AND quota_checked_at IS NULL") == 1, "interview");
	UNIT_OK("v5-reservations", store_test_int(path, "SELECT count(*) FROM quota_reservations")
	    == 0, "no reservations table");
}

/*
 * Writes a database of schema 6 as allo before the shift's tables: a user, a
 * case called once with an appointment, an interview broken off.
 */
static void store_test_v6(const char *path)
{
	sqlite3 *db;
	int v;

	sqlite3_open(path, &db);
	sqlite3_create_function(db, "allo_hmac", 2, SQLITE_UTF8, NULL, store_test_hmac, NULL, NULL);
	sqlite3_exec(db, "PRAGMA application_id = 1634495599;", NULL, NULL, NULL);
	for (v = 0; v < 6; v++)
		sqlite3_exec(db, schema_migrations[v], NULL, NULL, NULL);
	sqlite3_exec(db, "PRAGMA user_version = 6;"
	    "INSERT INTO users (login, name, role, created_at) VALUES ('enq', 'E', 'interviewer', 'x');"
	    "INSERT INTO cases (id, wave, state, attempts, created_at) VALUES ('C6', 'w', 'active', 1,"
	    " 'x');"
	    "INSERT INTO questionnaires (id, survey, version, source, added_at, sha256, added_by)"
	    " VALUES (1, 's', '1', '', 'x', 'h', 'chef');"
	    "INSERT INTO interviews (id, case_id, questionnaire_id, login, seed, started_at, status)"
	    " VALUES (8, 'C6', 1, 'enq', 1, 'x', 'broken_off');"
	    "INSERT INTO calls (id, case_id, login, at, outcome) VALUES (3, 'C6', 'enq',"
	    " '2026-11-30T09:00:00Z', 'appointment');"
	    "INSERT INTO appointments (case_id, due_at, kind, set_by, set_at) VALUES ('C6',"
	    " '2026-12-01T09:00:00Z', 'hard', 'enq', '2026-11-30T09:00:00Z');", NULL, NULL, NULL);
	sqlite3_close(db);
}

/*
 * Migration 7: users keep their state (active, never disabled), the call and
 * the appointment are kept with no undo and no link, breaks, undos and leases
 * start empty, and the calls log refuses a deletion.
 */
static void store_test_migrate6(const char *dir)
{
	char path[128], *cause = NULL;
	struct store *st;

	snprintf(path, sizeof path, "%s/v6.db", dir);
	store_test_v6(path);
	UNIT_OK("v6-setup", store_test_int(path, "SELECT count(*) FROM calls") == 1 &&
	    store_test_int(path, "PRAGMA user_version") == 6, "setup");
	st = store_open(path, STORE_EXISTING, &cause);
	UNIT_OK("v6-opens", st != NULL, "%s", cause ? cause : "");
	store_close(st);
	free(cause);
	UNIT_OK("v6-migrated", store_test_int(path, "PRAGMA user_version") == 7, "user_version %d",
	    store_test_int(path, "PRAGMA user_version"));
	UNIT_OK("v6-user-kept", store_test_int(path, "SELECT count(*) FROM users WHERE login = 'enq'"
	    " AND active = 1 AND disabled_at IS NULL AND disabled_by IS NULL") == 1, "user");
	UNIT_OK("v6-call-kept", store_test_int(path, "SELECT count(*) FROM calls WHERE id = 3 AND"
	    " NOT EXISTS (SELECT 1 FROM call_undos) AND NOT EXISTS (SELECT 1 FROM call_before)") == 1,
	    "call");
	UNIT_OK("v6-appointment-kept", store_test_int(path, "SELECT count(*) FROM appointments"
	    " WHERE done = 0 AND call_id IS NULL AND closed_by IS NULL") == 1, "appointment");
	UNIT_OK("v6-new-tables", store_test_int(path, "SELECT (SELECT count(*) FROM breaks) +"
	    " (SELECT count(*) FROM leases) + (SELECT count(*) FROM sqlite_master WHERE name IN"
	    " ('breaks', 'call_before', 'call_undos', 'leases', 'interviews_open'))") == 5,
	    "tables missing");
	UNIT_OK("v6-progress", store_test_int(path, "SELECT count(*) FROM interviews WHERE id = 8"
	    " AND progress IS NULL") == 1, "interviews.progress");
	UNIT_OK("v6-open-index", store_test_int(path, "SELECT count(*) FROM interviews"
	    " INDEXED BY interviews_open WHERE status IN ('in_progress', 'broken_off')") == 1,
	    "index");
	UNIT_OK("v6-calls-append-only", store_test_int(path, "DELETE FROM calls RETURNING 1") == -1 &&
	    store_test_int(path, "SELECT count(*) FROM calls") == 1, "a call was deleted");
}

int main(void)
{
	char dir[] = "/tmp/allo-store-test-XXXXXX", path[128], cmd[160];
	struct store *st;
	char *cause = NULL;
	int n;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof path, "%s/old.db", dir);
	store_test_v1(path);
	UNIT_OK("old-version-1", store_test_int(path, "PRAGMA user_version") == 1, "setup");
	st = store_open(path, STORE_EXISTING, &cause);
	UNIT_OK("old-opens", st != NULL, "%s", cause ? cause : "");
	store_close(st);
	for (n = 0; schema_migrations[n] != NULL; n++)
		;
	UNIT_OK("old-migrated", store_test_int(path, "PRAGMA user_version") == STORE_SCHEMA &&
	    n == STORE_SCHEMA, "user_version %d, %d migrations", store_test_int(path,
	    "PRAGMA user_version"), n);
	UNIT_OK("old-rows-kept", store_test_int(path, "SELECT count(*) FROM cases WHERE id = 'OLD1'")
	    == 1, "case lost");
	UNIT_OK("old-new-columns", store_test_int(path, "SELECT blocked + s0 FROM cases") == 0,
	    "new columns missing");
	UNIT_OK("old-new-tables", store_test_int(path, "SELECT count(*) FROM sqlite_master WHERE"
	    " name IN ('dnc', 'notes', 'quota_cells', 'quota_members', 'quota_events',"
	    " 'supervisor_log')") == 6, "tables missing");
	st = store_open(path, STORE_EXISTING, &cause);
	UNIT_OK("reopen-idempotent", st != NULL && store_test_int(path, "PRAGMA user_version") ==
	    STORE_SCHEMA, "%s", cause ? cause : "");
	store_close(st);
	free(cause);
	store_test_migrate5(dir);
	store_test_migrate6(dir);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	UNIT_END();
}

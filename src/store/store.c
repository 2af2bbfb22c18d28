#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/schema.h"
#include "store/sql.h"
#include "util/buf.h"
#include "util/xmalloc.h"


const char *store_error(struct store *s)
{
	return sqlite3_errmsg(s->db);
}

/* Sets *cause to "what: SQLite's message" and returns -1. */
int store_fail(struct store *s, char **cause, const char *what)
{
	if (cause != NULL)
		*cause = xasprintf("%s: %s", what, sqlite3_errmsg(s->db));
	return -1;
}

/* The prepared statement for q, reset and unbound, ready to bind. */
sqlite3_stmt *store_stmt(struct store *s, enum store_sql q)
{
	if (s->stmt[q] == NULL &&
	    sqlite3_prepare_v3(s->db, store_sql_text[q], -1, SQLITE_PREPARE_PERSISTENT,
	    &s->stmt[q], NULL) != SQLITE_OK)
		return NULL;
	sqlite3_reset(s->stmt[q]);
	sqlite3_clear_bindings(s->stmt[q]);
	return s->stmt[q];
}

/* Runs a statement that returns no row. */
int store_exec_stmt(struct store *s, sqlite3_stmt *st, char **cause, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, what);
	return 0;
}

static int store_pragmas(struct store *s, char **cause)
{
	/* A small page cache: hundreds of interviewer processes share one server's memory. */
	static const char *const pragmas =
	    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
	    " PRAGMA cache_size = -512;";
	char *err = NULL;

	sqlite3_busy_timeout(s->db, 30000);
	if (sqlite3_exec(s->db, pragmas, NULL, NULL, &err) != SQLITE_OK) {
		*cause = xasprintf("%s: cannot configure the database: %s", s->path,
		    err ? err : sqlite3_errmsg(s->db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

static int store_pragma_int(struct store *s, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Brings the schema up to date, one migration per transaction. */
static int store_migrate(struct store *s, int from, char **cause)
{
	char *err = NULL, sql[64];
	int v;

	for (v = from; schema_migrations[v] != NULL; v++) {
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d;", v + 1);
		if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, &err) != SQLITE_OK ||
		    sqlite3_exec(s->db, schema_migrations[v], NULL, NULL, &err) != SQLITE_OK ||
		    sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK ||
		    sqlite3_exec(s->db, "COMMIT", NULL, NULL, &err) != SQLITE_OK) {
			*cause = xasprintf("%s: cannot upgrade the schema to version %d: %s", s->path,
			    v + 1, err ? err : sqlite3_errmsg(s->db));
			sqlite3_free(err);
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}

/* Refuses files that are not ours or come from a newer allo; migrates older ones. */
static int store_check_schema(struct store *s, enum store_open_mode mode, char **cause)
{
	int app, version;

	if (store_pragma_int(s, "PRAGMA application_id", &app) < 0 ||
	    store_pragma_int(s, "PRAGMA user_version", &version) < 0) {
		*cause = xasprintf("%s: not a database (%s)", s->path, sqlite3_errmsg(s->db));
		return -1;
	}
	if (mode == STORE_CREATE) {
		if (sqlite3_exec(s->db, "PRAGMA application_id = 1634495599", NULL, NULL, NULL) !=
		    SQLITE_OK)
			return store_fail(s, cause, s->path);
		return store_migrate(s, 0, cause);
	}
	if (app != STORE_APP_ID) {
		*cause = xasprintf("%s: not an allo survey database (created by another program)",
		    s->path);
		return -1;
	}
	if (version > STORE_SCHEMA) {
		*cause = xasprintf("%s: created by a newer allo (schema %d; this one knows up to %d)",
		    s->path, version, STORE_SCHEMA);
		return -1;
	}
	return version < STORE_SCHEMA ? store_migrate(s, version, cause) : 0;
}

/* Checks the file before SQLite sees it, so that the messages say what is wrong. */
static int store_check_file(const char *path, enum store_open_mode mode, char **cause)
{
	struct stat st;

	if (mode == STORE_CREATE) {
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0660);

		if (fd < 0 && errno == EEXIST) {
			*cause = xasprintf("%s: already exists; allo never overwrites a survey database",
			    path);
			return -1;
		}
		if (fd < 0) {
			*cause = xasprintf("%s: cannot create: %s", path, strerror(errno));
			return -1;
		}
		close(fd);
		return 0;
	}
	if (stat(path, &st) < 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*cause = xasprintf("%s: not a regular file", path);
		return -1;
	}
	if (access(path, R_OK | W_OK) < 0) {
		*cause = xasprintf("%s: cannot read and write the database: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

struct store *store_open(const char *path, enum store_open_mode mode, char **cause)
{
	struct store *s;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	if (store_check_file(path, mode, cause) < 0)
		return NULL;
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		*cause = xasprintf("%s: cannot open: %s", path, sqlite3_errmsg(s->db));
		store_close(s);
		return NULL;
	}
	sqlite3_extended_result_codes(s->db, 1);
	if (store_pragmas(s, cause) < 0 || store_check_schema(s, mode, cause) < 0) {
		store_close(s);
		return NULL;
	}
	return s;
}

void store_close(struct store *s)
{
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < SQL_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int store_begin(struct store *s, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_BEGIN);

	return st ? store_exec_stmt(s, st, cause, "cannot start a transaction") :
	    store_fail(s, cause, "cannot start a transaction");
}

int store_commit(struct store *s, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_COMMIT);

	if (st == NULL || store_exec_stmt(s, st, cause, "cannot commit") < 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

void store_rollback(struct store *s)
{
	sqlite3_stmt *st = store_stmt(s, SQL_ROLLBACK);

	if (st != NULL && !sqlite3_get_autocommit(s->db))
		store_exec_stmt(s, st, NULL, "rollback");
}

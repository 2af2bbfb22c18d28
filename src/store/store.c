#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/busy.h"
#include "store/file.h"
#include "store/schema.h"
#include "store/sql.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/sha256.h"
#include "util/xmalloc.h"


const char *store_error(struct store *s)
{
	return sqlite3_errmsg(s->db);
}

/* Sets *cause to "what: SQLite's message" and returns -1. */
int store_fail(struct store *s, char **cause, const char *what)
{
	const char *busy = store_busy_cause(s->db);

	if (cause != NULL)
		*cause = xasprintf("%s : %s", what, busy != NULL ? busy : sqlite3_errmsg(s->db));
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

/* allo_hmac(key, text): the keyed hash of the do-not-call list, for SQL (the migration to it). */
static void store_sql_hmac(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *key = sqlite3_value_text(argv[0]), *msg = sqlite3_value_text(argv[1]);
	char hex[65];

	(void)argc;
	if (key == NULL || msg == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	hmac_sha256_hex(key, (size_t)sqlite3_value_bytes(argv[0]), msg,
	    (size_t)sqlite3_value_bytes(argv[1]), hex);
	sqlite3_result_text(ctx, hex, 64, SQLITE_TRANSIENT);
}

static int store_pragmas(struct store *s, char **cause)
{
	/* A small page cache: hundreds of interviewer processes share one server's memory. */
	static const char *const pragmas =
	    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
	    " PRAGMA cache_size = -512;";
	char *err = NULL;

	store_busy_install(s->db);
	if (sqlite3_create_function(s->db, "allo_hmac", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC |
	    SQLITE_DIRECTONLY, NULL, store_sql_hmac, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(s->db, pragmas, NULL, NULL, &err) != SQLITE_OK) {
		*cause = xasprintf("%s : configuration de la base impossible : %s", s->path,
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

	/* Migrations drop tables that held personal data (the plain do-not-call list): zero them. */
	sqlite3_exec(s->db, "PRAGMA secure_delete = ON", NULL, NULL, NULL);
	for (v = from; schema_migrations[v] != NULL; v++) {
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d;", v + 1);
		if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, &err) != SQLITE_OK ||
		    sqlite3_exec(s->db, schema_migrations[v], NULL, NULL, &err) != SQLITE_OK ||
		    sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK ||
		    sqlite3_exec(s->db, "COMMIT", NULL, NULL, &err) != SQLITE_OK) {
			*cause = xasprintf("%s : mise à jour du schéma en version %d impossible : %s", s->path,
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
		*cause = xasprintf("%s : pas une base de données (%s)", s->path, sqlite3_errmsg(s->db));
		return -1;
	}
	if (mode != STORE_EXISTING) {
		if (sqlite3_exec(s->db, "PRAGMA application_id = 1634495599", NULL, NULL, NULL) !=
		    SQLITE_OK)
			return store_fail(s, cause, s->path);
		return store_migrate(s, 0, cause);
	}
	if (app != STORE_APP_ID) {
		*cause = xasprintf("%s : pas une base d'enquête allo (créée par un autre programme)",
		    s->path);
		return -1;
	}
	if (version > STORE_SCHEMA) {
		*cause = xasprintf("%s : créée par un allo plus récent (schéma %d ; celui-ci connaît jusqu'au %d)",
		    s->path, version, STORE_SCHEMA);
		return -1;
	}
	return version < STORE_SCHEMA ? store_migrate(s, version, cause) : 0;
}

/* Reads one meta value into out; 1 found, 0 absent, -1 error. */
static int store_meta_get(struct store *s, const char *key, char *out, size_t len)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, len, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The do-not-call list holds keyed hashes: a number erased elsewhere is still refused. */
int store_dnc_hash(struct store *s, const char *phone, char hex[65])
{
	if (s->dnc_key[0] == '\0' &&
	    (store_meta_get(s, "dnc_key", s->dnc_key, sizeof s->dnc_key) != 1 ||
	    strlen(s->dnc_key) < 32)) {
		s->dnc_key[0] = '\0';
		return -1;
	}
	hmac_sha256_hex(s->dnc_key, strlen(s->dnc_key), phone, strlen(phone), hex);
	return 0;
}

static int store_meta_put(struct store *s, const char *key, const char *value)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO meta (key, value) VALUES (?1, ?2)", -1,
	    &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Records who owns the database and what kind it is: at init, the person who
 * ran it; for a database older than these keys, its file's owner, as fieldwork.
 */
static int store_meta_record(struct store *s, const struct store_file *f,
    enum store_open_mode mode, char **cause)
{
	char uid[32];

	if (mode == STORE_EXISTING && store_meta_get(s, "owner_uid", uid, sizeof uid) == 1)
		return 0;
	snprintf(uid, sizeof uid, "%ld", mode == STORE_EXISTING ? (long)f->st.st_uid :
	    (long)getuid());
	if (store_meta_put(s, "owner_uid", uid) < 0 ||
	    store_meta_put(s, "kind", mode == STORE_CREATE_TEST ? "test" : "fieldwork") < 0)
		return store_fail(s, cause, s->path);
	return 0;
}

/* Loads the owner and the kind, and refuses a file whose owner is not the one recorded. */
static int store_meta_load(struct store *s, const struct store_file *f, char **cause)
{
	char uid[32] = "", kind[16] = "";

	if (store_meta_get(s, "owner_uid", uid, sizeof uid) != 1 ||
	    store_meta_get(s, "kind", kind, sizeof kind) != 1) {
		*cause = xasprintf("%s : propriétaire ou nature de la base illisible", s->path);
		return -1;
	}
	s->owner = strtol(uid, NULL, 10);
	s->test = strcmp(kind, "test") == 0;
	if ((long)f->st.st_uid != s->owner && getuid() != 0) {
		*cause = xasprintf("%s : le fichier appartient à l'uid %ld, la base a été créée par "
		    "l'uid %ld : refusé", s->path, (long)f->st.st_uid, s->owner);
		return -1;
	}
	return 0;
}

/* ALLO_NOW is followed by a test database opened by its owner, and refused everywhere else. */
static int store_clock(struct store *s, char **cause)
{
	const char *asked = clock_test_asked();
	time_t t;

	clock_follow_test(0);
	if (asked == NULL)
		return 0;
	if (!s->test) {
		*cause = xasprintf("%s : base de terrain : l'horloge de test (ALLO_NOW) est refusée ; "
		    "seule une base créée par « allo init --test » la suit", s->path);
		return -1;
	}
	if (!store_owned_by_caller(s)) {
		*cause = xasprintf("%s : l'horloge de test (ALLO_NOW) est réservée au propriétaire de "
		    "la base et à root", s->path);
		return -1;
	}
	if (clock_parse(asked, &t) < 0) {
		*cause = xasprintf("ALLO_NOW illisible : %s (attendu : AAAA-MM-JJTHH:MM[:SS][Z|+HH:MM])",
		    asked);
		return -1;
	}
	clock_follow_test(1);
	return 0;
}

/* Opens the checked file by name for SQLite, never through a link, and sets it up. */
static int store_connect(struct store *s, struct store_file *f, enum store_open_mode mode,
    char **cause)
{
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW;

	if (sqlite3_open_v2(s->path, &s->db, flags, NULL) != SQLITE_OK) {
		*cause = xasprintf("%s : ouverture impossible : %s", s->path, sqlite3_errmsg(s->db));
		return -1;
	}
	sqlite3_extended_result_codes(s->db, 1);
	if (store_file_same(f, s->path, cause) < 0)
		return -1;
	/* Closing a second descriptor later would drop SQLite's POSIX locks on the file. */
	store_file_drop(f);
	if (store_pragmas(s, cause) < 0 ||
	    store_check_schema(s, mode, cause) < 0 || store_meta_record(s, f, mode, cause) < 0 ||
	    store_meta_load(s, f, cause) < 0)
		return -1;
	return store_clock(s, cause);
}

struct store *store_open(const char *path, enum store_open_mode mode, char **cause)
{
	struct store_file f;
	struct store *s;
	int rc;

	if (store_file_open(&f, path, mode, cause) < 0) {
		if (mode != STORE_EXISTING && f.fd >= 0)
			unlinkat(f.dirfd, f.base, 0);
		store_file_close(&f);
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	rc = store_connect(s, &f, mode, cause);
	if (rc < 0 && mode != STORE_EXISTING)
		unlinkat(f.dirfd, f.base, 0);
	store_file_close(&f);
	if (rc < 0) {
		store_close(s);
		return NULL;
	}
	return s;
}

int store_owned_by_caller(const struct store *s)
{
	return getuid() == 0 || (long)getuid() == s->owner;
}

int store_is_test(const struct store *s)
{
	return s->test;
}

const char *store_kind(const struct store *s)
{
	return s->test ? "test" : "fieldwork";
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

	return st ? store_exec_stmt(s, st, cause, "transaction impossible") :
	    store_fail(s, cause, "transaction impossible");
}

int store_commit(struct store *s, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_COMMIT);

	if (st == NULL || store_exec_stmt(s, st, cause, "enregistrement impossible") < 0) {
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

/* Private to the store: every SQL statement of the program, by name. */
#ifndef ALLO_SQL_H
#define ALLO_SQL_H

#include <sqlite3.h>
#include <sys/types.h>

/* Every statement of the program, prepared once per connection. */
enum store_sql {
	SQL_BEGIN, SQL_COMMIT, SQL_ROLLBACK,
	SQL_Q_FIND, SQL_Q_ADD, SQL_Q_GET, SQL_Q_LATEST,
	SQL_USER_ADD, SQL_USER_GET, SQL_USER_COUNT, SQL_USER_STATE, SQL_USER_DISABLE, SQL_USER_ENABLE,
	SQL_USER_LIST,
	SQL_CASE_EXISTS,
	SQL_IV_NEW, SQL_IV_OPEN, SQL_IV_REOPEN, SQL_IV_LAST, SQL_IV_GET, SQL_IV_POS, SQL_IV_END,
	SQL_IV_UNRESERVE,
	SQL_ANS_LOAD, SQL_ANS_OLD, SQL_ANS_PUT, SQL_ANS_LOG, SQL_ANS_PATH,
	SQL_CASE_GET, SQL_CASE_PHONE, SQL_APPT_NEXT, SQL_APPT_OF_CASE, SQL_LEASE, SQL_RELEASE,
	SQL_CALL_ADD, SQL_CALL_BEFORE, SQL_CASE_UPDATE, SQL_APPT_ADD, SQL_APPT_CLOSE, SQL_HISTORY,
	SQL_LEASE_LOG,
	SQL_NEXT_S0, SQL_NEXT_S1, SQL_NEXT_S2, SQL_NEXT_S3, SQL_NEXT_S4, SQL_NEXT_S5, SQL_NEXT_ANY,
	SQL_NEXT_RESUME,
	SQL_CASE_HELD, SQL_NOTE_ADD, SQL_CASE_HOLDER, SQL_ACCESS_ADD,
	SQL_CASE_WAVE_CLOSED, SQL_WAVE_LIST, SQL_WAVE_HOLDS, SQL_WAVE_ADD, SQL_WAVE_KEEP, SQL_WAVE_SET,
	SQL_COUNT
};

extern const char *const store_sql_text[SQL_COUNT];

/* The cases with an interrupted interview (broken off, or in progress), through its small index. */
#define SQL_INTERRUPTED "(SELECT case_id FROM interviews INDEXED BY interviews_open" \
	" WHERE status IN ('in_progress', 'broken_off'))"

/* The case's attempts in time slot ?N (any other N: 0), as SQL. */
#define SQL_SLOT_COUNT(n) "(CASE ?" n " WHEN 0 THEN s0 WHEN 1 THEN s1 WHEN 2 THEN s2" \
	" WHEN 3 THEN s3 WHEN 4 THEN s4 WHEN 5 THEN s5 ELSE 0 END)"

/* The condition that the call named by alias.id was not undone, for a WHERE clause. */
#define SQL_CALL_LIVE(alias) " AND NOT EXISTS (SELECT 1 FROM call_undos u WHERE u.call_id = " \
	alias ".id)"

/* The condition that a case's wave (named by alias.wave) is not closed, for a WHERE clause. */
#define SQL_WAVE_OPEN(alias) " AND NOT EXISTS (SELECT 1 FROM waves w WHERE w.name = " alias \
	".wave AND w.closed_at IS NOT NULL)"

struct store {
	sqlite3 *db;
	sqlite3_stmt *stmt[SQL_COUNT];
	char *path;
	long owner;		/* the uid recorded at init as the database's owner */
	int test;		/* 1 for a test database (made with init --test) */
	char dnc_key[80];	/* the key of the do-not-call hashes, read when first needed */
};

int store_fail(struct store *s, char **cause, const char *what);
sqlite3_stmt *store_stmt(struct store *s, enum store_sql q);
int store_exec_stmt(struct store *s, sqlite3_stmt *st, char **cause, const char *what);

#endif

/* The SQL of sample import and of the do-not-call list. */
#include "store/sample.h"

#include <stdio.h>
#include <stdlib.h>

#include "store/sql.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/xmalloc.h"

enum sample_sql {
	SS_CASE_WAVE, SS_PHONE_CASE, SS_DNC_ALL, SS_CASE_ADD, SS_CONTACT_ADD,
	SS_CASES_ADD, SS_CONTACTS_ADD,	/* STORE_SAMPLE_BATCH rows at once */
	SS_SAVEPOINT, SS_RELEASE, SS_ROLLBACK_TO, SS_COUNT
};

#define SAMPLE_CASE_ROW "(?, ?, ?, CASE WHEN ? IS NULL THEN 'fresh' ELSE 'final' END, ?, ?)"
#define SAMPLE_CONTACT_ROW "(?, ?, ?, ?)"

static const char *const sample_sql[SS_COUNT] = {
	[SS_CASE_WAVE] = "SELECT wave FROM cases WHERE id = ?1",
	[SS_PHONE_CASE] = "SELECT case_id FROM contacts WHERE phone = ?1",
	[SS_DNC_ALL] = "SELECT hash FROM dnc",
	[SS_CASE_ADD] = "INSERT INTO cases (id, wave, frame, state, final_code, created_at) VALUES",
	/* A case on the do-not-call list comes with no phone: its number is not kept. */
	[SS_CONTACT_ADD] = "INSERT INTO contacts (case_id, phone, name, note) SELECT column1, column2,"
	    " column3, column4 FROM (VALUES",
	[SS_SAVEPOINT] = "SAVEPOINT sample_batch",
	[SS_RELEASE] = "RELEASE sample_batch",
	[SS_ROLLBACK_TO] = "ROLLBACK TO sample_batch",
};

struct sample_store {
	struct store *s;
	sqlite3_stmt *stmt[SS_COUNT];
};

static void sample_finalize(struct sample_store *ss)
{
	int i;

	for (i = 0; i < SS_COUNT; i++)
		sqlite3_finalize(ss->stmt[i]);
	free(ss);
}

/* The text of a statement: an insert gets its rows of parameters, one or a batch. */
static char *sample_text(enum sample_sql q)
{
	struct buf b = { 0 };
	int i, rows = q == SS_CASES_ADD || q == SS_CONTACTS_ADD ? STORE_SAMPLE_BATCH : 1;

	if (q == SS_CASES_ADD || q == SS_CASE_ADD) {
		buf_adds(&b, sample_sql[SS_CASE_ADD]);
		for (i = 0; i < rows; i++)
			buf_addf(&b, "%s" SAMPLE_CASE_ROW, i > 0 ? "," : " ");
	} else if (q == SS_CONTACTS_ADD || q == SS_CONTACT_ADD) {
		buf_adds(&b, sample_sql[SS_CONTACT_ADD]);
		for (i = 0; i < rows; i++)
			buf_addf(&b, "%s" SAMPLE_CONTACT_ROW, i > 0 ? "," : " ");
		buf_adds(&b, ") WHERE column2 IS NOT NULL");
	} else
		buf_adds(&b, sample_sql[q]);
	return buf_take(&b);
}

struct sample_store *store_sample_begin(struct store *s, char **cause)
{
	struct sample_store *ss = xcalloc(1, sizeof *ss);
	char *text;
	int i, rc;

	ss->s = s;
	for (i = 0; i < SS_COUNT; i++) {
		text = sample_text((enum sample_sql)i);
		rc = sqlite3_prepare_v3(s->db, text, -1, SQLITE_PREPARE_PERSISTENT, &ss->stmt[i],
		    NULL);
		free(text);
		if (rc != SQLITE_OK) {
			store_fail(s, cause, "cannot prepare the import");
			sample_finalize(ss);
			return NULL;
		}
	}
	/* A large import would spill its pages to the log long before the commit. */
	sqlite3_exec(s->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
	if (store_begin(s, cause) < 0) {
		store_sample_end(ss, 0, NULL);
		return NULL;
	}
	return ss;
}

int store_sample_end(struct sample_store *ss, int commit, char **cause)
{
	int rc = 0;

	if (commit)
		rc = store_commit(ss->s, cause);
	else
		store_rollback(ss->s);
	sqlite3_exec(ss->s->db, "PRAGMA cache_size = -2000", NULL, NULL, NULL);
	sample_finalize(ss);
	return rc;
}

/* Runs a one-row lookup by text key: 1 with the first column copied into out, 0, or -1. */
static int sample_lookup(struct sample_store *ss, enum sample_sql q, const char *key, char *out,
    size_t len, char **cause)
{
	sqlite3_stmt *st = ss->stmt[q];
	int rc;

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && out != NULL)
		snprintf(out, len, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(ss->s, cause, "cannot read the sample");
}

int store_sample_case_wave(struct sample_store *ss, const char *id, char *wave, size_t len,
    char **cause)
{
	return sample_lookup(ss, SS_CASE_WAVE, id, wave, len, cause);
}

int store_sample_phone_case(struct sample_store *ss, const char *phone, char *case_id,
    size_t len, char **cause)
{
	return sample_lookup(ss, SS_PHONE_CASE, phone, case_id, len, cause);
}

int store_sample_dnc_list(struct sample_store *ss, void (*fn)(void *arg, const char *phone),
    void *arg, char **cause)
{
	sqlite3_stmt *st = ss->stmt[SS_DNC_ALL];
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(arg, (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(ss->s, cause, "cannot read the do-not-call list");
}

/* Runs a statement: 0, 1 when a uniqueness constraint refused it, -1 on another error. */
static int sample_step(struct sample_store *ss, enum sample_sql q, char **cause)
{
	int rc = sqlite3_step(ss->stmt[q]);

	sqlite3_reset(ss->stmt[q]);
	if (rc == SQLITE_DONE)
		return 0;
	rc = sqlite3_extended_errcode(ss->s->db);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE)
		return 1;
	return store_fail(ss->s, cause, "cannot add the cases");
}

/* Binds c's values to the parameters of its row in the cases and contacts inserts. */
static void sample_bind(struct sample_store *ss, enum sample_sql qc, enum sample_sql qk, int row,
    const struct store_sample_case *c)
{
	sqlite3_stmt *st = ss->stmt[qc];
	int p = row * 6;

	sqlite3_bind_text(st, p + 1, c->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, p + 2, c->wave, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, p + 3, c->frame, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, p + 4, c->final_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, p + 5, c->final_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, p + 6, c->now, -1, SQLITE_STATIC);
	st = ss->stmt[qk];
	p = row * 4;
	sqlite3_bind_text(st, p + 1, c->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, p + 2, c->final_code != NULL && c->dnc ? NULL : c->phone, -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, p + 3, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, p + 4, c->note, -1, SQLITE_STATIC);
}

/* Inserts the cases, then their contacts: whole batches at once, then one by one. */
static int sample_insert(struct sample_store *ss, const struct store_sample_case *c, size_t n,
    char **cause)
{
	size_t i = 0, k;
	int rc;

	for (; i + STORE_SAMPLE_BATCH <= n; i += STORE_SAMPLE_BATCH) {
		for (k = 0; k < STORE_SAMPLE_BATCH; k++)
			sample_bind(ss, SS_CASES_ADD, SS_CONTACTS_ADD, (int)k, &c[i + k]);
		if ((rc = sample_step(ss, SS_CASES_ADD, cause)) != 0 ||
		    (rc = sample_step(ss, SS_CONTACTS_ADD, cause)) != 0)
			return rc;
	}
	for (; i < n; i++) {
		sample_bind(ss, SS_CASE_ADD, SS_CONTACT_ADD, 0, &c[i]);
		if ((rc = sample_step(ss, SS_CASE_ADD, cause)) != 0 ||
		    (rc = sample_step(ss, SS_CONTACT_ADD, cause)) != 0)
			return rc;
	}
	return 0;
}

int store_sample_add(struct sample_store *ss, const struct store_sample_case *c, size_t n,
    char **cause)
{
	int rc;

	if (sample_step(ss, SS_SAVEPOINT, cause) != 0)
		return -1;
	if ((rc = sample_insert(ss, c, n, cause)) != 0)
		sample_step(ss, SS_ROLLBACK_TO, NULL);
	if (sample_step(ss, SS_RELEASE, rc < 0 ? NULL : cause) != 0)
		return -1;
	return rc;
}

/* Prepares sql, binds the texts in order (NULL binds NULL), runs it; -1 on error. */
static int sample_run(struct store *s, const char *sql, const char *const *args, int nargs,
    char *out, size_t len, int *changes, char **cause)
{
	sqlite3_stmt *st;
	int i, rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot update the do-not-call list");
	for (i = 0; i < nargs; i++)
		sqlite3_bind_text(st, i + 1, args[i], -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && out != NULL)
		snprintf(out, len, "%s", (const char *)sqlite3_column_text(st, 0));
	if (changes != NULL)
		*changes = sqlite3_changes(s->db);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot update the do-not-call list");
	return 0;
}

int store_sample_dnc_hash(struct sample_store *ss, const char *phone, char hex[65])
{
	return store_dnc_hash(ss->s, phone, hex);
}

int store_sample_dnc(struct store *s, const char *phone, const char *login, const char *now,
    const char *final_code, int *added, char *case_id, size_t len, int *closed, char **cause)
{
	char hash[65];
	const char *add[] = { hash, login, now };
	const char *find[] = { phone };
	const char *upd[2];

	*added = *closed = 0;
	case_id[0] = '\0';
	if (store_dnc_hash(s, phone, hash) < 0)
		return store_fail(s, cause, "cannot read the key of the do-not-call list");
	if (store_begin(s, cause) < 0)
		return -1;
	if (sample_run(s, "INSERT INTO dnc (hash, added_by, added_at) VALUES (?1, ?2, ?3)"
	    " ON CONFLICT (hash) DO NOTHING", add, 3, NULL, 0, added, cause) < 0 ||
	    sample_run(s, "SELECT case_id FROM contacts WHERE phone = ?1", find, 1, case_id, len,
	    NULL, cause) < 0)
		goto fail;
	if (case_id[0] != '\0') {
		upd[0] = case_id;
		upd[1] = final_code;
		if (sample_run(s, "UPDATE cases SET state = 'final', final_code = ?2, next_at = NULL"
		    " WHERE id = ?1 AND state <> 'final'", upd, 2, NULL, 0, closed, cause) < 0)
			goto fail;
	}
	return store_commit(s, cause);
fail:
	store_rollback(s);
	return -1;
}

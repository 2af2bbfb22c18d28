/*
 * The SQL of erasure: one transaction that a purge fills (its record first,
 * marked unfinished, which is what lets it rewrite the answer log), then the
 * file scrubbed so that no erased byte stays in the database, its log or its
 * free pages.
 */
#include "store/purge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sql.h"
#include "store/store.h"
#include "store/wave.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/xmalloc.h"

/* The cases a purge covers, as a condition on a case_id column; ?1 is the target. */
static const char *purge_scope(const struct store_purge *p)
{
	return p->wave ? "case_id IN (SELECT id FROM cases WHERE wave = ?1)" : "case_id = ?1";
}

/* Prepares fmt (the scope's condition in place of a %s), binds ?1 to the target, then ?2... */
static sqlite3_stmt *purge_prepare(struct store_purge *p, const char *fmt,
    const char *const *args, int nargs)
{
	sqlite3_stmt *st;
	char *sql = strstr(fmt, "%s") != NULL ? xasprintf(fmt, purge_scope(p)) : xstrdup(fmt);
	int i, rc;

	rc = sqlite3_prepare_v2(p->s->db, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, p->target, -1, SQLITE_STATIC);
	for (i = 0; i < nargs; i++)
		sqlite3_bind_text(st, i + 2, args[i], -1, SQLITE_STATIC);
	return st;
}

/* Runs one statement of the purge; adds the rows it changed to *count (may be NULL). */
static int purge_run(struct store_purge *p, const char *fmt, const char *const *args, int nargs,
    size_t *count, char **cause)
{
	sqlite3_stmt *st = purge_prepare(p, fmt, args, nargs);
	int rc;

	if (st == NULL)
		return store_fail(p->s, cause, "effacement impossible");
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(p->s, cause, "effacement impossible");
	if (count != NULL)
		*count += (size_t)sqlite3_changes(p->s->db);
	return 0;
}

/* The cases held now, as "CASE (LOGIN)" joined, five at most: a purge waits for them. */
struct purge_held {
	struct buf names;
	int n;
};

static void purge_held_one(void *arg, const char *case_id, const char *login)
{
	struct purge_held *h = arg;

	if (h->n++ < 5)
		buf_addf(&h->names, "%s%s (%s)", h->n > 1 ? ", " : "", case_id, login);
}

/* Erased cells are overwritten, and nothing of the purge goes through a temporary file. */
static int purge_pragmas(struct store *s, char **cause)
{
	if (sqlite3_exec(s->db, "PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY", NULL, NULL,
	    NULL) != SQLITE_OK)
		return store_fail(s, cause, "effacement impossible");
	return 0;
}

int store_purge_begin(struct store_purge *p, struct store *s, int wave, const char *target,
    const char *login, char **cause)
{
	const char *args[4];
	struct purge_held held = { { 0 }, 0 };
	int n;

	memset(p, 0, sizeof *p);
	p->s = s;
	p->wave = wave;
	p->target = target;
	clock_iso(clock_now(), p->now, sizeof p->now);
	if (purge_pragmas(s, cause) < 0 || store_begin(s, cause) < 0)
		return -1;
	if ((n = store_wave_holds(s, NULL, p->now, purge_held_one, &held, cause)) != 0) {
		if (n > 5)
			buf_addf(&held.names, " et %d autres", n - 5);
		if (n > 0)
			*cause = xasprintf("des cas sont en main (%s) : l'effacement attend que chacun"
			    " ait terminé", held.names.s);
		buf_free(&held.names);
		store_rollback(s);
		return -1;
	}
	buf_free(&held.names);
	args[0] = login;
	args[1] = p->now;
	args[2] = wave ? "wave" : "case";
	args[3] = target;
	if (purge_run(p, "INSERT INTO purges (login, at, scope, target) VALUES (?2, ?3, ?4, ?5)",
	    args, 4, NULL, cause) < 0) {
		store_rollback(s);
		return -1;
	}
	p->id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_purge_cases(struct store_purge *p, store_purge_case_fn fn, void *arg, char **cause)
{
	sqlite3_stmt *st = purge_prepare(p, p->wave ? "SELECT c.id, c.frame, k.phone, k.name"
	    " FROM cases c LEFT JOIN contacts k ON k.case_id = c.id WHERE c.wave = ?1"
	    " ORDER BY c.id" : "SELECT c.id, c.frame, k.phone, k.name FROM cases c LEFT JOIN"
	    " contacts k ON k.case_id = c.id WHERE c.id = ?1", NULL, 0);
	int rc;

	if (st == NULL)
		return store_fail(p->s, cause, "lecture des cas impossible");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_purge_case c;

		c.id = (const char *)sqlite3_column_text(st, 0);
		c.frame = (const char *)sqlite3_column_text(st, 1);
		c.phone = (const char *)sqlite3_column_text(st, 2);
		c.name = (const char *)sqlite3_column_text(st, 3);
		if (fn(arg, &c) < 0) {
			sqlite3_finalize(st);
			return -1;
		}
		p->n.cases++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(p->s, cause, "lecture des cas impossible");
}

/* Reads every (key, text) of one query into a list, so that rows are rewritten after the read. */
static int purge_collect(struct store_purge *p, const char *sql, const char *id,
    struct store_purge_text **out, size_t *n, char **cause)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(p->s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(p->s, cause, "lecture des textes impossible");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *t1 = sqlite3_column_text(st, 1), *t2 = sqlite3_column_text(st, 2);

		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		(*out)[*n].key = sqlite3_column_int64(st, 0);
		(*out)[*n].a = t1 != NULL ? xstrdup((const char *)t1) : NULL;
		(*out)[*n].b = t2 != NULL ? xstrdup((const char *)t2) : NULL;
		(*out)[*n].var = xstrdup((const char *)sqlite3_column_text(st, 3));
		(*out)[*n].instance = sqlite3_column_int(st, 4);
		(*n)++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(p->s, cause, "lecture des textes impossible");
}

void store_purge_texts_free(struct store_purge_text *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(t[i].a);
		free(t[i].b);
		free(t[i].var);
	}
	free(t);
}

int store_purge_answers(struct store_purge *p, const char *case_id, struct store_purge_text **t,
    size_t *n, char **cause)
{
	return purge_collect(p, "SELECT a.interview_id, a.value, NULL, a.var, a.instance FROM answers"
	    " a JOIN interviews i ON i.id = a.interview_id WHERE i.case_id = ?1 AND a.kind = 'text'",
	    case_id, t, n, cause);
}

int store_purge_log(struct store_purge *p, const char *case_id, struct store_purge_text **t,
    size_t *n, char **cause)
{
	return purge_collect(p, "SELECT l.id, l.old, l.new, l.var, l.instance FROM answer_log l"
	    " JOIN interviews i ON i.id = l.interview_id WHERE i.case_id = ?1 ORDER BY l.id",
	    case_id, t, n, cause);
}

/* Runs an update on one row with text arguments; -1 on error. */
static int purge_update(struct store_purge *p, const char *sql, int64_t key, const char *a,
    const char *b, const char *var, int instance, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(p->s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(p->s, cause, "effacement impossible");
	sqlite3_bind_int64(st, 1, key);
	sqlite3_bind_text(st, 2, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, b, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, var, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, instance);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(p->s, cause, "effacement impossible");
}

int store_purge_answer_put(struct store_purge *p, const struct store_purge_text *t,
    const char *masked, char **cause)
{
	p->n.texts++;
	return purge_update(p, "UPDATE answers SET value = ?2 WHERE interview_id = ?1 AND var = ?4"
	    " AND instance = ?5 AND kind = 'text'", t->key, masked, NULL, t->var, t->instance,
	    cause);
}

int store_purge_log_put(struct store_purge *p, const struct store_purge_text *t,
    const char *old, const char *new, char **cause)
{
	p->n.log_texts++;
	return purge_update(p, "UPDATE answer_log SET old = ?2, new = ?3 WHERE id = ?1", t->key, old,
	    new, NULL, 0, cause);
}

int store_purge_frame(struct store_purge *p, const char *case_id, const char *key,
    char **cause)
{
	const char *args[1] = { key };
	struct store_purge q = *p;

	q.wave = 0;
	q.target = case_id;
	if (purge_run(&q, "UPDATE cases SET frame = json_remove(frame, '$.' || ?2) WHERE id = ?1"
	    " AND json_type(frame, '$.' || ?2) IS NOT NULL", args, 1, &p->n.frames, cause) < 0)
		return -1;
	return 0;
}

int store_purge_dnc(struct store_purge *p, const char *phone, const char *login,
    const char *final_code, char **cause)
{
	char hash[65];
	const char *args[3] = { hash, login, p->now };
	const char *fin[1] = { final_code };

	if (store_dnc_hash(p->s, phone, hash) < 0)
		return store_fail(p->s, cause, "clé de la liste d'opposition illisible");
	if (purge_run(p, "INSERT INTO dnc (hash, added_by, added_at) VALUES (?2, ?3, ?4)"
	    " ON CONFLICT (hash) DO NOTHING", args, 3, &p->n.dnc, cause) < 0 ||
	    purge_run(p, "UPDATE cases SET state = 'final', final_code = ?2, next_at = NULL"
	    " WHERE id = ?1 AND state <> 'final'", fin, 1, &p->n.closed, cause) < 0 ||
	    purge_run(p, "UPDATE appointments SET done = 1 WHERE %s AND done = 0", NULL, 0, NULL,
	    cause) < 0)
		return -1;
	return 0;
}

/*
 * The breaks a wave's purge erases (?1 the wave, ?2 now): those begun before
 * it closed, unless another wave not purged was in the field then.
 */
static const char purge_breaks_sql[] =
    "DELETE FROM breaks WHERE started_at < coalesce((SELECT closed_at FROM waves"
    " WHERE name = ?1), ?2) AND NOT EXISTS (SELECT 1 FROM waves w WHERE w.name <> ?1"
    " AND w.purged_at IS NULL AND w.opened_at <= breaks.started_at"
    " AND (w.closed_at IS NULL OR w.closed_at > breaks.started_at))";

int store_purge_finish(struct store_purge *p, const char *login, char **cause)
{
	const char *now[1] = { p->now };
	const char *who[2] = { p->now, login };
	char id[32], *detail;
	const char *fin[2];
	struct store_purge q = *p;
	int rc;

	if (purge_run(p, "DELETE FROM contacts WHERE %s", NULL, 0, &p->n.contacts, cause) < 0 ||
	    purge_run(p, "UPDATE calls SET note = NULL WHERE %s AND note IS NOT NULL", NULL, 0,
	    &p->n.call_notes, cause) < 0 ||
	    purge_run(p, "UPDATE appointments SET note = NULL WHERE %s AND note IS NOT NULL", NULL, 0,
	    &p->n.appointment_notes, cause) < 0 ||
	    purge_run(p, "DELETE FROM notes WHERE %s", NULL, 0, &p->n.notes, cause) < 0 ||
	    purge_run(p, "DELETE FROM access_log WHERE %s", NULL, 0, &p->n.access, cause) < 0 ||
	    purge_run(p, p->wave ? "UPDATE cases SET purged_at = ?2 WHERE wave = ?1" :
	    "UPDATE cases SET purged_at = ?2 WHERE id = ?1", now, 1, NULL, cause) < 0 ||
	    (p->wave && (purge_run(p, purge_breaks_sql, now, 1, &p->n.breaks, cause) < 0 ||
	    purge_run(p, "UPDATE waves SET purged_at = ?2, purged_by = ?3"
	    " WHERE name = ?1", who, 2, NULL, cause) < 0)))
		goto fail;
	detail = xasprintf("{\"cases\":%zu,\"contacts\":%zu,\"call_notes\":%zu,"
	    "\"appointment_notes\":%zu,\"notes\":%zu,\"access_log\":%zu,\"texts\":%zu,"
	    "\"log_texts\":%zu,\"frames\":%zu,\"dnc\":%zu,\"breaks\":%zu}", p->n.cases,
	    p->n.contacts, p->n.call_notes, p->n.appointment_notes, p->n.notes, p->n.access,
	    p->n.texts, p->n.log_texts, p->n.frames, p->n.dnc, p->n.breaks);
	snprintf(id, sizeof id, "%lld", (long long)p->id);
	fin[0] = detail;
	q.target = id;
	rc = purge_run(&q, "UPDATE purges SET detail = ?2, done = 1 WHERE id = ?1", fin, 1, NULL,
	    cause);
	free(detail);
	if (rc < 0)
		goto fail;
	return store_commit(p->s, cause);
fail:
	store_rollback(p->s);
	return -1;
}

void store_purge_abort(struct store_purge *p)
{
	store_rollback(p->s);
}

/* One checkpoint that empties the log file: 0 done, 1 held up by a reader or writer, -1. */
static int purge_checkpoint(struct store *s)
{
	int log = 0, done = 0, rc;

	rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
	if (rc == SQLITE_BUSY)
		return 1;
	return rc == SQLITE_OK ? 0 : -1;
}

int store_scrub(struct store *s, char **cause)
{
	int rc;

	if (purge_pragmas(s, cause) < 0)
		return -1;
	/* The log first, so that VACUUM starts from a file that holds every page, then again. */
	if ((rc = purge_checkpoint(s)) != 0 ||
	    sqlite3_exec(s->db, "VACUUM", NULL, NULL, NULL) != SQLITE_OK ||
	    (rc = purge_checkpoint(s)) != 0) {
		if (rc == 1 || sqlite3_errcode(s->db) == SQLITE_BUSY) {
			*cause = xasprintf("%s : la base est utilisée par une autre session : fichier non"
			    " nettoyé", s->path);
			return 1;
		}
		return store_fail(s, cause, "nettoyage du fichier impossible");
	}
	return 0;
}

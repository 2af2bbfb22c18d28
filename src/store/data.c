/* The store's rows: questionnaire versions, users, interviews and answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/quota.h"
#include "store/sql.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/sha256.h"
#include "util/xmalloc.h"

/* Copies column col of st into a fixed buffer, truncating safely. */
static void data_col(sqlite3_stmt *st, int col, char *dst, size_t len)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(dst, len, "%s", t != NULL ? (const char *)t : "");
}

int store_questionnaire_add(struct store *s, const char *text, size_t len, const char *survey,
    const char *version, const char *login, int64_t *id, int *existed, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_Q_FIND);
	char hex[65];

	sha256_hex(text, len, hex);
	*existed = 0;
	if (st == NULL)
		return store_fail(s, cause, "cannot look up questionnaires");
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*existed = 1;
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if ((st = store_stmt(s, SQL_Q_ADD)) == NULL)
		return store_fail(s, cause, "cannot add the questionnaire");
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, survey, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, version, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, text, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, login, -1, SQLITE_STATIC);
	if (store_exec_stmt(s, st, cause, "cannot add the questionnaire") < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_questionnaire_get(struct store *s, int64_t id, int64_t *got, char **text, size_t *len,
    char **cause)
{
	sqlite3_stmt *st = store_stmt(s, id == 0 ? SQL_Q_LATEST : SQL_Q_GET);
	int rc;

	if (st == NULL)
		return store_fail(s, cause, "cannot read the questionnaire");
	if (id != 0)
		sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE) {
			*cause = xasprintf("no questionnaire %lld in the database", (long long)id);
			return -1;
		}
		return store_fail(s, cause, "cannot read the questionnaire");
	}
	*got = sqlite3_column_int64(st, 0);
	*len = (size_t)sqlite3_column_bytes(st, 1);
	*text = xstrndup((const char *)sqlite3_column_text(st, 1), *len);
	sqlite3_reset(st);
	return 0;
}

int store_user_add(struct store *s, const char *login, const char *role, const char *name,
    char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_USER_ADD);

	if (st == NULL)
		return store_fail(s, cause, "cannot add the user");
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, role, -1, SQLITE_STATIC);
	return store_exec_stmt(s, st, cause, "cannot add the user");
}

int store_user_get(struct store *s, const char *login, struct store_user *u, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_USER_GET);
	int rc;

	if (st == NULL)
		return store_fail(s, cause, "cannot read users");
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		data_col(st, 0, u->login, sizeof u->login);
		data_col(st, 1, u->name, sizeof u->name);
		data_col(st, 2, u->role, sizeof u->role);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read users");
	return rc == SQLITE_ROW;
}

int store_user_count(struct store *s)
{
	sqlite3_stmt *st = store_stmt(s, SQL_USER_COUNT);
	int n = -1;

	if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	if (st != NULL)
		sqlite3_reset(st);
	return n;
}

/* Reads the state columns of a users row, from col on. */
static void data_user_state(sqlite3_stmt *st, int col, struct store_user_state *state)
{
	state->disabled = sqlite3_column_int(st, col);
	data_col(st, col + 1, state->at, sizeof state->at);
	data_col(st, col + 2, state->by, sizeof state->by);
}

int store_user_state(struct store *s, const char *login, struct store_user_state *state,
    char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_USER_STATE);
	int rc;

	memset(state, 0, sizeof *state);
	if (st == NULL)
		return store_fail(s, cause, "lecture des utilisateurs impossible");
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		data_user_state(st, 0, state);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "lecture des utilisateurs impossible");
	return rc == SQLITE_ROW;
}

int store_user_set_disabled(struct store *s, const char *login, int disabled, const char *by,
    const char *now, char **cause)
{
	sqlite3_stmt *st;
	int changed;

	if (store_begin(s, cause) < 0)
		return -1;
	if ((st = store_stmt(s, disabled ? SQL_USER_DISABLE : SQL_USER_ENABLE)) == NULL) {
		store_rollback(s);
		return store_fail(s, cause, "changement de l'utilisateur impossible");
	}
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	if (disabled) {
		sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, by, -1, SQLITE_STATIC);
	}
	if (store_exec_stmt(s, st, cause, "changement de l'utilisateur impossible") < 0)
		goto fail;
	changed = sqlite3_changes(s->db);
	if (changed && store_supervisor_log(s, by, disabled ? "user_disable" : "user_enable", login,
	    NULL) < 0) {
		store_fail(s, cause, "journal de supervision impossible");
		goto fail;
	}
	if (store_commit(s, cause) < 0)
		return -1;
	return changed > 0;
fail:
	store_rollback(s);
	return -1;
}

int store_user_list(struct store *s, store_user_fn fn, void *arg, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_USER_LIST);
	struct store_user_state state;
	struct store_user u;
	int rc;

	if (st == NULL)
		return store_fail(s, cause, "lecture des utilisateurs impossible");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		data_col(st, 0, u.login, sizeof u.login);
		data_col(st, 1, u.name, sizeof u.name);
		data_col(st, 2, u.role, sizeof u.role);
		data_user_state(st, 3, &state);
		fn(arg, &u, &state);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, cause, "lecture des utilisateurs impossible");
}

int store_case_exists(struct store *s, const char *case_id)
{
	sqlite3_stmt *st = store_stmt(s, SQL_CASE_EXISTS);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, case_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_interview_new(struct store *s, const char *case_id, int64_t questionnaire,
    const char *login, int is_test, uint64_t seed, const char *now, int64_t *id, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_IV_NEW);

	if (st == NULL)
		return store_fail(s, cause, "cannot start the interview");
	if (case_id != NULL)
		sqlite3_bind_text(st, 1, case_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, questionnaire);
	sqlite3_bind_text(st, 3, login, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, is_test);
	sqlite3_bind_int64(st, 5, (int64_t)seed);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
	if (store_exec_stmt(s, st, cause, "cannot start the interview") < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_interview_open_for_case(struct store *s, const char *case_id, int64_t *id)
{
	sqlite3_stmt *st = store_stmt(s, SQL_IV_OPEN);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, case_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_interview_get(struct store *s, int64_t id, struct store_interview *iv, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_IV_GET);
	int rc;

	if (st == NULL)
		return store_fail(s, cause, "cannot read the interview");
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		iv->id = sqlite3_column_int64(st, 0);
		data_col(st, 1, iv->case_id, sizeof iv->case_id);
		iv->questionnaire = sqlite3_column_int64(st, 2);
		data_col(st, 3, iv->login, sizeof iv->login);
		iv->is_test = sqlite3_column_int(st, 4);
		iv->seed = (uint64_t)sqlite3_column_int64(st, 5);
		data_col(st, 6, iv->status, sizeof iv->status);
		data_col(st, 7, iv->outcome, sizeof iv->outcome);
		data_col(st, 8, iv->position, sizeof iv->position);
		iv->instance = sqlite3_column_int(st, 9);
		data_col(st, 10, iv->started_at, sizeof iv->started_at);
		iv->quota_checked = sqlite3_column_int(st, 11);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		*cause = xasprintf("no interview %lld", (long long)id);
		return -1;
	}
	return rc == SQLITE_ROW ? 0 : store_fail(s, cause, "cannot read the interview");
}

int store_interview_position(struct store *s, int64_t id, const char *var, int instance,
    int percent, const char *now, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_IV_POS);

	if (st == NULL)
		return store_fail(s, cause, "cannot save the position");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, var, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, instance);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	if (percent >= 0)
		sqlite3_bind_int(st, 5, percent);
	return store_exec_stmt(s, st, cause, "cannot save the position");
}

int store_interview_end(struct store *s, int64_t id, const char *status, const char *outcome,
    const char *now, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_IV_END);

	if (st == NULL)
		return store_fail(s, cause, "cannot end the interview");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	if (outcome != NULL)
		sqlite3_bind_text(st, 3, outcome, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	if (store_exec_stmt(s, st, cause, "cannot end the interview") < 0)
		return -1;
	/* Whatever the end, the places it held in quota cells are free (a complete counts instead). */
	if ((st = store_stmt(s, SQL_IV_UNRESERVE)) == NULL)
		return store_fail(s, cause, "cannot free the quota places");
	sqlite3_bind_int64(st, 1, id);
	return store_exec_stmt(s, st, cause, "cannot free the quota places");
}

/* Parses "1,3,9" from the database into codes (caller frees). */
static long *data_codes(const char *t, size_t *n)
{
	long *codes = xcalloc(strlen(t) / 2 + 1, sizeof *codes);
	char *end;

	*n = 0;
	while (*t != '\0') {
		codes[(*n)++] = strtol(t, &end, 10);
		t = *end == ',' ? end + 1 : end;
		if (end == t && *t != '\0')
			break;
	}
	return codes;
}

/* Turns one answers row into a value. */
static void data_row_value(sqlite3_stmt *st, struct value *v, long **codes)
{
	const char *kind = (const char *)sqlite3_column_text(st, 2);

	memset(v, 0, sizeof *v);
	*codes = NULL;
	if (strcmp(kind, "num") == 0) {
		v->kind = V_NUM;
		v->num = sqlite3_column_double(st, 3);
	} else if (strcmp(kind, "text") == 0) {
		v->kind = V_TEXT;
		v->text = (const char *)sqlite3_column_text(st, 3);
	} else if (strcmp(kind, "multi") == 0) {
		v->kind = V_MULTI;
		*codes = data_codes((const char *)sqlite3_column_text(st, 3), &v->ncodes);
		v->codes = *codes;
	} else if (strcmp(kind, "dk") == 0)
		v->kind = V_DK;
	else if (strcmp(kind, "rf") == 0)
		v->kind = V_RF;
}

int store_answers_load(struct store *s, int64_t id, store_answer_fn fn, void *arg, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_ANS_LOAD);
	struct value v;
	long *codes;
	int rc;

	if (st == NULL)
		return store_fail(s, cause, "cannot read the answers");
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		data_row_value(st, &v, &codes);
		fn(arg, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1), &v,
		    sqlite3_column_int(st, 4));
		free(codes);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, cause, "cannot read the answers");
}

char *store_value_text(const struct value *v)
{
	struct buf b = { 0 };
	size_t i;

	switch (v->kind) {
	case V_NUM:
		buf_addf(&b, "%.15g", v->num);
		break;
	case V_TEXT:
		buf_adds(&b, v->text != NULL ? v->text : "");
		break;
	case V_MULTI:
		for (i = 0; i < v->ncodes; i++)
			buf_addf(&b, "%s%ld", i ? "," : "", v->codes[i]);
		break;
	case V_DK:
		buf_adds(&b, "DK");
		break;
	case V_RF:
		buf_adds(&b, "RF");
		break;
	case V_NONE:
		break;
	}
	return buf_take(&b);
}

/* The previous value of an answer as audit text, or NULL when there was none. */
static char *data_old(struct store *s, int64_t id, const char *var, int instance)
{
	sqlite3_stmt *st = store_stmt(s, SQL_ANS_OLD);
	struct value v;
	long *codes = NULL;
	char *old = NULL;

	if (st == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, var, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, instance);
	if (sqlite3_step(st) == SQLITE_ROW) {
		/* Columns are shifted by two against a full answers row. */
		const char *kind = (const char *)sqlite3_column_text(st, 0);

		memset(&v, 0, sizeof v);
		if (strcmp(kind, "num") == 0) {
			v.kind = V_NUM;
			v.num = sqlite3_column_double(st, 1);
		} else if (strcmp(kind, "multi") == 0 || strcmp(kind, "text") == 0) {
			v.kind = V_TEXT;
			v.text = (const char *)sqlite3_column_text(st, 1);
		} else
			v.kind = strcmp(kind, "dk") == 0 ? V_DK : strcmp(kind, "rf") == 0 ? V_RF : V_NONE;
		old = store_value_text(&v);
	}
	sqlite3_reset(st);
	free(codes);
	return old;
}

static const char *data_kind(const struct value *v)
{
	switch (v->kind) {
	case V_NUM:
		return "num";
	case V_TEXT:
		return "text";
	case V_MULTI:
		return "multi";
	case V_DK:
		return "dk";
	case V_RF:
		return "rf";
	default:
		return "seen";
	}
}

static int data_log(struct store *s, int64_t id, const char *var, int instance, const char *old,
    const char *new, const char *login, const char *now, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_ANS_LOG);

	if (st == NULL)
		return store_fail(s, cause, "cannot write the audit log");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, var, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, instance);
	if (old != NULL)
		sqlite3_bind_text(st, 4, old, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, new, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, now, -1, SQLITE_STATIC);
	return store_exec_stmt(s, st, cause, "cannot write the audit log");
}

int store_answer_put(struct store *s, int64_t id, const char *var, int instance,
    const struct value *v, const char *login, const char *now, double seconds, char **cause)
{
	sqlite3_stmt *st;
	char *old = data_old(s, id, var, instance), *new = store_value_text(v);
	int rc = -1;

	if ((st = store_stmt(s, SQL_ANS_PUT)) == NULL) {
		rc = store_fail(s, cause, "cannot save the answer");
		goto out;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, var, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, instance);
	sqlite3_bind_text(st, 4, data_kind(v), -1, SQLITE_STATIC);
	if (v->kind == V_NUM)
		sqlite3_bind_double(st, 5, v->num);
	else if (v->kind == V_TEXT || v->kind == V_MULTI)
		sqlite3_bind_text(st, 5, new, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 7, seconds);
	if (store_exec_stmt(s, st, cause, "cannot save the answer") < 0)
		goto out;
	if (v->kind == V_NONE || (old != NULL && strcmp(old, new) == 0))
		rc = 0;		/* acknowledgements and unchanged answers need no audit line */
	else
		rc = data_log(s, id, var, instance, old, new, login, now, cause);
out:
	free(old);
	free(new);
	return rc;
}

int store_answer_path(struct store *s, int64_t id, const char *var, int instance, int on_path,
    char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_ANS_PATH);

	if (st == NULL)
		return store_fail(s, cause, "cannot mark the answer");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, var, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, instance);
	sqlite3_bind_int(st, 4, on_path);
	return store_exec_stmt(s, st, cause, "cannot mark the answer");
}

int store_interview_reopen(struct store *s, int64_t id, const char *now, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, SQL_IV_REOPEN);

	if (st == NULL)
		return store_fail(s, cause, "cannot reopen the interview");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	return store_exec_stmt(s, st, cause, "cannot reopen the interview");
}

int store_case_status(struct store *s, const char *case_id, char *status, size_t len)
{
	sqlite3_stmt *st = store_stmt(s, SQL_IV_LAST);
	int rc;

	*status = '\0';
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, case_id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		data_col(st, 0, status, len);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

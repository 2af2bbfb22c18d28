/* Every SQL statement of the program, in one place. */
#include "store/store.h"
#include "store/sql.h"

const char *const store_sql_text[SQL_COUNT] = {
	[SQL_BEGIN] = "BEGIN IMMEDIATE",
	[SQL_COMMIT] = "COMMIT",
	[SQL_ROLLBACK] = "ROLLBACK",
	[SQL_Q_FIND] = "SELECT id FROM questionnaires WHERE sha256 = ?1",
	[SQL_Q_ADD] = "INSERT INTO questionnaires (sha256, survey, version, source, added_at, added_by)"
	    " VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?5)",
	[SQL_Q_GET] = "SELECT id, source FROM questionnaires WHERE id = ?1",
	[SQL_Q_LATEST] = "SELECT id, source FROM questionnaires ORDER BY id DESC LIMIT 1",
	[SQL_USER_ADD] = "INSERT INTO users (login, name, role, created_at)"
	    " VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
	    " ON CONFLICT (login) DO UPDATE SET name = excluded.name, role = excluded.role, active = 1",
	[SQL_USER_GET] = "SELECT login, name, role FROM users WHERE login = ?1 AND active = 1",
	[SQL_USER_COUNT] = "SELECT count(*) FROM users",
	[SQL_CASE_EXISTS] = "SELECT 1 FROM cases WHERE id = ?1",
	[SQL_IV_NEW] = "INSERT INTO interviews (case_id, questionnaire_id, login, is_test, seed,"
	    " started_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
	[SQL_IV_OPEN] = "SELECT id FROM interviews WHERE case_id = ?1"
	    " AND status IN ('in_progress', 'broken_off')"
	    " ORDER BY id DESC LIMIT 1",
	[SQL_IV_LAST] = "SELECT status FROM interviews WHERE case_id = ?1 ORDER BY id DESC LIMIT 1",
	[SQL_IV_REOPEN] = "UPDATE interviews SET status = 'in_progress', outcome = NULL,"
	    " ended_at = NULL, updated_at = ?2 WHERE id = ?1 AND status = 'broken_off'",
	[SQL_IV_GET] = "SELECT id, coalesce(case_id, ''), questionnaire_id, login, is_test, seed,"
	    " status, coalesce(outcome, ''), coalesce(position_var, ''), position_instance,"
	    " started_at FROM interviews WHERE id = ?1",
	[SQL_IV_POS] = "UPDATE interviews SET position_var = ?2, position_instance = ?3,"
	    " updated_at = ?4 WHERE id = ?1",
	[SQL_IV_END] = "UPDATE interviews SET status = ?2, outcome = ?3, ended_at = ?4,"
	    " updated_at = ?4 WHERE id = ?1",
	[SQL_ANS_LOAD] = "SELECT var, instance, kind, value, on_path FROM answers"
	    " WHERE interview_id = ?1",
	[SQL_ANS_OLD] = "SELECT kind, value FROM answers WHERE interview_id = ?1 AND var = ?2"
	    " AND instance = ?3",
	[SQL_ANS_PUT] = "INSERT INTO answers (interview_id, var, instance, kind, value, on_path,"
	    " answered_at, seconds) VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7)"
	    " ON CONFLICT (interview_id, var, instance) DO UPDATE SET kind = excluded.kind,"
	    " value = excluded.value, on_path = 1, answered_at = excluded.answered_at,"
	    " seconds = coalesce(seconds, 0) + coalesce(excluded.seconds, 0)",
	[SQL_ANS_LOG] = "INSERT INTO answer_log (interview_id, var, instance, old, new, login, at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[SQL_ANS_PATH] = "UPDATE answers SET on_path = ?4 WHERE interview_id = ?1 AND var = ?2"
	    " AND instance = ?3",
};


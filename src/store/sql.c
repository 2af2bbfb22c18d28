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
	    " ON CONFLICT (login) DO UPDATE SET name = excluded.name, role = excluded.role",
	/* Disabled users are found too: their names stay on what they did. */
	[SQL_USER_GET] = "SELECT login, name, role FROM users WHERE login = ?1",
	[SQL_USER_COUNT] = "SELECT count(*) FROM users",
	[SQL_USER_STATE] = "SELECT active = 0, coalesce(disabled_at, ''), coalesce(disabled_by, '')"
	    " FROM users WHERE login = ?1",
	[SQL_USER_DISABLE] = "UPDATE users SET active = 0, disabled_at = ?2, disabled_by = ?3"
	    " WHERE login = ?1 AND active = 1",
	[SQL_USER_ENABLE] = "UPDATE users SET active = 1, disabled_at = NULL, disabled_by = NULL"
	    " WHERE login = ?1 AND active = 0",
	[SQL_USER_LIST] = "SELECT login, name, role, active = 0, coalesce(disabled_at, ''),"
	    " coalesce(disabled_by, '') FROM users ORDER BY login",
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
	    " started_at, quota_checked_at IS NOT NULL FROM interviews WHERE id = ?1",
	[SQL_IV_POS] = "UPDATE interviews SET position_var = ?2, position_instance = ?3,"
	    " updated_at = ?4, progress = coalesce(?5, progress) WHERE id = ?1",
	[SQL_IV_END] = "UPDATE interviews SET status = ?2, outcome = ?3, ended_at = ?4,"
	    " updated_at = ?4 WHERE id = ?1",
	[SQL_IV_UNRESERVE] = "DELETE FROM quota_reservations WHERE interview_id = ?1",
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
	[SQL_CASE_GET] = "SELECT id, wave, frame, state, coalesce(final_code, ''), priority, attempts,"
	    " s0, s1, s2, s3, s4, s5, coalesce(lease_login, ''), coalesce(lease_until, ''),"
	    " coalesce(next_at, ''), coalesce(last_call_at, ''), queue_last, coalesce(flag, ''),"
	    " blocked FROM cases WHERE id = ?1",
	[SQL_CASE_PHONE] = "SELECT phone FROM contacts WHERE case_id = ?1",
	[SQL_APPT_NEXT] = "SELECT a.case_id FROM appointments a JOIN cases c ON c.id = a.case_id"
	    " WHERE a.done = 0 AND c.state <> 'final' AND c.blocked = 0"
	    SQL_WAVE_OPEN("c")
	    " AND ((a.kind = 'hard' AND a.due_at <= ?2) OR (a.kind = 'soft' AND a.due_at <= ?1))"
	    " AND (c.lease_until IS NULL OR c.lease_until < ?1 OR c.lease_login = ?3)"
	    " AND (a.set_by = ?3 OR a.kind = 'soft' OR a.due_at < ?4 OR NOT EXISTS"
	    "   (SELECT 1 FROM cases o WHERE o.lease_login = a.set_by AND o.lease_until >= ?1))"
	    " ORDER BY (a.kind = 'hard') DESC, (a.set_by = ?3) DESC, a.due_at LIMIT 1",
	[SQL_APPT_OF_CASE] = "SELECT due_at, kind, coalesce(note, ''), set_by FROM appointments"
	    " WHERE case_id = ?1 AND done = 0 ORDER BY due_at LIMIT 1",
	[SQL_LEASE] = "UPDATE cases SET lease_login = ?2, lease_until = ?3 WHERE id = ?1"
	    " AND (lease_until IS NULL OR lease_until < ?4 OR lease_login = ?2)" SQL_WAVE_OPEN("cases"),
	[SQL_RELEASE] = "UPDATE cases SET lease_login = NULL, lease_until = NULL"
	    " WHERE lease_login = ?1 AND id <> coalesce(?2, '')",
	[SQL_CALL_ADD] = "INSERT INTO calls (case_id, login, at, outcome, note, slot, interview_id)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	/* Run before the case is updated: the case as the call found it, for an undo. */
	[SQL_CALL_BEFORE] = "INSERT INTO call_before (call_id, state, final_code, attempts, s0, s1,"
	    " s2, s3, s4, s5, next_at, last_call_at, queue_last, flag) SELECT ?1, state, final_code,"
	    " attempts, s0, s1, s2, s3, s4, s5, next_at, last_call_at, queue_last, flag FROM cases"
	    " WHERE id = ?2",
	[SQL_CASE_UPDATE] = "UPDATE cases SET state = ?2, final_code = nullif(?3, ''), attempts = ?4,"
	    " s0 = ?5, s1 = ?6, s2 = ?7, s3 = ?8, s4 = ?9, s5 = ?10, next_at = nullif(?11, ''),"
	    " last_call_at = nullif(?12, ''), queue_last = ?13, flag = nullif(?14, ''),"
	    " lease_login = nullif(?15, ''), lease_until = nullif(?16, ''), priority = ?17"
	    " WHERE id = ?1",
	[SQL_APPT_ADD] = "INSERT INTO appointments (case_id, due_at, kind, note, set_by, set_at,"
	    " call_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[SQL_APPT_CLOSE] = "UPDATE appointments SET done = 1, closed_by = ?2 WHERE case_id = ?1"
	    " AND done = 0",
	/* An undone call is no longer in the case's history. */
	[SQL_HISTORY] = "SELECT at, login, outcome, coalesce(note, '') FROM calls WHERE case_id = ?1"
	    SQL_CALL_LIVE("calls") " ORDER BY id",
	[SQL_LEASE_LOG] = "INSERT INTO leases (case_id, login, at) VALUES (?1, ?2, ?3)",
#define SQL_NEXT(col) "SELECT id FROM cases WHERE state <> 'final' AND blocked = 0" \
	    " AND (lease_until IS NULL OR lease_until < ?1 OR lease_login = ?2)" \
	    " AND attempts < ?3 AND " col " < ?4 AND (next_at IS NULL OR next_at <= ?1)" \
	    " AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.case_id = cases.id AND a.done = 0)" \
	    SQL_WAVE_OPEN("cases") \
	    " ORDER BY priority DESC, " col ", queue_last, id LIMIT 1"
	[SQL_NEXT_S0] = SQL_NEXT("s0"),
	[SQL_NEXT_S1] = SQL_NEXT("s1"),
	[SQL_NEXT_S2] = SQL_NEXT("s2"),
	[SQL_NEXT_S3] = SQL_NEXT("s3"),
	[SQL_NEXT_S4] = SQL_NEXT("s4"),
	[SQL_NEXT_S5] = SQL_NEXT("s5"),
	[SQL_NEXT_ANY] = "SELECT id FROM cases WHERE state <> 'final' AND blocked = 0"
	    " AND (lease_until IS NULL OR lease_until < ?1 OR lease_login = ?2)"
	    " AND attempts < ?3 AND ?4 > 0 AND (next_at IS NULL OR next_at <= ?1)"
	    " AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.case_id = cases.id AND a.done = 0)"
	    SQL_WAVE_OPEN("cases")
	    " ORDER BY priority DESC, queue_last, id LIMIT 1",
	/* Few cases have an interrupted interview: they are sorted, not read through an index. */
	[SQL_NEXT_RESUME] = "SELECT id FROM cases WHERE id IN " SQL_INTERRUPTED
	    " AND state <> 'final' AND blocked = 0"
	    " AND (lease_until IS NULL OR lease_until < ?1 OR lease_login = ?2)"
	    " AND attempts < ?3 AND " SQL_SLOT_COUNT("5") " < ?4"
	    " AND (next_at IS NULL OR next_at <= ?1)"
	    " AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.case_id = cases.id AND a.done = 0)"
	    SQL_WAVE_OPEN("cases")
	    " ORDER BY priority DESC, " SQL_SLOT_COUNT("5") ", queue_last, id LIMIT 1",
#undef SQL_NEXT
	[SQL_CASE_HELD] = "SELECT c.id FROM cases c JOIN interviews i ON i.case_id = c.id"
	    " WHERE c.lease_login = ?1 AND c.lease_until >= ?2 AND i.status = 'in_progress'"
	    " ORDER BY c.lease_until DESC LIMIT 1",
	[SQL_NOTE_ADD] = "INSERT INTO notes (case_id, login, at, note) VALUES (?1, ?2, ?3, ?4)",
	[SQL_CASE_HOLDER] = "SELECT coalesce(lease_login, '') FROM cases WHERE id = ?1",
	[SQL_ACCESS_ADD] = "INSERT INTO access_log (case_id, login, at, what) VALUES (?1, ?2, ?3, ?4)",
	[SQL_CASE_WAVE_CLOSED] = "SELECT c.wave FROM cases c JOIN waves w ON w.name = c.wave"
	    " WHERE c.id = ?1 AND w.closed_at IS NOT NULL",
	/* A wave with cases but no row yet (cases written before waves were kept) is open. */
	[SQL_WAVE_LIST] = "WITH v (name, opened_at, closed_at, closed_by, purged_at, purged_by) AS"
	    " (SELECT name, opened_at, closed_at, closed_by, purged_at, purged_by FROM waves"
	    "  UNION ALL SELECT wave, min(created_at), NULL, NULL, NULL, NULL FROM cases"
	    "  WHERE wave NOT IN (SELECT name FROM waves) GROUP BY wave),"
	    " k (wave, n, finals) AS (SELECT wave, count(*), sum(state = 'final') FROM cases"
	    "  WHERE ?1 IS NULL OR wave = ?1 GROUP BY wave)"
	    " SELECT v.name, v.opened_at, v.closed_at, v.closed_by, v.purged_at, v.purged_by,"
	    " coalesce(k.n, 0), coalesce(k.finals, 0) FROM v LEFT JOIN k ON k.wave = v.name"
	    " WHERE ?1 IS NULL OR v.name = ?1 ORDER BY v.opened_at, v.name",
	[SQL_WAVE_HOLDS] = "SELECT id, lease_login FROM cases WHERE lease_login IS NOT NULL"
	    " AND lease_until >= ?2 AND (?1 IS NULL OR wave = ?1) ORDER BY id",
	[SQL_WAVE_ADD] = "INSERT INTO waves (name, opened_at) VALUES (?1, ?2)"
	    " ON CONFLICT (name) DO NOTHING",
	[SQL_WAVE_KEEP] = "INSERT INTO waves (name, opened_at) SELECT wave, min(created_at)"
	    " FROM cases WHERE wave = ?1 GROUP BY wave ON CONFLICT (name) DO NOTHING",
	[SQL_WAVE_SET] = "UPDATE waves SET closed_at = ?2, closed_by = ?3 WHERE name = ?1",
};

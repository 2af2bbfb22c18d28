/* The schema, as a list of migrations: migration N brings user_version from N-1 to N. */
#include <stddef.h>

#include "store/schema.h"

static const char *const schema_v1 =
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE questionnaires (\n"
    "  id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, survey TEXT NOT NULL,\n"
    "  version TEXT NOT NULL, source TEXT NOT NULL, added_at TEXT NOT NULL,\n"
    "  added_by TEXT NOT NULL);\n"
    "CREATE TABLE users (\n"
    "  login TEXT PRIMARY KEY, name TEXT NOT NULL,\n"
    "  role TEXT NOT NULL CHECK (role IN ('interviewer', 'supervisor', 'manager')),\n"
    "  active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL);\n"
    "CREATE TABLE cases (\n"
    "  id TEXT PRIMARY KEY, wave TEXT NOT NULL, frame TEXT NOT NULL DEFAULT '{}',\n"
    "  state TEXT NOT NULL DEFAULT 'fresh', priority INTEGER NOT NULL DEFAULT 0,\n"
    "  attempts INTEGER NOT NULL DEFAULT 0, final_code TEXT,\n"
    "  lease_login TEXT, lease_until TEXT, last_call_at TEXT, next_at TEXT,\n"
    "  created_at TEXT NOT NULL);\n"
    "CREATE TABLE contacts (\n"
    "  case_id TEXT PRIMARY KEY REFERENCES cases(id), phone TEXT NOT NULL UNIQUE,\n"
    "  name TEXT, note TEXT);\n"
    "CREATE TABLE calls (\n"
    "  id INTEGER PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id),\n"
    "  login TEXT NOT NULL, at TEXT NOT NULL, outcome TEXT NOT NULL, note TEXT);\n"
    "CREATE INDEX calls_case ON calls(case_id);\n"
    "CREATE TABLE appointments (\n"
    "  id INTEGER PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id),\n"
    "  due_at TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('hard', 'soft')),\n"
    "  note TEXT, set_by TEXT NOT NULL, set_at TEXT NOT NULL,\n"
    "  done INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE TABLE interviews (\n"
    "  id INTEGER PRIMARY KEY, case_id TEXT REFERENCES cases(id),\n"
    "  questionnaire_id INTEGER NOT NULL REFERENCES questionnaires(id),\n"
    "  login TEXT NOT NULL, is_test INTEGER NOT NULL DEFAULT 0, seed INTEGER NOT NULL,\n"
    "  status TEXT NOT NULL DEFAULT 'in_progress' CHECK (status IN\n"
    "    ('in_progress', 'complete', 'broken_off', 'screened_out')),\n"
    "  outcome TEXT, started_at TEXT NOT NULL, ended_at TEXT,\n"
    "  position_var TEXT, position_instance INTEGER NOT NULL DEFAULT 0, updated_at TEXT);\n"
    "CREATE INDEX interviews_case ON interviews(case_id, status);\n"
    "CREATE TABLE answers (\n"
    "  interview_id INTEGER NOT NULL REFERENCES interviews(id), var TEXT NOT NULL,\n"
    "  instance INTEGER NOT NULL DEFAULT 0,\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('num', 'text', 'multi', 'dk', 'rf', 'seen')),\n"
    "  value, on_path INTEGER NOT NULL DEFAULT 1, answered_at TEXT NOT NULL,\n"
    "  seconds REAL, PRIMARY KEY (interview_id, var, instance)) WITHOUT ROWID;\n"
    "CREATE TABLE answer_log (\n"
    "  id INTEGER PRIMARY KEY, interview_id INTEGER NOT NULL, var TEXT NOT NULL,\n"
    "  instance INTEGER NOT NULL, old TEXT, new TEXT, login TEXT NOT NULL, at TEXT NOT NULL);\n"
    "CREATE TRIGGER answer_log_append_only_u BEFORE UPDATE ON answer_log\n"
    "  BEGIN SELECT RAISE(ABORT, 'answer_log is append-only'); END;\n"
    "CREATE TRIGGER answer_log_append_only_d BEFORE DELETE ON answer_log\n"
    "  BEGIN SELECT RAISE(ABORT, 'answer_log is append-only'); END;\n";

/* Scheduling: the do-not-call list, attempts per time slot, and the queue order of cases. */
static const char *const schema_v2 =
    "CREATE TABLE dnc (phone TEXT PRIMARY KEY, added_by TEXT NOT NULL, added_at TEXT NOT NULL);\n"
    "ALTER TABLE cases ADD COLUMN s0 INTEGER NOT NULL DEFAULT 0;\n"
    "ALTER TABLE cases ADD COLUMN s1 INTEGER NOT NULL DEFAULT 0;\n"
    "ALTER TABLE cases ADD COLUMN s2 INTEGER NOT NULL DEFAULT 0;\n"
    "ALTER TABLE cases ADD COLUMN s3 INTEGER NOT NULL DEFAULT 0;\n"
    "ALTER TABLE cases ADD COLUMN s4 INTEGER NOT NULL DEFAULT 0;\n"
    "ALTER TABLE cases ADD COLUMN s5 INTEGER NOT NULL DEFAULT 0;\n"
    "ALTER TABLE cases ADD COLUMN queue_last TEXT NOT NULL DEFAULT 'fresh';\n"
    "ALTER TABLE cases ADD COLUMN flag TEXT;\n"
    "ALTER TABLE calls ADD COLUMN slot INTEGER;\n"
    "ALTER TABLE calls ADD COLUMN interview_id INTEGER;\n"
    "CREATE INDEX cases_queue ON cases(priority DESC, queue_last, id) WHERE state <> 'final';\n"
    "CREATE INDEX cases_queue0 ON cases(priority DESC, s0, queue_last, id) WHERE state <> 'final';\n"
    "CREATE INDEX cases_queue1 ON cases(priority DESC, s1, queue_last, id) WHERE state <> 'final';\n"
    "CREATE INDEX cases_queue2 ON cases(priority DESC, s2, queue_last, id) WHERE state <> 'final';\n"
    "CREATE INDEX cases_queue3 ON cases(priority DESC, s3, queue_last, id) WHERE state <> 'final';\n"
    "CREATE INDEX cases_queue4 ON cases(priority DESC, s4, queue_last, id) WHERE state <> 'final';\n"
    "CREATE INDEX cases_queue5 ON cases(priority DESC, s5, queue_last, id) WHERE state <> 'final';\n"
    "CREATE INDEX cases_lease ON cases(lease_login) WHERE lease_login IS NOT NULL;\n"
    "CREATE INDEX appointments_due ON appointments(due_at) WHERE done = 0;\n"
    "CREATE INDEX appointments_case ON appointments(case_id) WHERE done = 0;\n";

/* Notes on cases, typed by interviewers during calls. */
static const char *const schema_v3 =
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id),\n"
    "  login TEXT NOT NULL, at TEXT NOT NULL, note TEXT NOT NULL);\n"
    "CREATE INDEX notes_case ON notes(case_id);\n";

/* Quotas: cells with their targets and counts, who counted where, and what happened to them. */
static const char *const schema_v4 =
    "CREATE TABLE quota_cells (quota TEXT NOT NULL, cell TEXT NOT NULL, target INTEGER NOT NULL,\n"
    "  completes INTEGER NOT NULL DEFAULT 0, closed INTEGER NOT NULL DEFAULT 0,\n"
    "  target_set_by TEXT, PRIMARY KEY (quota, cell)) WITHOUT ROWID;\n"
    "CREATE TABLE quota_members (interview_id INTEGER NOT NULL REFERENCES interviews(id),\n"
    "  quota TEXT NOT NULL, cell TEXT NOT NULL, PRIMARY KEY (interview_id, quota)) WITHOUT ROWID;\n"
    "CREATE TABLE quota_events (id INTEGER PRIMARY KEY, quota TEXT NOT NULL, cell TEXT NOT NULL,\n"
    "  event TEXT NOT NULL, detail TEXT, login TEXT NOT NULL, at TEXT NOT NULL);\n"
    "CREATE TABLE supervisor_log (id INTEGER PRIMARY KEY, login TEXT NOT NULL, at TEXT NOT NULL,\n"
    "  action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT);\n"
    "ALTER TABLE cases ADD COLUMN blocked INTEGER NOT NULL DEFAULT 0;\n";

/*
 * Personal data to erasure: waves that close, with a secret each for pseudonymous ids (the
 * database's one secret stays with the waves it already named); who displayed which number;
 * purges, the one sanctioned rewrite of the audit log; and a do-not-call list of keyed
 * hashes, which outlives the numbers it was made from.
 */
static const char *const schema_v5 =
    "CREATE TABLE waves (name TEXT PRIMARY KEY, opened_at TEXT NOT NULL, closed_at TEXT,\n"
    "  closed_by TEXT, purged_at TEXT, purged_by TEXT, secret TEXT) WITHOUT ROWID;\n"
    "INSERT INTO waves (name, opened_at, secret) SELECT wave, min(created_at),\n"
    "  (SELECT value FROM meta WHERE key = 'export_secret') FROM cases GROUP BY wave;\n"
    "DELETE FROM meta WHERE key = 'export_secret';\n"
    "INSERT OR IGNORE INTO meta (key, value) VALUES ('dnc_key', lower(hex(randomblob(32))));\n"
    "CREATE TABLE dnc_hashed (hash TEXT PRIMARY KEY, added_by TEXT NOT NULL,\n"
    "  added_at TEXT NOT NULL) WITHOUT ROWID;\n"
    "INSERT INTO dnc_hashed (hash, added_by, added_at) SELECT\n"
    "  allo_hmac((SELECT value FROM meta WHERE key = 'dnc_key'), phone), added_by, added_at\n"
    "  FROM dnc;\n"
    "DROP TABLE dnc;\n"
    "ALTER TABLE dnc_hashed RENAME TO dnc;\n"
    "CREATE TABLE access_log (id INTEGER PRIMARY KEY, case_id TEXT NOT NULL, login TEXT NOT NULL,\n"
    "  at TEXT NOT NULL, what TEXT NOT NULL);\n"
    "CREATE INDEX access_log_case ON access_log(case_id);\n"
    "CREATE TABLE purges (id INTEGER PRIMARY KEY, login TEXT NOT NULL, at TEXT NOT NULL,\n"
    "  scope TEXT NOT NULL CHECK (scope IN ('wave', 'case')), target TEXT NOT NULL,\n"
    "  detail TEXT, done INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE TRIGGER purges_append_only_d BEFORE DELETE ON purges\n"
    "  BEGIN SELECT RAISE(ABORT, 'purges is append-only'); END;\n"
    "CREATE TRIGGER purges_append_only_u BEFORE UPDATE ON purges WHEN OLD.done <> 0\n"
    "  OR NEW.id IS NOT OLD.id OR NEW.login IS NOT OLD.login OR NEW.at IS NOT OLD.at\n"
    "  OR NEW.scope IS NOT OLD.scope OR NEW.target IS NOT OLD.target\n"
    "  BEGIN SELECT RAISE(ABORT, 'purges is append-only'); END;\n"
    "ALTER TABLE cases ADD COLUMN purged_at TEXT;\n"
    "DROP TRIGGER answer_log_append_only_u;\n"
    "CREATE TRIGGER answer_log_append_only_u BEFORE UPDATE ON answer_log\n"
    "  WHEN NOT EXISTS (SELECT 1 FROM purges WHERE done = 0)\n"
    "  OR NEW.id IS NOT OLD.id OR NEW.interview_id IS NOT OLD.interview_id\n"
    "  OR NEW.var IS NOT OLD.var OR NEW.instance IS NOT OLD.instance\n"
    "  OR NEW.login IS NOT OLD.login OR NEW.at IS NOT OLD.at\n"
    "  BEGIN SELECT RAISE(ABORT, 'answer_log is append-only outside a purge'); END;\n";

/*
 * Quotas at the screener: when an interview passed its quota check (never
 * checked again after), and the places that interviews in progress hold in
 * their cells until they end, so screeners at the same time cannot overshoot.
 */
static const char *const schema_v6 =
    "ALTER TABLE interviews ADD COLUMN quota_checked_at TEXT;\n"
    "CREATE TABLE quota_reservations (interview_id INTEGER NOT NULL REFERENCES interviews(id),\n"
    "  quota TEXT NOT NULL, cell TEXT NOT NULL, PRIMARY KEY (interview_id, quota)) WITHOUT ROWID;\n"
    "CREATE INDEX quota_reservations_cell ON quota_reservations(quota, cell);\n";

/*
 * The shift. Users are disabled, not deleted: when and by whom, their history
 * kept. Breaks, with their length. The case as it stood before each call, and
 * the undo records that name an undone call: an undo puts the case back and
 * adds a row, the calls log itself is append-only (only a purge blanks a note).
 * Appointments name the call that set or closed them, so an undo can put back
 * the one replaced. Each lease given is kept (who was given which case, when),
 * and interrupted interviews (broken off, or left by a terminal that died) are
 * found fast, to be resumed first. An interview keeps its progress (the share
 * of its route answered), for the supervisor's screen.
 */
static const char *const schema_v7 =
    "ALTER TABLE users ADD COLUMN disabled_at TEXT;\n"
    "ALTER TABLE users ADD COLUMN disabled_by TEXT;\n"
    "CREATE TABLE breaks (id INTEGER PRIMARY KEY, login TEXT NOT NULL, started_at TEXT NOT NULL,\n"
    "  ended_at TEXT, seconds INTEGER, CHECK ((ended_at IS NULL) = (seconds IS NULL)));\n"
    "CREATE UNIQUE INDEX breaks_open ON breaks(login) WHERE ended_at IS NULL;\n"
    "CREATE INDEX breaks_started ON breaks(started_at);\n"
    "CREATE TABLE call_before (call_id INTEGER PRIMARY KEY REFERENCES calls(id),\n"
    "  state TEXT NOT NULL, final_code TEXT, attempts INTEGER NOT NULL,\n"
    "  s0 INTEGER NOT NULL, s1 INTEGER NOT NULL, s2 INTEGER NOT NULL, s3 INTEGER NOT NULL,\n"
    "  s4 INTEGER NOT NULL, s5 INTEGER NOT NULL, next_at TEXT, last_call_at TEXT,\n"
    "  queue_last TEXT NOT NULL, flag TEXT);\n"
    "CREATE TABLE call_undos (call_id INTEGER PRIMARY KEY REFERENCES calls(id),\n"
    "  login TEXT NOT NULL, at TEXT NOT NULL);\n"
    "CREATE TRIGGER call_undos_append_only_u BEFORE UPDATE ON call_undos\n"
    "  BEGIN SELECT RAISE(ABORT, 'call_undos is append-only'); END;\n"
    "CREATE TRIGGER call_undos_append_only_d BEFORE DELETE ON call_undos\n"
    "  BEGIN SELECT RAISE(ABORT, 'call_undos is append-only'); END;\n"
    "CREATE TRIGGER calls_append_only_d BEFORE DELETE ON calls\n"
    "  BEGIN SELECT RAISE(ABORT, 'calls is append-only'); END;\n"
    "CREATE TRIGGER calls_append_only_u BEFORE UPDATE ON calls WHEN NEW.id IS NOT OLD.id\n"
    "  OR NEW.case_id IS NOT OLD.case_id OR NEW.login IS NOT OLD.login OR NEW.at IS NOT OLD.at\n"
    "  OR NEW.outcome IS NOT OLD.outcome OR NEW.slot IS NOT OLD.slot\n"
    "  OR NEW.interview_id IS NOT OLD.interview_id\n"
    "  OR (NEW.note IS NOT OLD.note AND NEW.note IS NOT NULL)\n"
    "  BEGIN SELECT RAISE(ABORT, 'calls is append-only (a purge may only blank a note)'); END;\n"
    "CREATE INDEX calls_login ON calls(login, id);\n"
    "ALTER TABLE appointments ADD COLUMN call_id INTEGER;\n"
    "ALTER TABLE appointments ADD COLUMN closed_by INTEGER;\n"
    "CREATE INDEX appointments_closed_by ON appointments(closed_by) WHERE closed_by IS NOT NULL;\n"
    "CREATE TABLE leases (id INTEGER PRIMARY KEY, case_id TEXT NOT NULL, login TEXT NOT NULL,\n"
    "  at TEXT NOT NULL);\n"
    "CREATE INDEX leases_case ON leases(case_id, at);\n"
    "CREATE INDEX leases_login ON leases(login, at);\n"
    "ALTER TABLE interviews ADD COLUMN progress INTEGER;\n"
    "CREATE INDEX interviews_open ON interviews(case_id)\n"
    "  WHERE status IN ('in_progress', 'broken_off');\n";

const char *const schema_migrations[] = {
	schema_v1,
	schema_v2,
	schema_v3,
	schema_v4,
	schema_v5,
	schema_v6,
	schema_v7,
	NULL
};

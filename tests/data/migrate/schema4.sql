PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES('owner_uid','0');
INSERT INTO meta VALUES('kind','test');
INSERT INTO meta VALUES('export_secret','d0e3710e229ba5f69a43585d2293102bbe4ad4ef49e6ac3b3afec3b79cfb81b6');
CREATE TABLE questionnaires (
  id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, survey TEXT NOT NULL,
  version TEXT NOT NULL, source TEXT NOT NULL, added_at TEXT NOT NULL,
  added_by TEXT NOT NULL);
INSERT INTO questionnaires VALUES(1,'0611482e06808bf56a8b61b7f1e4a84bf5be3f4c0980d91d32ff6dac5c84fdbc','purge_test','p1',replace('# The questionnaire of the schema-4 fixture: the purge tests'' survey, without the key schema 5 added.\nsurvey:\n  id: purge_test\n  title: "Enquête de test de l''effacement"\n  version: "p1"\n  language: fr\nframe:\n  - id: quartier\n    label: "Quartier"\n    type: single\n    options: {1: "Champratel", 2: "Les Vergnes"}\n  - id: adresse\n    label: "Adresse"\n    type: text\nthemes:\n  - id: accueil\n    title: "Accueil"\n    questions:\n      - id: consent\n        type: single\n        text: "Acceptez-vous de répondre ?"\n        options: {1: "Oui", 2: "Non"}\n        dk: false\n        rf: false\n      - id: remarque\n        type: text\n        text: "Une remarque ?"\n      - id: age\n        type: number\n        text: "Quel âge avez-vous ?"\n        min: 15\n        max: 110\n','\n',char(10)),'2026-12-03T22:56:59Z','root');
CREATE TABLE users (
  login TEXT PRIMARY KEY, name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('interviewer', 'supervisor', 'manager')),
  active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL);
INSERT INTO users VALUES('enq','Enquêtrice','interviewer',1,'2026-12-03T22:56:59Z');
INSERT INTO users VALUES('chef','Chef','manager',1,'2026-12-03T22:56:59Z');
CREATE TABLE cases (
  id TEXT PRIMARY KEY, wave TEXT NOT NULL, frame TEXT NOT NULL DEFAULT '{}',
  state TEXT NOT NULL DEFAULT 'fresh', priority INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0, final_code TEXT,
  lease_login TEXT, lease_until TEXT, last_call_at TEXT, next_at TEXT,
  created_at TEXT NOT NULL, s0 INTEGER NOT NULL DEFAULT 0, s1 INTEGER NOT NULL DEFAULT 0, s2 INTEGER NOT NULL DEFAULT 0, s3 INTEGER NOT NULL DEFAULT 0, s4 INTEGER NOT NULL DEFAULT 0, s5 INTEGER NOT NULL DEFAULT 0, queue_last TEXT NOT NULL DEFAULT 'fresh', flag TEXT, blocked INTEGER NOT NULL DEFAULT 0);
INSERT INTO cases VALUES('P001','w1','{"quartier":1,"adresse":"12 rue des Tilleuls"}','final',0,1,'1.1',NULL,NULL,'2026-11-20T09:30:00Z',NULL,'2026-11-20T09:30:00Z',1,0,0,0,0,0,'2026-11-20T09:30:00Z',NULL,0);
INSERT INTO cases VALUES('P002','w1','{"quartier":2,"adresse":"3 place Delille"}','fresh',0,0,NULL,NULL,NULL,NULL,NULL,'2026-11-20T09:30:00Z',0,0,0,0,0,0,'fresh',NULL,0);
INSERT INTO cases VALUES('P003','w1','{"quartier":1,"adresse":"7 avenue Vercingétorix"}','fresh',0,0,NULL,NULL,NULL,NULL,NULL,'2026-11-20T09:30:00Z',0,0,0,0,0,0,'fresh',NULL,0);
CREATE TABLE contacts (
  case_id TEXT PRIMARY KEY REFERENCES cases(id), phone TEXT NOT NULL UNIQUE,
  name TEXT, note TEXT);
INSERT INTO contacts VALUES('P001','+33465710001','Mme Hélène Lefèvre','demander Hélène le soir');
INSERT INTO contacts VALUES('P002','+33465710002','M. Gaston Pérignac','sourd : parler fort');
INSERT INTO contacts VALUES('P003','+33639980003','Famille Bonnefoy',NULL);
CREATE TABLE calls (
  id INTEGER PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id),
  login TEXT NOT NULL, at TEXT NOT NULL, outcome TEXT NOT NULL, note TEXT, slot INTEGER, interview_id INTEGER);
INSERT INTO calls VALUES(1,'P001','enq','2026-11-20T09:30:00Z','complete',NULL,0,1);
CREATE TABLE appointments (
  id INTEGER PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id),
  due_at TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('hard', 'soft')),
  note TEXT, set_by TEXT NOT NULL, set_at TEXT NOT NULL,
  done INTEGER NOT NULL DEFAULT 0);
CREATE TABLE interviews (
  id INTEGER PRIMARY KEY, case_id TEXT REFERENCES cases(id),
  questionnaire_id INTEGER NOT NULL REFERENCES questionnaires(id),
  login TEXT NOT NULL, is_test INTEGER NOT NULL DEFAULT 0, seed INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'in_progress' CHECK (status IN
    ('in_progress', 'complete', 'broken_off', 'screened_out')),
  outcome TEXT, started_at TEXT NOT NULL, ended_at TEXT,
  position_var TEXT, position_instance INTEGER NOT NULL DEFAULT 0, updated_at TEXT);
INSERT INTO interviews VALUES(1,'P001',1,'enq',0,4083563653335647276,'complete',NULL,'2026-11-20T09:30:00Z','2026-11-20T09:30:00Z','age',0,'2026-11-20T09:30:00Z');
CREATE TABLE answers (
  interview_id INTEGER NOT NULL REFERENCES interviews(id), var TEXT NOT NULL,
  instance INTEGER NOT NULL DEFAULT 0,
  kind TEXT NOT NULL CHECK (kind IN ('num', 'text', 'multi', 'dk', 'rf', 'seen')),
  value, on_path INTEGER NOT NULL DEFAULT 1, answered_at TEXT NOT NULL,
  seconds REAL, PRIMARY KEY (interview_id, var, instance)) WITHOUT ROWID;
INSERT INTO answers VALUES(1,'age',0,'num',40.0,1,'2026-11-20T09:30:00Z',5.0604999542236324969e-05);
INSERT INTO answers VALUES(1,'consent',0,'num',1.0,1,'2026-11-20T09:30:00Z',1.9236000061035154665e-05);
INSERT INTO answers VALUES(1,'remarque',0,'text','rien à signaler',1,'2026-11-20T09:30:00Z',1.7262001037597655772e-05);
CREATE TABLE answer_log (
  id INTEGER PRIMARY KEY, interview_id INTEGER NOT NULL, var TEXT NOT NULL,
  instance INTEGER NOT NULL, old TEXT, new TEXT, login TEXT NOT NULL, at TEXT NOT NULL);
INSERT INTO answer_log VALUES(1,1,'consent',0,NULL,'1','enq','2026-11-20T09:30:00Z');
INSERT INTO answer_log VALUES(2,1,'remarque',0,NULL,'rien à signaler','enq','2026-11-20T09:30:00Z');
INSERT INTO answer_log VALUES(3,1,'age',0,NULL,'40','enq','2026-11-20T09:30:00Z');
CREATE TABLE dnc (phone TEXT PRIMARY KEY, added_by TEXT NOT NULL, added_at TEXT NOT NULL);
INSERT INTO dnc VALUES('+33465719999','chef','2026-11-20T09:30:00Z');
CREATE TABLE notes (id INTEGER PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id),
  login TEXT NOT NULL, at TEXT NOT NULL, note TEXT NOT NULL);
CREATE TABLE quota_cells (quota TEXT NOT NULL, cell TEXT NOT NULL, target INTEGER NOT NULL,
  completes INTEGER NOT NULL DEFAULT 0, closed INTEGER NOT NULL DEFAULT 0,
  target_set_by TEXT, PRIMARY KEY (quota, cell)) WITHOUT ROWID;
CREATE TABLE quota_members (interview_id INTEGER NOT NULL REFERENCES interviews(id),
  quota TEXT NOT NULL, cell TEXT NOT NULL, PRIMARY KEY (interview_id, quota)) WITHOUT ROWID;
CREATE TABLE quota_events (id INTEGER PRIMARY KEY, quota TEXT NOT NULL, cell TEXT NOT NULL,
  event TEXT NOT NULL, detail TEXT, login TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE supervisor_log (id INTEGER PRIMARY KEY, login TEXT NOT NULL, at TEXT NOT NULL,
  action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT);
CREATE INDEX calls_case ON calls(case_id);
CREATE INDEX interviews_case ON interviews(case_id, status);
CREATE TRIGGER answer_log_append_only_u BEFORE UPDATE ON answer_log
  BEGIN SELECT RAISE(ABORT, 'answer_log is append-only'); END;
CREATE TRIGGER answer_log_append_only_d BEFORE DELETE ON answer_log
  BEGIN SELECT RAISE(ABORT, 'answer_log is append-only'); END;
CREATE INDEX cases_queue ON cases(priority DESC, queue_last, id) WHERE state <> 'final';
CREATE INDEX cases_queue0 ON cases(priority DESC, s0, queue_last, id) WHERE state <> 'final';
CREATE INDEX cases_queue1 ON cases(priority DESC, s1, queue_last, id) WHERE state <> 'final';
CREATE INDEX cases_queue2 ON cases(priority DESC, s2, queue_last, id) WHERE state <> 'final';
CREATE INDEX cases_queue3 ON cases(priority DESC, s3, queue_last, id) WHERE state <> 'final';
CREATE INDEX cases_queue4 ON cases(priority DESC, s4, queue_last, id) WHERE state <> 'final';
CREATE INDEX cases_queue5 ON cases(priority DESC, s5, queue_last, id) WHERE state <> 'final';
CREATE INDEX cases_lease ON cases(lease_login) WHERE lease_login IS NOT NULL;
CREATE INDEX appointments_due ON appointments(due_at) WHERE done = 0;
CREATE INDEX appointments_case ON appointments(case_id) WHERE done = 0;
CREATE INDEX notes_case ON notes(case_id);
COMMIT;
PRAGMA application_id = 1634495599;
PRAGMA user_version = 4;

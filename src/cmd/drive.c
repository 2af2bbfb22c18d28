/* allo drive: the interview session as a line protocol, one JSON object per reply. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "field/disposition.h"
#include "field/schedule.h"
#include "field/undo.h"
#include "instrument/instrument.h"
#include "interview/partial.h"
#include "session/session.h"
#include "store/breaks.h"
#include "store/calls.h"
#include "util/clock.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define DRIVE_MAX_LINE (1024 * 1024)	/* bytes of one command line, its newline apart */
#define DRIVE_QUOTE_COLS 40		/* columns of a value quoted « like this » in a reply */
#define DRIVE_WORD_COLS 80		/* columns of one unbroken word of a reply message */
#define DRIVE_MESSAGE_COLS 1000		/* columns of a whole reply message */

/* What drive_getline read. */
enum drive_input { DRIVE_EOF, DRIVE_LINE, DRIVE_TOO_LONG, DRIVE_NUL };

struct drive {
	struct store *store;
	struct store_user user;
	struct session *session;
	struct instrument *ins;		/* the newest questionnaire: fieldwork rules */
	char case_id[64];		/* the case given by the last `next` */
	char pause[24];			/* the start of this person's open break, "" when none */
	struct buf out;
};

static void drive_value(struct buf *b, const struct value *v)
{
	size_t i;

	switch (v->kind) {
	case V_NUM:
		json_num(b, v->num);
		break;
	case V_TEXT:
		json_str(b, v->text);
		break;
	case V_MULTI:
		buf_addc(b, '[');
		for (i = 0; i < v->ncodes; i++)
			buf_addf(b, "%s%ld", i ? "," : "", v->codes[i]);
		buf_addc(b, ']');
		break;
	case V_DK:
		buf_adds(b, "\"DK\"");
		break;
	case V_RF:
		buf_adds(b, "\"RF\"");
		break;
	case V_NONE:
		buf_adds(b, "null");
		break;
	}
}

static void drive_options(struct drive *d, const struct step *st)
{
	const struct question *q = st->q;
	size_t i, *order;

	buf_adds(&d->out, ",\"options\":[");
	if (q->options != NULL && (q->type == Q_SINGLE || q->type == Q_MULTI)) {
		order = xcalloc(q->options->n, sizeof *order);
		engine_option_order(d->session->engine, q, order);
		for (i = 0; i < q->options->n; i++) {
			const struct option *o = &q->options->v[order[i]];
			char *label = engine_fill(d->session->engine, o->label, st);

			buf_addf(&d->out, "%s[%ld,", i ? "," : "", o->code);
			json_str(&d->out, label);
			buf_addc(&d->out, ']');
			free(label);
		}
		free(order);
	}
	buf_addc(&d->out, ']');
}

/* Adds "key":"filled text" (or null) to the reply. */
static void drive_text(struct drive *d, const char *key, const char *text, const struct step *st)
{
	char *filled = text != NULL ? engine_fill(d->session->engine, text, st) : NULL;

	buf_addf(&d->out, ",\"%s\":", key);
	json_str(&d->out, filled);
	free(filled);
}

static void drive_screen(struct drive *d)
{
	const struct engine *e = d->session->engine;
	const struct step *st = engine_current(e);
	struct value v;

	buf_addf(&d->out, "{\"ok\":true,\"screen\":{\"interview\":%lld", (long long)d->session->iv.id);
	buf_adds(&d->out, ",\"id\":");
	json_str(&d->out, st->q->id);
	buf_adds(&d->out, ",\"theme\":");
	json_str(&d->out, st->q->theme->id);
	buf_addf(&d->out, ",\"theme_number\":%d,\"themes\":%zu", st->q->theme->number, e->ins->nthemes);
	drive_text(d, "theme_title", st->q->theme->title, st);
	buf_addf(&d->out, ",\"type\":\"%s\"", qtype_name(st->q->type));
	drive_text(d, "text", st->q->text, st);
	drive_text(d, "instruction", st->q->instruction, st);
	drive_text(d, "title", st->q->roster ? st->q->roster->title : NULL, st);
	drive_options(d, st);
	v = engine_value(e, st->q, st->instance);
	buf_adds(&d->out, ",\"value\":");
	drive_value(&d->out, &v);
	buf_addf(&d->out, ",\"instance\":%d,\"index\":%zu,\"of\":%zu,\"off_path\":%zu", st->instance,
	    e->cur + 1, e->nroute, engine_offpath(e));
	buf_addf(&d->out, ",\"dk\":%s,\"rf\":%s}}", st->q->dk ? "true" : "false",
	    st->q->rf ? "true" : "false");
}

/* Appends s[0..n) to b cut to cols columns. */
static void drive_cut(struct buf *b, const char *s, size_t n, size_t cols)
{
	char *cut = utf8_ellipsize(s, n, cols);

	buf_adds(b, cut);
	free(cut);
}

/* Appends the « quoted » span from s (just after its «) to end (its ») to b, cut short. */
static void drive_quoted(struct buf *b, const char *s, const char *end)
{
	size_t n = (size_t)(end - s), lead, trail;

	lead = n > 0 && s[0] == ' ';
	trail = n > lead && s[n - 1] == ' ';
	buf_adds(b, "«");
	buf_add(b, " ", lead);
	drive_cut(b, s + lead, n - lead - trail, DRIVE_QUOTE_COLS);
	buf_add(b, " ", trail);
	buf_adds(b, "»");
}

/*
 * A reply message with what users typed cut short: messages of the session,
 * the engine and the scheduler quote typed values « like this » or name them
 * as one word, and a long paste must not come back whole. Caller frees.
 */
static char *drive_shorten(const char *msg)
{
	const char *close = msg;	/* the next », NULL when there is none left */
	struct buf b = { 0 };
	size_t i = 0, n;
	char *out;

	buf_adds(&b, "");
	while (msg[i] != '\0') {
		if (close != NULL && close < msg + i + strlen("«"))
			close = strstr(msg + i, "»");	/* each byte is searched once at most */
		if (strncmp(msg + i, "«", strlen("«")) == 0 && close != NULL) {
			drive_quoted(&b, msg + i + strlen("«"), close);
			i = (size_t)(close - msg) + strlen("»");
			continue;
		}
		if (msg[i] == ' ') {
			buf_addc(&b, msg[i++]);
			continue;
		}
		for (n = 1; msg[i + n] != '\0' && msg[i + n] != ' ' &&
		    strncmp(msg + i + n, "«", strlen("«")) != 0; n++)
			;
		drive_cut(&b, msg + i, n, DRIVE_WORD_COLS);
		i += n;
	}
	out = utf8_ellipsize(b.s, b.len, DRIVE_MESSAGE_COLS);
	buf_free(&b);
	return out;
}

/* Appends an error or a warning reply; the message is shortened, never echoed whole. */
static void drive_error(struct drive *d, const char *key, const char *msg)
{
	char *shown = msg != NULL ? drive_shorten(msg) : NULL;

	buf_addf(&d->out, "{\"ok\":false,\"%s\":", key);
	json_str(&d->out, shown);
	free(shown);
	if (strcmp(key, "warning") == 0)
		buf_adds(&d->out, ",\"confirm\":true");
	buf_addc(&d->out, '}');
}

/* The reply after a session call: the next screen, the end, or why not. */
static void drive_reply(struct drive *d, enum session_result r, const char *msg)
{
	const struct session *s = d->session;

	if (r == SESSION_SOFT)
		drive_error(d, "warning", msg);
	else if (r != SESSION_OK)
		drive_error(d, "error", msg != NULL ? msg : "refusé");
	else if (strcmp(s->iv.status, "broken_off") == 0) {
		buf_adds(&d->out, "{\"ok\":true,\"done\":\"broken_off\",\"outcome\":");
		struct partial_share sh;

		partial_share(s->engine, &sh);
		json_str(&d->out, s->iv.outcome[0] != '\0' ? s->iv.outcome : "breakoff");
		buf_addf(&d->out, ",\"answered\":%zu,\"route\":%zu}", sh.answered, sh.route);
	}
	else if (s->engine->state == ENGINE_COMPLETE)
		buf_adds(&d->out, "{\"ok\":true,\"done\":\"complete\"}");
	else if (s->engine->state == ENGINE_SCREENED_OUT) {
		buf_adds(&d->out, "{\"ok\":true,\"done\":\"screened_out\",\"outcome\":");
		json_str(&d->out, s->engine->ended_by != NULL ?
		    outcome_name(s->engine->ended_by->outcome) : s->iv.outcome);
		if (s->engine->ended_by != NULL && s->engine->ended_by->message != NULL) {
			char *m = engine_fill(s->engine, s->engine->ended_by->message, NULL);

			buf_adds(&d->out, ",\"message\":");
			json_str(&d->out, m);
			free(m);
		}
		buf_addc(&d->out, '}');
	} else
		drive_screen(d);
}

static void drive_start(struct drive *d, const char *arg, int resume)
{
	char *cause = NULL, *end;
	long long id;

	session_free(d->session);
	d->session = NULL;
	if (resume) {
		id = strtoll(arg, &end, 10);
		if (*arg == '\0' || *end != '\0') {
			drive_error(d, "error", "resume attend un numéro d'entretien");
			return;
		}
		d->session = session_resume(d->store, &d->user, id, &cause);
	} else
		d->session = session_start(d->store, &d->user, *arg ? arg : NULL, &cause);
	if (d->session == NULL) {
		drive_error(d, "error", cause);
		free(cause);
		return;
	}
	if (session_done(d->session))
		drive_reply(d, SESSION_OK, NULL);
	else
		drive_screen(d);
}

/* Calls the session for one interview command. */
static void drive_interview(struct drive *d, const char *cmd, const char *arg)
{
	enum session_result r;
	char *msg = NULL, *id;
	int instance = 0;

	if (strcmp(cmd, "show") == 0) {
		drive_reply(d, SESSION_OK, NULL);
		return;
	}
	if (strcmp(cmd, "answer") == 0)
		r = session_answer(d->session, arg, &msg);
	else if (strcmp(cmd, "dk") == 0)
		r = session_missing(d->session, V_DK, &msg);
	else if (strcmp(cmd, "rf") == 0)
		r = session_missing(d->session, V_RF, &msg);
	else if (strcmp(cmd, "confirm") == 0)
		r = session_confirm(d->session, &msg);
	else if (strcmp(cmd, "back") == 0)
		r = session_back(d->session, &msg);
	else if (strcmp(cmd, "breakoff") == 0)
		r = session_breakoff(d->session, arg, "breakoff", NULL, &msg);
	else {
		id = xstrdup(arg);
		if (strchr(id, ' ') != NULL) {
			instance = atoi(strchr(id, ' ') + 1);
			*strchr(id, ' ') = '\0';
		}
		r = session_goto(d->session, id, instance, &msg);
		free(id);
	}
	drive_reply(d, r, msg);
	if (session_done(d->session))
		d->case_id[0] = '\0';
	free(msg);
}

/* Appends one call of the history as a JSON object. */
static void drive_history_call(void *arg, const char *at, const char *login, const char *outcome,
    const char *note)
{
	struct buf *b = arg;

	if (b->s[b->len - 1] != '[')
		buf_addc(b, ',');
	buf_adds(b, "{\"at\":");
	json_str(b, at);
	buf_adds(b, ",\"login\":");
	json_str(b, login);
	buf_adds(b, ",\"outcome\":");
	json_str(b, outcome);
	buf_adds(b, ",\"note\":");
	json_str(b, *note ? note : NULL);
	buf_addc(b, '}');
}

/* The case as the case screen shows it: number, frame, attempt, appointment, history. */
static void drive_case(struct drive *d, const char *id)
{
	struct store_appointment a;
	struct store_case c;
	char phone[32], *cause = NULL;

	if (store_case_get(d->store, id, &c, &cause) != 1) {
		drive_error(d, "error", cause ? cause : "cas introuvable");
		free(cause);
		return;
	}
	if (store_case_phone_show(d->store, id, d->user.login, STORE_SHOWN_DRIVER, phone,
	    sizeof phone, &cause) < 0) {
		store_case_clear(&c);
		drive_error(d, "error", cause);
		free(cause);
		return;
	}
	buf_adds(&d->out, "{\"ok\":true,\"case\":{\"id\":");
	json_str(&d->out, c.id);
	buf_adds(&d->out, ",\"phone\":");
	json_str(&d->out, phone);
	buf_addf(&d->out, ",\"frame\":%s,\"attempt\":%d,\"max_attempts\":%d,\"flag\":", c.frame,
	    c.attempts + 1, d->ins->fieldwork.max_attempts);
	json_str(&d->out, c.flag[0] ? c.flag : NULL);
	buf_adds(&d->out, ",\"appointment\":");
	if (store_appointment_get(d->store, id, &a) == 1) {
		buf_adds(&d->out, "{\"due\":");
		json_str(&d->out, a.due_at);
		buf_addf(&d->out, ",\"kind\":\"%s\",\"note\":", a.kind);
		json_str(&d->out, a.note[0] ? a.note : NULL);
		buf_adds(&d->out, ",\"set_by\":");
		json_str(&d->out, a.set_by);
		buf_addc(&d->out, '}');
	} else
		buf_adds(&d->out, "null");
	buf_adds(&d->out, ",\"history\":[");
	store_history(d->store, id, drive_history_call, &d->out);
	buf_adds(&d->out, "]}}");
	store_case_clear(&c);
}

static void drive_next(struct drive *d)
{
	char *why = NULL, *cause = NULL;
	int rc;

	session_free(d->session);
	d->session = NULL;
	d->case_id[0] = '\0';
	rc = schedule_next(d->store, &d->ins->fieldwork, d->user.login, clock_now(), d->case_id,
	    sizeof d->case_id, &why, &cause);
	if (rc < 0)
		drive_error(d, "error", cause);
	else if (rc == 0) {
		buf_adds(&d->out, "{\"ok\":true,\"case\":null,\"why\":");
		json_str(&d->out, why);
		buf_addc(&d->out, '}');
	} else
		drive_case(d, d->case_id);
	free(why);
	free(cause);
}

/* Splits "WORD REST" in place: returns REST ("" when absent). */
static char *drive_split(char *s)
{
	char *rest = s + strcspn(s, " ");

	if (*rest != '\0')
		*rest++ = '\0';
	return rest;
}

static void drive_outcome(struct drive *d, char *arg)
{
	char *note = drive_split(arg), *cause = NULL;

	if (d->case_id[0] == '\0') {
		drive_error(d, "error", "aucun cas en main : next");
		return;
	}
	if (schedule_outcome(d->store, &d->ins->fieldwork, d->user.login, d->case_id, arg, note,
	    clock_now(), &cause) < 0) {
		drive_error(d, "error", cause);
		free(cause);
		return;
	}
	buf_adds(&d->out, "{\"ok\":true,\"recorded\":");
	json_str(&d->out, arg);
	buf_addc(&d->out, '}');
	d->case_id[0] = '\0';
}

static void drive_appointment(struct drive *d, char *arg)
{
	char *rest = drive_split(arg), *note = rest, *cause = NULL;
	const char *kind = "hard";
	time_t due;

	if ((strncmp(rest, "hard", 4) == 0 || strncmp(rest, "soft", 4) == 0) &&
	    (rest[4] == '\0' || rest[4] == ' ')) {
		kind = strncmp(rest, "soft", 4) == 0 ? "soft" : "hard";
		note = drive_split(rest);
	}
	if (d->case_id[0] == '\0' && d->session != NULL)
		snprintf(d->case_id, sizeof d->case_id, "%s", d->session->iv.case_id);
	if (d->case_id[0] == '\0')
		drive_error(d, "error", "aucun cas en main : next");
	else if (clock_local(arg, &due) < 0)
		drive_error(d, "error", "date attendue : AAAA-MM-JJTHH:MM");
	else if (schedule_appointment(d->store, &d->ins->fieldwork, d->user.login, d->case_id, due,
	    kind, note, clock_now(), &cause) < 0) {
		drive_error(d, "error", cause);
		free(cause);
	} else {
		buf_adds(&d->out, "{\"ok\":true,\"appointment\":");
		json_str(&d->out, arg);
		buf_addf(&d->out, ",\"kind\":\"%s\"}", kind);
		d->case_id[0] = '\0';
	}
}

/* Undoes the last call outcome: the case is in hand again, its interview resumable by start. */
static void drive_undo(struct drive *d)
{
	struct undo_done u;
	char *cause = NULL;

	if (undo_last_call(d->store, d->ins, d->user.login, clock_now(), &u, &cause) < 0) {
		drive_error(d, "error", cause);
		free(cause);
		return;
	}
	session_free(d->session);
	d->session = NULL;
	snprintf(d->case_id, sizeof d->case_id, "%s", u.case_id);
	buf_adds(&d->out, "{\"ok\":true,\"undone\":");
	json_str(&d->out, u.outcome);
	buf_adds(&d->out, ",\"label\":");
	json_str(&d->out, u.label);
	buf_adds(&d->out, ",\"case\":");
	json_str(&d->out, u.case_id);
	if (u.interview > 0)
		buf_addf(&d->out, ",\"interview\":%lld}", (long long)u.interview);
	else
		buf_adds(&d->out, ",\"interview\":null}");
}

/* Starts a break: nothing but resume, show and quit is taken until it ends. */
static void drive_pause(struct drive *d)
{
	char now[32], since[24], when[16], *cause = NULL, *msg;
	int rc;

	clock_iso(clock_now(), now, sizeof now);
	if ((rc = store_break_start(d->store, d->user.login, now, since, &cause)) < 0) {
		drive_error(d, "error", cause);
		free(cause);
		return;
	}
	snprintf(d->pause, sizeof d->pause, "%s", since);
	if (rc == 0) {
		schedule_local_iso(since, when, sizeof when, "%H:%M");
		msg = xasprintf("Déjà en pause depuis %s.", when);
		drive_error(d, "error", msg);
		free(msg);
		return;
	}
	buf_adds(&d->out, "{\"ok\":true,\"pause\":{\"since\":");
	json_str(&d->out, since);
	buf_adds(&d->out, "}}");
}

/* Ends the open break (resume without an interview number), its length recorded. */
static void drive_unpause(struct drive *d)
{
	char now[32], since[24], *cause = NULL;
	long seconds = 0;
	int rc;

	clock_iso(clock_now(), now, sizeof now);
	if ((rc = store_break_end(d->store, d->user.login, now, &seconds, since, &cause)) <= 0) {
		drive_error(d, "error", rc < 0 ? cause : "Pas de pause en cours.");
		free(cause);
		return;
	}
	d->pause[0] = '\0';
	buf_adds(&d->out, "{\"ok\":true,\"resumed\":{\"since\":");
	json_str(&d->out, since);
	buf_addf(&d->out, ",\"seconds\":%ld}}", seconds);
}

/* 1 (with an error reply) when a break keeps line from being carried out. */
static int drive_paused(struct drive *d, const char *line, const char *arg)
{
	char when[16], *msg;

	if (d->pause[0] == '\0' || strcmp(line, "show") == 0 || strcmp(line, "pause") == 0 ||
	    (strcmp(line, "resume") == 0 && *arg == '\0'))
		return 0;
	schedule_local_iso(d->pause, when, sizeof when, "%H:%M");
	msg = xasprintf("En pause depuis %s : « resume » pour reprendre.", when);
	drive_error(d, "error", msg);
	free(msg);
	return 1;
}

/* Handles one line; returns 1 when the driver should stop. */
static int drive_line(struct drive *d, char *line)
{
	static const char *const interview_cmds[] = {
		"show", "answer", "dk", "rf", "confirm", "back", "goto", "breakoff", NULL
	};
	char *arg = line + strcspn(line, " ");
	size_t i;

	if (*arg != '\0')
		*arg++ = '\0';
	if (strcmp(line, "quit") == 0) {
		buf_adds(&d->out, "{\"ok\":true,\"bye\":true}");
		return 1;
	}
	if (drive_paused(d, line, arg))
		return 0;
	if (strcmp(line, "pause") == 0) {
		drive_pause(d);
		return 0;
	}
	if (strcmp(line, "resume") == 0 && *arg == '\0' && d->pause[0] != '\0') {
		drive_unpause(d);
		return 0;
	}
	if (strcmp(line, "start") == 0 || strcmp(line, "resume") == 0) {
		drive_start(d, arg, line[0] == 'r');
		return 0;
	}
	if (strcmp(line, "next") == 0) {
		drive_next(d);
		return 0;
	}
	if (strcmp(line, "outcome") == 0) {
		drive_outcome(d, arg);
		return 0;
	}
	if (strcmp(line, "appointment") == 0) {
		drive_appointment(d, arg);
		return 0;
	}
	if (strcmp(line, "undo") == 0) {
		drive_undo(d);
		return 0;
	}
	for (i = 0; interview_cmds[i] != NULL; i++)
		if (strcmp(line, interview_cmds[i]) == 0)
			break;
	if (interview_cmds[i] == NULL)
		drive_error(d, "error", "commande inconnue");
	else if (d->session == NULL)
		drive_error(d, "error", "aucun entretien en cours : start [CAS]");
	else if (strcmp(line, "goto") == 0 && *arg == '\0')
		drive_error(d, "error", "goto attend un identifiant de question");
	else
		drive_interview(d, line, arg);
	return 0;
}

/*
 * Reads one line of in into line (DRIVE_MAX_LINE + 1 bytes), without its
 * newline; a longer one is read to its end and dropped, never stored whole.
 */
static enum drive_input drive_getline(FILE *in, char *line, size_t *len)
{
	size_t n = 0;
	int ch, nul = 0, over = 0;

	while ((ch = getc_unlocked(in)) != EOF && ch != '\n') {
		if (n == DRIVE_MAX_LINE) {
			over = 1;
			continue;
		}
		line[n++] = (char)ch;
		nul |= ch == '\0';
	}
	if (ch == EOF && n == 0)
		return DRIVE_EOF;
	line[n] = '\0';
	*len = n;
	if (over)
		return DRIVE_TOO_LONG;
	return nul ? DRIVE_NUL : DRIVE_LINE;
}

static void drive_loop(struct drive *d)
{
	char *line = xmalloc(DRIVE_MAX_LINE + 1);
	enum drive_input in;
	size_t n;
	int stop = 0;

	while (!stop && (in = drive_getline(stdin, line, &n)) != DRIVE_EOF) {
		while (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		if (in == DRIVE_LINE && n == 0)
			continue;
		buf_reset(&d->out);
		if (in == DRIVE_TOO_LONG)
			drive_error(d, "error", "ligne de plus de 1 Mio : commande ignorée");
		else if (in == DRIVE_NUL)
			drive_error(d, "error", "octet nul dans la ligne : commande ignorée");
		else
			stop = drive_line(d, line);
		buf_addc(&d->out, '\n');
		fwrite(d->out.s, 1, d->out.len, stdout);
		fflush(stdout);
	}
	free(line);
}

/* Leaving during a break ends it then: the time after is not a break. */
static void drive_leave_break(struct drive *d)
{
	char now[32], since[24], *cause = NULL;
	long seconds;

	clock_iso(clock_now(), now, sizeof now);
	if (store_break_end(d->store, d->user.login, now, &seconds, since, &cause) < 0)
		fprintf(stderr, "allo: %s\n", cause);
	free(cause);
}

static enum cmd_status cmd_drive_exec(int argc, char **argv)
{
	struct drive d;
	const char *as;
	char *cause = NULL;
	int bad = 0;

	memset(&d, 0, sizeof d);
	as = cmd_opt(&argc, argv, "--as", &bad);
	if (bad || cmd_stray_option(argc, argv) || argc != 2)
		return cmd_usage(&cmd_drive_entry);
	d.store = cmd_open_as(argv[1], as, "interviewer,supervisor,manager", &d.user, &cause);
	if (d.store == NULL)
		return cmd_fail(cause, CMD_FAIL);
	if ((d.ins = cmd_questionnaire(d.store, &cause)) == NULL) {
		store_close(d.store);
		return cmd_fail(cause, CMD_FAIL);
	}
	schedule_timezone(&d.ins->fieldwork);
	/* A break left open by an earlier session goes on until resume; leaving ends it. */
	if (store_break_open(d.store, d.user.login, d.pause) < 0)
		d.pause[0] = '\0';
	drive_loop(&d);
	if (d.pause[0] != '\0')
		drive_leave_break(&d);
	session_free(d.session);
	instrument_free(d.ins);
	store_close(d.store);
	buf_free(&d.out);
	return CMD_OK;
}

const struct cmd_entry cmd_drive_entry = {
	"drive", NULL, "DB [--as LOGIN]",
	"interviews through a JSON line protocol, for tests and scripts",
	cmd_drive_exec
};

#include "session/session.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "field/frame.h"
#include "field/schedule.h"
#include "store/calls.h"
#include "util/clock.h"
#include "util/str.h"
#include "util/xmalloc.h"

int session_login(char *login, size_t len, char **cause)
{
	struct passwd *pw = getpwuid(getuid());

	if (pw == NULL) {
		*cause = xstrdup("impossible de savoir qui vous êtes : aucun compte pour cet uid");
		return -1;
	}
	snprintf(login, len, "%s", pw->pw_name);
	return 0;
}

int session_identity(const struct store *st, const char *as, char *login, size_t len,
    char **cause)
{
	if (as == NULL)
		return session_login(login, len, cause);
	if (!store_owned_by_caller(st)) {
		*cause = xstrdup("--as est réservé au propriétaire de la base et à root");
		return -1;
	}
	snprintf(login, len, "%s", as);
	return 0;
}

void session_local_time(struct store *st, const char *iso, char *out, size_t len)
{
	struct instrument *ins;
	char *ignored = NULL;

	if ((ins = session_questionnaire(st, 0, &ignored)) != NULL)
		schedule_timezone(&ins->fieldwork);
	free(ignored);
	instrument_free(ins);
	schedule_local_iso(iso, out, len, "%d/%m/%Y %H:%M");
}

/* -1 with *cause when login's account is disabled: a disabled user starts nothing. */
static int session_enabled(struct store *st, const char *login, char **cause)
{
	struct store_user_state state;
	char when[32];
	int rc = store_user_state(st, login, &state, cause);

	if (rc < 0)
		return -1;
	if (rc == 0 || !state.disabled)
		return 0;
	session_local_time(st, state.at, when, sizeof when);
	*cause = xasprintf("accès refusé : le compte %s est désactivé depuis le %s (allo user enable)",
	    login, when);
	return -1;
}

int session_user(struct store *st, const char *login, const char *roles, struct store_user *u,
    char **cause)
{
	int rc = store_user_get(st, login, u, cause);
	const char *p;
	size_t n;

	if (rc < 0)
		return -1;
	if (rc == 0) {
		*cause = xasprintf("utilisateur inconnu : %s (allo user add)", login);
		return -1;
	}
	if (session_enabled(st, login, cause) < 0)
		return -1;
	n = strlen(u->role);
	for (p = roles; (p = strstr(p, u->role)) != NULL; p += n)
		if ((p == roles || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
			return 0;
	*cause = xasprintf("accès refusé : %s a le rôle %s (il faut : %s)", login, u->role, roles);
	return -1;
}

/* A seed for option randomisation: unpredictable, then recorded with the interview. */
static uint64_t session_seed(void)
{
	uint64_t seed = 0;
	int fd = open("/dev/urandom", O_RDONLY);

	if (fd < 0 || read(fd, &seed, sizeof seed) != (ssize_t)sizeof seed)
		seed = (uint64_t)clock_micros() ^ ((uint64_t)getpid() << 32);
	if (fd >= 0)
		close(fd);
	return seed >> 2;	/* stored as a positive SQLite integer */
}

/* Puts one stored answer back into the engine. */
static void session_load_answer(void *arg, const char *var, int instance, const struct value *v,
    int on_path)
{
	struct session *s = arg;
	const struct question *q = instrument_var(s->ins, var);
	struct slot *sl;

	(void)on_path;
	if (q == NULL || (sl = engine_slot(s->engine, q, instance)) == NULL)
		return;
	engine_put(s->engine, q, instance, v);
	sl->seen = 1;
}

/* Puts the case's frame values (from the sample) into the engine, for conditions and fills. */
static int session_load_frame(struct session *s, char **cause)
{
	struct store_case c;
	struct value v;
	char raw[256];
	size_t i;
	int rc;

	if (s->iv.case_id[0] == '\0')
		return 0;
	if ((rc = store_case_get(s->store, s->iv.case_id, &c, cause)) != 1)
		return rc;
	for (i = 0; i < s->ins->nframe; i++) {
		const struct question *q = s->ins->frame[i];

		if (!frame_get(c.frame, q->id, raw, sizeof raw))
			continue;
		memset(&v, 0, sizeof v);
		if (q->type == Q_TEXT) {
			v.kind = V_TEXT;
			v.text = raw;
		} else if (str_to_double(raw, &v.num) == 0)
			v.kind = V_NUM;
		engine_put(s->engine, q, 0, &v);
	}
	store_case_clear(&c);
	return 0;
}

/* The off-path marks as the engine sees them now, remembered as written. */
void session_remember_paths(struct session *s)
{
	size_t i;

	for (i = 0; i < s->engine->nslots; i++)
		s->was_off[i] = (unsigned char)s->engine->slots[i].off_path;
}

struct instrument *session_questionnaire(struct store *st, int64_t id, char **cause)
{
	struct instrument *ins;
	struct diag d;
	int64_t got;
	size_t len;
	char *text;

	if (store_questionnaire_get(st, id, &got, &text, &len, cause) < 0)
		return NULL;
	diag_init(&d, "questionnaire");
	if ((ins = instrument_load("questionnaire", text, len, &d)) == NULL)
		*cause = diag_first(&d);
	diag_free(&d);
	free(text);
	return ins;
}

/* Loads the interview's questionnaire and answers, and puts the cursor back. */
static int session_load(struct session *s, char **cause)
{
	const struct question *pos;

	if ((s->ins = session_questionnaire(s->store, s->iv.questionnaire, cause)) == NULL)
		return -1;
	s->engine = engine_new(s->ins, s->iv.seed);
	s->engine->interviewer = s->user.name;
	s->was_off = xcalloc(s->engine->nslots, 1);
	if (store_answers_load(s->store, s->iv.id, session_load_answer, s, cause) < 0 ||
	    session_load_frame(s, cause) < 0)
		return -1;
	engine_route(s->engine);
	session_remember_paths(s);
	pos = s->iv.position[0] ? instrument_var(s->ins, s->iv.position) : NULL;
	engine_seek(s->engine, pos, s->iv.instance);
	if (strcmp(s->iv.status, "complete") == 0)
		s->engine->state = ENGINE_COMPLETE;
	else if (strcmp(s->iv.status, "screened_out") == 0)
		s->engine->state = ENGINE_SCREENED_OUT;
	s->shown_at = clock_micros();
	return 0;
}

struct session *session_load_id(struct store *st, const struct store_user *u, int64_t id,
    char **cause)
{
	struct session *s = xcalloc(1, sizeof *s);

	s->store = st;
	s->user = *u;
	if (store_interview_get(st, id, &s->iv, cause) < 0 || session_load(s, cause) < 0) {
		session_free(s);
		return NULL;
	}
	return s;
}

/* Leases the case to u for the interview, unless another holds it or its wave is closed. */
static int session_take(struct store *st, const struct store_user *u, const char *case_id,
    char **cause)
{
	char now[32], until[32];
	struct store_case c;
	int rc;

	if (schedule_wave_open(st, case_id, cause) < 0)
		return -1;
	clock_iso(clock_now(), now, sizeof now);
	clock_iso(clock_now() + 4 * 3600, until, sizeof until);
	if ((rc = store_lease(st, case_id, u->login, until, now)) == 1)
		return 0;
	if (rc == 0 && store_case_get(st, case_id, &c, cause) == 1) {
		*cause = xasprintf("le cas %s est tenu par %s jusqu'à %s", case_id, c.lease_login,
		    c.lease_until);
		store_case_clear(&c);
	} else if (*cause == NULL)
		*cause = xstrdup(store_error(st));
	return -1;
}

/* A final case (completed, refused, on the do-not-call list...) is never interviewed again. */
static int session_case_open(struct store *st, const char *case_id, char **cause)
{
	struct store_case c;
	int rc = store_case_get(st, case_id, &c, cause);

	if (rc == 1 && strcmp(c.state, "final") == 0) {
		*cause = xasprintf("le cas %s est final (%s) : pas d'entretien", case_id, c.final_code);
		rc = -1;
	}
	store_case_clear(&c);
	return rc < 0 ? -1 : 0;
}

struct session *session_resume(struct store *st, const struct store_user *u, int64_t id,
    char **cause)
{
	struct store_interview iv;

	if (store_interview_get(st, id, &iv, cause) < 0)
		return NULL;
	if (iv.case_id[0] == '\0' && strcmp(iv.login, u->login) != 0) {
		*cause = xasprintf("l'entretien d'essai %lld est celui de %s : refusé", (long long)id,
		    iv.login);
		return NULL;
	}
	if (iv.case_id[0] != '\0' && session_take(st, u, iv.case_id, cause) < 0)
		return NULL;
	return session_load_id(st, u, id, cause);
}

struct session *session_start(struct store *st, const struct store_user *u, const char *case_id,
    char **cause)
{
	char now[32], *text, status[16];
	int64_t id, qid;
	size_t len;
	int rc;

	if (case_id != NULL) {
		if ((rc = store_case_exists(st, case_id)) <= 0) {
			*cause = rc < 0 ? xstrdup(store_error(st)) : xasprintf("cas inconnu : %s", case_id);
			return NULL;
		}
		if (store_case_status(st, case_id, status, sizeof status) == 0 &&
		    (strcmp(status, "complete") == 0 || strcmp(status, "screened_out") == 0)) {
			*cause = xasprintf("le cas %s a déjà un entretien terminé (%s)", case_id,
			    strcmp(status, "complete") == 0 ? "complet" : "hors cible");
			return NULL;
		}
		if (session_case_open(st, case_id, cause) < 0 || session_take(st, u, case_id, cause) < 0)
			return NULL;
		if (store_interview_open_for_case(st, case_id, &id) == 1) {
			clock_iso(clock_now(), now, sizeof now);
			if (store_interview_reopen(st, id, now, cause) < 0)
				return NULL;
			return session_load_id(st, u, id, cause);
		}
	}
	if (store_questionnaire_get(st, 0, &qid, &text, &len, cause) < 0)
		return NULL;
	free(text);
	clock_iso(clock_now(), now, sizeof now);
	if (store_interview_new(st, case_id, qid, u->login, case_id == NULL, session_seed(), now, &id,
	    cause) < 0)
		return NULL;
	return session_load_id(st, u, id, cause);
}

void session_free(struct session *s)
{
	if (s == NULL)
		return;
	engine_free(s->engine);
	instrument_free(s->ins);
	free(s->was_off);
	free(s->pending);
	free(s);
}

int session_done(const struct session *s)
{
	return s->engine->state != ENGINE_ACTIVE || strcmp(s->iv.status, "in_progress") != 0;
}

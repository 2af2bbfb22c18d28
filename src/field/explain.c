/* "Why this case now?": a case's standing in the scheduler, in plain words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field/disposition.h"
#include "field/explain.h"
#include "field/frame.h"
#include "store/wave.h"
#include "util/clock.h"
#include "util/xmalloc.h"

/* "26/11 18:30" for an ISO time, in the survey's time zone. */
static void explain_when(const char *iso, char *out, size_t len)
{
	schedule_local_iso(iso, out, len, "%d/%m %H:%M");
}

static void explain_head(struct buf *b, const struct instrument *ins, const struct store_case *c)
{
	char label[256];
	size_t i;

	buf_addf(b, "Cas %s · vague %s\n", c->id, c->wave);
	for (i = 0; i < ins->nframe; i++) {
		if (ins->frame[i]->personal)	/* personal data: its value is not for this screen */
			snprintf(label, sizeof label, "[donnée personnelle]");
		else
			frame_label(ins, c->frame, ins->frame[i]->id, label, sizeof label);
		buf_addf(b, "  %s : %s\n", ins->frame[i]->label ? ins->frame[i]->label : ins->frame[i]->id,
		    label);
	}
}

struct explain_last {
	char at[32], login[64], outcome[32];
	int n;
};

static void explain_call(void *arg, const char *at, const char *login, const char *outcome,
    const char *note)
{
	struct explain_last *l = arg;

	(void)note;
	snprintf(l->at, sizeof l->at, "%s", at);
	snprintf(l->login, sizeof l->login, "%s", login);
	snprintf(l->outcome, sizeof l->outcome, "%s", outcome);
	l->n++;
}

static void explain_state(struct buf *b, struct store *st, const struct fieldwork *fw,
    const struct store_case *c, int slot)
{
	struct explain_last last = { "", "", "", 0 };
	const struct disposition *d;
	char when[32];

	int64_t iv;
	int open = store_interview_open_for_case(st, c->id, &iv) == 1;

	buf_addf(b, "État : %s · %d tentative%s sur %d", strcmp(c->state, "final") == 0 ? "final" :
	    c->attempts || open ? "en cours" : "jamais appelé", c->attempts,
	    c->attempts > 1 ? "s" : "", fw->max_attempts);
	if (slot >= 0)
		buf_addf(b, " · créneau %02d:%02d-%02d:%02d : %d sur %d", fw->slots[slot].from / 60,
		    fw->slots[slot].from % 60, fw->slots[slot].to / 60, fw->slots[slot].to % 60,
		    c->slots[slot], fw->max_attempts_per_slot);
	buf_addf(b, " · priorité %d\n", c->priority);
	store_history(st, c->id, explain_call, &last);
	if (last.n > 0) {
		d = disposition_find(last.outcome);
		explain_when(last.at, when, sizeof when);
		buf_addf(b, "Dernier appel : %s par %s (%s)\n", when, last.login,
		    d ? d->label : last.outcome);
	}
}

/*
 * The case's interview left open, if any: in progress on a live lease, or
 * interrupted (broken off, or left by a terminal that died), and where that
 * puts it in the queue.
 */
static void explain_interview(struct buf *b, struct store *st, const struct fieldwork *fw,
    const struct store_case *c, const char *snow)
{
	struct store_interview iv;
	char *cause = NULL;
	int64_t id;

	if (strcmp(c->state, "final") == 0 || store_interview_open_for_case(st, c->id, &id) != 1 ||
	    store_interview_get(st, id, &iv, &cause) < 0) {
		free(cause);
		return;
	}
	if (strcmp(iv.status, "in_progress") == 0 && c->lease_login[0] &&
	    strcmp(c->lease_until, snow) >= 0) {
		buf_addf(b, "Entretien en cours (n° %lld, à %s) par %s.\n", (long long)iv.id,
		    iv.position[0] ? iv.position : "?", c->lease_login);
		return;
	}
	buf_addf(b, "Entretien interrompu (n° %lld, reprise à %s) : %s.\n", (long long)iv.id,
	    iv.position[0] ? iv.position : "?", fw->resume_first ?
	    "il passe avant les autres cas une fois son délai de rappel écoulé"
	    " (resume_priority: first)" : "il attend son tour dans la file (resume_priority: normal)");
}

/* Why the case's wave stops it, or NULL while the wave is open. */
static char *explain_wave(struct store *st, const struct store_case *c)
{
	struct store_wave w;
	char when[32];

	if (store_wave_get(st, c->wave, &w, NULL) != 1 || w.closed_at[0] == '\0')
		return NULL;
	explain_when(w.closed_at, when, sizeof when);
	return xasprintf("non — la vague %s est close (le %s par %s) : plus d'appel.", c->wave,
	    when, w.closed_by[0] ? w.closed_by : "?");
}

/* The first rule that keeps the case from being dialled now, or NULL when it is eligible. */
static char *explain_block(struct store *st, const struct fieldwork *fw, const struct store_case *c,
    time_t now, int slot, const char *snow)
{
	struct store_appointment a;
	char when[32], *why = NULL;
	time_t due;

	if ((why = explain_wave(st, c)) != NULL)
		return why;
	if (strcmp(c->state, "final") == 0)
		return xasprintf("non — le cas est final (AAPOR %s, %s).", c->final_code,
		    disposition_aapor_label(c->final_code));
	if (c->blocked)
		return xstrdup("non — la cellule de quota de ce cas est pleine ou fermée.");
	if (c->lease_login[0] && strcmp(c->lease_until, snow) >= 0) {
		explain_when(c->lease_until, when, sizeof when);
		return xasprintf("non — %s tient le cas jusqu'à %s.", c->lease_login, when);
	}
	if (!schedule_open(fw, now, &why)) {
		char *r = xasprintf("non — %s", why);

		free(why);
		return r;
	}
	if (store_appointment_get(st, c->id, &a) == 1 && clock_parse(a.due_at, &due) == 0) {
		explain_when(a.due_at, when, sizeof when);
		if (due - (strcmp(a.kind, "hard") == 0 ? fw->appointment_window * 60 : 0) > now)
			return xasprintf("non — rendez-vous %s le %s.", strcmp(a.kind, "hard") == 0 ?
			    "ferme" : "souple", when);
		return xasprintf("oui, en tête de file — rendez-vous %s dû (%s)%s.",
		    strcmp(a.kind, "hard") == 0 ? "ferme" : "souple", when,
		    due + fw->appointment_window * 60 < now ? ", manqué" : "");
	}
	if (c->attempts >= fw->max_attempts)
		return xasprintf("non — %d tentatives, le maximum.", c->attempts);
	if (slot >= 0 && c->slots[slot] >= fw->max_attempts_per_slot)
		return xasprintf("non — %d tentatives dans ce créneau, le maximum.", c->slots[slot]);
	if (c->next_at[0] && strcmp(c->next_at, snow) > 0) {
		explain_when(c->next_at, when, sizeof when);
		return xasprintf("non — délai de rappel jusqu'au %s.", when);
	}
	return NULL;
}

int explain_case(struct store *st, const struct instrument *ins, const char *id, time_t now,
    struct buf *b, char **cause)
{
	const struct fieldwork *fw = &ins->fieldwork;
	struct store_case c;
	char snow[32], *block;
	int rc, slot = schedule_slot(fw, now), ahead = 0, eligible = 0;

	if ((rc = store_case_get(st, id, &c, cause)) != 1) {
		if (rc == 0)
			*cause = xasprintf("cas inconnu : %s", id);
		return -1;
	}
	clock_iso(now, snow, sizeof snow);
	explain_head(b, ins, &c);
	explain_state(b, st, fw, &c, slot);
	explain_interview(b, st, fw, &c, snow);
	block = explain_block(st, fw, &c, now, slot, snow);
	if (block != NULL)
		buf_addf(b, "Éligible maintenant : %s\n", block);
	else {
		store_queue_rank(st, slot, snow, fw->max_attempts, fw->max_attempts_per_slot,
		    fw->resume_first, &c, &ahead, &eligible);
		buf_addf(b, "Éligible maintenant : oui.\nPlace dans la file : %d sur %d cas éligibles"
		    " (%spriorité, puis tentatives dans ce créneau, puis dernier appel le plus ancien,"
		    " puis cas jamais appelés).\n", ahead + 1, eligible,
		    fw->resume_first ? "entretiens interrompus d'abord, puis " : "");
	}
	free(block);
	store_case_clear(&c);
	return 0;
}

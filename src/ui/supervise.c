/* allo supervise: quotas filling, rates, who is on which case, appointments, sample status. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field/explain.h"
#include "field/frame.h"
#include "field/phone.h"
#include "field/quota.h"
#include "field/rates.h"
#include "field/report.h"
#include "field/schedule.h"
#include "store/calls.h"
#include "store/dashboard.h"
#include "store/quota.h"
#include "store/sample.h"
#include "ui/supervise.h"
#include "ui/term.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/str.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

enum sup_view {
	SUP_MAIN, SUP_QUOTAS, SUP_CASE, SUP_RATES, SUP_DUE
};

struct sup {
	struct store *store;
	struct store_user user;
	struct instrument *ins;
	enum sup_view view;
	struct dash dash;
	struct rates rates;
	int rates_ok;
	size_t sel, qsel;	/* selected interviewer row, selected quota cell */
	char message[512];
	int quit;
	char prompt_label[128], prompt_buf[128];
	int prompt;		/* which action waits for typed input: 0 none */
	int confirm_close;	/* f was pressed: o closes or reopens the selected cell */
	unsigned refreshes;
};

#define CTRL(c) ((c) & 0x1f)

/* "1 500": a count as French readers group it (thin space). */
static void sup_int(char *out, size_t len, long v)
{
	struct buf b = { 0 };

	report_number(&b, (double)v, 0, 1);
	snprintf(out, len, "%s", b.s != NULL ? b.s : "0");
	buf_free(&b);
}

static void sup_pct(char *out, size_t len, double v)
{
	struct buf b = { 0 };

	if (isnan(v))
		snprintf(out, len, "—");
	else {
		report_number(&b, 100 * v, 1, 1);
		snprintf(out, len, "%s %%", b.s);
	}
	buf_free(&b);
}

/* Reads everything again, in read-only transactions that never hold the interviewers up. */
static void sup_refresh(struct sup *s)
{
	char now[32], hour[32], day[32], *cause = NULL;
	time_t t = clock_now();
	struct tm tm;

	store_dashboard_free(&s->dash);
	clock_iso(t, now, sizeof now);
	clock_iso(t + 3600, hour, sizeof hour);
	localtime_r(&t, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	clock_iso(mktime(&tm), day, sizeof day);
	if (store_dashboard(s->store, now, hour, day, &s->dash, &cause) < 0) {
		snprintf(s->message, sizeof s->message, "Lecture impossible : %s", cause);
		free(cause);
	}
	cause = NULL;
	/* Rates scan every case: every fifth refresh (15 s) is enough for a trend. */
	if (s->refreshes++ % 5 == 0)
		s->rates_ok = report_rates_of(s->store, s->ins, -1, &s->rates, &cause) == 0;
	free(cause);
}

static int sup_total_target(const struct sup *s)
{
	const struct quota *qt = s->ins->nquotas > 0 ? &s->ins->quotas[0] : NULL;
	size_t i;
	int t = 0;

	for (i = 0; qt != NULL && i < qt->ncells; i++)
		t += qt->cells[i].target;
	return t;
}

static void sup_header(struct sup *s)
{
	char line[256], clock[16], a[32], b[32], r[4][32];
	int target = sup_total_target(s);

	schedule_local(clock_now(), clock, sizeof clock, "%H:%M:%S");
	snprintf(line, sizeof line, " allo · supervision · %s %s", s->ins->title, s->ins->version);
	term_style(STYLE_TITLE);
	term_put(0, 0, line, COLS - 10);
	term_style(STYLE_NORMAL);
	term_put(0, COLS - 9, clock, 9);
	term_rule(1);
	sup_int(a, sizeof a, s->dash.completes);
	sup_int(b, sizeof b, target);
	sup_pct(r[0], sizeof r[0], s->rates_ok ? s->rates.v[RATE_RR1] : NAN);
	sup_pct(r[1], sizeof r[1], s->rates_ok ? s->rates.v[RATE_RR3] : NAN);
	sup_pct(r[2], sizeof r[2], s->rates_ok ? s->rates.v[RATE_COOP1] : NAN);
	sup_pct(r[3], sizeof r[3], s->rates_ok ? s->rates.v[RATE_REF1] : NAN);
	if (target > 0)
		snprintf(line, sizeof line, " Complets %s / %s (%d %%)   RR1 %s  RR3 %s  COOP1 %s  REF1 %s",
		    a, b, 100 * s->dash.completes / target, r[0], r[1], r[2], r[3]);
	else
		snprintf(line, sizeof line, " Complets %s   RR1 %s  RR3 %s  COOP1 %s  REF1 %s", a, r[0],
		    r[1], r[2], r[3]);
	term_put(2, 0, line, COLS);
}

/* One quota bar: label, ten blocks, completes/target, a tick when full. */
static void sup_bar(int y, int x, int w, const char *label, int lw, const struct store_cell *c,
    int sel)
{
	char line[512], bar[64], name[256];
	int i, n = c->target > 0 ? 10 * c->completes / c->target : 10, o = 0;

	for (i = 0; i < 10; i++)
		o += snprintf(bar + o, sizeof bar - (size_t)o, "%s", i < n && i < 10 ? "█" : "░");
	utf8_pad(name, sizeof name, label, (size_t)lw);
	snprintf(line, sizeof line, " %s %s %4d/%-4d%s", name, bar, c->completes, c->target,
	    c->closed ? " fermé" : c->completes > c->target ? " +" : c->completes == c->target ?
	    " ✓" : "");
	term_style(sel ? STYLE_CHOSEN : c->completes >= c->target ? STYLE_OK : STYLE_NORMAL);
	term_put(y, x, line, w);
	term_style(STYLE_NORMAL);
}

static void sup_quota_bars(struct sup *s, int y, int last, int w)
{
	const struct quota *qt = s->ins->nquotas > 0 ? &s->ins->quotas[0] : NULL;
	struct store_cell c;
	char key[128], label[256];
	size_t i, k;
	int o;

	term_put(y++, 0, qt ? " Quotas" : " Pas de quota", w);
	for (i = 0; qt != NULL && i < qt->ncells && y <= last; i++) {
		for (k = 0, o = 0; k < qt->nby; k++)
			o += snprintf(key + o, sizeof key - (size_t)o, "%s%ld", k ? "," : "",
			    qt->cells[i].codes[k]);
		if (store_cell_get(s->store, qt->id, key, &c) != 1)
			continue;
		quota_label_fit(s->ins, qt, key, label, sizeof label, 18);
		sup_bar(y++, 0, w, label, 18, &c, 0);
	}
}

/* "12:31" since an ISO time. */
static void sup_since(const char *iso, char *out, size_t len)
{
	time_t t;
	long d;

	if (*iso == '\0' || clock_parse(iso, &t) < 0) {
		out[0] = '\0';
		return;
	}
	d = (long)(clock_now() - t);
	if (d < 0)
		d = 0;
	if (d >= 3600)
		snprintf(out, len, "%ld:%02ld:%02ld", d / 3600, d / 60 % 60, d % 60);
	else
		snprintf(out, len, "%ld:%02ld", d / 60, d % 60);
}

/* "Q78" for a question id, the id itself for one without a number. */
static const char *sup_question_number(const struct sup *s, const char *id)
{
	static char out[72];
	const struct question *q = instrument_var(s->ins, id);

	if (q != NULL && q->number > 0)
		snprintf(out, sizeof out, "Q%d", q->number);
	else
		snprintf(out, sizeof out, "%s", id);
	return out;
}

static void sup_people(struct sup *s, int y, int last, int x)
{
	char line[512], since[32];
	size_t i;
	int online = 0;

	for (i = 0; i < s->dash.nwho; i++)
		online += strcmp(s->dash.who[i].state, "inactif") != 0;
	snprintf(line, sizeof line, "Enquêteurs (%d en ligne)", online);
	term_put(y++, x, line, COLS - x);
	for (i = 0; i < s->dash.nwho && y <= last; i++) {
		const struct dash_interviewer *w = &s->dash.who[i];

		sup_since(w->since, since, sizeof since);
		char login[64], caseid[64];

		utf8_pad(login, sizeof login, w->login, 8);
		utf8_pad(caseid, sizeof caseid, w->case_id, 8);
		/* In an interview, where it is; otherwise what the day holds: completes and cases. */
		if (w->interview != 0 && w->percent >= 0)
			snprintf(line, sizeof line, "%s %-9s %s %7s %s %d %%", login, w->state, caseid,
			    since, sup_question_number(s, w->question), w->percent);
		else
			snprintf(line, sizeof line, "%s %-9s %s %7s %3d c %3d cas", login, w->state, caseid,
			    since, w->completes_today, w->cases_today);
		term_style(i == s->sel ? STYLE_CHOSEN : STYLE_NORMAL);
		term_put(y++, x, line, COLS - x);
	}
	term_style(STYLE_NORMAL);
}

/* The message wrapped on the rows above the footer (two at most), never cut. */
static void sup_message(struct sup *s)
{
	char **lines;
	size_t n = term_wrap(s->message, COLS - 2, &lines), i, rows = n > 2 ? 2 : n;

	term_style(STYLE_WARNING);
	for (i = 0; i < rows; i++) {
		move(LINES - 2 - (int)rows + (int)i, 0);
		clrtoeol();
		term_put(LINES - 2 - (int)rows + (int)i, 1, lines[i], COLS - 2);
	}
	term_style(STYLE_NORMAL);
	term_free_lines(lines, n);
}

static void sup_footer(const char *keys)
{
	term_rule(LINES - 2);
	term_style(STYLE_FOOTER);
	mvhline(LINES - 1, 0, ' ', COLS);
	term_put(LINES - 1, 0, keys, COLS);
	term_style(STYLE_NORMAL);
}

static void sup_status(struct sup *s, int y)
{
	char line[256], a[32], f[32];

	sup_int(a, sizeof a, s->dash.fresh + s->dash.active);
	sup_int(f, sizeof f, s->dash.final);
	snprintf(line, sizeof line, " Rendez-vous dans l'heure : %d%s   Échantillon : %s actifs, %s"
	    " finaux", s->dash.appointments_hour, s->dash.appointments_missed ? " (manqués !)" : "",
	    a, f);
	term_put(y, 0, line, COLS);
}

static void sup_draw_main(struct sup *s)
{
	int split = COLS >= 100 ? COLS / 2 : 42, last = LINES - 5;

	sup_header(s);
	sup_quota_bars(s, 3, last, split);
	sup_people(s, 3, last, split + 1);
	sup_status(s, LINES - 4);
	sup_footer(COLS >= 80 ? " ↑↓ Choisir  Entrée Détail  q Quotas  r Taux  h RDV  a Actions  F10 Quitter" :
	    " ↑↓ Entrée Détail q Quotas r Taux h RDV a Actions F10");
}

static int sup_cell(struct sup *s, const struct quota **qt, char *key, size_t len);

/* The selected cell whole, with its quota, above the footer unless a message is there. */
static void sup_quota_selected(struct sup *s)
{
	const struct quota *qt;
	char key[128], label[256], line[512];

	if (s->message[0] != '\0' || !sup_cell(s, &qt, key, sizeof key))
		return;
	quota_label(s->ins, qt, key, label, sizeof label);
	snprintf(line, sizeof line, "Cellule : %s · %s", qt->id, label);
	term_style(STYLE_DIM);
	term_put(LINES - 3, 1, line, COLS - 2);
	term_style(STYLE_NORMAL);
}

/* Every cell of every quota, one per line, the selected one marked, with the places held. */
static void sup_draw_quotas(struct sup *s)
{
	struct store_cell c;
	char key[128], label[256], line[512], now[32];
	size_t i, j, k, n = 0, first;
	int o, y = 3, held;

	sup_header(s);
	clock_iso(clock_now(), now, sizeof now);
	first = s->qsel > (size_t)(LINES - 8) ? s->qsel - (size_t)(LINES - 8) : 0;
	for (i = 0; i < s->ins->nquotas; i++) {
		const struct quota *qt = &s->ins->quotas[i];

		for (j = 0; j < qt->ncells; j++, n++) {
			if (n < first || y > LINES - 4)
				continue;
			for (k = 0, o = 0; k < qt->nby; k++)
				o += snprintf(key + o, sizeof key - (size_t)o, "%s%ld", k ? "," : "",
				    qt->cells[j].codes[k]);
			if (store_cell_get(s->store, qt->id, key, &c) != 1)
				continue;
			held = store_cell_reserved(s->store, qt->id, key, 0, now);
			/* The labels alone, fitted: the part that tells cells apart always shows. */
			quota_label_fit(s->ins, qt, key, label, sizeof label,
			    (size_t)(COLS - 31 - (held > 0 ? 12 : 0)));
			if (held > 0)
				snprintf(line, sizeof line, "%s · %d en cours", label, held);
			else
				snprintf(line, sizeof line, "%s", label);
			sup_bar(y, 0, COLS, line, COLS - 30, &c, n == s->qsel);
			y++;
		}
	}
	sup_quota_selected(s);
	sup_footer(" ↑↓ Choisir  f Fermer/rouvrir  + Cible +1  t Cible…  Échap Retour");
}

/* The appointments due within the hour, and those missed, oldest first; notes masked. */
static void sup_draw_due(struct sup *s)
{
	const char *personal[16];
	struct dash_appointment *due = NULL;
	char now[32], hour[32], when[16], line[512], *cause = NULL;
	size_t i, n = 0, np = 0;
	time_t t = clock_now();
	int y = 4;

	for (i = 0; i < s->ins->nframe && np < 16; i++)
		if (s->ins->frame[i]->personal)
			personal[np++] = s->ins->frame[i]->id;
	sup_header(s);
	clock_iso(t, now, sizeof now);
	clock_iso(t + 3600, hour, sizeof hour);
	term_put(3, 1, "Rendez-vous de l'heure (et manqués)", COLS - 2);
	if (store_dashboard_due(s->store, now, hour, personal, np, &due, &n, &cause) < 0) {
		snprintf(s->message, sizeof s->message, "Lecture impossible : %s", cause);
		free(cause);
	}
	for (i = 0; i < n && y < LINES - 3; i++) {
		time_t at;

		when[0] = '\0';
		if (clock_parse(due[i].due_at, &at) == 0)
			schedule_local(at, when, sizeof when, "%H:%M");
		snprintf(line, sizeof line, "%s%s %-6s Cas %-8s pris par %-8s tenu par %-8s %s", when,
		    due[i].overdue ? " MANQUÉ" : "", strcmp(due[i].kind, "hard") == 0 ? "ferme" :
		    "souple", due[i].case_id, due[i].set_by, *due[i].holder ? due[i].holder : "—",
		    due[i].note);
		term_style(due[i].overdue ? STYLE_WARNING : STYLE_NORMAL);
		term_put(y++, 1, line, COLS - 2);
	}
	term_style(STYLE_NORMAL);
	if (n == 0)
		term_put(y, 1, "Aucun rendez-vous dans l'heure.", COLS - 2);
	free(due);
	sup_footer(" Échap Retour  F10 Quitter");
}

static void sup_draw_rates(struct sup *s)
{
	char line[256], v[32];
	int i, y = 4;

	sup_header(s);
	for (i = 0; i < RATE_COUNT && y < LINES - 3; i++) {
		sup_pct(v, sizeof v, s->rates_ok ? s->rates.v[i] : NAN);
		snprintf(line, sizeof line, "  %-6s %10s   %s", rates_name((enum rates_id)i), v,
		    rates_formula((enum rates_id)i));
		term_put(y++, 0, line, COLS);
	}
	if (s->rates_ok && !isnan(s->rates.e)) {
		snprintf(line, sizeof line, "  e = %.4f (éligibles / (éligibles + non éligibles) = %ld / %ld)",
		    s->rates.e, s->rates.e_eligible, s->rates.e_known);
		term_put(y + 1, 0, line, COLS);
	}
	sup_footer(" Échap Retour  F10 Quitter");
}

/* The selected interviewer's case: the scheduler's view and its history. */
static void sup_draw_case(struct sup *s)
{
	const struct dash_interviewer *w = s->sel < s->dash.nwho ? &s->dash.who[s->sel] : NULL;
	struct buf b = { 0 };
	char **lines, *cause = NULL, title[320];
	size_t n, i;

	sup_header(s);
	snprintf(title, sizeof title, " %s (%s) : %s", w ? w->name : "?", w ? w->login : "?",
	    w && w->case_id[0] ? w->case_id : "aucun cas en main");
	term_put(3, 0, title, COLS);
	if (w != NULL && w->case_id[0] != '\0' &&
	    explain_case(s->store, s->ins, w->case_id, clock_now(), &b, &cause) == 0) {
		n = term_wrap(b.s, COLS - 2, &lines);
		for (i = 0; i < n && (int)i + 5 < LINES - 3; i++)
			term_put(5 + (int)i, 1, lines[i], COLS - 2);
		term_free_lines(lines, n);
	}
	free(cause);
	buf_free(&b);
	sup_footer(" l Libérer le cas  Échap Retour  F10 Quitter");
}

static void sup_draw(struct sup *s)
{
	erase();
	if (term_too_small()) {
		return;
	}
	if (s->view == SUP_QUOTAS)
		sup_draw_quotas(s);
	else if (s->view == SUP_RATES)
		sup_draw_rates(s);
	else if (s->view == SUP_DUE)
		sup_draw_due(s);
	else if (s->view == SUP_CASE)
		sup_draw_case(s);
	else
		sup_draw_main(s);
	if (s->prompt) {
		char line[300];

		snprintf(line, sizeof line, " %s %s▁", s->prompt_label, s->prompt_buf);
		term_style(STYLE_TITLE);
		term_put(LINES - 3, 0, line, COLS);
	} else if (s->message[0])
		sup_message(s);
	term_style(STYLE_NORMAL);
	refresh();
}

/* The selected quota cell: its quota and key; 0 when there is none. */
static int sup_cell(struct sup *s, const struct quota **qt, char *key, size_t len)
{
	size_t i, j, k, n = 0;
	int o;

	for (i = 0; i < s->ins->nquotas; i++) {
		for (j = 0; j < s->ins->quotas[i].ncells; j++, n++) {
			if (n != s->qsel)
				continue;
			*qt = &s->ins->quotas[i];
			for (k = 0, o = 0; k < (*qt)->nby; k++)
				o += snprintf(key + o, len - (size_t)o, "%s%ld", k ? "," : "",
				    (*qt)->cells[j].codes[k]);
			return 1;
		}
	}
	return 0;
}

static size_t sup_ncells(const struct sup *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->ins->nquotas; i++)
		n += s->ins->quotas[i].ncells;
	return n;
}

/* Changes the selected cell: closed toggled, or target set (each logged with who and when). */
static void sup_quota_change(struct sup *s, int delta, long target, int toggle)
{
	const struct quota *qt;
	struct store_cell c;
	char key[128], label[200], *cause = NULL;

	if (!sup_cell(s, &qt, key, sizeof key) || store_cell_get(s->store, qt->id, key, &c) != 1)
		return;
	if (target < 0)
		target = c.target + delta;
	if (quota_set(s->store, s->ins, qt->id, key, toggle ? -1 : (int)target,
	    toggle ? !c.closed : -1, s->user.login, &cause) < 0) {
		snprintf(s->message, sizeof s->message, "Refusé : %s", cause);
		free(cause);
		return;
	}
	quota_label(s->ins, qt, key, label, sizeof label);
	snprintf(s->message, sizeof s->message, "Cellule %s : %s.", label,
	    toggle ? (c.closed ? "rouverte" : "fermée") : "cible modifiée");
}

/* 1 with the message said when the case's wave is closed: nothing is done to it any more. */
static int sup_wave_closed(struct sup *s, const char *id)
{
	char wave[64];

	if (store_case_wave_closed(s->store, id, wave, sizeof wave) != 1)
		return 0;
	snprintf(s->message, sizeof s->message, "Cas %s : la vague %s est close, action refusée.",
	    id, wave);
	return 1;
}

static void sup_release(struct sup *s)
{
	const struct dash_interviewer *w = s->sel < s->dash.nwho ? &s->dash.who[s->sel] : NULL;

	if (w == NULL || w->case_id[0] == '\0') {
		snprintf(s->message, sizeof s->message, "Aucun cas à libérer.");
		return;
	}
	if (sup_wave_closed(s, w->case_id))
		return;
	if (store_release_lease(s->store, w->login) < 1 ||
	    store_supervisor_log(s->store, s->user.login, "release", w->case_id, w->login) < 0)
		snprintf(s->message, sizeof s->message, "Rien libéré : %s n'a plus de cas en main.",
		    w->login);
	else
		snprintf(s->message, sizeof s->message, "Cas %s libéré (tenu par %s).", w->case_id,
		    w->login);
}

static void sup_priority(struct sup *s, const char *text)
{
	char id[64];
	long p;
	int n = 0;

	if (sscanf(text, "%63s %ld%n", id, &p, &n) != 2 || text[n] != '\0' || p < 0 || p > 1000) {
		snprintf(s->message, sizeof s->message, "Attendu : CAS PRIORITÉ (0 à 1000).");
		return;
	}
	if (sup_wave_closed(s, id))
		return;
	if (store_case_priority(s->store, id, (int)p) != 1 ||
	    store_supervisor_log(s->store, s->user.login, "priority", id, text) < 0)
		snprintf(s->message, sizeof s->message, "Cas %s introuvable.", id);
	else
		snprintf(s->message, sizeof s->message, "Cas %s : priorité %ld.", id, p);
}

static void sup_dnc(struct sup *s, const char *text)
{
	char phone[PHONE_MAX], why[PHONE_WHY], now[32], id[64], *cause = NULL;
	int added, closed;

	if (phone_normalize(text, phone, why) < 0) {
		snprintf(s->message, sizeof s->message, "Numéro invalide : %s", why);
		return;
	}
	clock_iso(clock_now(), now, sizeof now);
	if (store_sample_dnc(s->store, phone, s->user.login, now, "2.111", &added, id, sizeof id,
	    &closed, &cause) < 0) {
		snprintf(s->message, sizeof s->message, "Refusé : %s", cause);
		free(cause);
		return;
	}
	if (added)
		store_supervisor_log(s->store, s->user.login, "dnc", id[0] ? id : "-", "do-not-call");
	snprintf(s->message, sizeof s->message, "Numéro %s la liste d'opposition%s%s.",
	    added ? "ajouté à" : "déjà sur", id[0] ? " ; cas " : "", id);
}

static void sup_prompt_done(struct sup *s)
{
	long v;

	if (s->prompt == 1 && str_to_long(s->prompt_buf, &v) == 0 && v >= 0 && v <= 1000000)
		sup_quota_change(s, 0, v, 0);
	else if (s->prompt == 1)
		snprintf(s->message, sizeof s->message, "Cible attendue : un nombre de 0 à 1000000.");
	else if (s->prompt == 2)
		sup_priority(s, s->prompt_buf);
	else if (s->prompt == 3)
		sup_dnc(s, s->prompt_buf);
	s->prompt = 0;
}

static void sup_ask(struct sup *s, int which, const char *label)
{
	s->prompt = which;
	snprintf(s->prompt_label, sizeof s->prompt_label, "%s", label);
	s->prompt_buf[0] = '\0';
	s->message[0] = '\0';
}

static void sup_prompt_key(struct sup *s, int ch, int is_key)
{
	if (!is_key && ch == 27)
		s->prompt = 0;
	else if ((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\r' || ch == '\n')))
		sup_prompt_done(s);
	else if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8)))
		term_erase_char(s->prompt_buf);
	else if (!is_key && ch >= 32 && ch < 127)
		term_type(s->prompt_buf, sizeof s->prompt_buf, ch);
}

static void sup_move(struct sup *s, int down)
{
	size_t *sel = s->view == SUP_QUOTAS ? &s->qsel : &s->sel;
	size_t n = s->view == SUP_QUOTAS ? sup_ncells(s) : s->dash.nwho;

	if (down && *sel + 1 < n)
		(*sel)++;
	else if (!down && *sel > 0)
		(*sel)--;
}

/* Closing a cell stops interviews or calls: asked once, with its consequence. */
static void sup_quota_ask_close(struct sup *s)
{
	const struct quota *qt;
	struct store_cell c;
	char key[128], label[200];

	if (!sup_cell(s, &qt, key, sizeof key) || store_cell_get(s->store, qt->id, key, &c) != 1)
		return;
	quota_label(s->ins, qt, key, label, sizeof label);
	s->confirm_close = 1;
	flushinp();
	if (c.closed)
		snprintf(s->message, sizeof s->message, "Rouvrir la cellule %s ? (o/n)", label);
	else
		snprintf(s->message, sizeof s->message, "Fermer la cellule %s : %s Confirmer ? (o/n)",
		    label, qt->on_full == QUOTA_STOP_CALLING ? "ses cas ne seront plus appelés." :
		    qt->on_full == QUOTA_SCREEN_OUT ? "ses répondants seront arrêtés au filtre." :
		    "elle sera comptée pleine.");
}

static void sup_quota_confirm_key(struct sup *s, int ch, int is_key)
{
	if (is_key)
		return;
	if (ch == 'o' || ch == 'O') {
		s->confirm_close = 0;
		s->message[0] = '\0';
		sup_quota_change(s, 0, -1, 1);
	} else if (ch == 'n' || ch == 'N' || ch == 27) {
		s->confirm_close = 0;
		snprintf(s->message, sizeof s->message, "Annulé : la cellule est inchangée.");
	}
}

static void sup_key(struct sup *s, int ch, int is_key)
{
	if (s->confirm_close) {
		sup_quota_confirm_key(s, ch, is_key);
		return;
	}
	if (s->prompt) {
		sup_prompt_key(s, ch, is_key);
		return;
	}
	if ((is_key && ch == KEY_F(10)) || (!is_key && (ch == CTRL('x') || ch == 'Q')))
		s->quit = 1;
	else if (is_key && (ch == KEY_DOWN || ch == KEY_UP))
		sup_move(s, ch == KEY_DOWN);
	else if (!is_key && ch == 27)
		s->view = SUP_MAIN;
	else if (!is_key && ch == 'q')
		s->view = SUP_QUOTAS;
	else if (!is_key && ch == 'r')
		s->view = SUP_RATES;
	else if (!is_key && ch == 'h')
		s->view = SUP_DUE;
	else if (!is_key && (ch == '\r' || ch == '\n') && s->view == SUP_MAIN)
		s->view = SUP_CASE;
	else if (!is_key && ch == 'l' && (s->view == SUP_CASE || s->view == SUP_MAIN))
		sup_release(s);
	else if (!is_key && ch == 'f' && s->view == SUP_QUOTAS)
		sup_quota_ask_close(s);
	else if (!is_key && ch == '+' && s->view == SUP_QUOTAS)
		sup_quota_change(s, 1, -1, 0);
	else if (!is_key && ch == 't' && s->view == SUP_QUOTAS)
		sup_ask(s, 1, "Nouvelle cible :");
	else if (!is_key && ch == 'a')
		sup_ask(s, 4, "Action : l libérer le cas choisi, p priorité d'un cas, n numéro à ne"
		    " plus appeler");
	sup_refresh(s);
}

/* The action menu takes one key, then asks for what that action needs. */
static int sup_action_key(struct sup *s, int ch)
{
	if (s->prompt != 4)
		return 0;
	s->prompt = 0;
	if (ch == 'l')
		sup_release(s);
	else if (ch == 'p')
		sup_ask(s, 2, "Cas et priorité (ex. AQ0012 50) :");
	else if (ch == 'n')
		sup_ask(s, 3, "Numéro à ne plus appeler :");
	sup_refresh(s);
	return 1;
}

int ui_supervise(struct store *st, const struct store_user *user, struct instrument *ins,
    char **cause)
{
	struct sup s;
	int ch, is_key;

	memset(&s, 0, sizeof s);
	s.store = st;
	s.user = *user;
	s.ins = ins;
	schedule_timezone(&ins->fieldwork);
	if (term_start(cause) < 0)
		return -1;
	sup_refresh(&s);
	while (!s.quit && !term_signalled()) {
		sup_draw(&s);
		ch = term_key(&is_key, 3000);
		if (ch == ERR)
			sup_refresh(&s);
		else if (is_key || !sup_action_key(&s, ch))
			sup_key(&s, ch, is_key);
	}
	term_stop();
	store_dashboard_free(&s.dash);
	return 0;
}

/* codebook.md: the wave's variables for people, in Markdown. */
#include <stdlib.h>
#include <string.h>

#include "export/wave.h"

static const char *const codebook_types[] = {
	[CT_CODE] = "code", [CT_NUMBER] = "nombre", [CT_FLAG] = "indicateur 0/1",
	[CT_TEXT] = "texte", [CT_DATE] = "date (AAAA-MM-JJ)", [CT_TIME] = "date et heure UTC"
};

/* Appends s cleaned, with what Markdown would read as markup escaped. */
static void md(struct buf *b, const char *s)
{
	struct buf t = { 0 };
	size_t i;

	clean_text(&t, s != NULL ? s : "");
	for (i = 0; i < t.len; i++) {
		if (strchr("\\|<>*`[]", t.s[i]) != NULL)
			buf_addc(b, '\\');
		buf_addc(b, t.s[i]);
	}
	buf_free(&t);
}

/* A number the French way. */
static void md_num(struct buf *b, double v, const char *fmt)
{
	char tmp[64], *c;

	snprintf(tmp, sizeof tmp, fmt, v);
	if ((c = strchr(tmp, '.')) != NULL)
		*c = ',';
	buf_adds(b, tmp);
}

static void codebook_head(const struct wave *w, struct buf *b)
{
	const struct instrument *ins = w->ins;
	unsigned f = w->o->formats;
	const char *wv = w->o->wave;

	buf_adds(b, "# ");
	md(b, ins->title);
	buf_adds(b, ", vague ");
	md(b, wv);
	buf_adds(b, " : dictionnaire des variables\n\n");
	buf_addf(b, "- Questionnaire : %s, version ", ins->id);
	md(b, ins->version);
	buf_addf(b, " (SHA-256 %s)\n", w->layout->sha256);
	buf_addf(b, "- Entretiens exportés : %zu (%zu complets, %zu partiels)\n", w->nrows,
	    w->completes, w->partials);
	buf_addf(b, "- Colonnes : %zu\n", w->ncols);
	buf_addf(b, "- Valeurs manquantes : vide = question non posée ou valeur écartée ;"
	    " %ld = ne sait pas ; %ld = refus", ins->dk_code, ins->rf_code);
	if (w->nr_cells > 0)
		buf_addf(b, " ; %d = non atteint (entretien partiel interrompu avant la question)",
		    WAVE_NR_CODE);
	buf_adds(b, "\n\n");
	buf_adds(b, "## Fichiers\n\n| fichier | contenu |\n|---|---|\n");
	if (f & EXPORT_CSV)
		buf_addf(b, "| %s.csv | les données, une ligne par entretien (UTF-8, RFC 4180) |\n", wv);
	if (f & EXPORT_SAV)
		buf_addf(b, "| %s.sav | les données pour SPSS ; ne sait pas et refus en valeurs"
		    " manquantes utilisateur |\n", wv);
	if (f & EXPORT_DTA)
		buf_addf(b, "| %s.dta | les données pour Stata 14 et plus ; ne sait pas et refus"
		    " en .d et .r |\n", wv);
	if (f & EXPORT_DDI)
		buf_addf(b, "| %s.ddi.xml | ce dictionnaire en DDI Codebook 2.5 |\n", wv);
	buf_adds(b, "| codebook.md | ce dictionnaire |\n"
	    "| paradata.csv | une ligne par appel : répondant, rang, heure, enquêteur, issue,"
	    " code AAPOR |\n"
	    "| timings.csv | secondes passées sur chaque question, une ligne par entretien |\n"
	    "| texts.csv | chaque texte libre exporté, masqué, et ce qui y a été masqué : à relire"
	    " avant toute diffusion |\n"
	    "| MANIFEST | l'empreinte SHA-256 de chaque fichier, les effectifs, l'heure de"
	    " l'export |\n\n"
	    "Les identifiants sont pseudonymes : ils ne se déduisent ni du numéro de cas ni du"
	    " téléphone sans le secret que garde la base, et restent les mêmes d'un export à"
	    " l'autre.\n");
}

static void codebook_freq(const struct wave *w, const struct column *c, struct buf *b)
{
	size_t i;

	if (c->nvl == 0 && !c->dk && !c->rf && c->st.nr == 0)
		return;
	buf_adds(b, "\n| code | libellé | effectif |\n|---:|---|---:|\n");
	for (i = 0; i < c->nvl; i++) {
		buf_adds(b, "| ");
		md_num(b, c->vl[i].value, "%.15g");
		buf_adds(b, " | ");
		md(b, c->vl[i].label);
		buf_addf(b, " | %zu |\n", c->st.freq[i]);
	}
	if (c->dk)
		buf_addf(b, "| %ld | Ne sait pas (manquante) | %zu |\n", w->ins->dk_code, c->st.dk);
	if (c->rf)
		buf_addf(b, "| %ld | Refus (manquante) | %zu |\n", w->ins->rf_code, c->st.rf);
	if (c->st.nr > 0)
		buf_addf(b, "| %d | %s (manquante) | %zu |\n", WAVE_NR_CODE, WAVE_NR_LABEL, c->st.nr);
}

static void codebook_var(const struct wave *w, const struct column *c, struct buf *b)
{
	const struct question *q = c->q;
	char *words = universe_of(w->ins, c, 1), *expr = universe_of(w->ins, c, 0);

	buf_addf(b, "\n### %s\n\n", c->name);
	md(b, c->label);
	buf_adds(b, "\n\n");
	if (q != NULL && c->role == ROLE_ASKED && q->text != NULL) {
		char *text = layout_text(q->text, c->instance);

		buf_adds(b, "- Question : « ");
		md(b, text);
		buf_adds(b, " »\n");
		free(text);
		if (q->instruction != NULL && *q->instruction != '\0') {
			buf_adds(b, "- Consigne : ");
			md(b, q->instruction);
			buf_addc(b, '\n');
		}
	}
	if (c->role == ROLE_COMPUTED && q->expr_src.text != NULL) {
		buf_adds(b, "- Calculée : ");
		md(b, q->expr_src.text);
		buf_addc(b, '\n');
	}
	buf_adds(b, "- Univers : ");
	if (c->role == ROLE_FRAME)
		buf_adds(b, "tous les cas de l'échantillon (variable de l'échantillon)");
	else if (c->role == ROLE_ID || c->role == ROLE_META)
		buf_adds(b, "tous les entretiens exportés");
	else if (words == NULL)
		buf_adds(b, "tous les répondants");
	else {
		md(b, words);
		buf_adds(b, " (condition : ");
		md(b, expr);
		buf_addc(b, ')');
	}
	buf_addf(b, "\n- Type : %s ; valides %zu, vides %zu", layout_is_string(c) &&
	    c->type != CT_TEXT ? "texte" : codebook_types[c->type], c->st.valid, c->st.empty);
	if (c->st.nums > 0 && c->type == CT_NUMBER) {
		buf_adds(b, " ; minimum ");
		md_num(b, c->st.min, "%.15g");
		buf_adds(b, ", maximum ");
		md_num(b, c->st.max, "%.15g");
		buf_adds(b, ", moyenne ");
		md_num(b, c->st.sum / (double)c->st.nums, "%.4g");
	}
	if (c->dk || c->rf)
		buf_addf(b, " ; ne sait pas %zu, refus %zu", c->st.dk, c->st.rf);
	if (c->st.nr > 0)
		buf_addf(b, " ; non atteints %zu", c->st.nr);
	buf_addc(b, '\n');
	codebook_freq(w, c, b);
	free(words);
	free(expr);
}

/* The first column of a variable, and for a multi question the flag of one code. */
static const struct column *codebook_column(const struct wave *w, const struct question *q,
    int multi, long code)
{
	size_t i;

	for (i = 0; i < w->ncols; i++)
		if (w->cols[i].q == q && (!multi || w->cols[i].code == code))
			return &w->cols[i];
	return NULL;
}

/* The codes an indicator counts, with their labels, and where they are in the data. */
static void codebook_ind_codes(const struct wave *w, const struct indicator *ind, struct buf *b)
{
	const struct question *q = ind->var;
	int multi = q->type == Q_MULTI;
	const struct column *c;
	size_t i;

	buf_adds(b, !multi ? "- Compté : la réponse est " : ind->ncodes == 1 ?
	    "- Compté : parmi les réponses citées figure " :
	    "- Compté : parmi les réponses citées figure au moins l'une de : ");
	for (i = 0; i < ind->ncodes; i++) {
		const struct option *o = optlist_find(q->options, ind->codes[i]);

		buf_adds(b, i == 0 ? "" : i + 1 == ind->ncodes ? " ou " : ", ");
		buf_addf(b, "%ld « ", ind->codes[i]);
		md(b, o != NULL ? o->label : "");
		buf_adds(b, " »");
		if (multi && (c = codebook_column(w, q, 1, ind->codes[i])) != NULL)
			buf_addf(b, " (colonne %s = 1)", c->name);
	}
	buf_adds(b, "\n- Modalités de la variable : ");
	for (i = 0; i < q->options->n; i++) {
		buf_addf(b, "%s%ld = ", i > 0 ? " ; " : "", q->options->v[i].code);
		md(b, q->options->v[i].label);
	}
	buf_addc(b, '\n');
}

/* Who is asked the variable, from the route; with the domain, the base the figure is taken on. */
static void codebook_ind_base(const struct wave *w, const struct indicator *ind, struct buf *b)
{
	const struct column *c = codebook_column(w, ind->var, 0, 0);
	char *words = c != NULL ? universe_of(w->ins, c, 1) : NULL;
	char *expr = c != NULL ? universe_of(w->ins, c, 0) : NULL;

	buf_adds(b, "- Base : ");
	md(b, ind->base);
	buf_adds(b, "\n- Question posée : ");
	if (ind->var->kind == K_FRAME)
		buf_adds(b, "variable de l'échantillon, connue pour tous les cas");
	else if (words == NULL)
		buf_adds(b, "à tous les répondants");
	else {
		md(b, words);
		buf_adds(b, " (condition : ");
		md(b, expr);
		buf_addc(b, ')');
	}
	buf_addc(b, '\n');
	if (ind->domain_src.text != NULL) {
		char *d = universe_words(w->ins, ind->domain_src.text);

		buf_adds(b, "- Restreint à : ");
		md(b, d);
		buf_adds(b, " (condition : ");
		md(b, ind->domain_src.text);
		buf_adds(b, ")\n");
		free(d);
	}
	buf_addf(b, "- Hors base : les entretiens où la question n'a pas été posée, ne sait pas"
	    " (%ld) et refus (%ld)", w->ins->dk_code, w->ins->rf_code);
	if (w->nr_cells > 0)
		buf_addf(b, ", non atteint (%d)", WAVE_NR_CODE);
	buf_adds(b, "\n");
	free(words);
	free(expr);
}

/* The study's published figures: how each is defined in the data, so that anyone can rebuild it. */
static void codebook_indicators(const struct wave *w, struct buf *b)
{
	const struct instrument *ins = w->ins;
	size_t i;

	if (ins->nindicators == 0)
		return;
	buf_adds(b, "\n## Indicateurs de l'étude\n\n"
	    "Chaque indicateur est la part de sa base dont la réponse compte parmi les codes"
	    " indiqués. Les chiffres publiés sont pondérés ; ce dictionnaire en donne la"
	    " définition, pas la valeur.\n");
	for (i = 0; i < ins->nindicators; i++) {
		const struct indicator *ind = &ins->indicators[i];

		buf_addf(b, "\n### %s\n\n", ind->id);
		md(b, ind->label);
		buf_adds(b, "\n\n- Variable : ");
		buf_adds(b, ind->var->id);
		buf_adds(b, " (");
		md(b, ind->var->label != NULL ? ind->var->label : ind->var->id);
		buf_adds(b, ")\n");
		codebook_ind_codes(w, ind, b);
		codebook_ind_base(w, ind, b);
		if (ind->source != NULL) {
			buf_adds(b, "- Source : ");
			md(b, ind->source);
			buf_addc(b, '\n');
		}
	}
}

int codebook_write(struct wave *w, struct out *o, char **cause)
{
	struct buf b = { 0 };
	size_t i;

	(void)cause;
	codebook_head(w, &b);
	codebook_indicators(w, &b);
	buf_adds(&b, "\n## Variables\n");
	for (i = 0; i < w->ncols; i++) {
		codebook_var(w, &w->cols[i], &b);
		if (b.len >= (1 << 20))
			out_buf(o, &b);
	}
	out_buf(o, &b);
	buf_free(&b);
	return 0;
}

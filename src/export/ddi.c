/* W.ddi.xml: a DDI Codebook 2.5 document, written with libxml2's xmlwriter. */
#include <dlfcn.h>
#include <libxml/xmlwriter.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "export/wave.h"
#include "util/xmalloc.h"

/*
 * libxml2 is loaded when a DDI file is written, not linked: it brings ICU and
 * libstdc++, which every interviewer process would otherwise map.
 */
static struct {
	void *lib;
	__typeof__(xmlOutputBufferCreateIO) *OutputBufferCreateIO;
	__typeof__(xmlOutputBufferClose) *OutputBufferClose;
	__typeof__(xmlNewTextWriter) *NewTextWriter;
	__typeof__(xmlFreeTextWriter) *FreeTextWriter;
	__typeof__(xmlTextWriterSetIndent) *TextWriterSetIndent;
	__typeof__(xmlTextWriterSetIndentString) *TextWriterSetIndentString;
	__typeof__(xmlTextWriterStartDocument) *TextWriterStartDocument;
	__typeof__(xmlTextWriterEndDocument) *TextWriterEndDocument;
	__typeof__(xmlTextWriterStartElement) *TextWriterStartElement;
	__typeof__(xmlTextWriterEndElement) *TextWriterEndElement;
	__typeof__(xmlTextWriterWriteElement) *TextWriterWriteElement;
	__typeof__(xmlTextWriterWriteAttribute) *TextWriterWriteAttribute;
	__typeof__(xmlTextWriterWriteString) *TextWriterWriteString;
} ddi_xml;

#define xmlOutputBufferCreateIO ddi_xml.OutputBufferCreateIO
#define xmlOutputBufferClose ddi_xml.OutputBufferClose
#define xmlNewTextWriter ddi_xml.NewTextWriter
#define xmlFreeTextWriter ddi_xml.FreeTextWriter
#define xmlTextWriterSetIndent ddi_xml.TextWriterSetIndent
#define xmlTextWriterSetIndentString ddi_xml.TextWriterSetIndentString
#define xmlTextWriterStartDocument ddi_xml.TextWriterStartDocument
#define xmlTextWriterEndDocument ddi_xml.TextWriterEndDocument
#define xmlTextWriterStartElement ddi_xml.TextWriterStartElement
#define xmlTextWriterEndElement ddi_xml.TextWriterEndElement
#define xmlTextWriterWriteElement ddi_xml.TextWriterWriteElement
#define xmlTextWriterWriteAttribute ddi_xml.TextWriterWriteAttribute
#define xmlTextWriterWriteString ddi_xml.TextWriterWriteString

/* Finds one libxml2 function; the POSIX way to turn dlsym's pointer into a function's. */
static int ddi_sym(void *fn, const char *name)
{
	void *p = dlsym(ddi_xml.lib, name);

	memcpy(fn, &p, sizeof p);
	return p != NULL ? 0 : -1;
}

static int ddi_load(char **cause)
{
	if (ddi_xml.lib != NULL)
		return 0;
	if ((ddi_xml.lib = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL)) == NULL) {
		*cause = xasprintf("cannot load libxml2 (libxml2.so.2) for the DDI file: %s",
		    dlerror());
		return -1;
	}
	if (ddi_sym(&ddi_xml.OutputBufferCreateIO, "xmlOutputBufferCreateIO") < 0 ||
	    ddi_sym(&ddi_xml.OutputBufferClose, "xmlOutputBufferClose") < 0 ||
	    ddi_sym(&ddi_xml.NewTextWriter, "xmlNewTextWriter") < 0 ||
	    ddi_sym(&ddi_xml.FreeTextWriter, "xmlFreeTextWriter") < 0 ||
	    ddi_sym(&ddi_xml.TextWriterSetIndent, "xmlTextWriterSetIndent") < 0 ||
	    ddi_sym(&ddi_xml.TextWriterSetIndentString, "xmlTextWriterSetIndentString") < 0 ||
	    ddi_sym(&ddi_xml.TextWriterStartDocument, "xmlTextWriterStartDocument") < 0 ||
	    ddi_sym(&ddi_xml.TextWriterEndDocument, "xmlTextWriterEndDocument") < 0 ||
	    ddi_sym(&ddi_xml.TextWriterStartElement, "xmlTextWriterStartElement") < 0 ||
	    ddi_sym(&ddi_xml.TextWriterEndElement, "xmlTextWriterEndElement") < 0 ||
	    ddi_sym(&ddi_xml.TextWriterWriteElement, "xmlTextWriterWriteElement") < 0 ||
	    ddi_sym(&ddi_xml.TextWriterWriteAttribute, "xmlTextWriterWriteAttribute") < 0 ||
	    ddi_sym(&ddi_xml.TextWriterWriteString, "xmlTextWriterWriteString") < 0) {
		*cause = xasprintf("libxml2 lacks a function the DDI writer needs: %s", dlerror());
		dlclose(ddi_xml.lib);
		ddi_xml.lib = NULL;
		return -1;
	}
	return 0;
}

#define DDI_NS "ddi:codebook:2_5"
#define DDI_XSI "http://www.w3.org/2001/XMLSchema-instance"
#define DDI_LOCATION DDI_NS \
	" http://www.ddialliance.org/Specification/DDI-Codebook/2.5/XMLSchema/codebook.xsd"

struct ddi {
	struct wave *w;
	xmlTextWriterPtr x;
	int rc;			/* the first libxml2 failure */
};

static int ddi_write_cb(void *ctx, const char *buf, int len)
{
	out_write(ctx, buf, (size_t)len);
	return len;
}

static int ddi_close_cb(void *ctx)
{
	(void)ctx;
	return 0;
}

static void ddi_check(struct ddi *d, int rc)
{
	if (rc < 0 && d->rc == 0)
		d->rc = rc;
}

static void ddi_open(struct ddi *d, const char *name)
{
	ddi_check(d, xmlTextWriterStartElement(d->x, BAD_CAST name));
}

static void ddi_close(struct ddi *d)
{
	ddi_check(d, xmlTextWriterEndElement(d->x));
}

static void ddi_attr(struct ddi *d, const char *name, const char *value)
{
	ddi_check(d, xmlTextWriterWriteAttribute(d->x, BAD_CAST name, BAD_CAST value));
}

/* <name>text</name>, the text escaped. */
static void ddi_elem(struct ddi *d, const char *name, const char *text)
{
	ddi_check(d, xmlTextWriterWriteElement(d->x, BAD_CAST name, BAD_CAST text));
}

static void __attribute__((format(printf, 3, 4)))
ddi_elemf(struct ddi *d, const char *name, const char *fmt, ...)
{
	va_list ap;
	char buf[128];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ddi_elem(d, name, buf);
}

/* <sumStat type="TYPE">value</sumStat> */
static void ddi_stat(struct ddi *d, const char *type, const char *fmt, double v)
{
	char buf[64];

	snprintf(buf, sizeof buf, fmt, v);
	ddi_open(d, "sumStat");
	ddi_attr(d, "type", type);
	ddi_check(d, xmlTextWriterWriteString(d->x, BAD_CAST buf));
	ddi_close(d);
}

/* <name>text</name>, the text cleaned as exported texts are. */
static void ddi_text(struct ddi *d, const char *name, const char *text)
{
	struct buf b = { 0 };

	clean_text(&b, text);
	ddi_elem(d, name, b.s);
	buf_free(&b);
}

static void ddi_study(struct ddi *d)
{
	const struct instrument *ins = d->w->ins;

	ddi_open(d, "docDscr");
	ddi_open(d, "citation");
	ddi_open(d, "titlStmt");
	ddi_elemf(d, "titl", "Vague %s : dictionnaire des variables", d->w->o->wave);
	ddi_close(d);
	ddi_open(d, "prodStmt");
	ddi_open(d, "software");
	ddi_attr(d, "version", ALLO_VERSION);
	ddi_check(d, xmlTextWriterWriteString(d->x, BAD_CAST "allo export"));
	ddi_close(d);
	ddi_close(d);
	ddi_close(d);
	ddi_close(d);
	ddi_open(d, "stdyDscr");
	ddi_open(d, "citation");
	ddi_open(d, "titlStmt");
	ddi_text(d, "titl", ins->title);
	ddi_elem(d, "IDNo", ins->id);
	ddi_close(d);
	ddi_open(d, "verStmt");
	ddi_text(d, "version", ins->version);
	ddi_elemf(d, "notes", "Questionnaire SHA-256 : %s", d->w->layout->sha256);
	ddi_close(d);
	ddi_close(d);
	ddi_open(d, "method");
	ddi_open(d, "dataColl");
	ddi_elem(d, "collMode", "Entretien téléphonique assisté par ordinateur (CATI)");
	ddi_elem(d, "cleanOps", "Parcours recalculé à partir des réponses ; réponses hors parcours"
	    " écartées ; chaque valeur validée de nouveau (une valeur refusée est exportée vide) ;"
	    " textes nettoyés (caractères de contrôle retirés, numéros de téléphone masqués) ;"
	    " identifiants pseudonymes. Voir allo-export(1).");
	ddi_close(d);
	ddi_close(d);
	ddi_close(d);
}

static void ddi_file(struct ddi *d, const char *datafile)
{
	const struct wave *w = d->w;

	ddi_open(d, "fileDscr");
	ddi_attr(d, "ID", "F1");
	ddi_attr(d, "URI", datafile);
	ddi_open(d, "fileTxt");
	ddi_elem(d, "fileName", datafile);
	ddi_elemf(d, "fileCont", "Une ligne par entretien %s de la vague %s.",
	    w->o->include_partials ? "complet ou partiel (AAPOR 1.2)" : "complet", w->o->wave);
	ddi_open(d, "dimensns");
	ddi_elemf(d, "caseQnty", "%zu", w->nrows);
	ddi_elemf(d, "varQnty", "%zu", w->ncols);
	ddi_close(d);
	ddi_open(d, "fileType");
	ddi_attr(d, "charset", "UTF-8");
	ddi_check(d, xmlTextWriterWriteString(d->x, BAD_CAST "text/csv (RFC 4180)"));
	ddi_close(d);
	if (w->nr_cells > 0)
		ddi_elemf(d, "dataMsng", "Vide : question non posée ou valeur écartée. %ld : ne sait"
		    " pas. %ld : refus. %d : non atteint (entretien partiel interrompu avant la"
		    " question).", w->ins->dk_code, w->ins->rf_code, WAVE_NR_CODE);
	else
		ddi_elemf(d, "dataMsng", "Vide : question non posée ou valeur écartée. %ld : ne sait"
		    " pas. %ld : refus.", w->ins->dk_code, w->ins->rf_code);
	ddi_close(d);
	ddi_close(d);
}

/* One category: its value, label, frequency; missing ones flagged. */
static void ddi_category(struct ddi *d, double value, const char *label, size_t freq,
    int missing)
{
	char buf[64];

	ddi_open(d, "catgry");
	if (missing)
		ddi_attr(d, "missing", "Y");
	snprintf(buf, sizeof buf, "%.15g", value);
	ddi_elem(d, "catValu", buf);
	ddi_elem(d, "labl", label);
	ddi_open(d, "catStat");
	ddi_attr(d, "type", "freq");
	snprintf(buf, sizeof buf, "%zu", freq);
	ddi_check(d, xmlTextWriterWriteString(d->x, BAD_CAST buf));
	ddi_close(d);
	ddi_close(d);
}

static void ddi_question(struct ddi *d, const struct column *c)
{
	const struct question *q = c->q;
	char *text;

	if (q == NULL || q->text == NULL || *q->text == '\0' || c->role != ROLE_ASKED)
		return;
	text = layout_text(q->text, c->instance);
	ddi_open(d, "qstn");
	ddi_text(d, "qstnLit", text);
	if (q->instruction != NULL && *q->instruction != '\0')
		ddi_text(d, "ivuInstr", q->instruction);
	ddi_close(d);
	free(text);
}

static void ddi_universe(struct ddi *d, const struct column *c)
{
	char *words = universe_of(d->w->ins, c, 1), *expr = universe_of(d->w->ins, c, 0);
	struct buf b = { 0 };

	if (c->role == ROLE_FRAME)
		buf_adds(&b, "Tous les cas de l'échantillon.");
	else if (c->role == ROLE_ID || c->role == ROLE_META)
		buf_adds(&b, "Tous les entretiens exportés.");
	else if (words == NULL)
		buf_adds(&b, "Tous les répondants.");
	else
		buf_addf(&b, "%s. Condition : %s", words, expr);
	ddi_open(d, "universe");
	ddi_attr(d, "clusion", "I");
	ddi_check(d, xmlTextWriterWriteString(d->x, BAD_CAST b.s));
	ddi_close(d);
	buf_free(&b);
	free(words);
	free(expr);
}

static void ddi_stats(struct ddi *d, const struct column *c)
{
	const struct col_stats *st = &c->st;

	ddi_stat(d, "vald", "%.0f", (double)st->valid);
	ddi_stat(d, "invd", "%.0f", (double)(st->empty + st->dk + st->rf + st->nr));
	if (st->nums > 0 && (c->type == CT_NUMBER || c->type == CT_CODE)) {
		ddi_stat(d, "min", "%.15g", st->min);
		ddi_stat(d, "max", "%.15g", st->max);
		ddi_stat(d, "mean", "%.6g", st->sum / (double)st->nums);
	}
}

static void ddi_var(struct ddi *d, size_t i)
{
	const struct column *c = &d->w->cols[i];
	const struct instrument *ins = d->w->ins;
	int string = layout_is_string(c);
	char id[32], dcml[8];
	size_t k;

	ddi_open(d, "var");
	snprintf(id, sizeof id, "V%zu", i + 1);
	ddi_attr(d, "ID", id);
	ddi_attr(d, "name", c->name);
	ddi_attr(d, "files", "F1");
	ddi_attr(d, "intrvl", c->type == CT_NUMBER || c->type == CT_DATE || c->type == CT_TIME ?
	    "contin" : "discrete");
	if (c->type == CT_NUMBER && !string)
		ddi_attr(d, "dcml", (snprintf(dcml, sizeof dcml, "%d", c->st.decimals), dcml));
	ddi_elem(d, "labl", c->label);
	ddi_question(d, c);
	ddi_universe(d, c);
	ddi_stats(d, c);
	for (k = 0; k < c->nvl; k++)
		ddi_category(d, c->vl[k].value, c->vl[k].label, c->st.freq[k], 0);
	if (c->dk)
		ddi_category(d, (double)ins->dk_code, "Ne sait pas", c->st.dk, 1);
	if (c->rf)
		ddi_category(d, (double)ins->rf_code, "Refus", c->st.rf, 1);
	if (c->st.nr > 0)
		ddi_category(d, WAVE_NR_CODE, WAVE_NR_LABEL, c->st.nr, 1);
	ddi_open(d, "varFormat");
	ddi_attr(d, "type", string || c->type == CT_TEXT ? "character" : "numeric");
	ddi_attr(d, "schema", "other");
	if (c->type == CT_DATE || c->type == CT_TIME) {
		ddi_attr(d, "category", c->type == CT_DATE ? "date" : "time");
		ddi_attr(d, "formatname", c->type == CT_DATE ? "YYYY-MM-DD" : "YYYY-MM-DDThh:mm:ssZ");
	}
	ddi_close(d);
	ddi_close(d);
}

/* A group per multi question (and roster instance): its 0/1 columns. */
static void ddi_groups(struct ddi *d)
{
	const struct wave *w = d->w;
	struct buf vars = { 0 };
	size_t i, j, n = 0;
	char id[32];

	for (i = 0; i < w->ncols; i = j) {
		const struct column *c = &w->cols[i];

		for (j = i + 1; j < w->ncols && c->type == CT_FLAG && w->cols[j].type == CT_FLAG &&
		    w->cols[j].q == c->q && w->cols[j].instance == c->instance; j++)
			;
		if (c->type != CT_FLAG)
			continue;
		buf_reset(&vars);
		for (size_t k = i; k < j; k++)
			buf_addf(&vars, "%sV%zu", k > i ? " " : "", k + 1);
		ddi_open(d, "varGrp");
		snprintf(id, sizeof id, "G%zu", ++n);
		ddi_attr(d, "ID", id);
		ddi_attr(d, "type", "multipleResp");
		ddi_attr(d, "var", vars.s);
		ddi_elem(d, "labl", c->q->label != NULL && *c->q->label ? c->q->label : c->q->id);
		ddi_close(d);
	}
	buf_free(&vars);
}

int ddi_write(struct wave *w, struct out *o, const char *datafile, char **cause)
{
	xmlOutputBufferPtr ob;
	struct ddi d;
	size_t i;

	memset(&d, 0, sizeof d);
	d.w = w;
	if (ddi_load(cause) < 0)
		return -1;
	if ((ob = xmlOutputBufferCreateIO(ddi_write_cb, ddi_close_cb, o, NULL)) == NULL ||
	    (d.x = xmlNewTextWriter(ob)) == NULL) {
		if (ob != NULL)
			xmlOutputBufferClose(ob);
		*cause = xasprintf("%s: cannot start the XML writer", o->name);
		return -1;
	}
	xmlTextWriterSetIndent(d.x, 1);
	xmlTextWriterSetIndentString(d.x, BAD_CAST "  ");
	ddi_check(&d, xmlTextWriterStartDocument(d.x, "1.0", "UTF-8", NULL));
	ddi_open(&d, "codeBook");
	ddi_attr(&d, "xmlns", DDI_NS);
	ddi_attr(&d, "xmlns:xsi", DDI_XSI);
	ddi_attr(&d, "xsi:schemaLocation", DDI_LOCATION);
	ddi_attr(&d, "version", "2.5");
	ddi_attr(&d, "xml:lang", w->ins->language != NULL ? w->ins->language : "fr");
	ddi_study(&d);
	ddi_file(&d, datafile);
	ddi_open(&d, "dataDscr");
	ddi_groups(&d);
	for (i = 0; i < w->ncols; i++)
		ddi_var(&d, i);
	ddi_close(&d);
	ddi_close(&d);
	ddi_check(&d, xmlTextWriterEndDocument(d.x));
	xmlFreeTextWriter(d.x);
	if (d.rc < 0) {
		*cause = xasprintf("%s: the XML writer failed", o->name);
		return -1;
	}
	return 0;
}

/*
 * The wave export, step by step: a hidden folder beside the wave's folder
 * receives every file, then replaces the folder in one rename at the end,
 * so that an interrupted export leaves the previous one whole.
 */
#include "export/export.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "export/wave.h"
#include "instrument/instrument.h"
#include "store/export.h"
#include "util/clock.h"
#include "store/store.h"
#include "util/priv.h"
#include "util/xmalloc.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

#define MANIFEST_HEAD "# allo export"

/* Where the wave goes: its folder, the folder holding it, and the hidden ones beside. */
struct place {
	char *final, *parent, *base, *tmp, *old;
	int created;		/* tmp exists */
};

int export_wave_ok(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n <= 32 && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-") == n && strspn(s, ".") != n;
}

int export_formats(const char *s, unsigned *out)
{
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = {
		{ "csv", EXPORT_CSV }, { "sav", EXPORT_SAV }, { "dta", EXPORT_DTA }, { "ddi", EXPORT_DDI }
	};
	size_t i, n;

	*out = 0;
	while (*s != '\0') {
		n = strcspn(s, ",");
		for (i = 0; i < sizeof names / sizeof names[0]; i++)
			if (strlen(names[i].name) == n && strncmp(names[i].name, s, n) == 0)
				break;
		if (i == sizeof names / sizeof names[0])
			return -1;
		*out |= names[i].bit;
		s += n + (s[n] == ',');
	}
	return *out != 0 ? 0 : -1;
}

/* Removes path and everything under it; 0 when it is gone. */
static int export_rmtree(const char *path)
{
	struct dirent *de;
	struct stat st;
	DIR *d;
	int rc = 0;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		char *p;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", path, de->d_name);
		if (export_rmtree(p) < 0)
			rc = -1;
		free(p);
	}
	closedir(d);
	return rmdir(path) < 0 ? -1 : rc;
}

/* Flushes a folder's entries to disk. */
static void export_sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Removes what killed exports of this wave left: hidden folders of processes now gone. */
static void export_stale(const struct place *p)
{
	struct dirent *de;
	DIR *d = opendir(p->parent);
	size_t n = strlen(p->base);

	while (d != NULL && (de = readdir(d)) != NULL) {
		const char *s = de->d_name, *pid;
		char *end, *path;
		long v;

		if (s[0] != '.' || strncmp(s + 1, p->base, n) != 0 ||
		    (strncmp(s + 1 + n, ".tmp.", 5) != 0 && strncmp(s + 1 + n, ".old.", 5) != 0))
			continue;
		pid = s + 1 + n + 5;
		v = strtol(pid, &end, 10);
		if (end == pid || *end != '\0' || v <= 0 || (kill((pid_t)v, 0) == 0 ||
		    errno != ESRCH))
			continue;
		path = xasprintf("%s/%s", p->parent, s);
		export_rmtree(path);
		free(path);
	}
	if (d != NULL)
		closedir(d);
}

/* 1 if path is a folder an export wrote (its MANIFEST says so), or an empty folder. */
static int export_ours(const char *path)
{
	char *m = xasprintf("%s/MANIFEST", path), head[32] = "";
	FILE *f = fopen(m, "r");
	struct dirent *de;
	DIR *d;
	int n = 0;

	free(m);
	if (f != NULL) {
		n = fgets(head, sizeof head, f) != NULL &&
		    strncmp(head, MANIFEST_HEAD, strlen(MANIFEST_HEAD)) == 0;
		fclose(f);
		return n;
	}
	if ((d = opendir(path)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
	closedir(d);
	return n == 0;
}

static void place_free(struct place *p)
{
	if (p->created)
		export_rmtree(p->tmp);
	free(p->final);
	free(p->parent);
	free(p->base);
	free(p->tmp);
	free(p->old);
	memset(p, 0, sizeof *p);
}

/* Works out the folders, checks the one to replace, and makes the hidden one. */
static int place_init(struct place *p, const struct export_opts *o, char **cause)
{
	struct stat st;
	char *slash;
	size_t n;

	memset(p, 0, sizeof *p);
	p->final = o->out != NULL ? xstrdup(o->out) : xasprintf("exports/%s", o->wave);
	while ((n = strlen(p->final)) > 1 && p->final[n - 1] == '/')
		p->final[n - 1] = '\0';
	if ((slash = strrchr(p->final, '/')) != NULL) {
		p->parent = xstrndup(p->final, slash == p->final ? 1 : (size_t)(slash - p->final));
		p->base = xstrdup(slash + 1);
	} else {
		p->parent = xstrdup(".");
		p->base = xstrdup(p->final);
	}
	if (*p->base == '\0' || strcmp(p->base, ".") == 0 || strcmp(p->base, "..") == 0) {
		*cause = xasprintf("%s: not a folder name an export can take", p->final);
		return -1;
	}
	if (o->out == NULL && stat(p->parent, &st) < 0 && errno == ENOENT)
		mkdir(p->parent, 0755);
	if (stat(p->parent, &st) < 0 || !S_ISDIR(st.st_mode)) {
		*cause = xasprintf("%s: %s", p->parent, stat(p->parent, &st) < 0 ? strerror(errno) :
		    "not a folder");
		return -1;
	}
	if (lstat(p->final, &st) == 0 && (!S_ISDIR(st.st_mode) || !export_ours(p->final))) {
		*cause = xasprintf("%s exists and is not an export: not replacing it", p->final);
		return -1;
	}
	p->tmp = xasprintf("%s/.%s.tmp.%ld", p->parent, p->base, (long)getpid());
	p->old = xasprintf("%s/.%s.old.%ld", p->parent, p->base, (long)getpid());
	export_stale(p);
	export_rmtree(p->tmp);
	if (mkdir(p->tmp, 0750) < 0) {
		*cause = xasprintf("%s: %s", p->tmp, strerror(errno));
		return -1;
	}
	p->created = 1;
	return 0;
}

/* Puts the new folder in the place of the old one: one atomic exchange where Linux has it. */
static int place_commit(struct place *p, char **cause)
{
	struct stat st;

	export_sync_dir(p->tmp);
	if (lstat(p->final, &st) < 0) {
		if (rename(p->tmp, p->final) < 0)
			goto fail;
	} else if (syscall(SYS_renameat2, AT_FDCWD, p->tmp, AT_FDCWD, p->final,
	    RENAME_EXCHANGE) == 0) {
		export_rmtree(p->tmp);	/* now the previous export */
	} else {
		if (rename(p->final, p->old) < 0)
			goto fail;
		if (rename(p->tmp, p->final) < 0) {
			rename(p->old, p->final);
			goto fail;
		}
		export_rmtree(p->old);
	}
	p->created = 0;
	export_sync_dir(p->parent);
	return 0;
fail:
	*cause = xasprintf("%s: cannot put the export in place: %s", p->final, strerror(errno));
	return -1;
}

static int export_version(void *arg, const struct store_export_version *sv)
{
	struct wave *w = arg;
	struct version *v;

	w->v = xreallocarray(w->v, w->nv + 1, sizeof *w->v);
	v = &w->v[w->nv++];
	memset(v, 0, sizeof *v);
	v->id = sv->id;
	snprintf(v->sha256, sizeof v->sha256, "%s", sv->sha256);
	v->version = xstrdup(sv->version);
	v->source = xstrndup(sv->source, sv->len);
	v->len = sv->len;
	return 0;
}

/* Reads the questionnaire versions; the newest gives the columns. */
static int export_layout(struct wave *w, struct store_export *x, char **cause)
{
	struct diag d;

	if (store_export_versions(x, export_version, w, cause) < 0)
		return -1;
	if (w->nv == 0) {
		*cause = xstrdup("the database has no questionnaire");
		return -1;
	}
	w->layout = &w->v[w->nv - 1];
	w->layout->tried = 1;
	diag_init(&d, "questionnaire");
	w->layout->ins = instrument_load("questionnaire", w->layout->source, w->layout->len, &d);
	if (w->layout->ins == NULL) {
		*cause = diag_first(&d);
		diag_free(&d);
		return -1;
	}
	diag_free(&d);
	w->ins = w->layout->ins;
	return layout_build(w, cause);
}

static void export_free(struct wave *w)
{
	size_t i;

	for (i = 0; i < w->nv; i++) {
		instrument_free(w->v[i].ins);
		free(w->v[i].version);
		free(w->v[i].source);
		free(w->v[i].map);
		free(w->v[i].byname);
	}
	free(w->v);
	for (i = 0; i < w->nrows; i++) {
		free(w->rows[i].started_at);
		free(w->rows[i].ended_at);
		free(w->rows[i].final_code);
		free(w->rows[i].frame);
		free(w->rows[i].phone);
		free(w->rows[i].name);
	}
	free(w->rows);
	layout_free(w);
	arena_free(&w->arena);
}

/* The files written so far, for MANIFEST. */
struct written {
	char name[64], hex[65];
	unsigned long long bytes;
};

struct run {
	struct wave w;
	struct place p;
	struct written files[16];
	size_t nfiles;
	struct export_report *r;
};

/* Closes o, records its hash, then pauses when the tests ask for it. */
static int run_close(struct run *k, struct out *o, char **cause)
{
	int rc = out_close(o, cause);

	if (rc == 0 && k->nfiles < sizeof k->files / sizeof k->files[0]) {
		snprintf(k->files[k->nfiles].name, sizeof k->files[0].name, "%s", o->name);
		memcpy(k->files[k->nfiles].hex, o->hex, sizeof o->hex);
		k->files[k->nfiles++].bytes = o->bytes;
	}
	out_discard(o);
	if (rc == 0)
		out_pause();
	return rc;
}

/* Opens dir/name, runs fn on it, closes it; phase gets the time spent. */
static int run_file(struct run *k, const char *name, enum export_phase phase,
    int (*fn)(struct run *, struct out *, void *, char **), void *arg, char **cause)
{
	struct out o;
	double t0 = clock_micros();
	int rc;

	if (out_open(&o, k->p.tmp, name, cause) < 0)
		return -1;
	rc = fn(k, &o, arg, cause);
	if (rc < 0) {
		out_discard(&o);
		return -1;
	}
	rc = run_close(k, &o, cause);
	k->r->seconds[phase] += (clock_micros() - t0) / 1e6;
	return rc;
}

static int run_paradata(struct run *k, struct out *o, void *arg, char **cause)
{
	return paradata_write(&k->w, arg, o, cause);
}

static int run_sav(struct run *k, struct out *o, void *arg, char **cause)
{
	return rs_write(&k->w, 0, arg, o, cause);
}

static int run_dta(struct run *k, struct out *o, void *arg, char **cause)
{
	return rs_write(&k->w, 1, arg, o, cause);
}

static int run_ddi(struct run *k, struct out *o, void *arg, char **cause)
{
	return ddi_write(&k->w, o, arg, cause);
}

static int run_codebook(struct run *k, struct out *o, void *arg, char **cause)
{
	(void)arg;
	return codebook_write(&k->w, o, cause);
}

static int run_cmp_files(const void *a, const void *b)
{
	return strcmp(((const struct written *)a)->name, ((const struct written *)b)->name);
}

/* MANIFEST: what was exported, the SHA-256 of each file (as sha256sum -c reads them), the time. */
static int run_manifest(struct run *k, struct out *o, void *arg, char **cause)
{
	const struct wave *w = &k->w;
	const struct export_opts *op = w->o;
	struct buf b = { 0 };
	char now[32];
	size_t i;

	(void)arg;
	(void)cause;
	clock_iso(clock_now(), now, sizeof now);
	buf_addf(&b, "%s\nwave: %s\ndatabase: %s\nexported_at: %s\nsurvey: %s\n"
	    "questionnaire_version: %s\nquestionnaire_sha256: %s\n", MANIFEST_HEAD, op->wave,
	    w->test ? "test" : "fieldwork", now, w->ins->id, w->ins->version, w->layout->sha256);
	buf_addf(&b, "cases_in_wave: %zu\ninterviews: %zu\ncompletes: %zu\npartials: %zu\n"
	    "include_partials: %s\nraw_text: %s\nexcluded_screened_out: %zu\nexcluded_test: %zu\n"
	    "excluded_partials: %zu\nexcluded_breakoffs: %zu\nexcluded_other: %zu\ncolumns: %zu\n"
	    "calls: %zu\nwarnings: %zu\n\n", w->cases,
	    w->nrows, w->completes, w->partials, op->include_partials ? "yes" : "no",
	    op->raw_text ? "yes" : "no",
	    w->excluded_screened, w->excluded_test, w->excluded_partials, w->excluded_breakoffs,
	    w->excluded_other, w->ncols, w->calls,
	    w->warnings);
	qsort(k->files, k->nfiles, sizeof k->files[0], run_cmp_files);
	for (i = 0; i < k->nfiles; i++)
		buf_addf(&b, "%s  %s\n", k->files[i].hex, k->files[i].name);
	out_buf(o, &b);
	buf_free(&b);
	return 0;
}

/* The rows: read, re-validate and clean, writing W.csv and timings.csv, spooling for the rest. */
static int run_clean(struct run *k, struct store_export *x, FILE **spool, char **cause)
{
	struct out csv, tim, txt;
	struct clean_out co = { NULL, &tim, &txt, NULL };
	double t0 = clock_micros();
	char *name, *path;
	int rc;

	if (k->w.o->formats & (EXPORT_SAV | EXPORT_DTA)) {
		path = xasprintf("%s/.rows", k->p.tmp);
		*spool = fopen(path, "w+b");
		unlink(path);
		free(path);
		if (*spool == NULL) {
			*cause = xasprintf("%s: cannot make the temporary rows", k->p.tmp);
			return -1;
		}
		co.spool = *spool;
	}
	name = xasprintf("%s.csv", k->w.o->wave);
	rc = (k->w.o->formats & EXPORT_CSV) ? out_open(&csv, k->p.tmp, name, cause) : 0;
	free(name);
	if (rc < 0)
		return -1;
	co.csv = (k->w.o->formats & EXPORT_CSV) ? &csv : NULL;
	if (out_open(&tim, k->p.tmp, "timings.csv", cause) < 0) {
		if (co.csv != NULL)
			out_discard(&csv);
		return -1;
	}
	if (out_open(&txt, k->p.tmp, "texts.csv", cause) < 0) {
		if (co.csv != NULL)
			out_discard(&csv);
		out_discard(&tim);
		return -1;
	}
	rc = clean_rows(&k->w, x, &co, cause);
	if (rc == 0 && co.spool != NULL && fflush(co.spool) != 0) {
		*cause = xasprintf("%s: cannot write the temporary rows", k->p.tmp);
		rc = -1;
	}
	if (rc == 0 && co.csv != NULL)
		rc = run_close(k, &csv, cause);
	else if (co.csv != NULL)
		out_discard(&csv);
	if (rc == 0)
		rc = run_close(k, &tim, cause);
	else
		out_discard(&tim);
	if (rc == 0)
		rc = run_close(k, &txt, cause);
	else
		out_discard(&txt);
	k->r->seconds[PHASE_CLEAN] += (clock_micros() - t0) / 1e6;
	return rc;
}

/* Everything read from the database, in one snapshot. */
static int run_read(struct run *k, struct store *st, FILE **spool, char **cause)
{
	struct store_export *x;
	int rc;

	if ((x = store_export_begin(st, cause)) == NULL)
		return -1;
	rc = store_export_wave_cases(x, k->w.o->wave, &k->w.cases, cause);
	if (rc == 0 && k->w.cases == 0) {
		*cause = xasprintf("no case in wave %s (allo sample import --wave)", k->w.o->wave);
		rc = -1;
	}
	if (rc == 0)
		rc = export_layout(&k->w, x, cause);
	if (rc == 0)
		rc = clean_choose(&k->w, x, cause);
	if (rc == 0)
		rc = run_clean(k, x, spool, cause);
	if (rc == 0)
		rc = run_file(k, "paradata.csv", PHASE_PARADATA, run_paradata, x, cause);
	store_export_end(x);
	return rc;
}

/* The files made from the rows and the columns' counts. */
static int run_write(struct run *k, FILE *spool, char **cause)
{
	const char *wave = k->w.o->wave;
	unsigned f = k->w.o->formats;
	char *sav = xasprintf("%s.sav", wave), *dta = xasprintf("%s.dta", wave);
	char *ddi = xasprintf("%s.ddi.xml", wave);
	char *data = xasprintf("%s.%s", wave, f & EXPORT_CSV ? "csv" : f & EXPORT_SAV ? "sav" : "dta");
	int rc = 0;

	if (rc == 0 && (f & EXPORT_SAV))
		rc = run_file(k, sav, PHASE_SAV, run_sav, spool, cause);
	if (rc == 0 && (f & EXPORT_DTA))
		rc = run_file(k, dta, PHASE_DTA, run_dta, spool, cause);
	if (rc == 0 && (f & EXPORT_DDI))
		rc = run_file(k, ddi, PHASE_DDI, run_ddi, data, cause);
	if (rc == 0)
		rc = run_file(k, "codebook.md", PHASE_CODEBOOK, run_codebook, NULL, cause);
	if (rc == 0)
		rc = run_file(k, "MANIFEST", PHASE_CODEBOOK, run_manifest, NULL, cause);
	free(sav);
	free(dta);
	free(ddi);
	free(data);
	return rc;
}

int export_run(struct store *st, const struct export_opts *o, struct export_report *r,
    char **cause)
{
	struct run k;
	FILE *spool = NULL;
	int rc;

	memset(&k, 0, sizeof k);
	memset(r, 0, sizeof *r);
	k.r = r;
	k.w.o = o;
	k.w.warn = o->warn;
	if (!export_wave_ok(o->wave)) {
		*cause = xasprintf("%s: not a wave name (1 to 32 letters, digits, '.', '_', '-')",
		    o->wave);
		return -1;
	}
	k.w.test = store_is_test(st);
	if (pseudo_init(&k.w.pseudo, st, o->wave, cause) < 0)
		return -1;
	/* The export folder is the person's: made and written with their own rights. */
	priv_user_begin();
	rc = place_init(&k.p, o, cause);
	if (rc == 0)
		rc = run_read(&k, st, &spool, cause);
	if (rc == 0)
		rc = run_write(&k, spool, cause);
	if (spool != NULL)
		fclose(spool);
	if (rc == 0)
		rc = place_commit(&k.p, cause);
	priv_user_end();
	if (rc == 0) {
		snprintf(r->dir, sizeof r->dir, "%s", k.p.final);
		r->rows = k.w.nrows;
		r->completes = k.w.completes;
		r->partials = k.w.partials;
		r->columns = k.w.ncols;
		r->calls = k.w.calls;
	}
	r->warnings = k.w.warnings;
	place_free(&k.p);
	export_free(&k.w);
	return rc;
}

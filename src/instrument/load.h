/* Private to the loader: the state shared by its files while one questionnaire is read. */
#ifndef ALLO_LOAD_H
#define ALLO_LOAD_H

#include "instrument/expr.h"
#include "instrument/ytree.h"

/* An expression or fill to compile once every variable is known. */
struct load_job {
	const struct src *src;		/* expressions: the source */
	struct expr **out;		/* where the compiled expression goes; NULL for fills */
	const char *fill;		/* fills: the text to check */
	struct src fill_src;
	struct expr_scope scope;
	enum etype want;
	const char *what;
	int is_when;			/* warn when it can never be true */
};

struct loader {
	struct instrument *ins;
	struct arena *a;
	struct diag *d;
	struct question **vars;
	size_t nvars, cap;
	struct load_job *jobs;
	size_t njobs, jobcap;
	const char **rosters;		/* roster names seen, for duplicates */
	size_t nrosters;
	const char **themeids;
	size_t nthemeids;
};

void load_keys(struct loader *l, const struct ynode *map, const char *const *allowed,
    const char *where);
const char *load_scalar(struct loader *l, const struct ynode *n, const char *key);
const char *load_str(struct loader *l, const struct ynode *map, const char *key, int required,
    const char *where);
/* The variable n names (the value of key), or NULL with an error and a suggestion. */
const struct question *load_var_ref(struct loader *l, const struct ynode *n, const char *key);
int load_bool(struct loader *l, const struct ynode *map, const char *key, int def);
int load_long(struct loader *l, const struct ynode *n, const char *key, long *out);
int load_double(struct loader *l, const struct ynode *n, const char *key, double *out);
int load_kind(struct loader *l, const struct ynode *n, enum ykind kind, const char *what);
int load_id(struct loader *l, const struct ynode *n, const char *what);
void load_src(const struct ynode *n, struct src *out);
const struct optlist *load_options(struct loader *l, const struct ynode *n);
void load_var(struct loader *l, struct question *q);
void load_expr(struct loader *l, const struct src *src, struct expr **out,
    const struct expr_scope *scope, enum etype want, const char *what);
void load_fill(struct loader *l, const struct ynode *n, const struct expr_scope *scope);
void load_themes(struct loader *l, const struct ynode *seq);
void load_fieldwork(struct loader *l, const struct ynode *n);
void load_quotas(struct loader *l, const struct ynode *n);
void load_indicators(struct loader *l, const struct ynode *n);

#endif

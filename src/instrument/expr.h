/* The expression language of conditions, checks, counts and computed variables. */
#ifndef ALLO_EXPR_H
#define ALLO_EXPR_H

#include <stddef.h>

#include "instrument/model.h"
#include "util/arena.h"
#include "util/diag.h"

/* Static types, known at load time. */
enum etype {
	T_BAD,			/* an error was already reported */
	T_NUM,			/* numbers and option codes */
	T_TEXT,
	T_DATE,			/* ISO 8601 text, ordered */
	T_BOOL,
	T_MULTI			/* the set of codes of a multi question */
};

/* A run-time value. Booleans are V_NUM 0 or 1; dates are V_TEXT "YYYY-MM-DD". */
enum vkind {
	V_NONE,			/* not answered, not asked, or not computable */
	V_DK,
	V_RF,
	V_NUM,
	V_TEXT,
	V_MULTI
};

struct value {
	enum vkind kind;
	double num;
	const char *text;	/* borrowed */
	const long *codes;	/* borrowed, sorted ascending */
	size_t ncodes;
};

/* What the evaluator asks of whoever holds the answers. */
struct expr_env {
	/* The value of q; instance is the roster instance from 1, or 0 outside rosters. */
	struct value (*get)(void *ctx, const struct question *q, int instance);
	/* How many instances roster r has at the moment. */
	int (*instances)(void *ctx, const struct roster *r);
	void *ctx;
	int instance;		/* the current roster instance for bare roster names */
};

/* Where an expression stands, for the static checks. */
struct expr_scope {
	const struct instrument *ins;
	int limit;			/* variables with index < limit are known */
	const struct question *self;	/* may also be referred to (checks); or NULL */
	const struct roster *roster;	/* the roster it is written in, or NULL */
};

struct expr;

/*
 * Parses src into an AST allocated in a. On a syntax error returns NULL,
 * sets *cause (caller frees) and *offset to the byte offset of the token at fault.
 */
struct expr *expr_parse(struct arena *a, const char *src, char **cause, size_t *offset);

/*
 * Type-checks e against the questionnaire: names exist and are known at this
 * point, compared codes exist, types agree. Reports into d at the token's
 * position (computed from where). Returns the expression's type, T_BAD on error.
 */
enum etype expr_check(struct expr *e, const struct src *where, const struct expr_scope *scope,
    struct diag *d);

/* Parses and checks in one step; reports syntax errors too. NULL on any error. */
struct expr *expr_compile(struct arena *a, const struct src *where,
    const struct expr_scope *scope, enum etype want, const char *what, struct diag *d);

/* Evaluates e; never fails: missing operands give V_NONE or false. */
struct value expr_eval(const struct expr *e, const struct expr_env *env);
/* 1 when e asks about missing answers itself: it calls dk(), rf() or answered(). */
int expr_tests_missing(const struct expr *e);
/* Evaluates a condition: 1 when true, 0 when false or not computable. */
int expr_test(const struct expr *e, const struct expr_env *env);

/* 0 if e can be proven never true from the option codes it compares; else 1. */
int expr_can_be_true(const struct expr *e);

/* Calls fn for every variable e refers to (each occurrence). */
void expr_refs(const struct expr *e, void (*fn)(void *arg, const struct question *q), void *arg);

/* The file position of byte offset off inside where->text. */
struct pos expr_pos(const struct src *where, size_t off);

const char *etype_name(enum etype t);

#endif

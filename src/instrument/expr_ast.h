/* The expression tree, private to the parser, the checker, the evaluator and fills. */
#ifndef ALLO_EXPR_AST_H
#define ALLO_EXPR_AST_H

#include "instrument/expr.h"

enum enode {
	E_NUM, E_STR, E_VAR, E_NEG, E_NOT, E_AND, E_OR,
	E_EQ, E_NE, E_LT, E_LE, E_GT, E_GE,
	E_ADD, E_SUB, E_MUL, E_DIV,
	E_IN, E_CALL
};

enum efunc {
	F_ANSWERED, F_DK, F_RF, F_HAS, F_COUNT_OF, F_IF, F_COUNT, F_ANY
};

struct expr {
	enum enode op;
	size_t off;			/* byte offset of the node's own token */
	size_t start;			/* byte offset where the subexpression begins */
	double num;			/* E_NUM */
	const char *str;		/* E_STR: the value; E_VAR: the name */
	enum efunc fn;			/* E_CALL */
	struct expr *l, *r;		/* operands */
	struct expr **args;		/* E_CALL arguments, E_IN list items */
	size_t nargs;
	const struct question *q;	/* E_VAR, once checked */
	const struct roster *roster;	/* count() and any(), once checked */
	enum etype type;		/* once checked */
};

/* Longest expression text accepted, in bytes. */
#define EXPR_MAX_LEN 8192
/* Deepest nesting of parentheses, calls and prefix operators. */
#define EXPR_MAX_DEPTH 64

const char *expr_func_name(enum efunc f);
/* Resolves a name used at byte off of where; reports and returns NULL if unusable. */
const struct question *expr_resolve(const char *name, size_t off, const struct src *where,
    const struct expr_scope *scope, struct diag *d);

#endif

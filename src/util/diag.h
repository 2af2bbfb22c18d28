/* Compiler-style diagnostics: FILE:LINE:COL: error: MESSAGE, sorted by position. */
#ifndef ALLO_DIAG_H
#define ALLO_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_level { DIAG_ERROR, DIAG_WARNING };

struct diag_item {
	enum diag_level level;
	int line, col;		/* 1-based; 0 when the whole file is meant */
	char *msg;
};

struct diag {
	const char *file;	/* borrowed */
	struct diag_item *items;
	size_t n, cap;
	size_t errors, warnings;
};

void diag_init(struct diag *d, const char *file);
void diag_error(struct diag *d, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_warn(struct diag *d, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_print(struct diag *d, FILE *f);	/* sorts, then prints every item */
/* The first error as one string "FILE:LINE:COL: MESSAGE"; caller frees. */
char *diag_first(const struct diag *d);
void diag_free(struct diag *d);

#endif

#include "util/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

void diag_init(struct diag *d, const char *file)
{
	memset(d, 0, sizeof *d);
	d->file = file;
}

/* Appends one diagnostic; the message is formatted once here. */
static void diag_add(struct diag *d, enum diag_level level, int line, int col,
    const char *fmt, va_list ap)
{
	struct diag_item *it;
	char buf[1024];

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->items = xreallocarray(d->items, d->cap, sizeof *d->items);
	}
	vsnprintf(buf, sizeof buf, fmt, ap);
	it = &d->items[d->n++];
	it->level = level;
	it->line = line;
	it->col = col;
	it->msg = xstrdup(buf);
	if (level == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void diag_error(struct diag *d, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_add(d, DIAG_ERROR, line, col, fmt, ap);
	va_end(ap);
}

void diag_warn(struct diag *d, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_add(d, DIAG_WARNING, line, col, fmt, ap);
	va_end(ap);
}


void diag_print(struct diag *d, FILE *f)
{
	size_t i;

	/* Stable order for equal positions: insertion sort keeps discovery order. */
	for (i = 1; i < d->n; i++) {
		struct diag_item t = d->items[i];
		size_t j = i;

		while (j > 0 && (d->items[j - 1].line > t.line ||
		    (d->items[j - 1].line == t.line && d->items[j - 1].col > t.col))) {
			d->items[j] = d->items[j - 1];
			j--;
		}
		d->items[j] = t;
	}
	for (i = 0; i < d->n; i++) {
		const struct diag_item *it = &d->items[i];
		const char *kind = it->level == DIAG_ERROR ? "error" : "warning";

		if (it->line > 0)
			fprintf(f, "%s:%d:%d: %s: %s\n", d->file, it->line, it->col, kind, it->msg);
		else
			fprintf(f, "%s: %s: %s\n", d->file, kind, it->msg);
	}
}

char *diag_first(const struct diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->items[i].level == DIAG_ERROR)
			return xasprintf("%s:%d:%d: %s", d->file, d->items[i].line,
			    d->items[i].col, d->items[i].msg);
	return xstrdup("no error");
}

void diag_free(struct diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->items[i].msg);
	free(d->items);
	memset(d, 0, sizeof *d);
}

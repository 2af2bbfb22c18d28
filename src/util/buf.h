/* A growing byte string, for building messages and output. */
#ifndef ALLO_BUF_H
#define ALLO_BUF_H

#include <stddef.h>

struct buf {
	char *s;		/* always NUL-terminated once anything was added */
	size_t len, cap;
};

void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);
char *buf_take(struct buf *b);	/* caller frees; b is emptied */
void buf_free(struct buf *b);

#endif

/* UTF-8 validation and display width, measured in terminal columns. */
#ifndef ALLO_UTF8_H
#define ALLO_UTF8_H

#include <stddef.h>

/* Returns the byte offset of the first invalid sequence, or len if valid. */
size_t utf8_check(const char *s, size_t len);
/* Decodes one character; returns its byte length (1 on invalid input, *cp = U+FFFD). */
int utf8_decode(const char *s, size_t len, unsigned *cp);
/* Number of characters in the first n bytes (a column count for ASCII-like text). */
size_t utf8_chars(const char *s, size_t n);
/* Display width of a code point: 0, 1 or 2 columns. */
int utf8_cpwidth(unsigned cp);
/* Display width of a string. */
size_t utf8_width(const char *s);
/* Bytes of s that fit in cols columns without cutting a character. */
size_t utf8_fit(const char *s, size_t cols);

/*
 * A copy of the first n bytes of s for quoting in a message: whole when it
 * fits in cols columns (and 4 * cols bytes), else cut on a character boundary
 * to cols - 1 columns followed by "…". Caller frees.
 */
char *utf8_ellipsize(const char *s, size_t n, size_t cols);

/* Copies src into dst (len bytes) cut and padded with spaces to exactly cols columns. */
void utf8_pad(char *dst, size_t len, const char *src, size_t cols);

#endif

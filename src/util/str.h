/* Small string helpers: name validation, edit distance, suggestions. */
#ifndef ALLO_STR_H
#define ALLO_STR_H

#include <stddef.h>

/* Levenshtein distance, capped: returns cap+1 when farther than cap. */
size_t str_distance(const char *a, const char *b, size_t cap);
/* The closest of names[0..n) to s when close enough to be a typo, else NULL. */
const char *str_suggest(const char *s, const char *const *names, size_t n);
/* 1 if s matches [a-z][a-z0-9_]* and is at most max bytes. */
int str_is_ident(const char *s, size_t max);
/* Parses a whole decimal integer (optional sign); 0 on success. */
int str_to_long(const char *s, long *out);
/* Parses a whole decimal number; 0 on success. */
int str_to_double(const char *s, double *out);

#endif

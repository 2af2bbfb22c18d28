/* Writing JSON: strings escaped, nothing else needed by the line protocols. */
#ifndef ALLO_JSON_H
#define ALLO_JSON_H

#include "util/buf.h"

/* Appends s as a JSON string literal (NULL as null). */
void json_str(struct buf *b, const char *s);
/* Appends a number the shortest way that reads back exactly. */
void json_num(struct buf *b, double v);

#endif

/* Frame values of a case, kept as a flat JSON object: read one, or render it for people. */
#ifndef ALLO_FRAME_H
#define ALLO_FRAME_H

#include <stddef.h>

#include "instrument/model.h"

/* Copies the value of key (number or unescaped string) into out; 1 found, 0 absent. */
int frame_get(const char *json, const char *key, char *out, size_t len);
/* "Les Vergnes (QPV)": the label of a coded frame value, else the value itself. */
void frame_label(const struct instrument *ins, const char *json, const char *key, char *out,
    size_t len);

#endif

/* Loading a questionnaire: YAML to model, with every static rule checked. */
#ifndef ALLO_INSTRUMENT_H
#define ALLO_INSTRUMENT_H

#include <stddef.h>

#include "instrument/model.h"
#include "util/diag.h"

/*
 * Loads and checks buf (len bytes) named name in messages. Every problem goes
 * into d; returns NULL if there was any error (warnings alone do not fail).
 */
struct instrument *instrument_load(const char *name, const char *buf, size_t len, struct diag *d);

/* Reads path whole; NULL with *cause (caller frees) if it cannot be read. */
char *instrument_read(const char *path, size_t *len, char **cause);

void instrument_free(struct instrument *ins);

#endif

/* A YAML document as a tree of positioned nodes, read with libyaml. */
#ifndef ALLO_YTREE_H
#define ALLO_YTREE_H

#include <stddef.h>

#include "instrument/model.h"
#include "util/arena.h"
#include "util/diag.h"

#define YTREE_MAX_BYTES (4u << 20)	/* a questionnaire is well under 1 MiB */
#define YTREE_MAX_DEPTH 32

enum ykind {
	Y_SCALAR, Y_SEQ, Y_MAP
};

struct ynode;

struct ypair {
	struct ynode *key, *val;
};

struct ynode {
	enum ykind kind;
	struct pos pos;
	int quoted;		/* scalar written in quotes (or as a block) */
	const char *value;	/* scalar text */
	struct ynode **items;	/* sequence */
	struct ypair *pairs;	/* mapping */
	size_t n;
};

/*
 * Parses buf (len bytes) into a tree allocated in a. Reports invalid UTF-8,
 * syntax errors, anchors and aliases, duplicate keys, excessive depth or size
 * into d; returns NULL when the document cannot be used.
 */
struct ynode *ytree_parse(struct arena *a, const char *buf, size_t len, struct diag *d);

/* The value of key in a mapping, or NULL. */
struct ynode *ytree_get(const struct ynode *map, const char *key);
const char *ykind_name(enum ykind k);

#endif

#include "instrument/ytree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/utf8.h"
#include "util/xmalloc.h"

/* A node being filled: its children grow in a heap array until it is closed. */
struct yframe {
	struct ynode *node;
	struct ynode **kids;
	size_t n, cap;
};

struct yparse {
	struct arena *a;
	struct diag *d;
	struct yframe stack[YTREE_MAX_DEPTH + 1];
	int depth;
	struct ynode *root;
};

const char *ykind_name(enum ykind k)
{
	switch (k) {
	case Y_SCALAR:
		return "a scalar";
	case Y_SEQ:
		return "a list";
	case Y_MAP:
		return "a mapping";
	}
	return "?";
}

/* Reports the first invalid byte with its line and column. */
static int ytree_check_utf8(const char *buf, size_t len, struct diag *d)
{
	size_t bad = utf8_check(buf, len), i, line = 1, col = 1;

	if (bad == len && memchr(buf, '\0', len) == NULL)
		return 0;
	if (bad == len)
		bad = (size_t)((const char *)memchr(buf, '\0', len) - buf);
	for (i = 0; i < bad; i++) {
		if (buf[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)buf[i] & 0xc0) != 0x80)
			col++;
	}
	diag_error(d, (int)line, (int)col,
	    "invalid UTF-8 byte 0x%02X: the file must be saved as UTF-8",
	    (unsigned char)buf[bad]);
	return -1;
}

/* 1 if buf holds nothing but blanks and comments. */
static int ytree_is_empty(const char *buf, size_t len)
{
	size_t i = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	while (i < len) {
		if (buf[i] == '#') {
			while (i < len && buf[i] != '\n')
				i++;
		} else if (strchr(" \t\r\n", buf[i]) != NULL)
			i++;
		else
			return 0;
	}
	return 1;
}

static struct ynode *ytree_node(struct yparse *p, enum ykind kind, const yaml_mark_t *m)
{
	struct ynode *n = arena_alloc(p->a, sizeof *n);

	n->kind = kind;
	n->pos.line = (int)m->line + 1;
	n->pos.col = (int)m->column + 1;
	return n;
}

/* Finds a key already present among the first n pairs. */
static const struct ynode *ytree_dup(const struct ypair *pairs, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (pairs[i].key->kind == Y_SCALAR && strcmp(pairs[i].key->value, key) == 0)
			return pairs[i].key;
	return NULL;
}

/* Moves a closed frame's children into its node (pairs for a mapping). */
static void ytree_close(struct yparse *p, struct yframe *f)
{
	struct ynode *n = f->node;
	size_t i;

	if (n->kind == Y_SEQ) {
		n->items = arena_alloc(p->a, f->n * sizeof *n->items);
		if (f->n > 0)
			memcpy(n->items, f->kids, f->n * sizeof *n->items);
		n->n = f->n;
	} else {
		n->pairs = arena_alloc(p->a, (f->n / 2) * sizeof *n->pairs);
		for (i = 0; i + 1 < f->n; i += 2) {
			struct ynode *k = f->kids[i];
			const struct ynode *prev;

			if (k->kind != Y_SCALAR) {
				diag_error(p->d, k->pos.line, k->pos.col, "a key must be a plain word, not %s",
				    ykind_name(k->kind));
				continue;
			}
			if ((prev = ytree_dup(n->pairs, n->n, k->value)) != NULL) {
				diag_error(p->d, k->pos.line, k->pos.col,
				    "duplicate key '%s' (first at line %d)", k->value, prev->pos.line);
				continue;
			}
			n->pairs[n->n].key = k;
			n->pairs[n->n].val = f->kids[i + 1];
			n->n++;
		}
	}
	free(f->kids);
	memset(f, 0, sizeof *f);
}

/* Hangs a finished node on its parent, or makes it the root. */
static void ytree_attach(struct yparse *p, struct ynode *n)
{
	struct yframe *f;

	if (p->depth == 0) {
		if (p->root == NULL)
			p->root = n;
		return;
	}
	f = &p->stack[p->depth - 1];
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->kids = xreallocarray(f->kids, f->cap, sizeof *f->kids);
	}
	f->kids[f->n++] = n;
}

static int ytree_open(struct yparse *p, enum ykind kind, const yaml_mark_t *m)
{
	if (p->depth >= YTREE_MAX_DEPTH) {
		diag_error(p->d, (int)m->line + 1, (int)m->column + 1,
		    "nesting deeper than %d levels", YTREE_MAX_DEPTH);
		return -1;
	}
	p->stack[p->depth].node = ytree_node(p, kind, m);
	p->depth++;
	return 0;
}

static void ytree_end(struct yparse *p)
{
	struct yframe *f = &p->stack[--p->depth];
	struct ynode *n = f->node;

	ytree_close(p, f);
	ytree_attach(p, n);
}

static void ytree_scalar(struct yparse *p, const yaml_event_t *ev)
{
	struct ynode *n = ytree_node(p, Y_SCALAR, &ev->start_mark);

	n->value = arena_strndup(p->a, (const char *)ev->data.scalar.value, ev->data.scalar.length);
	n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
	ytree_attach(p, n);
}

/* Anchors are refused so that no alias can multiply the document (alias bombs). */
static int ytree_anchor(struct yparse *p, const yaml_event_t *ev, const yaml_char_t *anchor)
{
	if (anchor == NULL)
		return 0;
	diag_error(p->d, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1,
	    "YAML anchors (&%s) are not allowed: write the value out or use a scale", anchor);
	return -1;
}

/* Handles one event; returns 1 at the end of the stream, -1 on error. */
static int ytree_event(struct yparse *p, const yaml_event_t *ev)
{
	const yaml_mark_t *m = &ev->start_mark;

	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_DOCUMENT_START_EVENT:
		if (p->root != NULL) {
			diag_error(p->d, (int)m->line + 1, (int)m->column + 1,
			    "a questionnaire is one YAML document; found a second one");
			return -1;
		}
		return 0;
	case YAML_ALIAS_EVENT:
		diag_error(p->d, (int)m->line + 1, (int)m->column + 1,
		    "YAML aliases (*%s) are not allowed", ev->data.alias.anchor);
		return -1;
	case YAML_SCALAR_EVENT:
		if (ytree_anchor(p, ev, ev->data.scalar.anchor) < 0)
			return -1;
		ytree_scalar(p, ev);
		return 0;
	case YAML_SEQUENCE_START_EVENT:
		if (ytree_anchor(p, ev, ev->data.sequence_start.anchor) < 0)
			return -1;
		return ytree_open(p, Y_SEQ, m);
	case YAML_MAPPING_START_EVENT:
		if (ytree_anchor(p, ev, ev->data.mapping_start.anchor) < 0)
			return -1;
		return ytree_open(p, Y_MAP, m);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		ytree_end(p);
		return 0;
	default:
		return 0;
	}
}

/* Reports libyaml's own error with its position. */
static void ytree_syntax(struct yparse *p, const yaml_parser_t *y)
{
	const yaml_mark_t *m = &y->problem_mark;

	if (y->context != NULL)
		diag_error(p->d, (int)m->line + 1, (int)m->column + 1,
		    "YAML syntax error: %s %s started at line %d", y->problem, y->context,
		    (int)y->context_mark.line + 1);
	else
		diag_error(p->d, (int)m->line + 1, (int)m->column + 1, "YAML syntax error: %s",
		    y->problem != NULL ? y->problem : "unreadable document");
}

struct ynode *ytree_parse(struct arena *a, const char *buf, size_t len, struct diag *d)
{
	struct yparse p = { .a = a, .d = d };
	yaml_parser_t y;
	yaml_event_t ev;
	int rc = 0;

	if (len > YTREE_MAX_BYTES) {
		diag_error(d, 0, 0, "file too large (%zu bytes; the limit is %u)", len, YTREE_MAX_BYTES);
		return NULL;
	}
	if (ytree_check_utf8(buf, len, d) < 0)
		return NULL;
	if (ytree_is_empty(buf, len)) {
		diag_error(d, 1, 1, "empty file: a questionnaire needs 'survey' and 'themes'");
		return NULL;
	}
	yaml_parser_initialize(&y);
	yaml_parser_set_input_string(&y, (const unsigned char *)buf, len);
	while (rc == 0) {
		if (!yaml_parser_parse(&y, &ev)) {
			ytree_syntax(&p, &y);
			rc = -1;
			break;
		}
		rc = ytree_event(&p, &ev);
		yaml_event_delete(&ev);
	}
	while (p.depth > 0) {
		p.depth--;
		free(p.stack[p.depth].kids);
	}
	yaml_parser_delete(&y);
	if (rc < 0)
		return NULL;
	return p.root;
}

struct ynode *ytree_get(const struct ynode *map, const char *key)
{
	size_t i;

	if (map == NULL || map->kind != Y_MAP)
		return NULL;
	for (i = 0; i < map->n; i++)
		if (strcmp(map->pairs[i].key->value, key) == 0)
			return map->pairs[i].val;
	return NULL;
}

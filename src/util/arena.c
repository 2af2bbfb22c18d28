#include "util/arena.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

#define ARENA_BLOCK 65536

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

/* Adds a block big enough for size bytes in front of the list. */
static struct arena_block *arena_grow(struct arena *a, size_t size)
{
	size_t want = size > ARENA_BLOCK ? size : ARENA_BLOCK;
	struct arena_block *b = xmalloc(sizeof *b + want);

	b->next = a->head;
	b->used = 0;
	b->size = want;
	a->head = b;
	return b;
}

void *arena_alloc(struct arena *a, size_t size)
{
	struct arena_block *b = a->head;
	void *p;

	size = (size + 15) & ~(size_t)15;
	if (b == NULL || b->size - b->used < size)
		b = arena_grow(a, size);
	p = b->data + b->used;
	b->used += size;
	memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_free(struct arena *a)
{
	struct arena_block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}

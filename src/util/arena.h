/* A bump allocator: everything a loaded questionnaire holds is freed at once. */
#ifndef ALLO_ARENA_H
#define ALLO_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
};

void *arena_alloc(struct arena *a, size_t size);	/* zeroed */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);

#endif

/* libFuzzer harness: free-text masking over arbitrary bytes, with arbitrary knowledge of the case;
 * it must not crash, must give valid UTF-8, and a masked text must be its own mask, counted
 * by the same marks. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "privacy/mask.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input split at its first three NUL bytes: phone, name, a personal value, then the text. */
static const char *fuzz_part(const char **p, const char *end)
{
	const char *s = *p, *z = memchr(s, '\0', (size_t)(end - s));

	if (z == NULL)
		return NULL;
	*p = z + 1;
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);
	const char *p = copy, *end = copy + size, *phone, *name, *value, *text;
	struct mask_counts n = { 0, 0, 0, 0 }, again = { 0, 0, 0, 0 };
	struct mask_known k;
	struct buf a = { NULL, 0, 0 }, b = { NULL, 0, 0 };

	memcpy(copy, data, size);
	copy[size] = '\0';
	phone = fuzz_part(&p, end);
	name = phone != NULL ? fuzz_part(&p, end) : NULL;
	value = name != NULL ? fuzz_part(&p, end) : NULL;
	text = p;
	k.phone = phone;
	k.name = name;
	k.personal = &value;
	k.npersonal = value != NULL;
	mask_text(&a, text, &k, &n);
	buf_add(&a, "", 0);
	if (utf8_check(a.s, a.len) != a.len)
		abort();
	mask_text(&b, a.s, &k, &again);
	buf_add(&b, "", 0);
	if (b.len != a.len || memcmp(a.s, b.s, a.len) != 0)
		abort();
	if (again.phones != n.phones || again.emails != n.emails || again.names != n.names ||
	    again.personal != n.personal)
		abort();
	buf_free(&a);
	buf_free(&b);
	free(copy);
	return 0;
}

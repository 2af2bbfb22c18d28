/* Table-driven tests of utf8_ellipsize: values cut for messages, by display columns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

#include "unit.h"

#define nitems(a) (sizeof (a) / sizeof (a)[0])

static const struct {
	const char *name, *in;
	size_t cols;
	const char *want;
} utf8_cases[] = {
	{ "short-kept", "abc", 5, "abc" },
	{ "exact-kept", "abcde", 5, "abcde" },
	{ "one-over-cut", "abcdef", 5, "abcd…" },
	{ "accents-cut-on-character", "ééééééé", 4, "ééé…" },
	{ "wide-not-split", "a漢字b", 4, "a漢…" },
	{ "wide-exact-kept", "漢字", 4, "漢字" },
	{ "wide-before-limit", "漢字漢", 4, "漢…" },
	{ "empty", "", 3, "" },
	{ "invalid-bytes-cut", "\xff\xff\xff\xff", 3, "\xff\xff…" },
	{ "zero-width-bounded", "\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01", 3,
	    "\x01\x01\x01\x01\x01\x01\x01\x01…" },
	{ "zero-cols", "abc", 0, "…" },
};

int main(void)
{
	char name[96];
	size_t i;

	for (i = 0; i < nitems(utf8_cases); i++) {
		char *got = utf8_ellipsize(utf8_cases[i].in, strlen(utf8_cases[i].in),
		    utf8_cases[i].cols);

		snprintf(name, sizeof name, "ellipsize-%s", utf8_cases[i].name);
		UNIT_STREQ(name, got, utf8_cases[i].want);
		free(got);
	}
	{
		char *got = utf8_ellipsize("abcdef", 3, 10);

		UNIT_STREQ("ellipsize-prefix-only", got, "abc");
		free(got);
	}
	UNIT_END();
}

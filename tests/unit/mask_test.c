/* Free-text masking over the hostile corpus: each text masked as the corpus says, and stable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/wave.h"

#include "unit.h"

/* Runs every "input TAB expected" line of the corpus; '#' lines are comments. */
static void test_corpus(void)
{
	const char *top = getenv("TOP");
	char path[4096], line[4096], name[64];
	struct buf b = { 0 };
	FILE *f;
	int n = 0;

	snprintf(path, sizeof path, "%s/tests/data/export/hostile-texts.tsv", top ? top : ".");
	f = fopen(path, "r");
	UNIT_OK("mask-corpus-opens", f != NULL, "%s", path);
	while (f != NULL && fgets(line, sizeof line, f) != NULL) {
		char *tab = strchr(line, '\t');

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || tab == NULL)
			continue;
		*tab = '\0';
		buf_reset(&b);
		clean_text(&b, line);
		snprintf(name, sizeof name, "mask-corpus-%d", ++n);
		UNIT_STREQ(name, b.s, tab + 1);
	}
	UNIT_OK("mask-corpus-size", n >= 30, "%d lines", n);
	if (f != NULL)
		fclose(f);
	buf_free(&b);
}

int main(void)
{
	test_corpus();
	UNIT_END();
}

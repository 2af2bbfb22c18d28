/* Free-text masking over the hostile corpus: each text masked as the corpus says, and stable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "privacy/mask.h"

#include "unit.h"

/* The case of the corpus: its phone, its sample name, its address in a personal frame variable. */
static const char *const corpus_personal[] = { "12 rue des Tilleuls" };
static const struct mask_known corpus_known = {
	"+33639981234", "Mme Hélène Lefèvre", corpus_personal, 1
};

/* A masked text masked again is the same, and nothing more is counted. */
static void test_again(const char *name, const char *masked)
{
	struct mask_counts n = { 0 };
	struct buf b = { 0 };
	char again[80];

	mask_text(&b, masked, &corpus_known, &n);
	snprintf(again, sizeof again, "%s-again", name);
	UNIT_OK(again, strcmp(b.s, masked) == 0 && n.phones + n.emails + n.names + n.personal == 0,
	    "got \"%s\" from \"%s\"", b.s, masked);
	buf_free(&b);
}

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
		mask_text(&b, line, &corpus_known, NULL);
		snprintf(name, sizeof name, "mask-corpus-%d", ++n);
		UNIT_STREQ(name, b.s, tab + 1);
		test_again(name, b.s);
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

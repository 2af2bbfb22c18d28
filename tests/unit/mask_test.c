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

/* A masked text masked again is the same, and counts its marks as before, no more. */
static void test_again(const char *name, const char *masked)
{
	struct mask_counts n = { 0 };
	struct buf b = { 0 };
	char again[80];

	mask_text(&b, masked, &corpus_known, &n);
	snprintf(again, sizeof again, "%s-again", name);
	UNIT_OK(again, strcmp(b.s, masked) == 0 &&
	    n.phones + n.emails + n.names + n.personal == mask_marks_in(masked),
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

/* What one call counts, by kind, added to what the counts held. */
static void test_counts(void)
{
	struct mask_counts n = { 1, 0, 0, 0 };
	struct buf b = { 0 };

	mask_text(&b, "Hélène, 06 39 98 12 34, h@x.fr, Tilleuls, LEFEVRE, 07 12 34 56 78",
	    &corpus_known, &n);
	UNIT_STREQ("mask-counts-text", b.s, "[nom masqué], [numéro masqué], [courriel masqué],"
	    " [donnée personnelle masquée], [nom masqué], [numéro masqué]");
	UNIT_OK("mask-counts", n.phones == 3 && n.emails == 1 && n.names == 2 && n.personal == 1,
	    "%zu %zu %zu %zu", n.phones, n.emails, n.names, n.personal);
	buf_free(&b);
}

/* Without knowledge, or once the contact is erased, only the general rules apply. */
static void test_unknown(void)
{
	static const struct mask_known erased = { NULL, NULL, NULL, 0 };
	const char *in = "Hélène au 98 12 34 ou 06 39 98 12 34, h@x.fr";
	const char *want = "Hélène au 98 12 34 ou [numéro masqué], [courriel masqué]";
	struct buf b = { 0 };
	size_t len;

	len = mask_text(&b, in, NULL, NULL);
	UNIT_STREQ("mask-no-knowledge", b.s, want);
	UNIT_OK("mask-returns-bytes", len == strlen(want), "%zu", len);
	buf_reset(&b);
	mask_text(&b, in, &erased, NULL);
	UNIT_STREQ("mask-erased-contact", b.s, want);
	buf_reset(&b);
	mask_text(&b, " \t\n ", &corpus_known, NULL);
	UNIT_OK("mask-blank-is-empty", b.len == 0 && b.s != NULL && b.s[0] == '\0', "%zu", b.len);
	buf_free(&b);
}

/* Short names and values would mask ordinary words: they are left out. */
static void test_short(void)
{
	static const char *const values[] = { "12", "Le Bourg" };
	static const struct mask_known k = { "+33473000000", "M. Li", values, 2 };
	struct buf b = { 0 };

	mask_text(&b, "le 12, Li et le bourg de Bourges", &k, NULL);
	UNIT_STREQ("mask-short-words-kept", b.s,
	    "le 12, Li et [donnée personnelle masquée] de Bourges");
	buf_free(&b);
}

int main(void)
{
	test_corpus();
	test_counts();
	test_unknown();
	test_short();
	UNIT_END();
}

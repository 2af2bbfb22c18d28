/* Table-driven tests of simulate_count_words: the words allo paths reads aloud for its estimate. */
#include <stdio.h>

#include "interview/simulate.h"

#include "unit.h"

#define nitems(a) (sizeof (a) / sizeof (a)[0])

static const struct {
	const char *name, *in;
	size_t want;
} words_cases[] = {
	{ "empty", "", 0 },
	{ "spaces-only", " \t\n ", 0 },
	{ "one", "Bonjour", 1 },
	{ "question-mark-alone", "Aimez-vous votre quartier ?", 3 },
	{ "guillemets-alone", "Prononcer « NOUS » ici", 3 },
	{ "elision-one-word", "d'années", 1 },
	{ "digits-count", "environ 45 minutes.", 3 },
	{ "accent-first", "Épicerie à côté", 3 },
	{ "ligature", "Œuvre", 1 },
	{ "dash-alone", "oui — non", 2 },
	{ "ellipsis-alone", "alors …", 1 },
	{ "tabs-and-newlines", "un\tdeux\ntrois\r\nquatre", 4 },
	{ "trailing-space", "fin ", 1 },
};

int main(void)
{
	char name[96];
	size_t i, got;

	for (i = 0; i < nitems(words_cases); i++) {
		got = simulate_count_words(words_cases[i].in);
		snprintf(name, sizeof name, "words-%s", words_cases[i].name);
		UNIT_OK(name, got == words_cases[i].want, "got %zu, want %zu", got,
		    words_cases[i].want);
	}
	UNIT_END();
}

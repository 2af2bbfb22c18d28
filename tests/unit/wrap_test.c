/* term_wrap by French typography: no line starts with "?", "!", ":", ";" or "»", none ends with "«", no number is split. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/term.h"

#include "unit.h"

#define nitems(a) (sizeof (a) / sizeof (a)[0])

static const struct {
	const char *name, *in;
	int width;
	const char *want;	/* the lines joined by "|" */
} wrap_cases[] = {
	{ "plain", "un deux trois quatre", 10, "un deux|trois|quatre" },
	{ "question-mark-kept", "Vous sentez-vous bien ?", 21, "Vous sentez-vous|bien ?" },
	{ "semicolon-kept", "le travail ; le logement", 11, "le|travail ;|le logement" },
	{ "guillemets-kept", "il dit « bonjour » ici", 16, "il dit|« bonjour » ici" },
	{ "closing-guillemet-kept", "le mot « quartier »", 18, "le mot|« quartier »" },
	{ "thousands-kept", "moins de 1 000 euros par mois", 10, "moins de|1 000|euros par|mois" },
	{ "year-may-break", "en 2017 pour", 7, "en 2017|pour" },
	{ "no-break-space-kept", "environ 10\u00a0% des", 10, "environ|10\u00a0% des" },
	{ "long-word-cut", "abcdefghijkl", 8, "abcdefgh|ijkl" },
};

static char *wrap_join(const char *in, int width)
{
	char **lines, *out;
	size_t n = term_wrap(in, width, &lines), i, len = 1;

	for (i = 0; i < n; i++)
		len += strlen(lines[i]) + 1;
	out = calloc(1, len);
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(out, "|");
		strcat(out, lines[i]);
	}
	term_free_lines(lines, n);
	return out;
}

int main(void)
{
	size_t i;

	for (i = 0; i < nitems(wrap_cases); i++) {
		char *got = wrap_join(wrap_cases[i].in, wrap_cases[i].width);

		UNIT_STREQ(wrap_cases[i].name, got, wrap_cases[i].want);
		free(got);
	}
	UNIT_END();
}

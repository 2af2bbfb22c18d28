#include "instrument/model.h"

#include <string.h>

const struct question *instrument_var(const struct instrument *ins, const char *name)
{
	size_t i;

	for (i = 0; i < ins->nvars; i++)
		if (strcmp(ins->vars[i]->id, name) == 0)
			return ins->vars[i];
	return NULL;
}

const struct option *optlist_find(const struct optlist *o, long code)
{
	size_t i;

	if (o == NULL)
		return NULL;
	for (i = 0; i < o->n; i++)
		if (o->v[i].code == code)
			return &o->v[i];
	return NULL;
}

const char *qtype_name(enum qtype t)
{
	static const char *const names[] = {
		"single", "multi", "number", "text", "date", "info", "computed"
	};

	if ((size_t)t >= sizeof names / sizeof names[0])
		return "?";
	return names[t];
}

const char *outcome_name(enum outcome o)
{
	static const char *const names[] = {
		"none", "refusal", "ineligible", "quota_full"
	};

	if ((size_t)o >= sizeof names / sizeof names[0])
		return "?";
	return names[o];
}

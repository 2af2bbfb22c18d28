#include "field/frame.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"

/* Reads a JSON string starting after its opening quote into out; returns the end, or NULL. */
static const char *frame_string(const char *p, char *out, size_t len)
{
	size_t n = 0;

	for (; *p != '\0' && *p != '"'; p++) {
		char c = *p;

		if (c == '\\' && p[1] != '\0') {
			p++;
			c = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
			if (*p == 'u' && strlen(p) >= 5) {
				c = '?';	/* control characters only: never in frame values people read */
				p += 4;
			}
		}
		if (n + 1 < len)
			out[n++] = c;
	}
	if (len > 0)
		out[n] = '\0';
	return *p == '"' ? p + 1 : NULL;
}

int frame_get(const char *json, const char *key, char *out, size_t len)
{
	char name[128];
	const char *p = json != NULL ? strchr(json, '{') : NULL;

	while (p != NULL && (p = strchr(p, '"')) != NULL) {
		if ((p = frame_string(p + 1, name, sizeof name)) == NULL)
			return 0;
		p += strspn(p, " \t:");
		if (strcmp(name, key) == 0) {
			if (*p == '"')
				return frame_string(p + 1, out, len) != NULL;
			snprintf(out, len, "%.*s", (int)strcspn(p, ",} \t"), p);
			return strncmp(out, "null", 4) != 0;
		}
		if (*p == '"' && (p = frame_string(p + 1, out, len)) == NULL)
			return 0;
		p = p != NULL ? strchr(p, ',') : NULL;
	}
	return 0;
}

void frame_label(const struct instrument *ins, const char *json, const char *key, char *out,
    size_t len)
{
	const struct question *q = instrument_var(ins, key);
	const struct option *o;
	char raw[256];
	long code;

	if (!frame_get(json, key, raw, sizeof raw)) {
		snprintf(out, len, "?");
		return;
	}
	if (q != NULL && q->options != NULL && str_to_long(raw, &code) == 0 &&
	    (o = optlist_find(q->options, code)) != NULL)
		snprintf(out, len, "%s", o->label);
	else
		snprintf(out, len, "%s", raw);
}

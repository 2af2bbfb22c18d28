#include "util/json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void json_str(struct buf *b, const char *s)
{
	if (s == NULL) {
		buf_adds(b, "null");
		return;
	}
	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)c);
		} else if (c == '\n')
			buf_adds(b, "\\n");
		else if (c == '\t')
			buf_adds(b, "\\t");
		else if (c == '\r')
			buf_adds(b, "\\r");
		else if (c < 0x20)
			buf_addf(b, "\\u%04x", c);
		else
			buf_addc(b, (char)c);
	}
	buf_addc(b, '"');
}

void json_num(struct buf *b, double v)
{
	char tmp[32];

	if (!isfinite(v)) {
		buf_adds(b, "null");
		return;
	}
	if (v == (double)(long long)v && fabs(v) < 1e15)
		buf_addf(b, "%lld", (long long)v);
	else {
		snprintf(tmp, sizeof tmp, "%.15g", v);
		buf_adds(b, tmp);
	}
}

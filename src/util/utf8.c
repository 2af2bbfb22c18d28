#include "util/utf8.h"

#include <string.h>

#include "util/xmalloc.h"

int utf8_decode(const char *str, size_t len, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c, min;
	int n, i;

	*cp = 0xfffd;
	if (len == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2; c &= 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3; c &= 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4; c &= 0x07; min = 0x10000;
	} else
		return 1;
	if ((size_t)n > len)
		return 1;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 1;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 1;
	*cp = c;
	return n;
}

size_t utf8_check(const char *s, size_t len)
{
	size_t i = 0;
	unsigned cp;
	int n;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == 0xfffd && n == 1)
			return i;
		i += (size_t)n;
	}
	return len;
}

size_t utf8_chars(const char *s, size_t n)
{
	size_t i, count = 0;

	for (i = 0; i < n && s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			count++;
	return count;
}

/* Wide East Asian and emoji ranges, for terminals without a wcwidth locale. */
static int utf8_is_wide(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) ||
	    (cp >= 0x20000 && cp <= 0x3fffd);
}

int utf8_cpwidth(unsigned cp)
{
	if (cp == 0)
		return 0;
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	if ((cp >= 0x300 && cp <= 0x36f) || cp == 0x200b || (cp >= 0xfe00 && cp <= 0xfe0f))
		return 0;
	return utf8_is_wide(cp) ? 2 : 1;
}

size_t utf8_width(const char *s)
{
	size_t len = strlen(s), i = 0, w = 0;
	unsigned cp;

	while (i < len) {
		i += (size_t)utf8_decode(s + i, len - i, &cp);
		w += (size_t)utf8_cpwidth(cp);
	}
	return w;
}

size_t utf8_fit(const char *s, size_t cols)
{
	size_t len = strlen(s), i = 0, w = 0;
	unsigned cp;
	int n, cw;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		cw = utf8_cpwidth(cp);
		if (w + (size_t)cw > cols)
			break;
		w += (size_t)cw;
		i += (size_t)n;
	}
	return i;
}

void utf8_pad(char *dst, size_t len, const char *src, size_t cols)
{
	size_t n = utf8_fit(src, cols), w;

	if (n + 1 > len)
		n = len - 1;
	while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
		n--;		/* never cut inside a character, even when dst is short */
	memcpy(dst, src, n);
	dst[n] = '\0';
	w = utf8_width(dst);
	while (w < cols && n + 1 < len) {
		dst[n++] = ' ';
		w++;
	}
	dst[n] = '\0';
}

/* Bytes of s[0..len) that fit in cols columns and in bytes bytes, never cutting a character. */
static size_t utf8_prefix(const char *s, size_t len, size_t cols, size_t bytes)
{
	size_t i = 0, w = 0;
	unsigned cp;
	int n, cw;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		cw = utf8_cpwidth(cp);
		if (w + (size_t)cw > cols || i + (size_t)n > bytes)
			break;
		w += (size_t)cw;
		i += (size_t)n;
	}
	return i;
}

char *utf8_ellipsize(const char *s, size_t n, size_t cols)
{
	size_t keep;
	char *out;

	if (cols == 0)
		cols = 1;
	if (utf8_prefix(s, n, cols, 4 * cols) == n)
		return xstrndup(s, n);
	keep = utf8_prefix(s, n, cols - 1, 4 * (cols - 1));
	out = xmalloc(keep + sizeof "…");
	memcpy(out, s, keep);
	memcpy(out + keep, "…", sizeof "…");
	return out;
}

/* Pseudonymous ids: HMAC-SHA256 under a secret that only the database holds. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "export/wave.h"
#include "store/export.h"
#include "util/xmalloc.h"

#define PSEUDO_SECRET_BYTES 32
#define PSEUDO_HEX_DIGITS 12	/* 48 bits: no collision in any survey's sample */

/* The HMAC states after the inner and outer padded key (RFC 2104). */
void pseudo_key(struct pseudo *p, const void *key, size_t len)
{
	unsigned char k[64], pad[64];
	size_t i;

	memset(k, 0, sizeof k);
	if (len > sizeof k) {
		struct sha256 c;

		sha256_init(&c);
		sha256_update(&c, key, len);
		sha256_final(&c, k);
	} else if (len > 0)
		memcpy(k, key, len);
	for (i = 0; i < sizeof pad; i++)
		pad[i] = k[i] ^ 0x36;
	sha256_init(&p->inner);
	sha256_update(&p->inner, pad, sizeof pad);
	for (i = 0; i < sizeof pad; i++)
		pad[i] = k[i] ^ 0x5c;
	sha256_init(&p->outer);
	sha256_update(&p->outer, pad, sizeof pad);
}

/* HMAC of the message given in two parts under the prepared key. */
static void pseudo_mac(const struct pseudo *p, const void *a, size_t alen, const void *b,
    size_t blen, unsigned char out[32])
{
	struct sha256 c = p->inner;
	unsigned char inner[32];

	sha256_update(&c, a, alen);
	sha256_update(&c, b, blen);
	sha256_final(&c, inner);
	c = p->outer;
	sha256_update(&c, inner, sizeof inner);
	sha256_final(&c, out);
}

void pseudo_hmac(const void *key, size_t keylen, const void *msg, size_t len,
    unsigned char out[32])
{
	struct pseudo p;

	pseudo_key(&p, key, keylen);
	pseudo_mac(&p, msg, len, "", 0, out);
}

void pseudo_id(const struct pseudo *p, char prefix, const char *domain, const char *value,
    char out[PSEUDO_LEN])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char mac[32];
	char head[40];
	int i, n;

	n = snprintf(head, sizeof head, "%s:", domain);
	pseudo_mac(p, head, (size_t)n, value, strlen(value), mac);
	out[0] = prefix;
	for (i = 0; i < PSEUDO_HEX_DIGITS; i++)
		out[1 + i] = hex[(mac[i / 2] >> (i % 2 ? 0 : 4)) & 0xf];
	out[1 + PSEUDO_HEX_DIGITS] = '\0';
}

/* 32 bytes from /dev/urandom as hex; -1 if the system cannot give them. */
static int pseudo_random(char hex[2 * PSEUDO_SECRET_BYTES + 1])
{
	unsigned char r[PSEUDO_SECRET_BYTES];
	size_t got = 0, i;
	ssize_t n;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while (got < sizeof r && (n = read(fd, r + got, sizeof r - got)) > 0)
		got += (size_t)n;
	close(fd);
	if (got < sizeof r)
		return -1;
	for (i = 0; i < sizeof r; i++)
		snprintf(hex + 2 * i, 3, "%02x", r[i]);
	return 0;
}

/* Reads the secret of the database, making one on the first export. */
int pseudo_init(struct pseudo *p, struct store *st, char **cause)
{
	char candidate[2 * PSEUDO_SECRET_BYTES + 1], secret[256];

	if (pseudo_random(candidate) < 0) {
		*cause = xstrdup("cannot read /dev/urandom for the export secret");
		return -1;
	}
	if (store_export_secret(st, candidate, secret, sizeof secret, cause) < 0)
		return -1;
	if (strlen(secret) < 32) {
		*cause = xstrdup("the export secret of the database is too short");
		return -1;
	}
	pseudo_key(p, secret, strlen(secret));
	memset(candidate, 0, sizeof candidate);
	memset(secret, 0, sizeof secret);
	return 0;
}

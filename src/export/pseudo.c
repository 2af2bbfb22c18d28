/* Pseudonymous ids: HMAC-SHA256 under a secret of the wave, that only the database holds. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "export/wave.h"
#include "store/export.h"
#include "util/xmalloc.h"

#define PSEUDO_SECRET_BYTES 32
#define PSEUDO_HEX_DIGITS 12	/* 48 bits: no collision in any survey's sample */

void pseudo_id(const struct pseudo *p, char prefix, const char *domain, const char *value,
    char out[PSEUDO_LEN])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char mac[32];
	char head[40];
	int i, n;

	n = snprintf(head, sizeof head, "%s:", domain);
	hmac_mac(&p->key, head, (size_t)n, value, strlen(value), mac);
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

/* Reads the secret of the wave, making one on its first export. */
int pseudo_init(struct pseudo *p, struct store *st, const char *wave, char **cause)
{
	char candidate[2 * PSEUDO_SECRET_BYTES + 1], secret[256];

	if (pseudo_random(candidate) < 0) {
		*cause = xstrdup("cannot read /dev/urandom for the export secret");
		return -1;
	}
	if (store_export_secret(st, wave, candidate, secret, sizeof secret, cause) < 0)
		return -1;
	if (secret[0] == '\0') {
		*cause = xasprintf("no case in wave %s (allo sample import --wave)", wave);
		return -1;
	}
	if (strlen(secret) < 32) {
		*cause = xasprintf("the export secret of wave %s is too short", wave);
		return -1;
	}
	hmac_key(&p->key, secret, strlen(secret));
	memset(candidate, 0, sizeof candidate);
	memset(secret, 0, sizeof secret);
	return 0;
}

/* SHA-256, for the identity of questionnaire versions and export manifests. */
#ifndef ALLO_SHA256_H
#define ALLO_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char block[64];
	size_t used;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
void sha256_final(struct sha256 *c, unsigned char out[32]);
/* The hex digest of data into hex (65 bytes). */
void sha256_hex(const void *data, size_t len, char hex[65]);

#endif

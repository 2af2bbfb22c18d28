/* SHA-256, for the identity of questionnaire versions and export manifests, and HMAC-SHA256 for keyed hashes. */
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

/* An HMAC-SHA256 key (RFC 2104): the hash states after the inner and outer padded key. */
struct hmac {
	struct sha256 inner, outer;
};

void hmac_key(struct hmac *h, const void *key, size_t len);
/* The HMAC of the message given in two parts (a then b) under the prepared key. */
void hmac_mac(const struct hmac *h, const void *a, size_t alen, const void *b, size_t blen,
    unsigned char out[32]);
/* HMAC-SHA256 of msg under key, in one call. */
void hmac_sha256(const void *key, size_t keylen, const void *msg, size_t len,
    unsigned char out[32]);
/* The same as 64 lowercase hex digits and a NUL. */
void hmac_sha256_hex(const void *key, size_t keylen, const void *msg, size_t len, char hex[65]);

#endif

/* The low-level SHA-256 functions are deprecated in OpenSSL 3 but remain exported; they let
   an HMAC key be prepared once (RFC 2104 inner and outer states) instead of on every call. */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/md5.h>
#include <string.h>

/* HMAC-SHA256 with the key already absorbed: one inner and one outer hash state. */
typedef struct {
    SHA256_CTX inner;
    SHA256_CTX outer;
} cc_hmac_sha256_key;

static inline void cc_hmac_sha256_key_init(cc_hmac_sha256_key *prepared, const unsigned char *key, size_t length) {
    unsigned char block[64];
    memset(block, 0, sizeof block);
    if (length > sizeof block) {
        SHA256(key, length, block);
    } else if (length > 0) {
        memcpy(block, key, length);
    }
    unsigned char pad[64];
    for (int i = 0; i < 64; i++) pad[i] = block[i] ^ 0x36;
    SHA256_Init(&prepared->inner);
    SHA256_Update(&prepared->inner, pad, sizeof pad);
    for (int i = 0; i < 64; i++) pad[i] = block[i] ^ 0x5c;
    SHA256_Init(&prepared->outer);
    SHA256_Update(&prepared->outer, pad, sizeof pad);
    OPENSSL_cleanse(block, sizeof block);
    OPENSSL_cleanse(pad, sizeof pad);
}

static inline void cc_hmac_sha256(const cc_hmac_sha256_key *prepared, const unsigned char *message, size_t length,
                                  unsigned char out[32]) {
    SHA256_CTX context = prepared->inner;
    unsigned char inner[32];
    SHA256_Update(&context, message, length);
    SHA256_Final(inner, &context);
    context = prepared->outer;
    SHA256_Update(&context, inner, sizeof inner);
    SHA256_Final(out, &context);
}

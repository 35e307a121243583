package com.commercesuite.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the gateway checks bearer tokens: HS256 with a secret shared with whoever mints them
 * ({@code bin/suite token} locally). No default on purpose: a gateway without a secret does not start.
 *
 * @param secret the HMAC key, at least 32 bytes (256 bits, what HS256 requires); env GATEWAY_JWT_SECRET
 */
@ConfigurationProperties("commerce.gateway.jwt")
record JwtProperties(String secret) {

    static final int MIN_SECRET_BYTES = 32;
}

package com.commercesuite.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the gateway checks bearer tokens: HS256 with a secret shared with whoever mints them
 * ({@code bin/suite token} locally), issued by {@code issuer} for {@code audience}. The secret has no
 * default on purpose: a gateway without one, or with one written anywhere in the repository, does not start.
 *
 * @param secret the HMAC key, at least 32 bytes (256 bits, what HS256 requires); env GATEWAY_JWT_SECRET
 * @param issuer the {@code iss} every token must carry; env GATEWAY_JWT_ISSUER
 * @param audience a value the token's {@code aud} must contain; env GATEWAY_JWT_AUDIENCE
 */
@ConfigurationProperties("commerce.gateway.jwt")
record JwtProperties(String secret, String issuer, String audience) {

    static final int MIN_SECRET_BYTES = 32;
}

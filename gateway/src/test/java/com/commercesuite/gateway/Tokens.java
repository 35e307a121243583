package com.commercesuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Bearer tokens as bin/suite token mints them (HS256, subject = user id, roles claim), and broken ones. */
final class Tokens {

    static final String SECRET = "test-secret-of-the-gateway-tests-0123456789abcdef";
    private static final String OTHER_SECRET = "some-other-secret-that-is-also-long-enough-0123456789";

    private Tokens() {
    }

    static String user(long userId) {
        return signed(SECRET, Long.toString(userId), List.of("user"), Instant.now().plus(Duration.ofHours(1)));
    }

    static String admin(long userId) {
        return signed(SECRET, Long.toString(userId), List.of("admin"), Instant.now().plus(Duration.ofHours(1)));
    }

    static String expired(long userId) {
        return signed(SECRET, Long.toString(userId), List.of("user"), Instant.now().minus(Duration.ofHours(1)));
    }

    static String signedWithAnotherKey(long userId) {
        return signed(OTHER_SECRET, Long.toString(userId), List.of("user"), Instant.now().plus(Duration.ofHours(1)));
    }

    static String withSubject(String subject) {
        return signed(SECRET, subject, List.of("user"), Instant.now().plus(Duration.ofHours(1)));
    }

    private static String signed(String secret, String subject, List<String> roles, Instant expiresAt) {
        var claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("roles", roles)
                .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .expirationTime(Date.from(expiresAt))
                .build();
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

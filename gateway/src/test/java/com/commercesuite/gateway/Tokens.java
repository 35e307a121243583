package com.commercesuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * Bearer tokens as bin/suite token mints them (HS256, subject = user id, roles claim, the local
 * issuer and audience), and broken ones. The secrets are made per run: the gateway refuses any
 * secret written in the repository.
 */
final class Tokens {

    static final String SECRET = randomSecret();
    private static final String OTHER_SECRET = randomSecret();
    /** The gateway's defaults (application.yml), as bin/lib/token.sh mints them. */
    static final String ISSUER = "commerce-suite-local";
    static final String AUDIENCE = "commerce-suite-gateway";

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

    /** A user's token, valid but for its issuer and audience (null: the claim is left out). */
    static String issuedBy(String issuer, String audience, long userId) {
        return signed(SECRET, Long.toString(userId), List.of("user"), Instant.now().plus(Duration.ofHours(1)), issuer, audience);
    }

    private static String signed(String secret, String subject, List<String> roles, Instant expiresAt) {
        return signed(secret, subject, roles, expiresAt, ISSUER, AUDIENCE);
    }

    private static String signed(String secret, String subject, List<String> roles, Instant expiresAt,
                                 String issuer, String audience) {
        var claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer)
                .audience(audience)
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

    private static String randomSecret() {
        return HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
    }
}

package com.commercesuite.gateway.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** Decoding and validating bearer tokens. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JwtProperties.class)
class JwtConfiguration {

    /** A user id: digits, as many as a long holds. */
    private static final Pattern USER_ID = Pattern.compile("[0-9]{1,18}");

    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtProperties properties) {
        String secret = properties.secret();
        String refusal = refusalOf(secret);
        if (refusal != null) {
            throw new InvalidJwtSecretException(refusal);
        }
        byte[] key = secret.getBytes(UTF_8);
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                // A token minted for another issuer or another audience is refused, even if it shares the key.
                JwtValidators.createDefaultWithIssuer(required("issuer", properties.issuer())),
                new JwtAudienceValidator(required("audience", properties.audience())),
                // A token that never expires is refused: every token the suite mints carries exp.
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, exp -> exp != null),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && USER_ID.matcher(sub).matches())));
        return new VerifiedTokenCache(decoder, Clock.systemUTC());
    }

    /** Why the gateway will not start with this secret, or null when it will. */
    static String refusalOf(String secret) {
        if (secret == null || secret.isBlank()) {
            return "The gateway has no JWT secret (commerce.gateway.jwt.secret, env GATEWAY_JWT_SECRET) and will not "
                    + "start without one: there is no default secret.";
        }
        int bytes = secret.getBytes(UTF_8).length;
        if (bytes < JwtProperties.MIN_SECRET_BYTES) {
            return "The gateway's JWT secret has " + bytes + " bytes; HS256 needs at least " + JwtProperties.MIN_SECRET_BYTES + ".";
        }
        if (PublishedSecrets.contains(secret)) {
            return "The gateway's JWT secret is one written in the commerce-suite repository: anyone who has read it "
                    + "could sign tokens, so the gateway will not start with it.";
        }
        if (secret.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").contains("changeme")) {
            return "The gateway's JWT secret is a placeholder (it says change-me): the gateway will not start with it.";
        }
        return null;
    }

    private static String required(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("commerce.gateway.jwt." + property + " must not be blank: every token is checked against it");
        }
        return value;
    }

}

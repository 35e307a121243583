package com.commercesuite.gateway.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
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
        if (secret == null || secret.isBlank()) {
            throw new InvalidJwtSecretException("The gateway has no JWT secret (commerce.gateway.jwt.secret, env "
                    + "GATEWAY_JWT_SECRET) and will not start without one: there is no default secret.");
        }
        byte[] key = secret.getBytes(UTF_8);
        if (key.length < JwtProperties.MIN_SECRET_BYTES) {
            throw new InvalidJwtSecretException("The gateway's JWT secret has " + key.length + " bytes; HS256 needs at least "
                    + JwtProperties.MIN_SECRET_BYTES + ".");
        }
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefault(),
                // A token that never expires is refused: every token the suite mints carries exp.
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, exp -> exp != null),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && USER_ID.matcher(sub).matches())));
        return new VerifiedTokenCache(decoder, Clock.systemUTC());
    }

}

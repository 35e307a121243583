package com.commercesuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class VerifiedTokenCacheTests {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();

    @Test
    void aTokenIsVerifiedOnceWhileItIsValid() {
        var cache = new VerifiedTokenCache(verifierExpiringAt(NOW.plusSeconds(60)), Clock.fixed(NOW, ZoneOffset.UTC));

        Jwt first = cache.decode("token-a").block();
        Jwt second = cache.decode("token-a").block();

        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void anExpiredTokenIsVerifiedAgainAndNotServedFromTheCache() {
        var clock = new MovableClock(NOW);
        ReactiveJwtDecoder verifier = token -> {
            verifications.incrementAndGet();
            return clock.instant().isBefore(NOW.plusSeconds(60))
                    ? Mono.just(jwt(token, NOW.plusSeconds(60)))
                    : Mono.error(new BadJwtException("Jwt expired"));
        };
        var cache = new VerifiedTokenCache(verifier, clock);
        cache.decode("token-b").block();

        clock.now = NOW.plusSeconds(61);

        assertThatThrownBy(() -> cache.decode("token-b").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        ReactiveJwtDecoder verifier = token -> {
            verifications.incrementAndGet();
            return Mono.error(new BadJwtException("bad signature"));
        };
        var cache = new VerifiedTokenCache(verifier, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void theCacheStaysBounded() {
        var cache = new VerifiedTokenCache(verifierExpiringAt(NOW.plusSeconds(60)), Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i <= VerifiedTokenCache.MAX_TOKENS; i++) {
            cache.decode("token-" + i).block();
        }

        cache.decode("token-0").block();

        assertThat(verifications).hasValue(VerifiedTokenCache.MAX_TOKENS + 2);
    }

    private ReactiveJwtDecoder verifierExpiringAt(Instant expiresAt) {
        return token -> {
            verifications.incrementAndGet();
            return Mono.just(jwt(token, expiresAt));
        };
    }

    private static Jwt jwt(String token, Instant expiresAt) {
        return Jwt.withTokenValue(token).header("alg", "HS256").subject("42")
                .issuedAt(expiresAt.minus(Duration.ofHours(1))).expiresAt(expiresAt).build();
    }

    private static final class MovableClock extends Clock {

        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

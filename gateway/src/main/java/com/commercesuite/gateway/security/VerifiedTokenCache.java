package com.commercesuite.gateway.security;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Checks each distinct token once: a client sends the same token with every request, and the
 * signature check and claim parsing are a large share of the gateway's own work per request. The
 * key is the whole token, signature included, so only the very token that was verified matches;
 * an entry is dropped when its token expires. Bounded: when full it starts over.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    static final int MAX_TOKENS = 4096;

    private final ReactiveJwtDecoder verifier;
    private final Clock clock;
    private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedTokenCache(ReactiveJwtDecoder verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.get(token);
        if (known != null) {
            if (isUnexpired(known)) {
                return Mono.just(known);
            }
            verified.remove(token);
        }
        return verifier.decode(token).doOnNext(jwt -> remember(token, jwt));
    }

    private void remember(String token, Jwt jwt) {
        if (!isUnexpired(jwt)) {
            return;
        }
        if (verified.size() >= MAX_TOKENS) {
            verified.clear();
        }
        verified.put(token, jwt);
    }

    private boolean isUnexpired(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt != null && expiresAt.isAfter(clock.instant());
    }
}

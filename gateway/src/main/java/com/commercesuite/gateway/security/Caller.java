package com.commercesuite.gateway.security;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who sent a request, from its validated token: the subject is the user's id (digits only), the
 * {@code roles} claim their roles.
 */
public record Caller(String userId, List<String> roles) {

    public static final String ADMIN = "admin";

    /** The authenticated caller, or empty for a request that needed no token. */
    public static Mono<Caller> of(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .cast(JwtAuthenticationToken.class)
                .map(token -> {
                    List<String> roles = token.getToken().getClaimAsStringList(JwtConfiguration.ROLES_CLAIM);
                    return new Caller(token.getToken().getSubject(), roles == null ? List.of() : List.copyOf(roles));
                });
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    /** Whether this caller may act for the given user id: themself, or anyone when admin. */
    public boolean mayActFor(BigDecimal otherUserId) {
        return isAdmin() || new BigDecimal(userId).compareTo(otherUserId) == 0;
    }
}

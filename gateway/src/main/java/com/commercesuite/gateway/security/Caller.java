package com.commercesuite.gateway.security;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who sent a request, from its validated token: the subject is the user's id (digits only), the
 * {@code roles} claim their roles.
 */
public record Caller(String userId, List<String> roles) {

    public static final String ADMIN = "admin";
    static final String ROLES_CLAIM = "roles";
    private static final String ATTRIBUTE = Caller.class.getName();

    /** The caller whose token the request carried, or empty for a request that needed none. */
    public static Optional<Caller> of(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }

    static Caller from(Jwt token) {
        List<String> roles = token.getClaimAsStringList(ROLES_CLAIM);
        return new Caller(token.getSubject(), roles == null ? List.of() : List.copyOf(roles));
    }

    void attachTo(ServerWebExchange exchange) {
        exchange.getAttributes().put(ATTRIBUTE, this);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    /** Whether this caller may act for the given user id: themself, or anyone when admin. */
    public boolean mayActFor(BigDecimal otherUserId) {
        return isAdmin() || new BigDecimal(userId).compareTo(otherUserId) == 0;
    }
}

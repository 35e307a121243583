package com.commercesuite.gateway.ownership;

import com.commercesuite.gateway.problem.GatewayProblem;
import com.commercesuite.gateway.security.Caller;
import java.math.BigDecimal;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The check both kinds of rule share: whom a request acts for, against who sends it. */
final class ActingUser {

    private ActingUser() {
    }

    /** The caller; a route with a rule is refused to a request without one rather than let through. */
    static Mono<Caller> callerOf(ServerWebExchange exchange) {
        return Mono.justOrEmpty(Caller.of(exchange)).switchIfEmpty(Mono.error(() -> GatewayProblem.of(HttpStatus.FORBIDDEN, "forbidden",
                "This API acts for a user and needs that user's token")));
    }

    /** Throws a 403 problem unless the caller may act for the user named {@code asSent}, read as {@code named}. */
    static void requireActingFor(Caller caller, BigDecimal named, String asSent) {
        if (named == null || !caller.mayActFor(named)) {
            throw GatewayProblem.of(HttpStatus.FORBIDDEN, "forbidden",
                    "User " + caller.userId() + " may act only as themself, not for user " + asSent);
        }
    }
}

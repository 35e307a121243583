package com.commercesuite.gateway.ownership;

import java.math.BigDecimal;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code CallerIsUser=path,<variable>}: the user id is a variable of the route's {@code Path} predicate. */
final class UserInPath implements GatewayFilter {

    private final String variable;

    UserInPath(String variable) {
        this.variable = variable;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String userId = ServerWebExchangeUtils.getUriTemplateVariables(exchange).get(variable);
        if (userId == null) {
            // A route whose Path does not declare the variable: refused (500, logged), never let through unchecked.
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            return Mono.error(new IllegalStateException("Route " + (route == null ? "?" : route.getId())
                    + " checks the path variable {" + variable + "}, which its Path predicate does not declare"));
        }
        return ActingUser.callerOf(exchange).flatMap(caller -> {
            ActingUser.requireActingFor(caller, asNumber(userId), userId);
            return chain.filter(exchange);
        });
    }

    private static BigDecimal asNumber(String userId) {
        try {
            return new BigDecimal(userId);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "CallerIsUser=path," + variable;
    }
}

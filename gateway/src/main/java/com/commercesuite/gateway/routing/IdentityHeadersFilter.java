package com.commercesuite.gateway.routing;

import com.commercesuite.gateway.security.Caller;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Tells the services who is calling: {@code X-User-Id} (the token's subject) and
 * {@code X-User-Roles} (comma-separated). Whatever a client sent under these names is dropped
 * first, so a service can trust them. The bearer token itself stays at the edge: no service reads
 * it, and a token that reached a service's logs or a compromised service could be replayed here.
 */
@Component
class IdentityHeadersFilter implements GlobalFilter, Ordered {

    static final String USER_ID = "X-User-Id";
    static final String USER_ROLES = "X-User-Roles";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Optional<Caller> caller = Caller.of(exchange);
        return chain.filter(exchange.mutate().request(request -> request.headers(headers -> {
            headers.remove(HttpHeaders.AUTHORIZATION);
            headers.remove(USER_ID);
            headers.remove(USER_ROLES);
            caller.ifPresent(c -> {
                headers.set(USER_ID, c.userId());
                headers.set(USER_ROLES, String.join(",", c.roles()));
            });
        })).build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

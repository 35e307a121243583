package com.commercesuite.gateway.routing;

import java.io.IOException;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sends a GET again when the service could not be reached, dropped the connection, or answered
 * 502/503: reads are idempotent, so a retry cannot do anything twice. Writes are never retried
 * here (a POST that timed out may have happened). A timeout is not retried either: a slow service
 * does not get faster by being asked again, and the client would wait several timeouts.
 *
 * <p>Unlike Spring Cloud Gateway's {@code Retry} filter it never buffers request bodies (GETs have
 * none). It wraps only the call to the service, inside the filter that writes the answer back.
 */
@Component
@EnableConfigurationProperties(ReadRetryProperties.class)
class ReadRetryFilter implements GlobalFilter, Ordered {

    private static final Set<HttpStatusCode> RETRIED_STATUSES = Set.of(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE);

    private final ReadRetryProperties properties;

    ReadRetryFilter(ReadRetryProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.GET || properties.retries() <= 0) {
            return chain.filter(exchange);
        }
        return attempt(exchange, chain, 0);
    }

    private Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, int retried) {
        boolean mayRetry = retried < properties.retries();
        return chain.filter(exchange)
                .then(Mono.fromSupplier(() -> {
                    HttpStatusCode status = exchange.getResponse().getStatusCode();
                    return status != null && RETRIED_STATUSES.contains(status);
                }))
                .onErrorResume(failure -> mayRetry && isConnectionFailure(failure), failure -> Mono.just(true))
                .flatMap(again -> again && mayRetry
                        ? Mono.delay(properties.firstBackoff().multipliedBy(1L << retried)).then(Mono.defer(() -> {
                            // Forgets the failed attempt: its connection, its answer's headers, "already routed".
                            ServerWebExchangeUtils.reset(exchange);
                            return attempt(exchange, chain, retried + 1);
                        }))
                        : Mono.empty());
    }

    /** Connection refused or reset, or closed before an answer: the request never got a reply. */
    private static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        // Right around the call: after every other filter, before NettyRoutingFilter.
        return NettyRoutingFilter.ORDER - 10;
    }
}

package com.commercesuite.gateway.tracing;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * First of all filters, so that even a refused request has an id: every request leaves with an
 * {@code X-Request-Id} and a W3C {@code traceparent}, the client's own when valid, and the answer
 * carries the same {@code X-Request-Id}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestTracingFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders incoming = exchange.getRequest().getHeaders();
        String requestId = single(incoming.get(RequestTracing.REQUEST_ID));
        boolean keepRequestId = RequestTracing.isValidRequestId(requestId);
        String traceparent = single(incoming.get(RequestTracing.TRACEPARENT));
        boolean keepTraceparent = RequestTracing.isValidTraceparent(traceparent);

        String id = keepRequestId ? requestId : RequestTracing.newRequestId();
        exchange.getAttributes().put(RequestTracing.REQUEST_ID_ATTRIBUTE, id);
        // set, not add: a service may echo the id too, and the client should see it once.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestTracing.REQUEST_ID, id);
            return Mono.empty();
        });
        if (keepRequestId && keepTraceparent) {
            return chain.filter(exchange);
        }
        String trace = keepTraceparent ? traceparent : RequestTracing.newTraceparent();
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
            headers.set(RequestTracing.REQUEST_ID, id);
            headers.set(RequestTracing.TRACEPARENT, trace);
            if (!keepTraceparent) {
                // Vendor state belongs to the trace it came with, which is not the one that goes on.
                headers.remove(RequestTracing.TRACESTATE);
            }
        }).build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    /** A header sent twice is not one valid value. */
    private static String single(List<String> values) {
        return values != null && values.size() == 1 ? values.getFirst() : null;
    }
}

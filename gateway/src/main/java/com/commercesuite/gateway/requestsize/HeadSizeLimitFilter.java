package com.commercesuite.gateway.requestsize;

import com.commercesuite.gateway.problem.GatewayProblem;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses an overlong path and query (414) or too many header bytes (431) as problems, before the
 * token is read. Netty's own limits (server.netty.max-initial-line-length and
 * server.max-http-request-header-size) are set well above these, so that a request between the two
 * gets this answer rather than Netty's bare status line.
 */
@Component
@Order(HeadSizeLimitFilter.ORDER)
@EnableConfigurationProperties(HeadLimitProperties.class)
class HeadSizeLimitFilter implements WebFilter {

    /** Before the bearer-token filter (-100), after request tracing (the problem carries its request id). */
    static final int ORDER = -150;

    private final long maxUriLength;
    private final long maxHeaderSize;

    HeadSizeLimitFilter(HeadLimitProperties properties) {
        this.maxUriLength = properties.maxUriLength().toBytes();
        this.maxHeaderSize = properties.maxHeaderSize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String uri = request.getURI().getRawPath() + (request.getURI().getRawQuery() == null ? "" : "?" + request.getURI().getRawQuery());
        if (uri.length() > maxUriLength) {
            return Mono.error(GatewayProblem.of(HttpStatus.URI_TOO_LONG, "uri-too-long",
                    "The path and query are longer than " + maxUriLength + " characters"));
        }
        long headerBytes = 0;
        for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
            for (String value : header.getValue()) {
                headerBytes += header.getKey().length() + value.length() + 4;
            }
        }
        if (headerBytes > maxHeaderSize) {
            return Mono.error(GatewayProblem.of(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request-header-fields-too-large",
                    "The request's headers are larger than " + maxHeaderSize + " bytes"));
        }
        return chain.filter(exchange);
    }
}

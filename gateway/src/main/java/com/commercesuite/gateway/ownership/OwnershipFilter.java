package com.commercesuite.gateway.ownership;

import com.commercesuite.gateway.problem.GatewayProblem;
import com.commercesuite.gateway.security.Caller;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A user acts only as themself: a user id in the path, or the {@code userId} of the body of an
 * order or a coupon issuance, must be the caller's own unless the caller is an admin (403
 * otherwise). A body it reads goes on downstream byte for byte.
 */
@Component
@Order(OwnershipFilter.ORDER)
class OwnershipFilter implements WebFilter {

    /** After authentication (-100) and the body size limit (-60). */
    static final int ORDER = -50;

    private static final String USER_ID = "userId";

    private static final List<PathPattern> USER_IN_PATH = patterns(
            "/api/balances/{userId}/**",
            "/api/users/{userId}/**",
            "/api/analytics/orders-per-user/{userId}/**",
            "/api/analytics/users/{userId}/**");

    private static final List<PathPattern> USER_IN_BODY = patterns(
            "/api/orders",
            "/api/coupons/{couponId}/issue");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        String pathUser = userInPath(path);
        boolean bodyNamesUser = exchange.getRequest().getMethod() == HttpMethod.POST && matchesAny(USER_IN_BODY, path);
        if (pathUser == null && !bodyNamesUser) {
            return chain.filter(exchange);
        }
        return Caller.of(exchange).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(caller -> {
            if (caller.isEmpty()) {
                return chain.filter(exchange); // only reachable without a token outside /api, which security already guards
            }
            if (pathUser != null) {
                requireActingFor(caller.get(), pathUser);
            }
            return bodyNamesUser ? withCheckedBody(exchange, chain, caller.get()) : chain.filter(exchange);
        });
    }

    private static void requireActingFor(Caller caller, String userId) {
        BigDecimal named;
        try {
            named = new BigDecimal(userId);
        } catch (NumberFormatException notANumber) {
            named = null;
        }
        if (named == null || !caller.mayActFor(named)) {
            throw GatewayProblem.of(HttpStatus.FORBIDDEN, "forbidden",
                    "User " + caller.userId() + " may act only as themself, not for user " + userId);
        }
    }

    private static Mono<Void> withCheckedBody(ServerWebExchange exchange, WebFilterChain chain, Caller caller) {
        DataBufferFactory buffers = exchange.getResponse().bufferFactory();
        return DataBufferUtils.join(exchange.getRequest().getBody())
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> {
                    UserIdInBody.requireActingForThemself(body, caller);
                    return chain.filter(exchange.mutate().request(new ReplayedBody(exchange.getRequest(), body, buffers)).build());
                });
    }

    private static String userInPath(PathContainer path) {
        for (PathPattern pattern : USER_IN_PATH) {
            PathPattern.PathMatchInfo match = pattern.matchAndExtract(path);
            if (match != null) {
                return match.getUriVariables().get(USER_ID);
            }
        }
        return null;
    }

    private static boolean matchesAny(List<PathPattern> patterns, PathContainer path) {
        for (PathPattern pattern : patterns) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    private static List<PathPattern> patterns(String... patterns) {
        PathPatternParser parser = new PathPatternParser();
        return Arrays.stream(patterns).map(parser::parse).toList();
    }

    /** The body already read, sent on unchanged with its exact length. */
    private static final class ReplayedBody extends ServerHttpRequestDecorator {

        private final byte[] body;
        private final DataBufferFactory buffers;
        private final HttpHeaders headers;

        ReplayedBody(ServerHttpRequest delegate, byte[] body, DataBufferFactory buffers) {
            super(delegate);
            this.body = body;
            this.buffers = buffers;
            HttpHeaders copy = new HttpHeaders();
            copy.putAll(delegate.getHeaders());
            copy.remove(HttpHeaders.TRANSFER_ENCODING);
            copy.setContentLength(body.length);
            this.headers = HttpHeaders.readOnlyHttpHeaders(copy);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.defer(() -> Flux.just(buffers.wrap(body)));
        }
    }
}

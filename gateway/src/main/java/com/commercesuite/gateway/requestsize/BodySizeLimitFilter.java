package com.commercesuite.gateway.requestsize;

import com.commercesuite.gateway.problem.GatewayProblem;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses bodies above {@code commerce.gateway.body.max-size} with 413: at once when the declared
 * Content-Length is too large, and while reading when a chunked body grows too large. Runs after
 * authentication (an anonymous caller learns nothing but 401) and before anything reads a body.
 */
@Component
@Order(BodySizeLimitFilter.ORDER)
@EnableConfigurationProperties(BodyLimitProperties.class)
class BodySizeLimitFilter implements WebFilter {

    /** After Spring Security's filter chain (-100). */
    static final int ORDER = -60;

    private final long maxBytes;

    BodySizeLimitFilter(BodyLimitProperties properties) {
        this.maxBytes = properties.maxSize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        long declared = headers.getContentLength();
        if (declared > maxBytes) {
            return Mono.error(tooLarge());
        }
        // A declared length is enforced by the HTTP codec; only a chunked body needs counting.
        if (declared >= 0 || !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new CountedBody(exchange.getRequest())).build());
    }

    private GatewayProblem tooLarge() {
        return GatewayProblem.of(HttpStatus.CONTENT_TOO_LARGE, "content-too-large",
                "The request body is larger than " + maxBytes + " bytes");
    }

    private final class CountedBody extends ServerHttpRequestDecorator {

        CountedBody(ServerHttpRequest delegate) {
            super(delegate);
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.defer(() -> {
                AtomicLong read = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (read.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(tooLarge());
                    } else {
                        sink.next(buffer);
                    }
                });
            });
        }
    }
}

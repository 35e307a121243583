package com.commercesuite.gateway.ownership;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;

/** A body already read, sent on unchanged with its exact length. */
final class ReplayedBody extends ServerHttpRequestDecorator {

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

package com.commercesuite.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class TraceContextFilterTests {

    static final String SENT = TraceContextTests.SENT;

    final TraceContextFilter filter = new TraceContextFilter();
    final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/orders");
    final MockHttpServletResponse response = new MockHttpServletResponse();
    final AtomicReference<TraceContext> seen = new AtomicReference<>();
    final AtomicReference<String> mdcTraceId = new AtomicReference<>();
    final AtomicReference<String> mdcRequestId = new AtomicReference<>();
    final FilterChain chain = (req, res) -> {
        seen.set(TraceContextHolder.current());
        mdcTraceId.set(MDC.get(TraceContextHolder.MDC_TRACE_ID));
        mdcRequestId.set(MDC.get(TraceContextHolder.MDC_REQUEST_ID));
    };

    @Test
    void theCallersTraceAndRequestIdAreBoundForTheRequestAsAChildSpan() throws Exception {
        request.addHeader("traceparent", SENT);
        request.addHeader("X-Request-Id", "req-42");

        filter.doFilter(request, response, chain);

        assertThat(seen.get().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(seen.get().spanId()).isNotEqualTo("00f067aa0ba902b7");
        assertThat(seen.get().requestId()).isEqualTo("req-42");
        assertThat(mdcTraceId.get()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(mdcRequestId.get()).isEqualTo("req-42");
        assertThat(response.getHeader("X-Request-Id")).isEqualTo("req-42");
    }

    @Test
    void aRequestWithoutHeadersGetsANewTraceAndRequestIdWhichTheResponseEchoes() throws Exception {
        filter.doFilter(request, response, chain);

        assertThat(TraceContext.isValidTraceparent(seen.get().traceparent())).isTrue();
        assertThat(seen.get().requestId()).isNotBlank().isEqualTo(response.getHeader("X-Request-Id"));
        assertThat(mdcRequestId.get()).isEqualTo(seen.get().requestId());
    }

    @Test
    void anInvalidTraceparentStartsANewTraceAndKeepsTheRequestId() throws Exception {
        request.addHeader("traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01");
        request.addHeader("X-Request-Id", "req-43");

        filter.doFilter(request, response, chain);

        assertThat(seen.get().traceId()).isNotEqualTo("00000000000000000000000000000000");
        assertThat(TraceContext.isValidTraceparent(seen.get().traceparent())).isTrue();
        assertThat(seen.get().requestId()).isEqualTo("req-43");
    }

    @Test
    void anUnusableRequestIdIsReplacedByANewOne() throws Exception {
        request.addHeader("X-Request-Id", "x".repeat(TraceContext.MAX_REQUEST_ID_LENGTH + 1));

        filter.doFilter(request, response, chain);

        assertThat(seen.get().requestId()).hasSizeLessThanOrEqualTo(TraceContext.MAX_REQUEST_ID_LENGTH)
                .isEqualTo(response.getHeader("X-Request-Id"));
    }

    @Test
    void nothingStaysBoundAfterTheRequest() throws Exception {
        request.addHeader("traceparent", SENT);

        filter.doFilter(request, response, chain);

        assertThat(TraceContextHolder.current()).isNull();
        assertThat(MDC.get(TraceContextHolder.MDC_TRACE_ID)).isNull();
        assertThat(MDC.get(TraceContextHolder.MDC_REQUEST_ID)).isNull();
    }

    @Test
    void nothingStaysBoundWhenTheRequestFails() {
        request.addHeader("traceparent", SENT);

        assertThatThrownBy(() -> filter.doFilter(request, response, (req, res) -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(TraceContextHolder.current()).isNull();
    }
}

package com.commercesuite.tracing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds the caller's trace context for the request: a child span of its {@code traceparent} (a new
 * trace when it sent none or an invalid one) and its {@code X-Request-Id} (a new one when absent or
 * unusable), which the response echoes so a client can quote it.
 */
public class TraceContextFilter extends OncePerRequestFilter {

    public static final String TRACEPARENT_HEADER = "traceparent";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String sentRequestId = request.getHeader(REQUEST_ID_HEADER);
        String requestId = TraceContext.isValidRequestId(sentRequestId) ? sentRequestId : TraceContext.newRequestId();
        TraceContext context = TraceContext.parse(request.getHeader(TRACEPARENT_HEADER), requestId)
                .map(TraceContext::child)
                .orElseGet(() -> TraceContext.startTrace(requestId));
        // Before the chain: once the body is written the headers are gone.
        response.setHeader(REQUEST_ID_HEADER, requestId);
        try (var scope = TraceContextHolder.bind(context)) {
            chain.doFilter(request, response);
        }
    }
}

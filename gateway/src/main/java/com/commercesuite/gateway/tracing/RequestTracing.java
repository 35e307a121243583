package com.commercesuite.gateway.tracing;

import com.commercesuite.tracing.TraceContext;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.web.server.ServerWebExchange;

/** The edge's tracing headers: which values a client may bring, and what the gateway makes otherwise. */
public final class RequestTracing {

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";
    static final String REQUEST_ID_ATTRIBUTE = RequestTracing.class.getName() + ".requestId";

    /** Stricter than what the services accept: at the edge an id is taken from anyone. */
    private static final Pattern VALID_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final HexFormat HEX = HexFormat.of();

    private RequestTracing() {
    }

    /** The id the gateway gave this request (the client's own when it was valid). */
    public static String requestId(ServerWebExchange exchange) {
        String id = exchange.getAttribute(REQUEST_ID_ATTRIBUTE);
        return id != null ? id : exchange.getRequest().getHeaders().getFirst(REQUEST_ID);
    }

    static boolean isValidRequestId(String candidate) {
        return candidate != null && VALID_REQUEST_ID.matcher(candidate).matches();
    }

    static boolean isValidTraceparent(String candidate) {
        return TraceContext.isValidTraceparent(candidate);
    }

    static String newRequestId() {
        return TraceContext.newRequestId();
    }

    /** A new trace whose first span is the gateway's: {@code 00-<trace id>-<span id>-01} (sampled). */
    static String newTraceparent() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long traceHigh = random.nextLong();
        long traceLow = random.nextLong() | 1; // never all zeros
        long spanId = random.nextLong() | 1;
        return "00-" + HEX.toHexDigits(traceHigh) + HEX.toHexDigits(traceLow) + "-" + HEX.toHexDigits(spanId) + "-01";
    }
}

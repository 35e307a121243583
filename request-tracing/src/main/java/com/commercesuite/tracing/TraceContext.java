package com.commercesuite.tracing;

import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where one unit of work sits in a trace: the W3C {@code traceparent} of this service's span
 * ({@code 00-<trace id>-<span id>-<flags>}) and the request id the call entered the suite with.
 * Nothing is exported: the ids exist so that logs and Kafka records of one order can be matched.
 *
 * @param traceparent a valid version-00 traceparent
 * @param requestId the request id, or null when the context came from a record that carried none
 */
public record TraceContext(String traceparent, String requestId) {

    /** Longest request id accepted; a longer one is replaced (HTTP) or dropped (Kafka). */
    public static final int MAX_REQUEST_ID_LENGTH = 128;

    private static final int TRACEPARENT_LENGTH = 55;
    private static final HexFormat HEX = HexFormat.of();

    public TraceContext {
        if (!isValidTraceparent(traceparent)) {
            throw new IllegalArgumentException("not a version-00 W3C traceparent: " + traceparent);
        }
        if (requestId != null && !isValidRequestId(requestId)) {
            throw new IllegalArgumentException("not a usable request id: " + requestId);
        }
    }

    /**
     * The context a caller sent, if its traceparent is valid; an invalid request id is dropped.
     * An invalid traceparent gives nothing: W3C says to ignore it and start a new trace.
     */
    public static Optional<TraceContext> parse(String traceparent, String requestId) {
        if (!isValidTraceparent(traceparent)) {
            return Optional.empty();
        }
        return Optional.of(new TraceContext(traceparent, isValidRequestId(requestId) ? requestId : null));
    }

    /** A new trace, flagged not sampled: no span is recorded anywhere. */
    public static TraceContext startTrace(String requestId) {
        var random = ThreadLocalRandom.current();
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0 && low == 0);
        return new TraceContext("00-" + HEX.toHexDigits(high) + HEX.toHexDigits(low) + "-" + newSpanId() + "-00", requestId);
    }

    public static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    /**
     * The context to work under when carrying this one on (an HTTP call or a record received):
     * same trace, same flags and request id, a new span id whose parent is the sender's span.
     */
    public TraceContext child() {
        return new TraceContext(traceparent.substring(0, 36) + newSpanId() + traceparent.substring(52), requestId);
    }

    /** The 32 hex digits shared by every span of the trace: what to grep for. */
    public String traceId() {
        return traceparent.substring(3, 35);
    }

    public String spanId() {
        return traceparent.substring(36, 52);
    }

    public String traceFlags() {
        return traceparent.substring(53);
    }

    public static boolean isValidTraceparent(String value) {
        if (value == null || value.length() != TRACEPARENT_LENGTH || value.charAt(0) != '0' || value.charAt(1) != '0'
                || value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return false;
        }
        return isLowerHex(value, 3, 35) && isLowerHex(value, 36, 52) && isLowerHex(value, 53, 55)
                && !isAllZero(value, 3, 35) && !isAllZero(value, 36, 52);
    }

    /** 1 to {@value #MAX_REQUEST_ID_LENGTH} visible ASCII characters: safe in a log line and a header. */
    public static boolean isValidRequestId(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_REQUEST_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static String newSpanId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return HEX.toHexDigits(id);
    }

    private static boolean isLowerHex(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllZero(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (value.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}

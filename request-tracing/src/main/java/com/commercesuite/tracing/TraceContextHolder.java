package com.commercesuite.tracing;

import org.slf4j.MDC;

/**
 * The trace context of the work the current thread is doing, and the same ids in the SLF4J MDC
 * ({@value #MDC_TRACE_ID}, {@value #MDC_REQUEST_ID}) for the log lines written meanwhile. Bound for
 * one unit of work (an HTTP request, a consumed record) with try-with-resources:
 *
 * <pre>{@code
 * try (var scope = TraceContextHolder.bind(context)) {
 *     handle(request);
 * }
 * }</pre>
 *
 * Work handed to another thread does not carry it.
 */
public final class TraceContextHolder {

    public static final String MDC_TRACE_ID = "traceId";
    public static final String MDC_REQUEST_ID = "requestId";

    private static final ThreadLocal<TraceContext> CURRENT = new ThreadLocal<>();

    private TraceContextHolder() {
    }

    /** The context bound on this thread, or null. */
    public static TraceContext current() {
        return CURRENT.get();
    }

    /**
     * Binds {@code context} (null: none) until the scope is closed, which restores whatever was
     * bound before, MDC included.
     */
    public static Scope bind(TraceContext context) {
        var scope = new Scope(CURRENT.get());
        set(context);
        return scope;
    }

    private static void set(TraceContext context) {
        if (context == null) {
            CURRENT.remove();
            MDC.remove(MDC_TRACE_ID);
            MDC.remove(MDC_REQUEST_ID);
            return;
        }
        CURRENT.set(context);
        MDC.put(MDC_TRACE_ID, context.traceId());
        if (context.requestId() == null) {
            MDC.remove(MDC_REQUEST_ID);
        } else {
            MDC.put(MDC_REQUEST_ID, context.requestId());
        }
    }

    /** One binding; closing it (once, on the thread that opened it) restores the previous one. */
    public static final class Scope implements AutoCloseable {

        private final TraceContext previous;
        private boolean closed;

        private Scope(TraceContext previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                set(previous);
            }
        }
    }
}

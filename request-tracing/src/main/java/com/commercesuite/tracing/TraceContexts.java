package com.commercesuite.tracing;

import com.commercesuite.events.EventHeaders;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * The trace context a Kafka record carries in its {@code traceparent} and {@code requestId}
 * headers (written by the outbox). Record listeners get it bound by the event-consumer library; a
 * batch listener binds it per record itself:
 *
 * <pre>{@code
 * for (var record : records) {
 *     try (var scope = TraceContexts.bind(record)) {
 *         apply(record);
 *     }
 * }
 * }</pre>
 */
public final class TraceContexts {

    private TraceContexts() {
    }

    /**
     * The sender's context: its traceparent and request id. A record with a request id but no
     * valid traceparent starts a new trace under that request id; one with neither gives nothing.
     */
    public static Optional<TraceContext> of(ConsumerRecord<?, ?> record) {
        return of(record.headers());
    }

    public static Optional<TraceContext> of(Headers headers) {
        String traceparent = EventHeaders.value(headers, EventHeaders.TRACEPARENT);
        String requestId = EventHeaders.value(headers, EventHeaders.REQUEST_ID);
        Optional<TraceContext> sent = TraceContext.parse(traceparent, requestId);
        if (sent.isPresent() || !TraceContext.isValidRequestId(requestId)) {
            return sent;
        }
        return Optional.of(TraceContext.startTrace(requestId));
    }

    /**
     * Binds, for the handling of this record, a child span of the sender's context (or no
     * context, clearing any left over, when the record carries none).
     */
    public static TraceContextHolder.Scope bind(ConsumerRecord<?, ?> record) {
        return TraceContextHolder.bind(of(record).map(TraceContext::child).orElse(null));
    }
}

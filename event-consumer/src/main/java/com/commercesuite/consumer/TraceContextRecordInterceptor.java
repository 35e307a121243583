package com.commercesuite.consumer;

import com.commercesuite.tracing.TraceContextHolder;
import com.commercesuite.tracing.TraceContexts;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Binds, while a record listener handles a record (retries and dead-lettering included), a child
 * span of the trace context in its {@code traceparent}/{@code requestId} headers: an outbox append
 * in the listener's transaction carries the trace on, and the log lines carry its ids. A record
 * without them is handled with no context. Batch listeners bind per record with
 * {@link TraceContexts#bind}.
 */
final class TraceContextRecordInterceptor implements RecordInterceptor<Object, Object> {

    // The container calls intercept and afterRecord on its consumer thread, one record at a time.
    private final ThreadLocal<TraceContextHolder.Scope> handling = new ThreadLocal<>();

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        endHandling();
        handling.set(TraceContexts.bind(record));
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        endHandling();
    }

    @Override
    public void clearThreadState(Consumer<?, ?> consumer) {
        endHandling();
    }

    private void endHandling() {
        TraceContextHolder.Scope scope = handling.get();
        if (scope != null) {
            handling.remove();
            scope.close();
        }
    }
}

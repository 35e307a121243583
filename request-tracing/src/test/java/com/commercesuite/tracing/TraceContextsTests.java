package com.commercesuite.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.events.EventHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class TraceContextsTests {

    static final String SENT = TraceContextTests.SENT;

    static ConsumerRecord<String, byte[]> record(String traceparent, String requestId) {
        var record = new ConsumerRecord<String, byte[]>("orders", 0, 0L, "key", new byte[0]);
        if (traceparent != null) {
            record.headers().add(EventHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        if (requestId != null) {
            record.headers().add(EventHeaders.REQUEST_ID, requestId.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    @Test
    void aRecordsHeadersGiveTheSendersContext() {
        assertThat(TraceContexts.of(record(SENT, "req-1"))).contains(new TraceContext(SENT, "req-1"));
    }

    @Test
    void aRecordWithoutHeadersGivesNothing() {
        assertThat(TraceContexts.of(record(null, null))).isEmpty();
    }

    @Test
    void aRecordWithOnlyARequestIdStartsATraceUnderIt() {
        assertThat(TraceContexts.of(record("garbage", "req-1"))).hasValueSatisfying(context -> {
            assertThat(context.requestId()).isEqualTo("req-1");
            assertThat(TraceContext.isValidTraceparent(context.traceparent())).isTrue();
        });
    }

    @Test
    void handlingARecordBindsAChildSpanAndClosingClearsIt() {
        try (var scope = TraceContexts.bind(record(SENT, "req-1"))) {
            TraceContext bound = TraceContextHolder.current();
            assertThat(bound.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(bound.spanId()).isNotEqualTo("00f067aa0ba902b7");
            assertThat(bound.requestId()).isEqualTo("req-1");
        }
        assertThat(TraceContextHolder.current()).isNull();
    }

    @Test
    void handlingARecordWithoutHeadersDoesNotInheritAStaleContext() {
        try (var leftOver = TraceContextHolder.bind(TraceContext.startTrace("stale"))) {
            try (var scope = TraceContexts.bind(record(null, null))) {
                assertThat(TraceContextHolder.current()).isNull();
            }
        }
    }
}

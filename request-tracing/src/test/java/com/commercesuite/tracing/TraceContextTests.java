package com.commercesuite.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TraceContextTests {

    static final String SENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aValidTraceparentIsReadWithItsParts() {
        TraceContext context = TraceContext.parse(SENT, "req-1").orElseThrow();

        assertThat(context.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(context.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(context.traceFlags()).isEqualTo("01");
        assertThat(context.requestId()).isEqualTo("req-1");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // another version
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // upper case
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // zero span id
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", // short trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902bg-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0x"})
    void anInvalidTraceparentIsIgnored(String traceparent) {
        assertThat(TraceContext.parse(traceparent, "req-1")).isEmpty();
        assertThatThrownBy(() -> new TraceContext(traceparent, "req-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"has space", "new\nline", "caf\u00e9"})
    void anUnusableRequestIdIsDropped(String requestId) {
        assertThat(TraceContext.parse(SENT, requestId).orElseThrow().requestId()).isNull();
    }

    @Test
    void aRequestIdLongerThanTheLimitIsDropped() {
        assertThat(TraceContext.isValidRequestId("a".repeat(TraceContext.MAX_REQUEST_ID_LENGTH))).isTrue();
        assertThat(TraceContext.isValidRequestId("a".repeat(TraceContext.MAX_REQUEST_ID_LENGTH + 1))).isFalse();
    }

    @Test
    void aChildKeepsTheTraceFlagsAndRequestIdWithANewSpan() {
        TraceContext parent = TraceContext.parse(SENT, "req-1").orElseThrow();

        TraceContext child = parent.child();

        assertThat(child.traceId()).isEqualTo(parent.traceId());
        assertThat(child.traceFlags()).isEqualTo("01");
        assertThat(child.requestId()).isEqualTo("req-1");
        assertThat(child.spanId()).isNotEqualTo(parent.spanId()).matches("[0-9a-f]{16}");
        assertThat(TraceContext.isValidTraceparent(child.traceparent())).isTrue();
    }

    @Test
    void aNewTraceIsValidAndUnlikeTheLastOne() {
        TraceContext first = TraceContext.startTrace("req-1");
        TraceContext second = TraceContext.startTrace("req-2");

        assertThat(TraceContext.isValidTraceparent(first.traceparent())).isTrue();
        assertThat(first.traceFlags()).isEqualTo("00");
        assertThat(first.traceId()).isNotEqualTo(second.traceId());
        assertThat(first.requestId()).isEqualTo("req-1");
    }
}

package com.commercesuite.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TraceContextHolderTests {

    final TraceContext outer = TraceContext.startTrace("outer-request");
    final TraceContext inner = TraceContext.startTrace(null);

    @AfterEach
    void nothingLeftBound() {
        assertThat(TraceContextHolder.current()).isNull();
        assertThat(MDC.get(TraceContextHolder.MDC_TRACE_ID)).isNull();
        assertThat(MDC.get(TraceContextHolder.MDC_REQUEST_ID)).isNull();
    }

    @Test
    void aBoundContextIsCurrentAndInTheMdcUntilItsScopeCloses() {
        try (var scope = TraceContextHolder.bind(outer)) {
            assertThat(TraceContextHolder.current()).isEqualTo(outer);
            assertThat(MDC.get(TraceContextHolder.MDC_TRACE_ID)).isEqualTo(outer.traceId());
            assertThat(MDC.get(TraceContextHolder.MDC_REQUEST_ID)).isEqualTo("outer-request");
        }
    }

    @Test
    void closingANestedScopeRestoresTheOuterContext() {
        try (var outerScope = TraceContextHolder.bind(outer)) {
            try (var innerScope = TraceContextHolder.bind(inner)) {
                assertThat(TraceContextHolder.current()).isEqualTo(inner);
                assertThat(MDC.get(TraceContextHolder.MDC_REQUEST_ID)).as("the inner context has none").isNull();
            }
            assertThat(TraceContextHolder.current()).isEqualTo(outer);
            assertThat(MDC.get(TraceContextHolder.MDC_TRACE_ID)).isEqualTo(outer.traceId());
            assertThat(MDC.get(TraceContextHolder.MDC_REQUEST_ID)).isEqualTo("outer-request");
        }
    }

    @Test
    void bindingNothingHidesTheOuterContextForTheScope() {
        try (var outerScope = TraceContextHolder.bind(outer)) {
            try (var none = TraceContextHolder.bind(null)) {
                assertThat(TraceContextHolder.current()).isNull();
                assertThat(MDC.get(TraceContextHolder.MDC_TRACE_ID)).isNull();
            }
            assertThat(TraceContextHolder.current()).isEqualTo(outer);
        }
    }

    @Test
    void closingAScopeTwiceRestoresOnlyOnce() {
        try (var outerScope = TraceContextHolder.bind(outer)) {
            var innerScope = TraceContextHolder.bind(inner);
            innerScope.close();
            try (var again = TraceContextHolder.bind(inner)) {
                innerScope.close();
                assertThat(TraceContextHolder.current()).isEqualTo(inner);
            }
            assertThat(TraceContextHolder.current()).isEqualTo(outer);
        }
    }

    @Test
    void anotherThreadDoesNotSeeTheContext() throws InterruptedException {
        try (var scope = TraceContextHolder.bind(outer)) {
            var seen = new TraceContext[] {outer};
            Thread thread = Thread.ofPlatform().start(() -> seen[0] = TraceContextHolder.current());
            thread.join();
            assertThat(seen[0]).isNull();
        }
    }
}

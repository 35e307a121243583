package com.commercesuite.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventHeadersTests {

    @Test
    void aHeaderIsReadAsUtf8Text() {
        var headers = new RecordHeaders().add(EventHeaders.AGGREGATE_ID, "Zoë-42".getBytes(StandardCharsets.UTF_8));

        assertThat(EventHeaders.value(headers, EventHeaders.AGGREGATE_ID)).isEqualTo("Zoë-42");
    }

    @Test
    void theLastHeaderOfANameIsTheOneRead() {
        var headers = new RecordHeaders()
                .add(EventHeaders.EVENT_TYPE, "OrderPlaced".getBytes(StandardCharsets.UTF_8))
                .add(EventHeaders.EVENT_TYPE, "OrderCompleted".getBytes(StandardCharsets.UTF_8));

        assertThat(EventHeaders.value(headers, EventHeaders.EVENT_TYPE)).isEqualTo("OrderCompleted");
    }

    @Test
    void anAbsentHeaderOrOneWithoutAValueReadsAsNull() {
        var headers = new RecordHeaders().add(EventHeaders.TRACEPARENT, null);

        assertThat(EventHeaders.value(headers, EventHeaders.REQUEST_ID)).isNull();
        assertThat(EventHeaders.value(headers, EventHeaders.TRACEPARENT)).isNull();
    }
}

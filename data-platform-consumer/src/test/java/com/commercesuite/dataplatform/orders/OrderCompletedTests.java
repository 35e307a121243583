package com.commercesuite.dataplatform.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercesuite.dataplatform.consumption.UnprocessableEventException;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventJson;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OrderCompletedTests {

    private static final String PAYLOAD = """
            {"orderId": 7, "userId": 3, "items": [{"productId": 11, "quantity": 2, "unitPrice": 9.99, "name": "ignored"}],
             "discount": 1.00, "finalAmount": 18.98, "completedAt": "2026-01-02T03:04:05Z", "couponId": 5}""";

    @Test
    void readsVersionOneIgnoringFieldsItDoesNotKeep() {
        OrderCompleted order = OrderCompleted.from(envelope("ORDER_COMPLETED", 1, PAYLOAD));

        assertThat(order.orderId()).isEqualTo(7L);
        assertThat(order.items()).singleElement().satisfies(item -> {
            assertThat(item.productId()).isEqualTo(11L);
            assertThat(item.quantity()).isEqualTo(2);
        });
        assertThat(order.completedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void refusesAnUnknownEventType() {
        assertThatThrownBy(() -> OrderCompleted.from(envelope("ORDER_CANCELLED", 1, PAYLOAD)))
                .isInstanceOf(UnprocessableEventException.class).hasMessageContaining("ORDER_CANCELLED");
    }

    @Test
    void refusesASchemaVersionItDoesNotKnow() {
        assertThatThrownBy(() -> OrderCompleted.from(envelope("ORDER_COMPLETED", 2, PAYLOAD)))
                .isInstanceOf(UnprocessableEventException.class).hasMessageContaining("schemaVersion 2");
    }

    @Test
    void refusesAPayloadWithoutWhatTheFactsNeed() {
        assertThatThrownBy(() -> OrderCompleted.from(envelope("ORDER_COMPLETED", 1, "{\"orderId\": 7}")))
                .isInstanceOf(UnprocessableEventException.class).hasMessageContaining("userId");
    }

    private static EventEnvelope envelope(String type, int schemaVersion, String payload) {
        JsonNode tree = EventJson.mapper().readTree(payload);
        return new EventEnvelope(UUID.randomUUID(), type, "order", "7", 1, Instant.now(), schemaVersion, tree);
    }
}

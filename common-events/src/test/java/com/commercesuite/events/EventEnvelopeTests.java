package com.commercesuite.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventEnvelopeTests {

    record StockChanged(String productId, int stock) implements DomainEvent {
        @Override
        public String aggregateType() {
            return "product";
        }

        @Override
        public String aggregateId() {
            return productId;
        }
    }

    record BalanceRaised(long userId, BigDecimal amount) implements UserEvent {
    }

    /** An older consumer's view of the same event: it knows fewer fields. */
    record OldStockView(String productId) {
    }

    @Test
    void wrapsAnEventWithItsTypeFromTheNamingRuleAndItsAggregate() {
        var envelope = EventEnvelope.of(new StockChanged("p-1", 7), 3, Instant.parse("2026-01-02T03:04:05Z"));

        assertThat(envelope.eventType()).isEqualTo("STOCK_CHANGED");
        assertThat(envelope.aggregateType()).isEqualTo("product");
        assertThat(envelope.aggregateId()).isEqualTo("p-1");
        assertThat(envelope.aggregateSequence()).isEqualTo(3);
        assertThat(envelope.payloadAs(StockChanged.class)).isEqualTo(new StockChanged("p-1", 7));
    }

    @Test
    void anEventOfAnAggregateInterfaceTakesItsAggregateFromItsFieldsAndCarriesOnlyTheFieldsAsPayload() {
        var envelope = EventEnvelope.of(new BalanceRaised(42, new BigDecimal("1.50")), 1, Instant.now());

        assertThat(envelope.aggregateType()).isEqualTo("user");
        assertThat(envelope.aggregateId()).isEqualTo("42");
        assertThat(envelope.payload().propertyNames()).containsExactly("userId", "amount");
    }

    @Test
    void roundTripsThroughJsonWithTheSameEventId() {
        var envelope = EventEnvelope.of(new StockChanged("p-1", 7), 1, Instant.now());

        var read = EventJson.read(EventJson.write(envelope));

        assertThat(read).isEqualTo(envelope);
    }

    @Test
    void anOlderConsumerReadsWhatANewerProducerWroteIgnoringUnknownFields() {
        String fromNewerProducer = """
                {"eventId":"0190f3a4-8a8e-7c1e-9b7e-5d9f0a1b2c3d","eventType":"STOCK_CHANGED",
                 "aggregateType":"product","aggregateId":"p-9","aggregateSequence":4,
                 "occurredAt":"2026-03-01T10:00:00Z","schemaVersion":1,
                 "tenant":"added-later","routing":{"region":"eu"},
                 "payload":{"productId":"p-9","stock":5,"warehouse":"added-later",
                            "price":{"amount":12.50,"currency":"EUR"}}}
                """;

        var envelope = EventJson.read(fromNewerProducer.getBytes(StandardCharsets.UTF_8));

        assertThat(envelope.aggregateId()).isEqualTo("p-9");
        assertThat(envelope.aggregateSequence()).isEqualTo(4);
        assertThat(envelope.payloadAs(OldStockView.class)).isEqualTo(new OldStockView("p-9"));
        assertThat(envelope.payload().get("price").get("amount").decimalValue()).isEqualByComparingTo(new BigDecimal("12.50"));
    }
}

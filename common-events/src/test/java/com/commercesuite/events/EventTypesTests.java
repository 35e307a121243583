package com.commercesuite.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventTypesTests {

    @Test
    void recordNamesBecomeUpperSnakeEventTypes() {
        assertThat(EventTypes.toUpperSnake("OrderCompleted")).isEqualTo("ORDER_COMPLETED");
        assertThat(EventTypes.toUpperSnake("ProductStockChanged")).isEqualTo("PRODUCT_STOCK_CHANGED");
        assertThat(EventTypes.of(EventEnvelopeTests.StockChanged.class)).isEqualTo("STOCK_CHANGED");
    }
}

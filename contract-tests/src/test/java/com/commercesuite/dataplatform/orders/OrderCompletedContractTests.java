package com.commercesuite.dataplatform.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.consumer.InboundEvents;
import com.commercesuite.contracts.OutboxRecord;
import com.commercesuite.events.Topic;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * order-service's {@code OrderCompleted}, as its outbox publishes it on order-completed, read by the
 * data platform's own {@link OrderCompleted} the way its listener reads a poll
 * ({@code InboundEvents.read}, then {@link OrderFacts#read}). Every field the facts keep must come
 * out equal: a field renamed or retyped on one side fails here, not in production.
 */
class OrderCompletedContractTests {

    /** Reading needs no database. */
    private final OrderFacts facts = new OrderFacts(null);

    @Test
    void theDataPlatformReadsEveryFieldItKeepsFromACompletedOrder() {
        var completed = new com.commercesuite.order.domain.OrderCompleted(7001L, 42L,
                List.of(new com.commercesuite.order.domain.OrderCompleted.Item(11L, 2, new BigDecimal("9.90")),
                        new com.commercesuite.order.domain.OrderCompleted.Item(12L, 1, new BigDecimal("15.00"))),
                5L, new BigDecimal("34.80"), new BigDecimal("3.00"), new BigDecimal("31.80"),
                Instant.parse("2026-03-01T10:15:30.123456Z"));

        OrderCompleted read = facts.read(InboundEvents.read(OutboxRecord.of(Topic.ORDER_COMPLETED, completed).record()));

        assertThat(read).isEqualTo(new OrderCompleted(completed.orderId(), completed.userId(),
                completed.items().stream()
                        .map(item -> new OrderCompleted.Item(item.productId(), item.quantity(), item.unitPrice()))
                        .toList(),
                completed.discount(), completed.finalAmount(), completed.completedAt()));
    }
}

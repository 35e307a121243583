package com.commercesuite.dataplatform.orders;

import com.commercesuite.dataplatform.consumption.ConsumerMetrics;
import com.commercesuite.dataplatform.consumption.PerRecordCost;
import com.commercesuite.consumer.InboundEvents;
import com.commercesuite.events.EventEnvelope;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes order-completed in the data platform's consumer group ({@code data-platform-consumer-group};
 * the tests use their own), one consumer per instance. The
 * listener returns only after the facts' transaction committed; the container then commits the
 * offset. A crash in between redelivers the record, and the event id makes that a no-op.
 */
@Component
class OrderCompletedListener {

    private final OrderFacts facts;
    private final ConsumerMetrics metrics;
    private final PerRecordCost cost;

    OrderCompletedListener(OrderFacts facts, ConsumerMetrics metrics, PerRecordCost cost) {
        this.facts = facts;
        this.metrics = metrics;
        this.cost = cost;
    }

    @KafkaListener(id = "order-completed-facts", idIsGroup = false, groupId = "${commercesuite.consumer-group}",
            topics = "order-completed", concurrency = "1")
    void onOrderCompleted(ConsumerRecord<String, byte[]> record) {
        Timer.Sample sample = metrics.startProcessing();
        EventEnvelope envelope = InboundEvents.read(record);
        OrderCompleted order = OrderCompleted.from(envelope);
        cost.spend();
        if (facts.apply(envelope, order)) {
            metrics.processed(record.topic(), envelope.occurredAt(), sample);
        } else {
            metrics.duplicate(record.topic(), sample);
        }
    }
}

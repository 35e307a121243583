package com.commercesuite.dataplatform.orders;

import com.commercesuite.consumer.PollApplier;
import com.commercesuite.dataplatform.consumption.ConsumerMetrics;
import com.commercesuite.events.Topic;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes order-completed in the data platform's consumer group ({@code data-platform-consumer-group};
 * the tests use their own), one consumer per instance, a poll at a time: the listener returns only
 * after the poll's facts committed in one transaction; the container then commits the offsets. A
 * crash in between redelivers the records, and their event ids make that a no-op.
 */
@Component
class OrderCompletedListener {

    private final OrderFacts facts;
    private final PollApplier polls;
    private final ConsumerMetrics metrics;

    OrderCompletedListener(OrderFacts facts, PollApplier polls, ConsumerMetrics metrics) {
        this.facts = facts;
        this.polls = polls;
        this.metrics = metrics;
    }

    @KafkaListener(id = "order-completed-facts", idIsGroup = false, groupId = "${commerce.data-platform.consumer-group}",
            topics = Topic.Names.ORDER_COMPLETED, concurrency = "1", batch = "true")
    void onOrderCompleted(List<ConsumerRecord<String, byte[]>> records) {
        polls.apply(records, facts, metrics);
    }
}

package com.commercesuite.product.reservation;

import com.commercesuite.consumer.PollApplier;
import com.commercesuite.events.ConsumerGroup;
import com.commercesuite.events.Topic;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The order saga's commands to product-service, a poll at a time: a poll's commands are applied in
 * one transaction (one commit, one flush), and its offsets are committed after it. An unreadable
 * record or an unknown command type goes to product-commands.DLT at once, a transient failure is
 * retried until it succeeds, any other is retried and then dead-lettered.
 */
@Component
class ProductCommandListener {

    private final ReservingStock reserving;
    private final PollApplier polls;

    ProductCommandListener(ReservingStock reserving, PollApplier polls) {
        this.reserving = reserving;
        this.polls = polls;
    }

    // One consumer per partition of product-commands: orders on different partitions reserve in parallel.
    @KafkaListener(id = "product-saga", groupId = ConsumerGroup.Names.PRODUCT_SAGA, topics = Topic.Names.PRODUCT_COMMANDS,
            concurrency = "3", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        polls.apply(records, reserving);
    }
}

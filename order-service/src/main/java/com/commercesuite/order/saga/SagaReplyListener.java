package com.commercesuite.order.saga;

import com.commercesuite.consumer.PollApplier;
import com.commercesuite.events.ConsumerGroup;
import com.commercesuite.events.Topic;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The participants' replies, in {@code order-saga-consumer-group}, a poll at a time in one
 * transaction. Replies are keyed by order, so one order's replies arrive in order on one partition;
 * the poll's offsets are committed after {@link AdvancingSagas}' writes committed, and a redelivery is
 * recognised by its event id.
 */
@Component
class SagaReplyListener {

    private final AdvancingSagas advancing;
    private final PollApplier polls;

    SagaReplyListener(AdvancingSagas advancing, PollApplier polls) {
        this.advancing = advancing;
        this.polls = polls;
    }

    // One consumer per partition of order-saga-replies: replies are keyed by order, so one order's replies stay in order.
    @KafkaListener(id = "order-saga-replies", groupId = ConsumerGroup.Names.ORDER_SAGA, topics = Topic.Names.ORDER_SAGA_REPLIES,
            concurrency = "3", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        polls.apply(records, advancing);
    }
}

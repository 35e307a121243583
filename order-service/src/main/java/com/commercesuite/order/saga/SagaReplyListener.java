package com.commercesuite.order.saga;

import com.commercesuite.consumer.InboundEvents;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.ConsumerGroup;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.SagaMessages;
import com.commercesuite.events.saga.SagaReply;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The participants' replies, in {@code order-saga-consumer-group}. Replies are keyed by order, so one
 * order's replies arrive in order on one partition; the offset is committed after {@link AdvancingSagas}'
 * transaction, and a redelivery is recognised by its event id.
 */
@Component
class SagaReplyListener {

    private final AdvancingSagas advancing;

    SagaReplyListener(AdvancingSagas advancing) {
        this.advancing = advancing;
    }

    // One consumer per partition of order-saga-replies: replies are keyed by order, so one order's replies stay in order.
    @KafkaListener(id = "order-saga-replies", groupId = ConsumerGroup.Names.ORDER_SAGA, topics = Topic.Names.ORDER_SAGA_REPLIES,
            concurrency = "3")
    void onReply(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = InboundEvents.read(record);
        advancing.handle(envelope, SagaMessages.read(envelope, SagaReply.class));
    }
}

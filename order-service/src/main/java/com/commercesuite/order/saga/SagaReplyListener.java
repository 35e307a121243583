package com.commercesuite.order.saga;

import com.commercesuite.consumer.PollApplier;
import com.commercesuite.events.ConsumerGroup;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.SagaMessages;
import com.commercesuite.events.saga.SagaReply;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The participants' replies, in {@code order-saga-consumer-group}, a poll at a time. Replies are keyed
 * by order, so one order's replies arrive in order on one partition; a poll's replies are applied by
 * {@link AdvancingSagas} in one transaction (one commit for a busy poll, each reply touching only its
 * own order's row), the offsets are committed after it, and a redelivery is recognised by its event id.
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
    void onReplies(List<ConsumerRecord<String, byte[]>> records) {
        polls.applyEach(records, envelope -> SagaMessages.read(envelope, SagaReply.class), advancing::handle);
    }
}

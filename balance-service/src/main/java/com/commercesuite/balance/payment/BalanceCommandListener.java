package com.commercesuite.balance.payment;

import com.commercesuite.consumer.InboundEvents;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.ConsumerGroup;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.BalanceCommand;
import com.commercesuite.events.saga.SagaMessages;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The order saga's payment commands. Records are keyed by order, so one order's RefundOrder follows
 * its PayOrder on the same partition; one consumer per partition of balance-commands. The container
 * commits the offset only after {@link PayingForOrders} committed; a redelivery is then skipped by the inbox.
 */
@Component
class BalanceCommandListener {

    private final PayingForOrders paying;

    BalanceCommandListener(PayingForOrders paying) {
        this.paying = paying;
    }

    @KafkaListener(id = "balance-saga-consumer", groupId = ConsumerGroup.Names.BALANCE_SAGA, topics = Topic.Names.BALANCE_COMMANDS,
            concurrency = "3")
    void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = InboundEvents.read(record);
        paying.handle(envelope, SagaMessages.read(envelope, BalanceCommand.class));
    }
}

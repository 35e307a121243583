package com.commercesuite.balance.payment;

import com.commercesuite.consumer.InboundEvents;
import com.commercesuite.consumer.NonRetryableEventException;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.BalanceCommand;
import com.commercesuite.events.saga.SagaMessages.UnknownSagaMessageException;
import com.commercesuite.events.saga.SagaMessages;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

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

    @KafkaListener(id = "balance-saga-consumer", groupId = "balance-saga-consumer-group", topics = Topic.Names.BALANCE_COMMANDS,
            concurrency = "3")
    void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = InboundEvents.read(record);
        BalanceCommand command;
        try {
            command = SagaMessages.read(envelope, BalanceCommand.class);
        } catch (UnknownSagaMessageException | JacksonException e) {
            // An unknown command or a payload that does not fit its record: no retry can fix it.
            throw new NonRetryableEventException("unreadable balance command " + envelope.eventId() + ": " + e.getMessage(), e);
        }
        paying.handle(envelope, command);
    }
}

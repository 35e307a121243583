package com.commercesuite.balance.payment;

import com.commercesuite.consumer.PollApplier;
import com.commercesuite.events.ConsumerGroup;
import com.commercesuite.events.Topic;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The order saga's payment commands, a poll at a time in one transaction. Records are keyed by order,
 * so one order's RefundOrder follows its PayOrder on the same partition; one consumer per partition
 * of balance-commands. The container commits the poll's offsets only after {@link PayingForOrders}'
 * writes committed; a redelivery is then skipped by the inbox.
 */
@Component
class BalanceCommandListener {

    private final PayingForOrders paying;
    private final PollApplier polls;

    BalanceCommandListener(PayingForOrders paying, PollApplier polls) {
        this.paying = paying;
        this.polls = polls;
    }

    @KafkaListener(id = "balance-saga-consumer", groupId = ConsumerGroup.Names.BALANCE_SAGA, topics = Topic.Names.BALANCE_COMMANDS,
            concurrency = "3", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        polls.apply(records, paying);
    }
}

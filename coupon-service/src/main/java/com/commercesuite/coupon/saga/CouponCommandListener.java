package com.commercesuite.coupon.saga;

import com.commercesuite.consumer.PollApplier;
import com.commercesuite.events.ConsumerGroup;
import com.commercesuite.events.Topic;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The order saga's coupon commands, a poll at a time in one transaction, one consumer per partition
 * of coupon-commands; the poll's offsets are committed after {@link UsingCoupons}' writes committed.
 */
@Component
class CouponCommandListener {

    private final UsingCoupons using;
    private final PollApplier polls;

    CouponCommandListener(UsingCoupons using, PollApplier polls) {
        this.using = using;
        this.polls = polls;
    }

    @KafkaListener(id = "coupon-saga-consumer", groupId = ConsumerGroup.Names.COUPON_SAGA, topics = Topic.Names.COUPON_COMMANDS,
            concurrency = "3", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        polls.apply(records, using);
    }
}

package com.commercesuite.coupon.wallet;

import com.commercesuite.consumer.PollApplier;
import com.commercesuite.events.ConsumerGroup;
import com.commercesuite.events.Topic;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes coupon-issue in {@code coupon-issue-consumer-group}, a poll at a time: a rush's
 * issuances reach the wallets in one transaction per poll, not one per coupon.
 */
@Component
class CouponIssueListener {

    private final ReceivingCoupon receiving;
    private final PollApplier polls;

    CouponIssueListener(ReceivingCoupon receiving, PollApplier polls) {
        this.receiving = receiving;
        this.polls = polls;
    }

    @KafkaListener(id = "coupon-issue-consumer", groupId = ConsumerGroup.Names.COUPON_ISSUE, topics = Topic.Names.COUPON_ISSUE,
            batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        polls.apply(records, receiving);
    }
}

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
 *
 * <p>A fetch waits for 64 KiB or 200 ms: a wallet may fill a fifth of a second late, and under a
 * rush one poll then takes the issuances of many relay batches: a few fetches, transactions and
 * offset commits a second instead of one of each per relay batch.
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
            batch = "true", properties = {"fetch.min.bytes=65536", "fetch.max.wait.ms=200"})
    void on(List<ConsumerRecord<String, byte[]>> records) {
        polls.apply(records, receiving);
    }
}

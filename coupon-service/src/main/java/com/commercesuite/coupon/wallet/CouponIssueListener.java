package com.commercesuite.coupon.wallet;

import com.commercesuite.consumer.InboundEvents;
import com.commercesuite.events.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes coupon-issue in {@code coupon-issue-consumer-group}. The topic also carries the coupon's
 * other events (COUPON_CREATED, COUPON_RESTORED); the wallet only takes COUPON_ISSUED.
 */
@Component
class CouponIssueListener {

    private final ReceivingCoupon receiving;

    CouponIssueListener(ReceivingCoupon receiving) {
        this.receiving = receiving;
    }

    @KafkaListener(id = "coupon-issue-consumer", groupId = "coupon-issue-consumer-group", topics = "coupon-issue")
    void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = InboundEvents.read(record);
        if (IssuedCoupon.EVENT_TYPE.equals(envelope.eventType())) {
            receiving.receive(envelope, IssuedCoupon.from(envelope));
        }
    }
}

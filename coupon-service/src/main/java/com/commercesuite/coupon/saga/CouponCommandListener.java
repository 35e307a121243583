package com.commercesuite.coupon.saga;

import com.commercesuite.consumer.InboundEvents;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.ConsumerGroup;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.CouponCommand;
import com.commercesuite.events.saga.RestoreCoupon;
import com.commercesuite.events.saga.SagaMessages;
import com.commercesuite.events.saga.UseCoupon;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes coupon-commands in {@code coupon-saga-consumer-group}; replies leave through the outbox. */
@Component
class CouponCommandListener {

    private final UsingCoupons using;

    CouponCommandListener(UsingCoupons using) {
        this.using = using;
    }

    @KafkaListener(id = "coupon-saga-consumer", groupId = ConsumerGroup.Names.COUPON_SAGA, topics = Topic.Names.COUPON_COMMANDS,
            concurrency = "3")
    void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = InboundEvents.read(record);
        switch (SagaMessages.read(envelope, CouponCommand.class)) {
            case UseCoupon use -> using.use(envelope, use);
            case RestoreCoupon restore -> using.restore(envelope, restore);
        }
    }
}

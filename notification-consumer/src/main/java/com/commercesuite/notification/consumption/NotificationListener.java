package com.commercesuite.notification.consumption;

import com.commercesuite.consumer.InboundEvents;
import com.commercesuite.consumer.NonRetryableEventException;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.Topic;
import com.commercesuite.notification.delivery.DeliveringNotifications;
import com.commercesuite.notification.delivery.NotificationProperties;
import com.commercesuite.notification.messages.Notification;
import com.commercesuite.notification.messages.NotificationTexts;
import com.commercesuite.tracing.TraceContextHolder;
import com.commercesuite.tracing.TraceContexts;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.ShareAcknowledgment;
import org.springframework.stereotype.Component;

/**
 * Reads order-completed, user-activity (for ORDER_CANCELLED) and coupon-issue, each in a share
 * group of its own ({@code notification-<topic>-group}): the broker hands single records to whichever
 * member asks, so every instance gets work once there are more instances than the topic has
 * partitions (a group reading all three topics would need more than their 9 partitions together,
 * as its assignor gives each partition to one member while members are fewer). No order is kept,
 * and none is needed: each message stands alone. Every record is acknowledged here: ACCEPT when
 * sent, already sent or not a notification; RELEASE when the provider failed and deliveries are
 * left; REJECT when the last allowed delivery failed, or no delivery can make a message of it.
 */
@Component
class NotificationListener {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    static final List<String> TOPICS = List.of(Topic.Names.ORDER_COMPLETED, Topic.Names.USER_ACTIVITY, Topic.Names.COUPON_ISSUE);

    private final DeliveringNotifications delivering;
    private final String instanceId;

    NotificationListener(DeliveringNotifications delivering, NotificationProperties properties) {
        this.delivering = delivering;
        this.instanceId = properties.instanceId();
    }

    @KafkaListener(id = "notifications-order-completed", idIsGroup = false,
            groupId = "${commerce.notification.group-prefix}-" + Topic.Names.ORDER_COMPLETED + "-group",
            containerFactory = ShareConsumerConfiguration.FACTORY, topics = Topic.Names.ORDER_COMPLETED)
    void onOrderCompleted(ConsumerRecord<String, byte[]> record, ShareAcknowledgment acknowledgment) {
        on(record, acknowledgment);
    }

    @KafkaListener(id = "notifications-user-activity", idIsGroup = false,
            groupId = "${commerce.notification.group-prefix}-" + Topic.Names.USER_ACTIVITY + "-group",
            containerFactory = ShareConsumerConfiguration.FACTORY, topics = Topic.Names.USER_ACTIVITY)
    void onUserActivity(ConsumerRecord<String, byte[]> record, ShareAcknowledgment acknowledgment) {
        on(record, acknowledgment);
    }

    @KafkaListener(id = "notifications-coupon-issue", idIsGroup = false,
            groupId = "${commerce.notification.group-prefix}-" + Topic.Names.COUPON_ISSUE + "-group",
            containerFactory = ShareConsumerConfiguration.FACTORY, topics = Topic.Names.COUPON_ISSUE)
    void onCouponIssue(ConsumerRecord<String, byte[]> record, ShareAcknowledgment acknowledgment) {
        on(record, acknowledgment);
    }

    private void on(ConsumerRecord<String, byte[]> record, ShareAcknowledgment acknowledgment) {
        int delivery = record.deliveryCount().map(Short::intValue).orElse(0);
        try (TraceContextHolder.Scope trace = TraceContexts.bind(record)) {
            EventEnvelope event = InboundEvents.read(record);
            Optional<Notification> notification = NotificationTexts.of(event);
            if (notification.isEmpty()) {
                acknowledgment.acknowledge();
                return;
            }
            var outcome = delivering.deliver(notification.get(), record.topic(), record.partition(), record.offset(),
                    delivery, instanceId + "/" + Thread.currentThread().getName());
            switch (outcome) {
                case SENT, ALREADY_DONE -> acknowledgment.acknowledge();
                case RETRY -> acknowledgment.release();
                case REJECTED -> acknowledgment.reject();
            }
        } catch (NonRetryableEventException e) {
            delivering.unreadable(record.topic(), record.partition(), record.offset(), delivery, e.getMessage());
            acknowledgment.reject();
        } catch (RuntimeException e) {
            // The database, most likely: the record goes back for another delivery (the broker's
            // limit still bounds them).
            log.warn("Record {}-{}@{} released after a failure on delivery {}: {}", record.topic(), record.partition(),
                    record.offset(), delivery, e.toString());
            acknowledgment.release();
        }
    }
}

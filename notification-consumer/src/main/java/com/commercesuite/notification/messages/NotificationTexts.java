package com.commercesuite.notification.messages;

import com.commercesuite.consumer.NonRetryableEventException;
import com.commercesuite.events.EventEnvelope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * What this service tells a customer for which event, read from its own view of each payload
 * (unknown fields ignored). Every other event type on the topics it reads is none of its business.
 */
public final class NotificationTexts {

    static final String ORDER_COMPLETED = "ORDER_COMPLETED";
    static final String ORDER_CANCELLED = "ORDER_CANCELLED";
    static final String COUPON_ISSUED = "COUPON_ISSUED";

    private NotificationTexts() {
    }

    record OrderCompleted(Long orderId, Long userId, BigDecimal finalAmount) {
    }

    record OrderCancelled(Long orderId, Long userId, String reason) {
    }

    record CouponIssued(Long couponId, Long userId, String name, Instant validUntil) {
    }

    /** The message this event asks for, or empty when it asks for none. */
    public static Optional<Notification> of(EventEnvelope event) {
        return switch (event.eventType()) {
            case ORDER_COMPLETED -> {
                var order = event.payloadAs(OrderCompleted.class);
                yield Optional.of(new Notification(event.eventId(), require(order.userId(), event, "userId"), ORDER_COMPLETED,
                        "Your order " + require(order.orderId(), event, "orderId") + " is complete"
                                + (order.finalAmount() == null ? "." : ": " + order.finalAmount() + " paid.")));
            }
            case ORDER_CANCELLED -> {
                var order = event.payloadAs(OrderCancelled.class);
                yield Optional.of(new Notification(event.eventId(), require(order.userId(), event, "userId"), ORDER_CANCELLED,
                        "Your order " + require(order.orderId(), event, "orderId") + " was cancelled"
                                + (order.reason() == null ? "." : ": " + order.reason() + ".")));
            }
            case COUPON_ISSUED -> {
                var coupon = event.payloadAs(CouponIssued.class);
                yield Optional.of(new Notification(event.eventId(), require(coupon.userId(), event, "userId"), COUPON_ISSUED,
                        "You received the coupon " + (coupon.name() == null ? "#" + require(coupon.couponId(), event, "couponId") : coupon.name())
                                + (coupon.validUntil() == null ? "." : ", valid until " + coupon.validUntil() + ".")));
            }
            default -> Optional.empty();
        };
    }

    private static long require(Long value, EventEnvelope event, String field) {
        if (value == null) {
            throw new NonRetryableEventException(event.eventType() + " " + event.eventId() + " lacks " + field);
        }
        return value;
    }
}

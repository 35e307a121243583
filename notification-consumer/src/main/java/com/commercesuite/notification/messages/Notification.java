package com.commercesuite.notification.messages;

import java.util.UUID;

/**
 * One message to one customer, caused by one event: (eventId, recipientId) is its identity, sent
 * at most once however often the event is delivered.
 *
 * @param kind what it is about, e.g. ORDER_COMPLETED; the provider may pick a template by it
 */
public record Notification(UUID eventId, long recipientId, String kind, String text) {

    /** The provider's idempotency key: the same for every delivery of the same event to the same customer. */
    public String idempotencyKey() {
        return eventId + ":" + recipientId;
    }
}

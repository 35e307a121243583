package com.commercesuite.notification.delivery;

import com.commercesuite.notification.delivery.DeliveryLedger.Claim;
import com.commercesuite.notification.delivery.DeliveryLedger.Source;
import com.commercesuite.notification.messages.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends one notification at most once, whatever the share group redelivers. The send is a call
 * outside the database, so no transaction can hold it together with its record; instead:
 * <ol>
 * <li>claim: the (event, recipient) row is created PENDING, or found SENT/REJECTED, then nothing is sent;</li>
 * <li>send, with the idempotency key event:recipient, so the provider itself drops a repeat;</li>
 * <li>record the outcome on the row (and, when final, the rejection with its reason) in one transaction.</li>
 * </ol>
 * A crash between 2 and 3 leaves the row PENDING; the record's lock expires, the event comes back,
 * and the repeated call is answered by the provider as a duplicate. No row lock is held during the
 * call: two deliveries of one record at the same time (only after a lock expired under a stalled
 * consumer) are also left to the provider's key.
 */
@Service
public class DeliveringNotifications {

    private static final Logger log = LoggerFactory.getLogger(DeliveringNotifications.class);

    /** What the share consumer acknowledges: ACCEPT, ACCEPT, RELEASE, REJECT. */
    public enum Outcome { SENT, ALREADY_DONE, RETRY, REJECTED }

    private final DeliveryLedger ledger;
    private final MessageProvider provider;
    private final NotificationMetrics metrics;
    private final int maxDeliveries;

    DeliveringNotifications(DeliveryLedger ledger, MessageProvider provider, NotificationMetrics metrics,
            NotificationProperties properties) {
        this.ledger = ledger;
        this.provider = provider;
        this.metrics = metrics;
        this.maxDeliveries = properties.maxDeliveries();
    }

    /**
     * @param delivery which delivery of the record this is (the broker's count, from 1), or 0 when
     *     the broker did not say: then the calls already recorded count instead
     * @param sentBy the instance and consumer thread, recorded on a sent message
     */
    public Outcome deliver(Notification notification, String topic, int partition, long offset, int delivery, String sentBy) {
        Claim claim = ledger.claim(notification);
        if (claim.isFinal()) {
            log.info("Notification {} of event {} to user {} already {}: not sent again",
                    notification.kind(), notification.eventId(), notification.recipientId(), claim.status());
            metrics.outcome(notification.kind(), Outcome.ALREADY_DONE);
            return Outcome.ALREADY_DONE;
        }
        int thisDelivery = delivery > 0 ? delivery : claim.attempts() + 1;
        try {
            MessageProvider.Accepted accepted = metrics.timeProvider(() -> provider.send(notification));
            ledger.sent(notification, accepted.messageId(), sentBy);
            log.info("Notification {} of event {} sent to user {} (message {}{}, delivery {})", notification.kind(),
                    notification.eventId(), notification.recipientId(), accepted.messageId(),
                    accepted.duplicate() ? ", the provider had it already" : "", thisDelivery);
            metrics.outcome(notification.kind(), Outcome.SENT);
            return Outcome.SENT;
        } catch (ProviderFailedException e) {
            if (thisDelivery >= maxDeliveries) {
                ledger.rejected(notification, new Source(topic, partition, offset, thisDelivery), e.getMessage());
                log.warn("Notification {} of event {} to user {} rejected after {} deliveries: {}", notification.kind(),
                        notification.eventId(), notification.recipientId(), thisDelivery, e.getMessage());
                metrics.outcome(notification.kind(), Outcome.REJECTED);
                return Outcome.REJECTED;
            }
            ledger.failed(notification, e.getMessage());
            log.info("Notification {} of event {} to user {} failed on delivery {} of {}, released for another: {}",
                    notification.kind(), notification.eventId(), notification.recipientId(), thisDelivery, maxDeliveries,
                    e.getMessage());
            metrics.outcome(notification.kind(), Outcome.RETRY);
            return Outcome.RETRY;
        }
    }

    /** A record no delivery can make into a message: recorded with the reason, then rejected. */
    public void unreadable(String topic, int partition, long offset, int delivery, String reason) {
        ledger.unreadable(new Source(topic, partition, offset, Math.max(delivery, 1)), reason);
        log.warn("Record {}-{}@{} rejected, no message can come of it: {}", topic, partition, offset, reason);
        metrics.outcome("UNREADABLE", Outcome.REJECTED);
    }
}

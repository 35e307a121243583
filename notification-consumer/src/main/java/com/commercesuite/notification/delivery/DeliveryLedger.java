package com.commercesuite.notification.delivery;

import com.commercesuite.notification.messages.Notification;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The deliveries table (the idempotency record per event and recipient) and the rejected ones. */
@Repository
class DeliveryLedger {

    enum Status { PENDING, SENT, REJECTED }

    /** The row as a delivery found it: a SENT or REJECTED one is final. */
    record Claim(Status status, int attempts) {

        boolean isFinal() {
            return status != Status.PENDING;
        }
    }

    /** Where the record that carried the notification was. */
    record Source(String topic, int partition, long offset, int delivery) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DeliveryLedger(JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Creates the PENDING row on the first delivery; returns the row as it is now. */
    Claim claim(Notification notification) {
        // "do update" of nothing, so that "returning" gives the existing row too.
        return jdbc.sql("""
                        insert into deliveries (event_id, recipient_id, kind, status, first_seen_at, updated_at)
                        values (:eventId, :recipientId, :kind, 'PENDING', :now, :now)
                        on conflict (event_id, recipient_id) do update set kind = deliveries.kind
                        returning status, attempts""")
                .param("eventId", notification.eventId())
                .param("recipientId", notification.recipientId())
                .param("kind", notification.kind())
                .param("now", now())
                .query((rs, n) -> new Claim(Status.valueOf(rs.getString("status")), rs.getInt("attempts")))
                .single();
    }

    void sent(Notification notification, String messageId, String sentBy) {
        jdbc.sql("""
                        update deliveries set status = 'SENT', attempts = attempts + 1, last_error = null,
                               sent_by = :sentBy, provider_message_id = :messageId, updated_at = :now
                        where event_id = :eventId and recipient_id = :recipientId and status = 'PENDING'""")
                .param("sentBy", sentBy)
                .param("messageId", messageId)
                .param("now", now())
                .param("eventId", notification.eventId())
                .param("recipientId", notification.recipientId())
                .update();
    }

    void failed(Notification notification, String reason) {
        jdbc.sql("""
                        update deliveries set attempts = attempts + 1, last_error = :reason, updated_at = :now
                        where event_id = :eventId and recipient_id = :recipientId and status = 'PENDING'""")
                .param("reason", truncate(reason, 1000))
                .param("now", now())
                .param("eventId", notification.eventId())
                .param("recipientId", notification.recipientId())
                .update();
    }

    /** The last failure is final: the row and the rejection are written in one transaction. */
    void rejected(Notification notification, Source source, String reason) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                            update deliveries set status = 'REJECTED', attempts = attempts + 1, last_error = :reason,
                                   updated_at = :now
                            where event_id = :eventId and recipient_id = :recipientId and status = 'PENDING'""")
                    .param("reason", truncate(reason, 1000))
                    .param("now", now())
                    .param("eventId", notification.eventId())
                    .param("recipientId", notification.recipientId())
                    .update();
            insertRejection(notification, source, reason);
        });
    }

    /** A record that no delivery can turn into a message (unreadable, or lacking its recipient). */
    void unreadable(Source source, String reason) {
        insertRejection(null, source, reason);
    }

    private void insertRejection(Notification notification, Source source, String reason) {
        jdbc.sql("""
                        insert into rejected_notifications (event_id, recipient_id, kind, text, topic, kafka_partition,
                                                            kafka_offset, deliveries, reason, rejected_at)
                        values (:eventId, :recipientId, :kind, :text, :topic, :partition, :offset, :deliveries, :reason, :now)
                        on conflict (event_id, recipient_id) do nothing""")
                .param("eventId", notification == null ? null : notification.eventId())
                .param("recipientId", notification == null ? null : notification.recipientId())
                .param("kind", notification == null ? null : notification.kind())
                .param("text", notification == null ? null : truncate(notification.text(), 2000))
                .param("topic", source.topic())
                .param("partition", source.partition())
                .param("offset", source.offset())
                .param("deliveries", source.delivery())
                .param("reason", truncate(reason, 1000))
                .param("now", now())
                .update();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String truncate(String text, int max) {
        if (text == null) {
            return "(no message)";
        }
        return text.length() <= max ? text : text.substring(0, max);
    }
}

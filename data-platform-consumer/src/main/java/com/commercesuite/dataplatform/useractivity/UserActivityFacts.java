package com.commercesuite.dataplatform.useractivity;

import com.commercesuite.consumer.Inbox;
import com.commercesuite.events.EventEnvelope;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Writes user actions into user_activity_facts, once per event id. */
@Repository
class UserActivityFacts {

    /** The inbox's name for this consumer of user-activity. */
    static final String CONSUMER = "user-activity-facts";

    private final Inbox inbox;
    private final JdbcClient jdbc;

    UserActivityFacts(Inbox inbox, JdbcClient jdbc) {
        this.inbox = inbox;
        this.jdbc = jdbc;
    }

    /**
     * Records the event id and the fact in one transaction; a redelivered event finds its id already
     * recorded and changes nothing.
     *
     * @return true when applied, false when the event had been processed before
     */
    @Transactional
    boolean apply(EventEnvelope envelope, UserActivity activity) {
        if (!inbox.firstDelivery(CONSUMER, envelope)) {
            return false;
        }
        jdbc.sql("""
                        insert into user_activity_facts (event_id, user_id, event_type, occurred_at)
                        values (:eventId, :userId, :eventType, :occurredAt)
                        on conflict (event_id) do nothing""")
                .param("eventId", activity.eventId())
                .param("userId", activity.userId())
                .param("eventType", activity.eventType())
                .param("occurredAt", Timestamp.from(activity.occurredAt()))
                .update();
        return true;
    }
}

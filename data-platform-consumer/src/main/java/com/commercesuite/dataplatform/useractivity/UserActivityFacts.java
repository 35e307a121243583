package com.commercesuite.dataplatform.useractivity;

import com.commercesuite.consumer.PollWriter;
import com.commercesuite.events.EventEnvelope;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes user actions into user_activity_facts, once per event id. */
@Repository
class UserActivityFacts implements PollWriter<UserActivity> {

    /** The inbox's name for this consumer of user-activity. */
    static final String CONSUMER = "user-activity-facts";

    private final JdbcClient jdbc;

    UserActivityFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public UserActivity read(EventEnvelope envelope) {
        return UserActivity.from(envelope);
    }

    /**
     * Records the event id and the fact in the caller's transaction; a redelivered event finds its
     * id already recorded and changes nothing.
     */
    @Override
    public void write(EventEnvelope envelope, UserActivity activity) {
        jdbc.sql("""
                        insert into user_activity_facts (event_id, user_id, event_type, occurred_at)
                        values (:eventId, :userId, :eventType, :occurredAt)
                        on conflict (event_id) do nothing""")
                .param("eventId", activity.eventId())
                .param("userId", activity.userId())
                .param("eventType", activity.eventType())
                .param("occurredAt", Timestamp.from(activity.occurredAt()))
                .update();
    }
}

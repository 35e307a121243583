package com.commercesuite.dataplatform.useractivity;

import com.commercesuite.dataplatform.consumption.UnprocessableEventException;
import com.commercesuite.events.EventEnvelope;
import java.time.Instant;
import java.util.UUID;

/**
 * One user action as the data platform keeps it: any event type on user-activity is a fact, so a
 * producer's new action type needs no change here. Only the envelope is read (the user is the
 * aggregate id), never the payload, whose shape differs per type.
 */
record UserActivity(UUID eventId, long userId, String eventType, Instant occurredAt) {

    static final int SCHEMA_VERSION = 1;

    /** Reads the envelope, refusing what no retry could make readable. */
    static UserActivity from(EventEnvelope envelope) {
        if (envelope.schemaVersion() != SCHEMA_VERSION) {
            throw new UnprocessableEventException("unsupported schemaVersion " + envelope.schemaVersion() + " of "
                    + envelope.eventType() + " on user-activity (this consumer reads " + SCHEMA_VERSION + ")");
        }
        if (envelope.eventType().isBlank() || envelope.eventType().length() > 100) {
            throw new UnprocessableEventException("eventType must be 1 to 100 characters, was '" + envelope.eventType() + "'");
        }
        long userId;
        try {
            userId = Long.parseLong(envelope.aggregateId());
        } catch (NumberFormatException e) {
            throw new UnprocessableEventException("aggregateId '" + envelope.aggregateId() + "' of " + envelope.eventType()
                    + " on user-activity is not a user id");
        }
        return new UserActivity(envelope.eventId(), userId, envelope.eventType(), envelope.occurredAt());
    }
}

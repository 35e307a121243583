package com.commercesuite.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which appended events have not reached Kafka yet. A row leaves {@code outbox.event} only once the
 * broker acknowledged it, so an event still there (waiting, or set aside as unsendable) has not
 * been delivered; one that is gone has, whatever the published rows' retention. What a service
 * needs to count a wait from the delivery of its message rather than from its commit.
 */
public class OutboxBacklog {

    private static final String STILL_QUEUED = "SELECT event_id FROM outbox.event WHERE event_id = ANY (?)";
    // The relay's own index: the first row it has yet to send, set-aside rows left out.
    private static final String OLDEST_WAITING =
            "SELECT created_at FROM outbox.event WHERE failed_at IS NULL ORDER BY id LIMIT 1";

    private final JdbcTemplate jdbc;

    OutboxBacklog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The given event ids that are still in the outbox: appended (and committed) but not delivered. */
    public Set<UUID> undelivered(Collection<UUID> eventIds) {
        Set<UUID> queued = new HashSet<>();
        if (eventIds.isEmpty()) {
            return queued;
        }
        Object[] ids = eventIds.toArray();
        jdbc.query(STILL_QUEUED, statement -> statement.setArray(1, statement.getConnection().createArrayOf("uuid", ids)),
                rs -> {
                    queued.add(rs.getObject(1, UUID.class));
                });
        return queued;
    }

    /**
     * When the oldest event still waiting for Kafka was appended; empty when none waits. An event
     * that waits long means the relay cannot deliver: the broker takes no writes, or no relay leads.
     */
    public Optional<Instant> oldestWaitingSince() {
        List<Timestamp> oldest = jdbc.queryForList(OLDEST_WAITING, Timestamp.class);
        return oldest.stream().findFirst().map(Timestamp::toInstant);
    }
}

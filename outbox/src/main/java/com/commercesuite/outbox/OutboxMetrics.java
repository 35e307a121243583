package com.commercesuite.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox as Prometheus sees it: backlog rows and the age of the oldest unpublished row (read
 * from the table, so every instance reports the same truth), events published per topic,
 * commit-to-ack latency and failures.
 */
final class OutboxMetrics implements RelayLeadership.Changes {

    private static final String BACKLOG = """
            SELECT count(*), COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at)), 0)
            FROM outbox.event WHERE failed_at IS NULL
            """;
    private static final String SET_ASIDE = "SELECT count(*) FROM outbox.event WHERE failed_at IS NOT NULL";

    private record Backlog(long rows, double oldestAgeSeconds, long setAside, long readAtMillis) {
    }

    private final MeterRegistry registry;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final long cacheMillis;
    private final Timer commitToAck;
    private final Map<RelayPhase, Timer> relayPhases = new EnumMap<>(RelayPhase.class);
    private final Counter retriableFailures;
    private final Counter setAsideFailures;
    private final Map<String, Counter> publishedByTopic = new ConcurrentHashMap<>();
    private volatile Backlog backlog = new Backlog(0, 0, 0, 0);
    private final AtomicInteger blockedPartitions = new AtomicInteger();
    private final AtomicLong leaseEpoch = new AtomicLong();

    OutboxMetrics(MeterRegistry registry, JdbcTemplate jdbc, Clock clock, Duration cacheTime) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.clock = clock;
        this.cacheMillis = cacheTime.toMillis();
        this.commitToAck = Timer.builder("outbox.commit.to.ack")
                .description("Time from appending an event in the business transaction to the broker's acknowledgement")
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        for (RelayPhase phase : RelayPhase.values()) {
            relayPhases.put(phase, Timer.builder("outbox.relay.batch")
                    .description("Where a relay's batch spends its time: waiting for the previous batch's mark, reading its rows, sending them until the last acknowledgement")
                    .tag("phase", phase.tag)
                    .register(registry));
        }
        this.retriableFailures = failures("retriable");
        this.setAsideFailures = failures("set_aside");
        Gauge.builder("outbox.backlog.rows", this, m -> m.backlog().rows())
                .description("Outbox rows waiting to be published")
                .register(registry);
        Gauge.builder("outbox.oldest.unpublished.age", this, m -> m.backlog().oldestAgeSeconds())
                .description("Age of the oldest unpublished outbox row")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("outbox.set.aside.rows", this, m -> m.backlog().setAside())
                .description("Outbox rows that can never be sent, kept with their reason")
                .register(registry);
        Gauge.builder("outbox.blocked.partitions", blockedPartitions, AtomicInteger::get)
                .description("Partitions that took no writes, whose outbox events wait while the others' go out")
                .register(registry);
    }

    void watchLeadership(RelayLeadership leadership) {
        Gauge.builder("outbox.relay.leader", leadership, l -> l.isLeader() ? 1 : 0)
                .description("1 when this instance's relay is the one publishing for the database")
                .strongReference(true)
                .register(registry);
        Gauge.builder("outbox.relay.lease.epoch", leaseEpoch, AtomicLong::get)
                .description("The epoch of the relay lease this instance last won: it rises by one at every takeover")
                .register(registry);
    }

    @Override
    public void acquired(long epoch) {
        leaseEpoch.set(epoch);
        leadershipChange("acquired");
    }

    @Override
    public void lost() {
        leadershipChange("lost");
    }

    @Override
    public void released() {
        leadershipChange("released");
    }

    private void leadershipChange(String change) {
        Counter.builder("outbox.relay.leadership.changes")
                .description("Relay leases this instance won (acquired), had taken away or let run out (lost), or gave up (released)")
                .tag("change", change)
                .register(registry)
                .increment();
    }

    private Counter failures(String kind) {
        return Counter.builder("outbox.publish.failures")
                .description("Records the relay could not publish")
                .tag("kind", kind)
                .register(registry);
    }

    void acknowledged(PendingEvent event) {
        commitToAck.record(Duration.between(event.createdAt(), clock.instant()));
        publishedByTopic
                .computeIfAbsent(event.topic(), topic -> Counter.builder("outbox.events.published")
                        .description("Events the broker acknowledged")
                        .tag("topic", topic)
                        .register(registry))
                .increment();
    }

    void retriableFailure(int records) {
        retriableFailures.increment(records);
    }

    void setAside() {
        setAsideFailures.increment();
    }

    void blockedPartitions(int count) {
        blockedPartitions.set(count);
    }

    Timer commitToAck() {
        return commitToAck;
    }

    /** The parts of one batch of rows, so a dashboard shows whether the database or the brokers hold a hop up. */
    enum RelayPhase {
        AWAITING_MARK("awaiting_mark"),
        READING("reading"),
        SENDING("sending");

        private final String tag;

        RelayPhase(String tag) {
            this.tag = tag;
        }
    }

    void relayPhase(RelayPhase phase, long nanos) {
        relayPhases.get(phase).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Read at most once per cache period: a scrape must not turn into a table scan per gauge. */
    private Backlog backlog() {
        long now = clock.millis();
        Backlog current = backlog;
        if (now - current.readAtMillis() < cacheMillis) {
            return current;
        }
        try {
            Backlog fresh = jdbc.queryForObject(BACKLOG, (rs, n) -> new Backlog(rs.getLong(1), rs.getDouble(2), 0, now));
            long setAside = jdbc.queryForObject(SET_ASIDE, Long.class);
            backlog = new Backlog(fresh.rows(), fresh.oldestAgeSeconds(), setAside, now);
        } catch (RuntimeException e) {
            // The database is unreachable: report the last figures; the health endpoint reports the outage.
            return current;
        }
        return backlog;
    }
}

package com.commercesuite.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.Topic;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

/** The relay prunes aggregate sequence rows nobody used for the retention, and numbers never go back. */
@SpringBootTest(properties = {
        "commerce.outbox.sequence-retention=1h",
        "commerce.outbox.sequence-prune-interval=200ms",
        "commerce.outbox.cleanup-interval=200ms"})
@DirtiesContext // the relay holds the database's relay lease: release it for the next test class
class AggregateSequencePruningIntegrationTests {

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    final String idle = "idle-" + UUID.randomUUID();
    final String busy = "busy-" + UUID.randomUUID();
    long floorBefore;

    @BeforeEach
    void rememberTheFloor() {
        floorBefore = floor();
    }

    /**
     * The other tests number fresh aggregates from 1 in this database, which outlives the run: put the
     * floor back (safe here, the test's own aggregates are the only ones pruned).
     */
    @AfterEach
    void restoreTheFloor() {
        jdbc.update("UPDATE outbox.aggregate_sequence_floor SET floor = ?", floorBefore);
    }

    @Test
    void aRowUnusedForTheRetentionGoesAndItsAggregateNumbersOnAboveItsOldSequences() {
        long lastBefore = append(idle, 3);
        long busyLast = append(busy, 1);
        jdbc.update("UPDATE outbox.aggregate_sequence SET used_at = clock_timestamp() - interval '2 hours' WHERE aggregate_id = ?",
                idle);

        await().atMost(Duration.ofSeconds(60)).until(() -> rows(idle) == 0);

        assertThat(rows(busy)).as("a row used within the retention stays").isEqualTo(1);
        assertThat(floor()).isGreaterThanOrEqualTo(lastBefore);
        assertThat(append(idle, 1)).as("the pruned aggregate's next number").isGreaterThan(lastBefore);
        assertThat(append(busy, 1)).as("a kept aggregate counts on").isEqualTo(busyLast + 1);
    }

    /** Appends {@code n} events of the aggregate in one transaction; the last sequence it holds. */
    private long append(String aggregateId, int n) {
        List<UUID> appended = transaction.execute(status -> outbox.appendAll(IntStream.range(0, n)
                .mapToObj(i -> new Outbox.Entry(Topic.PRODUCT_ACTIVITY, new TestEvent(aggregateId, i)))
                .toList()));
        return jdbc.queryForObject("SELECT aggregate_sequence FROM outbox.event WHERE event_id = ?", Long.class,
                appended.getLast());
    }

    private long floor() {
        return jdbc.queryForObject("SELECT floor FROM outbox.aggregate_sequence_floor", Long.class);
    }

    private int rows(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox.aggregate_sequence WHERE aggregate_id = ?", Integer.class,
                aggregateId);
    }
}

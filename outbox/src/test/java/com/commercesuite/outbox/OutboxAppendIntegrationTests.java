package com.commercesuite.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.commercesuite.events.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The append side against real PostgreSQL; the relay is off so rows stay where the test can see them. */
@SpringBootTest(properties = "commerce.outbox.relay.enabled=false")
class OutboxAppendIntegrationTests {

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    final String aggregateId = "append-" + UUID.randomUUID();

    @BeforeEach
    void businessTable() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS business_change (aggregate_id text PRIMARY KEY)");
    }

    @Test
    void theEventCommitsWithTheBusinessChange() {
        transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO business_change VALUES (?)", aggregateId);
            outbox.append(Topic.PRODUCT_ACTIVITY, new TestEvent(aggregateId, 1));
        });

        assertThat(businessRows()).isEqualTo(1);
        assertThat(outboxRows()).isEqualTo(1);
    }

    @Test
    void theEventRollsBackWithTheBusinessChange() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO business_change VALUES (?)", aggregateId);
            outbox.append(Topic.PRODUCT_ACTIVITY, new TestEvent(aggregateId, 1));
            throw new IllegalStateException("business rule refused");
        })).hasMessage("business rule refused");

        assertThat(businessRows()).isZero();
        assertThat(outboxRows()).isZero();
        // The sequence rolled back too: the next event of this aggregate is still number 1.
        var next = transaction.execute(status -> outbox.append(Topic.PRODUCT_ACTIVITY, new TestEvent(aggregateId, 2)));
        assertThat(sequenceOf(next)).isEqualTo(1);
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.append(Topic.PRODUCT_ACTIVITY, new TestEvent(aggregateId, 1)))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(outboxRows()).isZero();
    }

    @Test
    void rowsCarryTheKeyOfTheTopicPolicyAndTheEnvelopeAsPayload() {
        var eventId = transaction.execute(status -> outbox.append(Topic.BALANCE_ACTIVITY, new TestEvent(aggregateId, 1)));

        var row = jdbc.queryForMap("SELECT topic, record_key, event_type, event_id FROM outbox.event WHERE aggregate_id = ?", aggregateId);
        assertThat(row).containsEntry("topic", "balance-activity")
                .containsEntry("record_key", "user:" + aggregateId)
                .containsEntry("event_type", "TEST_EVENT")
                .containsEntry("event_id", eventId);
    }

    @Test
    void concurrentWritersOfOneAggregateGetGaplessSequencesInIdOrder() throws Exception {
        int writers = 8;
        int eventsEach = 25;
        try (var pool = Executors.newFixedThreadPool(writers)) {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                tasks.add(() -> {
                    for (int i = 0; i < eventsEach; i++) {
                        transaction.executeWithoutResult(status -> outbox.append(Topic.PRODUCT_ACTIVITY, new TestEvent(aggregateId, 0)));
                    }
                    return null;
                });
            }
            for (var future : pool.invokeAll(tasks)) {
                future.get();
            }
        }

        List<Long> sequencesInIdOrder = jdbc.queryForList(
                "SELECT aggregate_sequence FROM outbox.event WHERE aggregate_id = ? ORDER BY id", Long.class, aggregateId);
        assertThat(sequencesInIdOrder).hasSize(writers * eventsEach);
        for (int i = 0; i < sequencesInIdOrder.size(); i++) {
            assertThat(sequencesInIdOrder.get(i)).isEqualTo(i + 1);
        }
    }

    @Test
    void aBatchTakesEachAggregatesNumbersInTheOrderOfItsEntriesAfterWhatItHadBefore() {
        String other = aggregateId + "-other";
        transaction.executeWithoutResult(status -> outbox.append(Topic.PRODUCT_ACTIVITY, new TestEvent(aggregateId, 0)));

        List<UUID> ids = transaction.execute(status -> {
            var first = outbox.appendAll(List.of(
                    new Outbox.Entry(Topic.PRODUCT_ACTIVITY, new TestEvent(aggregateId, 1)),
                    new Outbox.Entry(Topic.PRODUCT_ACTIVITY, new TestEvent(other, 1))));
            // Appends of one transaction are numbered together at its commit, in the order they came.
            var next = new ArrayList<>(first);
            next.add(outbox.append(Topic.BALANCE_ACTIVITY, new TestEvent(aggregateId, 2)));
            next.addAll(outbox.appendAll(List.of(
                    new Outbox.Entry(Topic.PRODUCT_ACTIVITY, new TestEvent(other, 2)),
                    new Outbox.Entry(Topic.PRODUCT_ACTIVITY, new TestEvent(aggregateId, 3)))));
            return next;
        });

        assertThat(ids).extracting(id -> jdbc.queryForMap(
                        "SELECT aggregate_id, aggregate_sequence FROM outbox.event WHERE event_id = ?", id))
                .extracting(row -> tuple(row.get("aggregate_id"), row.get("aggregate_sequence")))
                .containsExactly(tuple(aggregateId, 2L), tuple(other, 1L), tuple(aggregateId, 3L), tuple(other, 2L),
                        tuple(aggregateId, 4L));
        // Rows in id order are the entries' order: the relay publishes each aggregate's events in sequence.
        assertThat(jdbc.queryForList("SELECT aggregate_sequence FROM outbox.event WHERE aggregate_id = ? ORDER BY id",
                Long.class, aggregateId)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(jdbc.queryForObject("SELECT topic FROM outbox.event WHERE event_id = ?", String.class,
                ids.get(2))).isEqualTo("balance-activity");
    }

    @Test
    void anInnerTransactionCommitsOnlyItsOwnEventsAndTheOuterRollsBackOnlyItsOwn() {
        var inner = new TransactionTemplate(transaction.getTransactionManager());
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        String innerAggregate = aggregateId + "-inner";

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            outbox.append(Topic.PRODUCT_ACTIVITY, new TestEvent(aggregateId, 1));
            inner.executeWithoutResult(s -> outbox.append(Topic.PRODUCT_ACTIVITY, new TestEvent(innerAggregate, 1)));
            outbox.append(Topic.PRODUCT_ACTIVITY, new TestEvent(aggregateId, 2));
            throw new IllegalStateException("outer refused");
        })).hasMessage("outer refused");

        assertThat(outboxRows()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox.event WHERE aggregate_id = ?", Integer.class,
                innerAggregate)).isEqualTo(1);
    }

    @Test
    void aTransactionWhoseEventsCannotBeWrittenRollsBackAndItsCallerHearsWhy() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO business_change VALUES (?)", aggregateId);
            // Written at the commit, where PostgreSQL refuses the NUL character in a text column.
            outbox.append(Topic.PRODUCT_ACTIVITY, new TestEvent(aggregateId + "\u0000", 1));
        })).hasMessageContaining("0x00");

        assertThat(businessRows()).isZero();
        assertThat(outboxRows()).isZero();
    }

    private long sequenceOf(UUID eventId) {
        return jdbc.queryForObject("SELECT aggregate_sequence FROM outbox.event WHERE event_id = ?", Long.class, eventId);
    }

    private int businessRows() {
        return jdbc.queryForObject("SELECT count(*) FROM business_change WHERE aggregate_id = ?", Integer.class, aggregateId);
    }

    private int outboxRows() {
        return jdbc.queryForObject("SELECT count(*) FROM outbox.event WHERE aggregate_id = ?", Integer.class, aggregateId);
    }
}

package com.commercesuite.outbox;

import com.commercesuite.events.DomainEvent;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventJson;
import com.commercesuite.events.Topic;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prints the outbox's figures on the local broker and database: backlog drain, business write rate
 * with and without the relay, and commit-to-ack latency at a fixed rate. Run by {@code bin/benchmark};
 * not a test (figures, not assertions). In the outbox's package: it assembles relays without a
 * Spring context, from the library's package-private parts.
 */
public final class OutboxBenchmark {

    record BenchEvent(String aggregateId, String body) implements DomainEvent {
        @Override
        public String aggregateType() {
            return "bench-account";
        }
    }

    private static final String BODY = "x".repeat(700); // the envelope around it makes the record about 1 KiB

    private final String bootstrap = System.getProperty("bench.bootstrap", "127.0.0.1:9092");
    private final int drainRows = Integer.getInteger("bench.drain.rows", 1_000_000);
    private final int writers = Integer.getInteger("bench.writers", 8);
    private final Duration phase = Duration.ofSeconds(Long.getLong("bench.phase.seconds", 20));
    private final HikariDataSource dataSource = new HikariDataSource();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    private OutboxBenchmark() {
        dataSource.setJdbcUrl(System.getProperty("bench.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/outbox"));
        dataSource.setUsername("outbox");
        dataSource.setPassword("outbox");
        dataSource.setMaximumPoolSize(writers + 4);
        new OutboxSchemaMigration(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public static void main(String[] args) throws Exception {
        var bench = new OutboxBenchmark();
        try {
            bench.drain(Duration.ofHours(1), "moved to published_event, kept 1h");
            bench.drain(Duration.ZERO, "delete on ack");
            bench.steadyState();
            bench.latency(1_000);
        } finally {
            bench.dataSource.close();
        }
    }

    /** 1 KiB rows already in the table, relay started: how fast does it empty? */
    private void drain(Duration retention, String mode) throws Exception {
        String topic = freshTopic("outbox-bench-drain");
        jdbc.update("TRUNCATE outbox.event");
        String envelope = new String(EventJson.write(EventEnvelope.of(new BenchEvent("a", BODY), 1, Instant.now())), StandardCharsets.UTF_8);
        jdbc.update("""
                INSERT INTO outbox.event (event_id, topic, record_key, event_type, aggregate_type, aggregate_id,
                                          aggregate_sequence, schema_version, occurred_at, payload)
                SELECT gen_random_uuid(), ?, 'account-' || (n % 1000), 'BENCH_EVENT', 'bench-account', 'account-' || (n % 1000),
                       n, 1, now(), convert_to(?, 'UTF8')
                FROM generate_series(1, ?) AS n
                """, topic, envelope, drainRows);
        jdbc.execute("VACUUM ANALYZE outbox.event");
        var registry = new SimpleMeterRegistry();
        var relay = relay(retention, registry);
        long start = System.nanoTime();
        relay.start();
        while (registry.find("outbox.events.published").counters().stream().mapToDouble(c -> c.count()).sum() < drainRows) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        relay.stop();
        print("drain", "%,d rows of ~%d B (%s): %.1f s, %,.0f events/s".formatted(drainRows, envelope.length(), mode, seconds, drainRows / seconds));
    }

    /** Business transactions (update an account, append its event) at full speed, without and with the relay. */
    private void steadyState() throws Exception {
        jdbc.execute("CREATE TABLE IF NOT EXISTS bench_account (id text PRIMARY KEY, balance bigint NOT NULL)");
        jdbc.update("INSERT INTO bench_account SELECT 'account-' || n, 0 FROM generate_series(0, 999) n ON CONFLICT DO NOTHING");
        freshTopicFor(Topic.PRODUCT_ACTIVITY);
        jdbc.update("TRUNCATE outbox.event");

        double without = writeAtFullSpeed(null).rate();
        var catchUp = relay(Duration.ofHours(1), new SimpleMeterRegistry());
        catchUp.start();
        while (pending() > 0) {
            Thread.sleep(100);
        }
        catchUp.stop();

        var registry = new SimpleMeterRegistry();
        var relay = relay(Duration.ofHours(1), registry);
        relay.start();
        WriteResult with = writeAtFullSpeed(relay);
        relay.stop();
        print("steady", "%d writers, %d s each: %,.0f tx/s without the relay, %,.0f tx/s with it (%.0f%%); backlog with the relay: max %,d rows, %,d at the end"
                .formatted(writers, phase.toSeconds(), without, with.rate(), 100 * with.rate() / without, with.maxBacklog(), with.endBacklog()));
    }

    record WriteResult(double rate, long maxBacklog, long endBacklog) {
    }

    private WriteResult writeAtFullSpeed(OutboxRelay relayOrNull) throws Exception {
        var signal = new RelaySignal();
        var outbox = new Outbox(new OutboxStore(jdbc), Clock.systemUTC(), signal);
        var done = new AtomicBoolean();
        var count = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            threads.add(Thread.ofPlatform().start(() -> {
                var random = ThreadLocalRandom.current();
                while (!done.get()) {
                    String account = "account-" + random.nextInt(1000);
                    transaction.executeWithoutResult(s -> {
                        jdbc.update("UPDATE bench_account SET balance = balance + 1 WHERE id = ?", account);
                        outbox.append(Topic.PRODUCT_ACTIVITY, new BenchEvent(account, BODY));
                    });
                    count.incrementAndGet();
                }
            }));
        }
        long maxBacklog = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < phase.toNanos()) {
            Thread.sleep(1000);
            if (relayOrNull != null) {
                maxBacklog = Math.max(maxBacklog, pending());
            }
        }
        done.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double rate = count.get() / ((System.nanoTime() - start) / 1e9);
        return new WriteResult(rate, maxBacklog, pending());
    }

    /** Single events at a fixed rate, the relay running: append-to-ack latency percentiles. */
    private void latency(int perSecond) throws Exception {
        freshTopicFor(Topic.PRODUCT_ACTIVITY);
        jdbc.update("TRUNCATE outbox.event");
        var registry = new SimpleMeterRegistry();
        var properties = properties(Duration.ofHours(1));
        var signal = new RelaySignal();
        var relay = OutboxAutoConfiguration.relay(dataSource, signal, properties, producerConfig(properties), registry, Clock.systemUTC());
        var outbox = new Outbox(new OutboxStore(jdbc), Clock.systemUTC(), signal);
        relay.start();
        long total = perSecond * phase.toSeconds();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            String account = "account-" + (i % 1000);
            transaction.executeWithoutResult(s -> outbox.append(Topic.PRODUCT_ACTIVITY, new BenchEvent(account, BODY)));
        }
        while (pending() > 0) {
            Thread.sleep(50);
        }
        relay.stop();
        var timer = registry.get("outbox.commit.to.ack").timer();
        var percentiles = timer.takeSnapshot().percentileValues();
        print("latency", "%,d events at %,d/s: commit-to-ack p50 %.1f ms, p99 %.1f ms, max %.1f ms".formatted(
                timer.count(), perSecond, millis(percentiles, 0.5), millis(percentiles, 0.99), timer.max(TimeUnit.MILLISECONDS)));
    }

    private static double millis(ValueAtPercentile[] percentiles, double which) {
        for (var p : percentiles) {
            if (p.percentile() == which) {
                return p.value(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }

    private OutboxRelay relay(Duration retention, SimpleMeterRegistry registry) {
        var properties = properties(retention);
        return OutboxAutoConfiguration.relay(dataSource, new RelaySignal(), properties, producerConfig(properties), registry, Clock.systemUTC());
    }

    private static OutboxProperties properties(Duration retention) {
        return new OutboxProperties(true,
                new OutboxProperties.Relay(true, Integer.getInteger("bench.batch", 2000), Duration.ofMillis(200), Duration.ofSeconds(1),
                        Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(30),
                        Duration.ofSeconds(6), Duration.ofSeconds(2), Duration.ofSeconds(30)),
                retention, Duration.ofSeconds(30), 5000, Duration.ZERO, Duration.ofMinutes(10), Duration.ofSeconds(1), Map.of());
    }

    private Map<String, Object> producerConfig(OutboxProperties properties) {
        var kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(bootstrap));
        return OutboxAutoConfiguration.producerConfig(kafka, properties);
    }

    private long pending() {
        return jdbc.queryForObject("SELECT count(*) FROM outbox.event WHERE failed_at IS NULL", Long.class);
    }

    private String freshTopic(String prefix) throws Exception {
        String name = prefix + "-" + System.currentTimeMillis();
        try (var admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(Topic.DEFAULT_PARTITIONS), Optional.empty()))).all().get();
        }
        return name;
    }

    private void freshTopicFor(Topic topic) throws Exception {
        try (var admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            if (!admin.listTopics().names().get().contains(topic.topicName())) {
                admin.createTopics(List.of(new NewTopic(topic.topicName(), Optional.of(topic.partitions()), Optional.empty()))).all().get();
            }
        }
    }

    private static void print(String what, String figures) {
        System.out.printf("outbox-benchmark %-8s %s%n", what, figures);
    }
}

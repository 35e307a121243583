package com.commercesuite.dataplatform.scaling;

import static org.awaitility.Awaitility.await;

import com.commercesuite.dataplatform.testevents.OrderCompleted;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventHeaders;
import com.commercesuite.events.EventJson;
import com.commercesuite.events.Topic;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The Java side of {@code bin/check-scaling}: a load generator for order-completed and the checks
 * that scaling the data-platform consumer lost nothing and applied nothing twice. Not a test: the
 * script runs it with the benchmarks module's classpath.
 *
 * <pre>
 * generate &lt;dir&gt; &lt;runId&gt; &lt;ratePerSecond&gt; &lt;resendPercent&gt;   until &lt;dir&gt;/stop exists
 * verify-assignment &lt;expectedMembers&gt; &lt;timeoutSeconds&gt;             waits for a stable, complete assignment
 * verify-data &lt;dir&gt; &lt;timeoutSeconds&gt;                               waits for lag 0, then checks PostgreSQL
 * </pre>
 *
 * Order ids are numeric (order_facts.order_id is bigint): the run's "prefix" is the id range
 * {@code [base, base + 1_000_000)} with {@code base = RUN_BASE + runId * 1_000_000}. Order n has
 * exactly {@code n % 3 + 1} lines.
 */
public final class ScalingCheck {

    static final String TOPIC = Topic.ORDER_COMPLETED.topicName();
    static final int PARTITIONS = Topic.ORDER_COMPLETED.partitions();
    static final String BOOTSTRAP = System.getProperty("check.bootstrap", "127.0.0.1:9092");
    static final String GROUP = System.getProperty("check.group", "data-platform-consumer-group");
    static final String JDBC_URL = System.getProperty("check.jdbc", "jdbc:postgresql://127.0.0.1:5432/dataplatform");
    static final String DB_USER = System.getProperty("check.db.user", "dataplatform");
    static final String DB_PASSWORD = System.getProperty("check.db.password", "dataplatform");
    /** Far above the ids the services and the integration tests use; still a valid bigint. */
    static final long RUN_BASE = 5_000_000_000_000_000_000L;
    static final long RUN_SPAN = 1_000_000L;

    private ScalingCheck() {
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        if (args.length == 0) {
            usage();
        }
        int rc = switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]),
                    Double.parseDouble(args[4]));
            case "verify-assignment" -> verifyAssignment(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "verify-data" -> verifyData(Path.of(args[1]), Integer.parseInt(args[2]));
            default -> {
                usage();
                yield 2;
            }
        };
        System.exit(rc);
    }

    private static void usage() {
        System.err.println("usage: ScalingCheck generate <dir> <runId> <ratePerSecond> <resendPercent>"
                + " | verify-assignment <members> <timeoutSeconds> | verify-data <dir> <timeoutSeconds>");
        System.exit(2);
    }

    /** Kafka's clients log at DEBUG through logback's default configuration otherwise. */
    private static void quietLogging() {
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    static long orderBase(long runId) {
        return RUN_BASE + runId * RUN_SPAN;
    }

    static int linesOf(long n) {
        return (int) (n % 3) + 1;
    }

    // ---------------------------------------------------------------------------------------------
    // generate

    private static int generate(Path dir, long runId, int ratePerSecond, double resendPercent) throws Exception {
        Files.createDirectories(dir);
        Path stop = dir.resolve("stop");
        long base = orderBase(runId);
        var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "scaling-check-" + runId),
                new StringSerializer(), new ByteArraySerializer());
        AtomicLong acked = new AtomicLong();
        AtomicLong resentAcked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        ConcurrentLinkedQueue<String> ackedIds = new ConcurrentLinkedQueue<>();
        List<byte[]> recentValues = new ArrayList<>();
        List<EventEnvelope> recent = new ArrayList<>();
        long resendEvery = resendPercent <= 0 ? Long.MAX_VALUE : Math.max(1, Math.round(100.0 / resendPercent));
        long n = 0;
        long resent = 0;
        long started = System.nanoTime();
        long lastProgress = started;
        System.out.printf("generator: run %d, orders %d.., %d/s, every %dth event resent%n", runId, base, ratePerSecond,
                resendEvery);
        while (!Files.exists(stop) && failure.get() == null && n < RUN_SPAN) {
            long due = (System.nanoTime() - started) * ratePerSecond / 1_000_000_000L;
            if (n >= due) {
                Thread.sleep(2);
                continue;
            }
            var order = order(base + n, n);
            EventEnvelope envelope = EventEnvelope.of(order, 1, Instant.now());
            byte[] value = EventJson.write(envelope);
            int partition = (int) (n % PARTITIONS);
            producer.send(record(envelope, value, partition), (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                } else {
                    acked.incrementAndGet();
                    ackedIds.add(envelope.eventId().toString());
                }
            });
            recent.add(envelope);
            recentValues.add(value);
            if (recent.size() > 200) {
                recent.removeFirst();
                recentValues.removeFirst();
            }
            n++;
            if (n % resendEvery == 0 && recent.size() > 50) {
                // A copy of an event sent ~50 events ago, on another partition than the original (the
                // topic is unkeyed, so a relay's re-send lands anywhere): another member may own it.
                int i = recent.size() - 50;
                EventEnvelope again = recent.get(i);
                long originalIndex = Long.parseLong(again.aggregateId()) - base;
                int otherPartition = (int) ((originalIndex + 1) % PARTITIONS);
                producer.send(record(again, recentValues.get(i), otherPartition), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        resentAcked.incrementAndGet();
                    }
                });
                resent++;
            }
            long now = System.nanoTime();
            if (now - lastProgress >= 5_000_000_000L) {
                lastProgress = now;
                Files.writeString(dir.resolve("progress"), acked.get() + "\n");
            }
        }
        producer.flush();
        producer.close(Duration.ofSeconds(10));
        double seconds = (System.nanoTime() - started) / 1e9;
        Files.write(dir.resolve("event-ids"), ackedIds);
        var summary = new Properties();
        summary.setProperty("runId", Long.toString(runId));
        summary.setProperty("orderBase", Long.toString(base));
        summary.setProperty("attempted", Long.toString(n));
        summary.setProperty("distinct", Long.toString(acked.get()));
        summary.setProperty("resent", Long.toString(resentAcked.get()));
        summary.setProperty("seconds", String.format("%.1f", seconds));
        try (var out = Files.newBufferedWriter(dir.resolve("sent.properties"))) {
            summary.store(out, "scaling check generator");
        }
        System.out.printf("generator: sent %d distinct (+%d resent) in %.1fs (%.0f/s)%n", acked.get(), resentAcked.get(),
                seconds, acked.get() / seconds);
        if (failure.get() != null) {
            System.out.println("generator: FAILED to send: " + failure.get());
            return 1;
        }
        if (acked.get() != n || resentAcked.get() != resent) {
            System.out.printf("generator: FAILED: %d of %d events and %d of %d re-sends acknowledged%n", acked.get(), n,
                    resentAcked.get(), resent);
            return 1;
        }
        return 0;
    }

    private static OrderCompleted order(long orderId, long n) {
        List<OrderCompleted.Item> items = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int line = 0; line < linesOf(n); line++) {
            var item = new OrderCompleted.Item(1_000 + (n * 7 + line) % 50, line + 1,
                    new BigDecimal("9.99").add(BigDecimal.valueOf(line)));
            items.add(item);
            total = total.add(item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())));
        }
        BigDecimal discount = new BigDecimal("1.00");
        return new OrderCompleted(orderId, 100 + n % 1_000, items, discount, total.subtract(discount), Instant.now());
    }

    private static ProducerRecord<String, byte[]> record(EventEnvelope envelope, byte[] value, int partition) {
        var record = new ProducerRecord<String, byte[]>(TOPIC, partition, null, value);
        EventHeaders.standard(envelope).forEach((name, headerValue) -> record.headers().add(name, utf8(headerValue)));
        return record;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------
    // verify-assignment

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    /**
     * Waits until the broker reports the group stable with exactly {@code expected} members, every
     * partition of the topic owned by exactly one member, each member holding its target assignment
     * and no member more than one partition above another; then prints the table.
     */
    private static int verifyAssignment(int expected, int timeoutSeconds) {
        long started = System.nanoTime();
        AtomicReference<ConsumerGroupDescription> last = new AtomicReference<>();
        AtomicReference<String> problem = new AtomicReference<>("no answer yet");
        try (Admin admin = admin()) {
            await().atMost(Duration.ofSeconds(timeoutSeconds)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> {
                        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP))
                                .describedGroups().get(GROUP).get(5, TimeUnit.SECONDS);
                        last.set(group);
                        String why = assignmentProblem(group, expected);
                        problem.set(why);
                        return why == null;
                    });
        } catch (ConditionTimeoutException e) {
            System.out.printf("assignment: FAILED after %ds: %s%n", timeoutSeconds, problem.get());
            if (last.get() != null) {
                printAssignment(last.get());
            }
            return 1;
        }
        ConsumerGroupDescription group = last.get();
        System.out.printf("assignment: %d member(s), every partition owned once (group %s, %s, epoch %d) after %.1fs%n",
                expected, GROUP, group.groupState(), group.groupEpoch().orElse(-1),
                (System.nanoTime() - started) / 1e9);
        printAssignment(group);
        return 0;
    }

    /** Null when the assignment is as expected, otherwise why not. */
    static String assignmentProblem(ConsumerGroupDescription group, int expected) {
        if (group.groupState() != GroupState.STABLE) {
            return "group state " + group.groupState();
        }
        Collection<MemberDescription> members = group.members();
        if (members.size() != expected) {
            return members.size() + " member(s), expected " + expected;
        }
        Map<Integer, List<String>> owners = new TreeMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            owners.put(p, new ArrayList<>());
        }
        List<Integer> counts = new ArrayList<>();
        for (MemberDescription member : members) {
            List<TopicPartition> mine = member.assignment().topicPartitions().stream()
                    .filter(tp -> tp.topic().equals(TOPIC)).toList();
            if (member.targetAssignment().isPresent()
                    && !member.targetAssignment().get().topicPartitions().equals(member.assignment().topicPartitions())) {
                return member.clientId() + " has not reached its target assignment yet";
            }
            mine.forEach(tp -> owners.computeIfAbsent(tp.partition(), k -> new ArrayList<>()).add(member.clientId()));
            counts.add(mine.size());
        }
        for (var entry : owners.entrySet()) {
            if (entry.getValue().size() != 1) {
                return "partition " + entry.getKey() + " owned by " + entry.getValue().size() + " members " + entry.getValue();
            }
        }
        if (owners.size() != PARTITIONS) {
            return "unknown partitions assigned: " + owners.keySet();
        }
        int max = counts.stream().mapToInt(Integer::intValue).max().orElse(0);
        int min = counts.stream().mapToInt(Integer::intValue).min().orElse(0);
        int busy = (int) counts.stream().filter(c -> c > 0).count();
        if (max - min > 1 || busy != Math.min(expected, PARTITIONS)) {
            return "uneven spread " + counts;
        }
        return null;
    }

    static void printAssignment(ConsumerGroupDescription group) {
        System.out.printf("    %-26s %-40s %-16s %s%n", "CLIENT-ID (INSTANCE_ID)", "MEMBER-ID", "HOST", "PARTITIONS of " + TOPIC);
        group.members().stream()
                .sorted((a, b) -> a.clientId().compareTo(b.clientId()))
                .forEach(m -> System.out.printf("    %-26s %-40s %-16s %s%n", m.clientId(), m.consumerId(), m.host(),
                        m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(TOPIC))
                                .map(TopicPartition::partition).sorted().map(String::valueOf)
                                .collect(Collectors.joining(",", "[", "]"))));
    }

    // ---------------------------------------------------------------------------------------------
    // verify-data

    private static int verifyData(Path dir, int timeoutSeconds) throws Exception {
        var sent = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("sent.properties"))) {
            sent.load(in);
        }
        long base = Long.parseLong(sent.getProperty("orderBase"));
        long distinct = Long.parseLong(sent.getProperty("distinct"));
        long attempted = Long.parseLong(sent.getProperty("attempted"));
        long resent = Long.parseLong(sent.getProperty("resent"));
        List<String> eventIds = Files.readAllLines(dir.resolve("event-ids"));

        long started = System.nanoTime();
        AtomicReference<Map<Integer, Long>> lag = new AtomicReference<>(Map.of());
        try (Admin admin = admin()) {
            await().atMost(Duration.ofSeconds(timeoutSeconds)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> {
                        lag.set(lagPerPartition(admin));
                        return lag.get().size() == PARTITIONS && lag.get().values().stream().allMatch(l -> l == 0);
                    });
        } catch (ConditionTimeoutException e) {
            System.out.printf("lag: FAILED, not 0 after %ds: %s%n", timeoutSeconds, lag.get());
            return 1;
        }
        System.out.printf("lag: 0 on every partition of %s for %s after %.1fs%n", TOPIC, GROUP,
                (System.nanoTime() - started) / 1e9);

        List<String> failures = new ArrayList<>();
        long facts;
        long factsWithTheirEvent;
        long processed;
        long lines;
        long wrongLines;
        long expectedLines = 0;
        for (long n = 0; n < attempted; n++) {
            expectedLines += linesOf(n);
        }
        try (Connection db = DriverManager.getConnection(JDBC_URL, DB_USER, DB_PASSWORD)) {
            Array ids = db.createArrayOf("uuid", eventIds.stream().map(UUID::fromString).toArray());
            facts = single(db, "select count(*) from order_facts where order_id >= ? and order_id < ?", base, base + RUN_SPAN);
            factsWithTheirEvent = single(db, "select count(*) from order_facts where order_id >= ? and order_id < ?"
                    + " and event_id = any(?)", base, base + RUN_SPAN, ids);
            processed = single(db, "select count(*) from inbox.processed_event where consumer = 'order-completed-facts' and event_id = any(?)", ids);
            lines = single(db, "select count(*) from order_line_facts where order_id >= ? and order_id < ?", base, base + RUN_SPAN);
            wrongLines = single(db, """
                    select count(*) from (
                        select f.order_id, count(l.order_id) as lines, max(l.line_no) as last
                        from order_facts f left join order_line_facts l on l.order_id = f.order_id
                        where f.order_id >= ? and f.order_id < ?
                        group by f.order_id
                        having count(l.order_id) <> mod(f.order_id - ?, 3) + 1
                            or max(l.line_no) <> mod(f.order_id - ?, 3) + 1) bad""", base, base + RUN_SPAN, base, base);
        }
        long lost = Math.max(0, distinct - facts);
        long duplicates = Math.max(0, facts - distinct) + Math.max(0, processed - distinct) + wrongLines
                + Math.max(0, lines - expectedLines);
        if (eventIds.size() != distinct) {
            failures.add("generator recorded " + eventIds.size() + " event ids for " + distinct + " events");
        }
        if (facts != distinct) {
            failures.add("order_facts has " + facts + " orders of this run, expected " + distinct);
        }
        if (factsWithTheirEvent != distinct) {
            failures.add(factsWithTheirEvent + " orders carry this run's event ids, expected " + distinct);
        }
        if (processed != distinct) {
            failures.add("the inbox has " + processed + " of this run's event ids, expected " + distinct);
        }
        if (lines != expectedLines || wrongLines != 0) {
            failures.add("order_line_facts has " + lines + " lines (expected " + expectedLines + "), " + wrongLines
                    + " order(s) with the wrong lines");
        }
        System.out.printf("database: order_facts %d, with their event id %d, inbox %d, order_line_facts %d"
                + " (expected %d), orders with wrong lines %d%n", facts, factsWithTheirEvent, processed, lines,
                expectedLines, wrongLines);
        Files.writeString(dir.resolve("verified.properties"), "applied=" + facts + "\nlost=" + lost
                + "\nduplicates=" + duplicates + "\nresent=" + resent + "\ndistinct=" + distinct + "\n");
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.out.println("data: FAILED: " + f));
            return 1;
        }
        return 0;
    }

    private static Map<Integer, Long> lagPerPartition(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(5, TimeUnit.SECONDS);
        Map<Integer, Long> lag = new TreeMap<>();
        ends.forEach((tp, end) -> {
            OffsetAndMetadata offset = committed.get(tp);
            lag.put(tp.partition(), end.offset() - (offset == null ? 0 : offset.offset()));
        });
        return lag;
    }

    private static long single(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

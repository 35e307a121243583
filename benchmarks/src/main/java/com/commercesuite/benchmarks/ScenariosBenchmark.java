package com.commercesuite.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Java side of {@code bin/benchmark scenarios}: the classic partition and consumer
 * configurations, each consumer a thread with a client of its own and a fixed cost per record (the
 * work a real listener would do: a sleep of {@code bench.cost.ms}), against the local cluster.
 * Each row: records/s from the first record handled to the last, how many consumers handled any,
 * and the lag left at the end. Prints lines starting with {@code scenarios-benchmark}.
 */
public final class ScenariosBenchmark {

    private static final String BOOTSTRAP = System.getProperty("bench.bootstrap", "127.0.0.1:9092");
    private static final long COST_MS = Long.getLong("bench.cost.ms", 10);
    private static final int RECORDS = Integer.getInteger("bench.records", 1_200);
    /** The notification consumer's per-message cost: the provider stub's default latency. */
    private static final long PROVIDER_MS = Long.getLong("bench.provider.ms", 50);
    private static final int PROVIDER_RECORDS = Integer.getInteger("bench.provider.records", 300);
    private static final Duration RATE_PHASE = Duration.ofSeconds(Long.getLong("bench.rate.seconds", 15));

    private ScenariosBenchmark() {
    }

    record Row(String name, int partitions, int consumers, boolean share, double perSecond, int busy, long lag, double lagSeconds) {
    }

    public static void main(String[] args) throws Exception {
        say("per-record cost %d ms (one consumer handles at most %d records/s); %d records per backlog row", COST_MS,
                1000 / COST_MS, RECORDS);
        say("| partitions / consumers | group | records/s | busy consumers | lag at the end |");
        say("|---|---|---|---|---|");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            print(backlog(admin, 1, 1, false, COST_MS, RECORDS));
            print(backlog(admin, 3, 3, false, COST_MS, RECORDS));
            print(backlog(admin, 3, 5, false, COST_MS, RECORDS));
            print(backlog(admin, 3, 5, true, COST_MS, RECORDS));
            print(backlog(admin, 5, 2, false, COST_MS, RECORDS));
            int capacity = (int) (3 * 1000 / COST_MS);
            print(atRate(admin, "producer-bound (writes at half what 3 consumers handle)", capacity / 2));
            print(atRate(admin, "consumer-bound (writes at twice what 3 consumers handle)", capacity * 2));

            // The notification consumer's case: a slow call per message, 3 partitions, 1, 3 and 6 consumers.
            say("per-message cost %d ms (the provider stub's latency), %d records on 3 partitions:", PROVIDER_MS, PROVIDER_RECORDS);
            say("| partitions / consumers | group | records/s | busy consumers | lag at the end |");
            say("|---|---|---|---|---|");
            for (int consumers : new int[] {1, 3, 6}) {
                print(backlog(admin, 3, consumers, false, PROVIDER_MS, PROVIDER_RECORDS));
                print(backlog(admin, 3, consumers, true, PROVIDER_MS, PROVIDER_RECORDS));
            }
        }
    }

    private static void print(Row row) {
        say("| %s | %s | %,.0f | %d of %d | %,d records, %.1f s |", row.name(), row.share() ? "share" : "consumer",
                row.perSecond(), row.busy(), row.consumers(), row.lag(), row.lagSeconds());
    }

    /** A backlog of {@code records} written first, then drained by the consumers at {@code costMs} a record. */
    private static Row backlog(Admin admin, int partitions, int consumers, boolean share, long costMs, int records) throws Exception {
        String topic = topic(admin, partitions);
        String group = "scenario-" + UUID.randomUUID();
        if (share) {
            startShareGroupAtEarliest(admin, group);
        }
        write(topic, partitions, records, 0);
        Run run = new Run(consumers, costMs);
        run.start(() -> share ? shareConsumer(topic, group, run) : groupConsumer(topic, group, run));
        run.awaitHandled(records, Duration.ofMinutes(3));
        run.stop();
        return new Row(partitions + " / " + consumers, partitions, consumers, share, run.perSecond(), run.busy(),
                lag(admin, topic, group, share), 0);
    }

    /** 3 partitions, 3 consumers, a producer at {@code perSecond} for {@link #RATE_PHASE}; the lag when it stops. */
    private static Row atRate(Admin admin, String name, int perSecond) throws Exception {
        String topic = topic(admin, 3);
        String group = "scenario-" + UUID.randomUUID();
        Run run = new Run(3, COST_MS);
        run.start(() -> groupConsumer(topic, group, run));
        int written = write(topic, 3, (int) (perSecond * RATE_PHASE.toSeconds()), perSecond);
        long lag = lag(admin, topic, group, false);
        double seconds = lag == 0 ? 0 : lag / run.perSecond();
        run.stop();
        return new Row(name + ", " + written + " records at " + perSecond + "/s", 3, 3, false, run.perSecond(), run.busy(), lag, seconds);
    }

    /** Consumers as threads, each counting what it handled. */
    static final class Run {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger handled = new AtomicInteger();
        final AtomicLong first = new AtomicLong();
        final AtomicLong last = new AtomicLong();
        final AtomicInteger[] perConsumer;
        final long costMs;
        final ExecutorService threads = Executors.newCachedThreadPool();
        private final AtomicInteger next = new AtomicInteger();

        Run(int consumers, long costMs) {
            this.costMs = costMs;
            perConsumer = new AtomicInteger[consumers];
            for (int i = 0; i < consumers; i++) {
                perConsumer[i] = new AtomicInteger();
            }
        }

        void start(Supplier<Runnable> consumer) {
            for (int i = 0; i < perConsumer.length; i++) {
                threads.submit(consumer.get());
            }
        }

        int index() {
            return next.getAndIncrement();
        }

        void handled(int consumer) throws InterruptedException {
            Thread.sleep(costMs); // the fixed cost of handling one record
            long now = System.nanoTime();
            first.compareAndSet(0, now);
            last.set(now);
            perConsumer[consumer].incrementAndGet();
            handled.incrementAndGet();
        }

        void awaitHandled(int count, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (handled.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }

        double perSecond() {
            long span = last.get() - first.get();
            return span <= 0 ? 0 : handled.get() / (span / 1e9);
        }

        int busy() {
            int busy = 0;
            for (AtomicInteger count : perConsumer) {
                busy += count.get() > 0 ? 1 : 0;
            }
            return busy;
        }

        void stop() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            threads.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private static Runnable groupConsumer(String topic, String group, Run run) {
        return () -> {
            try (Consumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP, ConsumerConfig.GROUP_ID_CONFIG, group,
                    ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                consume(run, consumer::poll, consumer::commitSync);
            }
        };
    }

    private static Runnable shareConsumer(String topic, String group, Run run) {
        return () -> {
            // As notification-consumer takes them: a few records a poll, strictly (share.acquire.mode
            // record_limit, KIP-1206), so one member never holds a batch the others could work on.
            try (ShareConsumer<String, String> consumer = new KafkaShareConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP, ConsumerConfig.GROUP_ID_CONFIG, group,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5, "share.acquire.mode", "record_limit"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                // Implicit acknowledgement: the commit accepts every record of the poll.
                consume(run, consumer::poll, consumer::commitSync);
            }
        };
    }

    /** Polls until the run stops, handling each record at the fixed cost and committing after each non-empty poll. */
    private static void consume(Run run, Function<Duration, ConsumerRecords<String, String>> poll, Runnable commit) {
        int me = run.index();
        try {
            while (run.running.get()) {
                ConsumerRecords<String, String> records = poll.apply(Duration.ofMillis(100));
                for (int i = 0; i < records.count(); i++) {
                    run.handled(me);
                }
                if (!records.isEmpty()) {
                    commit.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A share group starts at the latest offset by default; the backlog rows want it from the start. */
    private static void startShareGroupAtEarliest(Admin admin, String group) throws Exception {
        var resource = new ConfigResource(ConfigResource.Type.GROUP, group);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET)))).all().get();
    }

    private static String topic(Admin admin, int partitions) throws Exception {
        String topic = "scenario-" + partitions + "p-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get();
        return topic;
    }

    /** Writes {@code count} records round robin over the partitions, at {@code perSecond} (0: as fast as it can). */
    private static int write(String topic, int partitions, int count, int perSecond) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (perSecond > 0) {
                    long due = start + (long) (i * 1e9 / perSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait); // the producer's pace
                    }
                }
                // Round robin by hand: without a key the sticky partitioner fills one partition a batch at a time.
                producer.send(new ProducerRecord<>(topic, i % partitions, null, "r" + i));
            }
            producer.flush();
        }
        return count;
    }

    /** Records written and not yet handled: committed offsets for a consumer group; for a share group, what it has not acknowledged. */
    private static long lag(Admin admin, String topic, String group, boolean share) throws Exception {
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        if (share) {
            // Kafka 4.2+ reports each share partition's lag: records from its start offset not yet acknowledged.
            var partitions = admin.listShareGroupOffsets(Map.of(group, new ListShareGroupOffsetsSpec()))
                    .partitionsToOffsetInfo(group).get();
            return partitions.values().stream().mapToLong(p -> p.lag().orElse(0L)).sum();
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            lag += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return lag;
    }

    private static void say(String format, Object... args) {
        System.out.println("scenarios-benchmark " + format.formatted(args));
    }
}

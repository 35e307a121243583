package com.commercesuite.dataplatform.benchmark;

import com.commercesuite.benchmarks.PerRecordCost;
import com.commercesuite.dataplatform.testevents.OrderCompleted;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventHeaders;
import com.commercesuite.events.EventJson;
import com.commercesuite.events.Topic;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
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

/**
 * The Java side of {@code bin/benchmark consumers}: figures, not a test. Starts real
 * data-platform-consumer instances from the packaged jar as separate JVMs (against the
 * {@code dataplatform_test} database, in consumer groups of their own made for this run and
 * positioned at the end of the log), writes order-completed events straight to the broker and
 * reads progress from the broker's view: the group's committed offsets. Prints lines starting with
 * {@code consumer-benchmark}.
 *
 * <ol>
 *   <li>per-record cost (default 1 ms, {@link PerRecordCost}): 1, 2 and 3 instances, each run
 *       warmed up with {@code bench.warm-up} records, then timed draining a backlog of
 *       {@code bench.events} records written at its start;</li>
 *   <li>stall: at half the one-instance rate, a second instance joins and then leaves; the longest
 *       time any partition with lag saw no committed progress, sampled every 50 ms;</li>
 *   <li>no artificial cost: 1 and 3 instances, then Kafka's own ConsumerPerformance on the same
 *       topic and broker.</li>
 * </ol>
 */
public final class ConsumerBenchmark {

    static final String TOPIC = Topic.ORDER_COMPLETED.topicName();
    static final int PARTITIONS = Topic.ORDER_COMPLETED.partitions();
    static final String BOOTSTRAP = System.getProperty("bench.bootstrap", "127.0.0.1:9092");
    static final String JAR = System.getProperty("bench.jar");
    static final Path DIR = Path.of(System.getProperty("bench.dir", "target/consumer-benchmark"));
    static final String JAVA = System.getProperty("bench.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    static final String INSTANCE_OPTS = System.getProperty("bench.instance.opts",
            "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k");
    static final String JDBC = System.getProperty("bench.jdbc", "jdbc:postgresql://127.0.0.1:5432/dataplatform_test");
    static final int EVENTS = Integer.getInteger("bench.events", 20_000);
    /** Records each run's instances consume before the clock starts: class loading, JIT, connection pools. */
    static final int WARM_UP = Integer.getInteger("bench.warm-up", 3_000);
    static final String COST = System.getProperty("bench.cost", "1ms");
    /** The plain runs: the instances run the service as packaged, nothing added. */
    static final String NO_COST = "0ms";
    static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";
    /** Where {@link PerRecordCost} is loaded from: this module's classes (a directory or a jar). */
    static final String BENCHMARK_CLASSES = Path.of(URI.create(
            PerRecordCost.class.getProtectionDomain().getCodeSource().getLocation().toString())).toString();
    static final int BASE_PORT = Integer.getInteger("bench.base-port", 18110);
    static final String TOOL_ARGFILE = System.getProperty("bench.tool.argfile");
    static final int TOOL_MAX_MESSAGES = Integer.getInteger("bench.tool.messages", 200_000);
    static final long RUN_ID = System.currentTimeMillis() / 1000;
    /** Far above the ids the services, the tests and the scaling check use; still a valid bigint. */
    static final long ORDER_BASE = 6_000_000_000_000_000_000L + RUN_ID * 1_000_000L;
    static final Duration SAMPLE = Duration.ofMillis(50);

    private static final AtomicLong NEXT_ORDER = new AtomicLong();
    private static final List<Process> RUNNING = new CopyOnWriteArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ConsumerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        if (JAR == null || !Files.isRegularFile(Path.of(JAR))) {
            throw new IllegalArgumentException("-Dbench.jar must name the data-platform-consumer jar, was " + JAR);
        }
        Files.createDirectories(DIR);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
        String phases = args.length > 0 ? args[0] : "scaling,stall,plain";
        try (Admin admin = admin();
             KafkaProducer<String, byte[]> producer = producer()) {
            double oneInstance = 0;
            if (phases.contains("scaling")) {
                Map<Integer, Double> rates = new HashMap<>();
                for (int n = 1; n <= 3; n++) {
                    rates.put(n, drain(admin, producer, n, COST));
                }
                oneInstance = rates.get(1);
                say("cost=%s scaling: 3 vs 1 instance %.2fx, 2 vs 1 %.2fx (target 3 vs 1 >= 2.7x)",
                        COST, rates.get(3) / rates.get(1), rates.get(2) / rates.get(1));
            }
            if (phases.contains("stall")) {
                stall(admin, producer, oneInstance > 0 ? oneInstance : 400);
            }
            if (phases.contains("plain")) {
                double one = drain(admin, producer, 1, NO_COST);
                double three = drain(admin, producer, 3, NO_COST);
                say("cost=0ms scaling: 3 vs 1 instance %.2fx", three / one);
                kafkaConsumerTool(admin);
            }
        } finally {
            RUNNING.forEach(ConsumerBenchmark::stop);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // throughput

    /** Starts n instances, writes a backlog, and times the group from the first write to lag 0. */
    private static double drain(Admin admin, KafkaProducer<String, byte[]> producer, int n, String cost) throws Exception {
        String group = group("cost" + cost.replace("ms", "") + "-x" + n);
        List<Process> instances = startInstances(admin, group, n, cost);
        awaitCommitted(admin, group, produce(producer, admin, WARM_UP), Duration.ofMinutes(5));
        long started = System.nanoTime();
        Map<TopicPartition, Long> ends = produce(producer, admin, EVENTS);
        double writeSeconds = (System.nanoTime() - started) / 1e9;
        awaitCommitted(admin, group, ends, Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = EVENTS / seconds;
        instances.forEach(ConsumerBenchmark::stop);
        say("cost=%s %d instance%s: %,d records in %.1f s = %,.0f records/s (after %,d warm-up records; backlog written"
                        + " in %.1f s at the start; clock from the first write to lag 0 in the broker's committed offsets)",
                cost, n, n == 1 ? " " : "s", EVENTS, seconds, rate, WARM_UP, writeSeconds);
        return rate;
    }

    // ---------------------------------------------------------------------------------------------
    // stall while an instance joins and leaves

    private record Sample(long nanos, long[] committed, long[] ends) {
    }

    private static void stall(Admin admin, KafkaProducer<String, byte[]> producer, double oneInstanceRate) throws Exception {
        String group = group("stall");
        int rate = (int) Math.max(100, Math.round(oneInstanceRate / 2));
        List<Process> first = startInstances(admin, group, 1, COST);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread generator = Thread.ofPlatform().name("generator").start(() -> generate(producer, rate, stop, failure));
        List<Sample> samples = new CopyOnWriteArrayList<>();
        Thread sampler = Thread.ofPlatform().name("sampler").start(() -> sample(group, samples, stop, failure));

        Thread.sleep(5_000); // steady load before the change: the baseline window
        long joinStarts = System.nanoTime();
        Process second = startInstance(group, 2, COST);
        awaitHealthy(BASE_PORT + 1, second);
        awaitStable(admin, group, 2, Duration.ofSeconds(60));
        Thread.sleep(5_000);
        long leaveStarts = System.nanoTime();
        stop(second);
        awaitStable(admin, group, 1, Duration.ofSeconds(60));
        Thread.sleep(5_000);
        long leaveEnds = System.nanoTime();
        stop.set(true);
        generator.join();
        sampler.join();
        first.forEach(ConsumerBenchmark::stop);
        if (failure.get() != null) {
            throw failure.get();
        }
        long baselineStarts = samples.getFirst().nanos();
        say("stall at %d records/s (half the 1-instance rate), cost=%s, committed offsets sampled every %d ms (%d samples):",
                rate, COST, SAMPLE.toMillis(), samples.size());
        say("stall join 1->2: longest stall of a partition with lag %s (steady state before: %s)",
                longestStall(samples, joinStarts, leaveStarts), longestStall(samples, baselineStarts, joinStarts));
        say("stall leave 2->1: longest stall of a partition with lag %s (target < 1 s)",
                longestStall(samples, leaveStarts, leaveEnds));
    }

    /** "0.42 s on partition 1": the longest time, within the window, a partition with lag saw its committed offset stand still. */
    static String longestStall(List<Sample> samples, long from, long to) {
        long longest = 0;
        int where = -1;
        for (int p = 0; p < PARTITIONS; p++) {
            Sample previous = null;
            long still = -1; // when the partition was last seen making progress (or without lag)
            for (Sample s : samples) {
                if (s.nanos() < from || s.nanos() > to) {
                    continue;
                }
                boolean lag = s.ends()[p] > s.committed()[p];
                boolean progress = previous == null || s.committed()[p] != previous.committed()[p];
                if (previous == null || progress || !lag) {
                    if (still >= 0 && previous != null && s.nanos() - still > longest) {
                        longest = s.nanos() - still;
                        where = p;
                    }
                    still = s.nanos();
                }
                previous = s;
            }
            if (previous != null && previous.ends()[p] > previous.committed()[p] && previous.nanos() - still > longest) {
                longest = previous.nanos() - still;
                where = p;
            }
        }
        return String.format("%.2f s on partition %d", longest / 1e9, where);
    }

    private static void generate(KafkaProducer<String, byte[]> producer, int rate, AtomicBoolean stop,
                                 AtomicReference<Exception> failure) {
        long started = System.nanoTime();
        long sent = 0;
        try {
            while (!stop.get()) {
                long due = (System.nanoTime() - started) * rate / 1_000_000_000L;
                if (sent >= due) {
                    Thread.sleep(2);
                    continue;
                }
                producer.send(record(sent));
                sent++;
            }
            producer.flush();
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    private static void sample(String group, List<Sample> samples, AtomicBoolean stop, AtomicReference<Exception> failure) {
        try (Admin admin = admin()) {
            while (!stop.get()) {
                long next = System.nanoTime() + SAMPLE.toNanos();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                Map<TopicPartition, Long> ends = endOffsets(admin);
                long[] c = new long[PARTITIONS];
                long[] e = new long[PARTITIONS];
                for (int p = 0; p < PARTITIONS; p++) {
                    TopicPartition tp = new TopicPartition(TOPIC, p);
                    OffsetAndMetadata offset = committed.get(tp);
                    c[p] = offset == null ? 0 : offset.offset();
                    e[p] = ends.get(tp);
                }
                samples.add(new Sample(System.nanoTime(), c, e));
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
            }
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Kafka's own consumer performance tool

    private static void kafkaConsumerTool(Admin admin) throws Exception {
        if (TOOL_ARGFILE == null) {
            say("kafka-consumer-tool skipped: no -Dbench.tool.argfile");
            return;
        }
        long available = endOffsets(admin).values().stream().mapToLong(Long::longValue).sum();
        long messages = Math.min(available, TOOL_MAX_MESSAGES);
        Path config = DIR.resolve("consumer-tool.properties");
        Files.writeString(config, "group.protocol=consumer\n");
        List<String> command = new ArrayList<>(List.of(JAVA, "-Xmx256m", "-XX:+UseSerialGC", "@" + TOOL_ARGFILE,
                "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", BOOTSTRAP, "--topic", TOPIC,
                "--messages", Long.toString(messages), "--group", group("tool"), "--consumer.config", config.toString(),
                "--timeout", "60000"));
        Path log = DIR.resolve("consumer-tool.log");
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!tool.waitFor(3, TimeUnit.MINUTES) || tool.exitValue() != 0) {
            tool.destroyForcibly();
            throw new IllegalStateException("ConsumerPerformance failed; see " + log);
        }
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank() && !l.startsWith("WARNING")).toList();
        String header = lines.stream().filter(l -> l.startsWith("start.time")).findFirst().orElse("");
        String figures = lines.getLast();
        say("kafka-consumer-tool (ConsumerPerformance, same topic and broker, %,d records of ~%d B from the start"
                + " of %s, 1 consumer): %s", messages, typicalSize(), TOPIC, pairs(header, figures));
    }

    private static String pairs(String header, String figures) {
        String[] names = header.split(",\\s*");
        String[] values = figures.split(",\\s*");
        if (names.length != values.length) {
            return figures;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (!names[i].endsWith(".time")) {
                out.add(names[i] + "=" + values[i]);
            }
        }
        return String.join(" ", out);
    }

    private static int typicalSize() {
        return record(0).value().length;
    }

    // ---------------------------------------------------------------------------------------------
    // instances

    private static List<Process> startInstances(Admin admin, String group, int n, String cost) throws Exception {
        moveToTheEnd(admin, group);
        moveToTheEnd(admin, group + "-user-activity", Topic.USER_ACTIVITY);
        List<Process> instances = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            instances.add(startInstance(group, i, cost));
        }
        for (int i = 1; i <= n; i++) {
            awaitHealthy(BASE_PORT + i - 1, instances.get(i - 1));
        }
        awaitStable(admin, group, n, Duration.ofSeconds(90));
        return instances;
    }

    private static Process startInstance(String group, int index, String cost) throws IOException {
        int port = BASE_PORT + index - 1;
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(Arrays.asList(INSTANCE_OPTS.trim().split("\\s+")));
        if (NO_COST.equals(cost)) {
            command.addAll(List.of("-jar", JAR));
        } else {
            // The jar's own launcher, told to load this module's classes too: the service as
            // packaged, plus the benchmark's per-record cost.
            command.addAll(List.of("-cp", JAR, "-Dloader.path=" + BENCHMARK_CLASSES, PROPERTIES_LAUNCHER,
                    "--spring.main.sources=" + PerRecordCost.class.getName(), "--bench.per-record-cost=" + cost));
        }
        command.addAll(List.of(
                "--server.port=" + port,
                "--commerce.data-platform.instance-id=" + group + "-" + index,
                "--spring.datasource.url=" + JDBC,
                "--spring.kafka.bootstrap-servers=" + BOOTSTRAP,
                "--commerce.data-platform.consumer-group=" + group,
                "--commerce.data-platform.user-activity-group=" + group + "-user-activity"));
        Path log = DIR.resolve(group + "-" + index + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RUNNING.add(process);
        return process;
    }

    private static void awaitHealthy(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the instance on port " + port + " exited; see its log in " + DIR);
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the instance on port " + port + " was not ready within 120 s");
    }

    /** Waits until the broker shows the group stable with n members, each at its target assignment, every partition owned. */
    private static void awaitStable(Admin admin, String group, int n, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                        .describedGroups().get(group).get(5, TimeUnit.SECONDS);
                last = description.groupState() + ", " + description.members().size() + " member(s)";
                if (description.groupState() == GroupState.STABLE && description.members().size() == n) {
                    long owned = description.members().stream()
                            .flatMap(m -> m.assignment().topicPartitions().stream()).distinct().count();
                    boolean settled = description.members().stream().allMatch(ConsumerBenchmark::atTarget);
                    if (owned == PARTITIONS && settled) {
                        return;
                    }
                }
            } catch (Exception e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("group " + group + " not stable with " + n + " member(s): " + last);
    }

    private static boolean atTarget(MemberDescription member) {
        return member.targetAssignment().map(t -> t.topicPartitions().equals(member.assignment().topicPartitions()))
                .orElse(true);
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            RUNNING.remove(process);
            return;
        }
        process.destroy(); // SIGTERM: a graceful shutdown that leaves the group
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(process);
    }

    // ---------------------------------------------------------------------------------------------
    // Kafka

    private static String group(String what) {
        return "data-platform-benchmark-" + RUN_ID + "-" + what;
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.CLIENT_ID_CONFIG, "consumer-benchmark-" + RUN_ID),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static void moveToTheEnd(Admin admin, String group) throws Exception {
        moveToTheEnd(admin, group, Topic.ORDER_COMPLETED);
    }

    /** A fresh group starts where the log ends now: it reads only what the benchmark writes next. */
    private static void moveToTheEnd(Admin admin, String group, Topic topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < topic.partitions(); p++) {
            latest.put(new TopicPartition(topic.topicName(), p), OffsetSpec.latest());
        }
        Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
        admin.alterConsumerGroupOffsets(group, ends).all().get(10, TimeUnit.SECONDS);
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Writes count events, round robin over the partitions; answers the end offsets once all are acknowledged. */
    private static Map<TopicPartition, Long> produce(KafkaProducer<String, byte[]> producer, Admin admin, int count)
            throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (int i = 0; i < count; i++) {
            producer.send(record(i), (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw failure.get();
        }
        return endOffsets(admin);
    }

    private static void awaitCommitted(Admin admin, String group, Map<TopicPartition, Long> ends, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            boolean done = ends.entrySet().stream().allMatch(end -> {
                OffsetAndMetadata offset = committed.get(end.getKey());
                return offset != null && offset.offset() >= end.getValue();
            });
            if (done) {
                return;
            }
            Thread.sleep(SAMPLE);
        }
        throw new IllegalStateException("group " + group + " did not reach the end within " + timeout);
    }

    /** An order-completed event as order-service's relay publishes it: unkeyed, envelope as value, standard headers. */
    private static ProducerRecord<String, byte[]> record(long n) {
        long orderId = ORDER_BASE + NEXT_ORDER.getAndIncrement();
        List<OrderCompleted.Item> items = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int line = 0; line <= n % 3; line++) {
            var item = new OrderCompleted.Item(2_000 + (n * 7 + line) % 50, line + 1, new BigDecimal("9.99").add(BigDecimal.valueOf(line)));
            items.add(item);
            total = total.add(item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())));
        }
        BigDecimal discount = new BigDecimal("1.00");
        var event = new OrderCompleted(orderId, 100 + n % 1_000, items, discount, total.subtract(discount), Instant.now());
        EventEnvelope envelope = EventEnvelope.of(event, 1, Instant.now());
        var record = new ProducerRecord<String, byte[]>(TOPIC, (int) (n % PARTITIONS), null, EventJson.write(envelope));
        EventHeaders.standard(envelope).forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static void say(String format, Object... args) {
        System.out.println("consumer-benchmark " + String.format(format, args));
        System.out.flush();
    }

    /** Kafka's clients log at DEBUG through logback's default configuration otherwise. */
    private static void quietLogging() {
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}

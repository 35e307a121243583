package com.commercesuite.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Kafka's own producer tool (ProducerPerformance) sending a small steady flow with acks=all to a
 * topic of its own while a measured run goes on: what one acknowledged write costs in time on the
 * same cluster, under the same load, in the same seconds. The anchor of a saga hop, which waits for
 * such an acknowledgement in its relay. Needs {@code -Dbench.tool.argfile} (bin/benchmark gives the
 * local suite's class path); without it the probe is skipped.
 */
final class ProducerToolProbe {

    private static final String ARGFILE = System.getProperty("bench.tool.argfile");
    private static final String JAVA = System.getProperty("bench.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    private static final int RATE = 20;
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    private final Process tool;
    private final Path log;

    private ProducerToolProbe(Process tool, Path log) {
        this.tool = tool;
        this.log = log;
    }

    /** Starts the tool for about {@code seconds}; null when no tool class path was given. */
    static ProducerToolProbe start(int seconds) throws IOException, InterruptedException {
        if (ARGFILE == null) {
            return null;
        }
        String topic = "bench-acks-" + System.currentTimeMillis();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", DomainServices.KAFKA))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) -1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the probe's topic " + topic, e);
        }
        Path log = Files.createTempFile("producer-tool-", ".log");
        Process tool = new ProcessBuilder(List.of(JAVA, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "@" + ARGFILE,
                "org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records", Integer.toString(RATE * seconds),
                "--record-size", "400", "--throughput", Integer.toString(RATE),
                "--producer-props", "bootstrap.servers=" + DomainServices.KAFKA, "acks=all", "linger.ms=5"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ProducerToolProbe(tool, log);
    }

    /** Waits for the tool's summary: "p50 X ms, p99 Y ms" of its acknowledgements. */
    String finish() throws IOException, InterruptedException {
        if (!tool.waitFor(2, TimeUnit.MINUTES)) {
            tool.destroyForcibly();
            return "no summary (the tool did not finish; see " + log + ")";
        }
        List<String> lines = Files.readAllLines(log);
        Matcher summary = SUMMARY.matcher(lines.isEmpty() ? "" : lines.getLast());
        if (!summary.find()) {
            return "no summary (see " + log + ")";
        }
        return "%d records/s of 400 B, acks=all: p50 %s ms, p99 %s ms".formatted(RATE, summary.group(1), summary.group(3));
    }
}

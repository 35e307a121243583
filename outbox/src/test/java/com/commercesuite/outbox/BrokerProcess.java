package com.commercesuite.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft broker in a child process, on fixed ports and a data directory that
 * survive a restart: lets a test take Kafka away and bring it back without touching the suite's
 * shared broker.
 */
final class BrokerProcess implements AutoCloseable {

    private final Path directory;
    private final int port = freePort();
    private final int controllerPort = freePort();
    private Process process;

    BrokerProcess(Path directory) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("server.properties"), """
                process.roles=broker,controller
                node.id=1
                controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                controller.listener.names=CONTROLLER
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controllerPort, directory.resolve("data")));
        boolean formatted = java("kafka.tools.StorageTool", "format", "--standalone", "-t", clusterId(),
                "-c", directory.resolve("server.properties").toString(), "--ignore-formatted").waitFor();
        if (!formatted) {
            throw new IllegalStateException("formatting the broker's storage failed, see " + directory.resolve("broker.log"));
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker and waits until it accepts connections. */
    void start() throws IOException {
        process = java("kafka.Kafka", directory.resolve("server.properties").toString()).process();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker did not start, see " + directory.resolve("broker.log"));
            }
            Thread.onSpinWait();
        }
    }

    /** Kills the broker abruptly, as a crash would. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            kill();
        }
    }

    private record Launched(Process process) {
        boolean waitFor() {
            try {
                return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private Launched java(String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new Launched(new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("broker.log").toFile()))
                .start());
    }

    private static String clusterId() {
        // Kafka's own ids never start with '-', which the storage tool would read as an option.
        return org.apache.kafka.common.Uuid.randomUuid().toString();
    }

    private static boolean accepts(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

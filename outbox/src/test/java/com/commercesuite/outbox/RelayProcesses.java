package com.commercesuite.outbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Relays as separate JVMs ({@link OutboxTestApplication}) that a test can kill, freeze and thaw for
 * real; each logs to {@code target/relay-<name>.log}. Closing kills those still running.
 */
final class RelayProcesses implements AutoCloseable {

    private final String bootstrapServers;
    private final List<Process> started = new ArrayList<>();
    private final Map<Process, Path> logs = new HashMap<>();

    RelayProcesses(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    Process start(String name, String... args) throws IOException {
        var command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                OutboxTestApplication.class.getName(),
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--commerce.outbox.relay.leader-check-interval=500ms"));
        command.addAll(List.of(args));
        File log = new File("target/relay-" + name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        started.add(process);
        logs.put(process, log.toPath());
        return process;
    }

    /** The relay process logs that its context started; until then it cannot stand by. */
    boolean isReady(Process relay) throws IOException {
        return relay.isAlive() && log(relay).contains("Started OutboxTestApplication");
    }

    String log(Process relay) throws IOException {
        return Files.readString(logs.get(relay));
    }

    /** Sends a signal by name (STOP, CONT) with kill(1): the JDK sends only TERM and KILL. */
    static void signal(Process process, String signal) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " exited with " + exit);
        }
    }

    @Override
    public void close() {
        for (Process process : started) {
            if (process.isAlive()) {
                try {
                    // A frozen process ignores nothing but SIGKILL, which is what destroyForcibly sends.
                    process.destroyForcibly().waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}

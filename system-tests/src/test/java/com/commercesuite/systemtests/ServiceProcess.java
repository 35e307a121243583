package com.commercesuite.systemtests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service as its own JVM, started from its packaged jar the way it runs in production, on a
 * free loopback port, logging to {@code target/system-tests/<name>.log}. It can be stopped and
 * started again (a participant that goes down and comes back).
 */
final class ServiceProcess {

    /** Small and quick to start: four of these (five in the benchmark) share two cores with the tests; the benchmark may set others. */
    private static final String JAVA_OPTIONS =
            System.getProperty("services.java.options", "-Xmx320m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final List<String> arguments;
    private final Path log;
    private Process process;

    ServiceProcess(String name, List<String> arguments) {
        this.name = name;
        this.jar = Path.of("..", name, "target", name + "-0.1.0-SNAPSHOT.jar").toAbsolutePath().normalize();
        this.port = freePort();
        this.arguments = arguments;
        this.log = Path.of("target", "system-tests", name + ".log").toAbsolutePath();
    }

    String name() {
        return name;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The JVM's process id, for reading its CPU time from /proc. */
    long pid() {
        return process.pid();
    }

    /** Starts the JVM without waiting; {@link #awaitReady()} waits. */
    void start() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw -B verify builds them before this module)");
        }
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(JAVA_OPTIONS.split(" ")));
        command.addAll(List.of(
                "-jar", jar.toString(),
                "--server.port=" + port));
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name, e);
        }
    }

    void awaitReady() {
        await(name + " ready (log: " + log + ")").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                    }
                    return ready();
                });
    }

    private boolean ready() {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The largest value of one Prometheus series over its labels, as the service exposes it now. */
    double metric(String series) {
        return metrics().max(series, "");
    }

    /** The service's Prometheus exposition as it is now, in one request, for reading several series. */
    Metrics metrics() {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return new Metrics(body.lines().toList());
        } catch (IOException e) {
            throw new IllegalStateException(name + " did not answer its metrics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One scrape of a service's metrics. */
    record Metrics(List<String> lines) {

        /** The largest value of the series over the lines that carry {@code label} (e.g. {@code phase="sending"}); NaN when none. */
        double max(String series, String label) {
            return lines.stream().filter(l -> l.startsWith(series + "{") || l.startsWith(series + " ")).filter(l -> l.contains(label))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).max().orElse(Double.NaN);
        }
    }

    /** SIGKILL: the JVM dies at once, in whatever it was doing (no shutdown hook, no graceful anything). */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, as a platform would send it: the service shuts down gracefully. */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}

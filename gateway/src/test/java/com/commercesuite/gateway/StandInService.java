package com.commercesuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server standing in for one of the services: it records every request it receives
 * and answers 200 with a small JSON body, unless a test scripted another answer for a path.
 */
final class StandInService implements AutoCloseable {

    record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {

        /** The single value of a header, or null; header names are case-insensitive. */
        String header(String name) {
            List<String> values = headers.get(name);
            if (values == null) {
                return null;
            }
            if (values.size() != 1) {
                throw new AssertionError("header " + name + " arrived " + values.size() + " times: " + values);
            }
            return values.getFirst();
        }

        List<String> headerValues(String name) {
            return headers.getOrDefault(name, List.of());
        }
    }

    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange, int attempt) throws IOException;
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> scripted = new ConcurrentHashMap<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    StandInService(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests to this exact path with the given behaviour from now on. */
    void script(String path, Answer answer) {
        scripted.put(path, answer);
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    Received onlyRequestTo(String path) {
        List<Received> matching = received(path);
        if (matching.size() != 1) {
            throw new AssertionError(name + " received " + matching.size() + " requests to " + path);
        }
        return matching.getFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            received.add(new Received(exchange.getRequestMethod(), path, headers, body));
            int attempt = attempts.merge(path, 1, Integer::sum);
            Answer answer = scripted.get(path);
            if (answer != null) {
                answer.answer(exchange, attempt);
            } else {
                respond(exchange, 200, "application/json",
                        "{\"service\":\"" + name + "\",\"method\":\"" + exchange.getRequestMethod() + "\",\"path\":\"" + path + "\"}");
            }
        }
    }

    static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

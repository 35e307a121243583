package com.commercesuite.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outside provider, played in the test JVM over real HTTP: it remembers every call per
 * idempotency key, delivers a key once, and answers as told per recipient.
 */
public final class FakeProvider implements AutoCloseable {

    /** What the provider does with a recipient's messages. */
    public enum Behaviour {
        /** Delivers every message. */
        DELIVER,
        /** Always answers 422: it will never take the message. */
        REFUSE,
        /** Answers 503 to the first two calls of a key, then delivers. */
        FAIL_TWICE,
        /** Delivers on the first call but the answer is lost (503), as after a crash or a timeout. */
        LOSE_FIRST_ANSWER
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern RECIPIENT = Pattern.compile("\"recipientId\"\\s*:\\s*(\\d+)");

    private final HttpServer server;
    private final Map<Long, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, String> delivered = new ConcurrentHashMap<>();
    private final Map<Long, Set<String>> deliveredTo = new ConcurrentHashMap<>();
    private volatile long latencyMillis;

    private FakeProvider(HttpServer server) {
        this.server = server;
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/messages", this::handle);
        server.start();
    }

    /** Listens on a free loopback port. */
    public static FakeProvider start() {
        try {
            return new FakeProvider(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/messages";
    }

    public void behave(long recipientId, Behaviour behaviour) {
        behaviours.put(recipientId, behaviour);
    }

    public void latency(long millis) {
        latencyMillis = millis;
    }

    /** Calls made with this idempotency key, whatever their answer. */
    public int calls(String key) {
        AtomicInteger count = calls.get(key);
        return count == null ? 0 : count.get();
    }

    /** Messages actually delivered to this recipient (one per key). */
    public int deliveredTo(long recipientId) {
        return deliveredTo.getOrDefault(recipientId, Set.of()).size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher recipient = RECIPIENT.matcher(body);
            if (key == null || !recipient.find()) {
                respond(exchange, 400, "{}");
                return;
            }
            if (latencyMillis > 0) {
                Thread.sleep(latencyMillis);
            }
            long recipientId = Long.parseLong(recipient.group(1));
            int call = calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            switch (behaviours.getOrDefault(recipientId, Behaviour.DELIVER)) {
                case REFUSE -> respond(exchange, 422, "{\"detail\":\"recipient " + recipientId + " cannot be reached\"}");
                case FAIL_TWICE -> {
                    if (call <= 2) {
                        respond(exchange, 503, "{}");
                    } else {
                        deliver(exchange, key, recipientId);
                    }
                }
                case LOSE_FIRST_ANSWER -> {
                    if (call == 1) {
                        delivered.putIfAbsent(key, UUID.randomUUID().toString());
                        deliveredTo.computeIfAbsent(recipientId, r -> ConcurrentHashMap.newKeySet()).add(key);
                        respond(exchange, 503, "{}");
                    } else {
                        deliver(exchange, key, recipientId);
                    }
                }
                case DELIVER -> deliver(exchange, key, recipientId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(HttpExchange exchange, String key, long recipientId) throws IOException {
        String fresh = UUID.randomUUID().toString();
        String messageId = delivered.putIfAbsent(key, fresh);
        boolean duplicate = messageId != null;
        deliveredTo.computeIfAbsent(recipientId, r -> ConcurrentHashMap.newKeySet()).add(key);
        JsonNode answer = JSON.createObjectNode().put("messageId", duplicate ? messageId : fresh).put("duplicate", duplicate);
        respond(exchange, duplicate ? 200 : 202, JSON.writeValueAsString(answer));
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

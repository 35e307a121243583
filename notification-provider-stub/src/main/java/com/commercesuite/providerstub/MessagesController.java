package com.commercesuite.providerstub;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /messages}: takes a message after the configured latency, or fails it (503) at the
 * configured rate. A repeated {@code Idempotency-Key} is answered with the first message's id and
 * {@code duplicate: true}, and is not delivered again: what a real provider with idempotency keys does.
 * {@code GET /messages/stats} counts what it took.
 */
@RestController
class MessagesController {

    private static final Logger log = LoggerFactory.getLogger(MessagesController.class);

    record Message(long recipientId, String kind, String text) {
    }

    record Accepted(String messageId, boolean duplicate) {
    }

    record Stats(long delivered, long duplicates, long failed) {
    }

    private final StubSettings settings;
    private final Map<String, String> delivered;
    private final AtomicLong deliveredCount = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    MessagesController(StubSettings settings, MeterRegistry registry) {
        this.settings = settings;
        this.delivered = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > settings.rememberedKeys();
            }
        };
        registry.gauge("provider.stub.messages.delivered", deliveredCount);
        registry.gauge("provider.stub.messages.duplicates", duplicates);
        registry.gauge("provider.stub.messages.failed", failed);
    }

    @PostMapping("/messages")
    ResponseEntity<Accepted> send(@RequestHeader("Idempotency-Key") String key, @RequestBody Message message)
            throws InterruptedException {
        // The provider's own work: the cost every message has.
        Thread.sleep(settings.latency());
        if (ThreadLocalRandom.current().nextDouble() < settings.errorRate()) {
            failed.incrementAndGet();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        String fresh = UUID.randomUUID().toString();
        String messageId;
        synchronized (delivered) {
            messageId = delivered.putIfAbsent(key, fresh);
        }
        if (messageId != null) {
            duplicates.incrementAndGet();
            log.info("Message {} to user {} already delivered as {}: not again", key, message.recipientId(), messageId);
            return ResponseEntity.ok(new Accepted(messageId, true));
        }
        deliveredCount.incrementAndGet();
        log.info("Message {} ({}) delivered to user {} as {}", key, message.kind(), message.recipientId(), fresh);
        return ResponseEntity.accepted().body(new Accepted(fresh, false));
    }

    @GetMapping("/messages/stats")
    Stats stats() {
        return new Stats(deliveredCount.get(), duplicates.get(), failed.get());
    }
}

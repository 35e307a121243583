package com.commercesuite.order.saga;

import static com.commercesuite.order.OrderHttp.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.saga.ReleaseStock;
import com.commercesuite.events.saga.ReserveStock;
import com.commercesuite.order.OrderHttp;
import com.commercesuite.order.OrderHttp.Answer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The saga's clocks when the suite itself cannot deliver: this context's outbox relay reaches Kafka
 * only through a {@link BrokerGate} that starts closed (the broker down, for the relay), while the
 * replies and the simulated participants use the broker directly. A step's timeout counts from the
 * delivery of its command; the hard deadline counts from placement, delivered or not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "commerce.order.saga.timeout=4s",
        "commerce.order.saga.hard-deadline=30s"})
@ActiveProfiles("test")
@DirtiesContext // the relay holds the database's relay lock: release it for the next test class
class SagaDeadlineIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(4);
    private static final Duration HARD_DEADLINE = Duration.ofSeconds(30);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final BrokerGate gate = new BrokerGate();

    @DynamicPropertySource
    static void relayThroughTheGate(DynamicPropertyRegistry registry) {
        registry.add("commerce.outbox.producer[bootstrap.servers]", gate::address);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @AfterAll
    static void closeGate() {
        gate.close();
    }

    @Test
    void timeInTheOutboxUsesUpNoStepAndAnUnansweredDeliveredStepTimesOutWithinTheHardDeadline() {
        var participants = SimulatedParticipants.shared(bootstrapServers);
        var http = new OrderHttp(port);
        long funded = freshId();
        long product = freshId();
        participants.inStock(product, "3.00");
        participants.pays(funded);
        long unanswered = freshId(); // product-service never answers for these two
        long undeliverable = freshId();

        long completes = place(http, funded, product);
        long timesOut = place(http, freshId(), unanswered);
        long hitsTheHardDeadline = place(http, freshId(), undeliverable);
        // A row the relay can never send (it set it aside) stays in the outbox: its step's clock never starts.
        jdbc.sql("""
                        update outbox.event set failed_at = now(), failure_reason = 'test: never sent'
                        where aggregate_type = 'order' and aggregate_id = ? and event_type = 'RESERVE_STOCK'""")
                .param(Long.toString(hitsTheHardDeadline)).update();

        // Kafka is unreachable for the relay for twice the step timeout: nothing times out.
        await().during(TIMEOUT.multipliedBy(2)).atMost(TIMEOUT.multipliedBy(3)).until(() ->
                List.of(completes, timesOut, hitsTheHardDeadline).stream().allMatch(id -> http.status(id).equals("PENDING")));
        assertThat(participants.commandsFor(completes)).isEmpty();

        gate.open(bootstrapServers);

        // The funded order completes although it has waited longer than a step's timeout.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(http.status(completes)).isEqualTo("COMPLETED"));
        // The unanswered one gets its full timeout from the delivery of its command, then is cancelled.
        await().atMost(PATIENCE).until(() -> !participants.commandsFor(timesOut, ReserveStock.class).isEmpty());
        await().during(TIMEOUT.minusSeconds(1)).atMost(TIMEOUT).until(() -> http.status(timesOut).equals("PENDING"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(http.status(timesOut)).isEqualTo("CANCELLED"));
        assertThat(http.get("/api/orders/" + timesOut).<String>json("$.cancellationReason"))
                .isEqualTo("timed out waiting for stock reservation");
        assertThat(secondsFromDeliveryToCancellation(timesOut)).isGreaterThanOrEqualTo(TIMEOUT.toSeconds());
        await().atMost(PATIENCE).until(() -> !participants.commandsFor(timesOut, ReleaseStock.class).isEmpty());

        // The undeliverable one is cancelled by the hard deadline, counted from its placement.
        await().atMost(HARD_DEADLINE.plus(PATIENCE)).untilAsserted(() ->
                assertThat(http.status(hitsTheHardDeadline)).isEqualTo("CANCELLED"));
        assertThat(http.get("/api/orders/" + hitsTheHardDeadline).<String>json("$.cancellationReason"))
                .isEqualTo("timed out waiting for stock reservation");
        assertThat(jdbc.sql("select extract(epoch from updated_at - created_at) from orders where id = ?")
                .param(hitsTheHardDeadline).query(Double.class).single()).isGreaterThanOrEqualTo(HARD_DEADLINE.toSeconds());
        assertThat(participants.commandsFor(hitsTheHardDeadline, ReserveStock.class)).isEmpty();
    }

    /** From the acknowledgement of the order's ReserveStock (the relay's published_at) to its cancellation. */
    private double secondsFromDeliveryToCancellation(long orderId) {
        return jdbc.sql("""
                        select extract(epoch from o.updated_at - e.published_at)
                        from orders o join outbox.published_event e
                            on e.aggregate_type = 'order' and e.aggregate_id = o.id::text and e.event_type = 'RESERVE_STOCK'
                        where o.id = ?""")
                .param(orderId).query(Double.class).single();
    }

    private static long place(OrderHttp http, long user, long product) {
        Answer answer = http.placeOrder(UUID.randomUUID().toString(), """
                {"userId": %d, "items": [{"productId": %d, "quantity": 1}]}""".formatted(user, product));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.<Number>json("$.orderId").longValue();
    }
}

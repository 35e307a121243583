package com.commercesuite.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.EventHeaders;
import com.commercesuite.events.EventJson;
import com.commercesuite.events.Topic;
import com.commercesuite.testsupport.TopicTail;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One order followed by its trace id and request id: from the HTTP call that placed it, through
 * every saga command and reply (each service carrying the context of the record it handled into the
 * records it appends), to the {@code order-completed} record the data platform reads.
 */
class RequestTracingIntegrationTests {

    private final DomainServices services = DomainServices.get();
    private final Api api = new Api(services);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theCallersTraceIdAndRequestIdReachEverySagaMessageAndTheCompletedOrder() throws Exception {
        long productId = api.createProduct("lantern " + UUID.randomUUID(), "7.00", 5);
        long userId = OrderSagaIntegrationTests.newUserId();
        api.charge(userId, "50.00");
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = "00f067aa0ba902b7";
        String requestId = "trace-test-" + UUID.randomUUID();

        try (var commandsToProducts = TopicTail.fromNow(DomainServices.KAFKA, Topic.PRODUCT_COMMANDS);
                var commandsToBalances = TopicTail.fromNow(DomainServices.KAFKA, Topic.BALANCE_COMMANDS);
                var replies = TopicTail.fromNow(DomainServices.KAFKA, Topic.ORDER_SAGA_REPLIES);
                var completed = TopicTail.fromNow(DomainServices.KAFKA, Topic.ORDER_COMPLETED)) {
            HttpResponse<String> placed = http.send(HttpRequest.newBuilder(services.orders.uri("/api/orders"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                    .header("X-Request-Id", requestId)
                    .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(
                            Api.order(userId, productId, 2, null))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
            assertThat(placed.headers().firstValue("X-Request-Id")).contains(requestId);
            long orderId = Api.JSON.readTree(placed.body()).path("orderId").asLong();
            String orderKey = Long.toString(orderId);

            JsonNode finished = await("order " + orderId + " finished").atMost(DomainServices.SAGA_TIMEOUT.plusSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> api.order(orderId), o -> !"PENDING".equals(o.path("status").asString()));
            assertThat(finished.path("status").asString()).isEqualTo("COMPLETED");

            var messages = new ArrayList<ConsumerRecord<String, byte[]>>();
            // ReserveStock, then ConfirmStock; PayOrder; StockReserved and OrderPaid.
            messages.addAll(commandsToProducts.awaitMatching(r -> orderKey.equals(r.key()), 2));
            messages.addAll(commandsToBalances.awaitMatching(r -> orderKey.equals(r.key()), 1));
            messages.addAll(replies.awaitMatching(r -> orderKey.equals(r.key()), 2));
            messages.addAll(completed.awaitMatching(r -> isCompletionOf(r, orderId), 1));

            assertThat(messages).extracting(r -> header(r, EventHeaders.EVENT_TYPE)).containsExactlyInAnyOrder(
                    "RESERVE_STOCK", "CONFIRM_STOCK", "PAY_ORDER", "STOCK_RESERVED", "ORDER_PAID", "ORDER_COMPLETED");
            assertThat(messages).allSatisfy(record -> {
                String traceparent = header(record, EventHeaders.TRACEPARENT);
                assertThat(traceparent).as("traceparent of %s", header(record, EventHeaders.EVENT_TYPE))
                        .matches("00-" + traceId + "-[0-9a-f]{16}-01")
                        .doesNotContain(callerSpan);
                assertThat(header(record, EventHeaders.REQUEST_ID)).isEqualTo(requestId);
            });
        }
    }

    private static boolean isCompletionOf(ConsumerRecord<String, byte[]> record, long orderId) {
        try {
            return EventJson.read(record.value()).payload().path("orderId").asLong() == orderId;
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

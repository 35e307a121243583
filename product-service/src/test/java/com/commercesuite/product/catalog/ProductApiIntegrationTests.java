package com.commercesuite.product.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.Topic;
import com.commercesuite.testsupport.TopicTail;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/** The HTTP API over real HTTP, against the product_test database and the local Kafka. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProductApiIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    JdbcClient jdbc;

    @Test
    void createsAProductAndServesItBackAtItsLocation() {
        String name = uniqueName();

        ResponseEntity<String> created = post("/api/products", """
                {"name": "%s", "price": 12.50, "stock": 7}""".formatted(name));

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        long id = JsonPath.<Number>read(created.getBody(), "$.id").longValue();
        assertThat(created.getHeaders().getLocation()).hasToString("/api/products/" + id);
        assertView(created.getBody(), name, "12.50", 7, 0, 7);

        ResponseEntity<String> fetched = get("/api/products/" + id);
        assertThat(fetched.getStatusCode().value()).isEqualTo(200);
        assertView(fetched.getBody(), name, "12.50", 7, 0, 7);
    }

    @Test
    void listsProductsInIdOrderOnePageAtATime() {
        long first = create(uniqueName(), "1.00", 1);
        long second = create(uniqueName(), "2.00", 2);
        long before = jdbc.sql("select count(*) from products where id < ?").param(first).query(Long.class).single();

        // With one product per page, the page number is the product's position in id order.
        String firstPage = get("/api/products?page=" + before + "&size=1").getBody();
        String secondPage = get("/api/products?page=" + (before + 1) + "&size=1").getBody();

        assertThat(JsonPath.<List<Number>>read(firstPage, "$.items[*].id")).extracting(Number::longValue).containsExactly(first);
        assertThat(JsonPath.<List<Number>>read(secondPage, "$.items[*].id")).extracting(Number::longValue).containsExactly(second);
        assertThat(JsonPath.<Integer>read(secondPage, "$.page")).isEqualTo((int) before + 1);
        assertThat(JsonPath.<Integer>read(secondPage, "$.size")).isEqualTo(1);
        List<Long> ids = JsonPath.<List<Number>>read(get("/api/products").getBody(), "$.items[*].id").stream()
                .map(Number::longValue).toList();
        assertThat(ids).hasSizeLessThanOrEqualTo(20).isSorted();
    }

    @Test
    void restockingAddsUnitsOnHand() {
        long id = create(uniqueName(), "3.00", 2);

        ResponseEntity<String> restocked = post("/api/products/" + id + "/restock", """
                {"quantity": 5}""");

        assertThat(restocked.getStatusCode().value()).isEqualTo(200);
        assertThat(JsonPath.<Integer>read(restocked.getBody(), "$.stock")).isEqualTo(7);
        assertThat(JsonPath.<Integer>read(restocked.getBody(), "$.available")).isEqualTo(7);
        assertThat(jdbc.sql("select received from products where id = ?").param(id).query(Integer.class).single()).isEqualTo(7);
    }

    @Test
    void aStockChangeLeavesProductStockChangedOnProductActivityKeyedByTheProduct() {
        try (var activity = TopicTail.fromNow(bootstrapServers, Topic.PRODUCT_ACTIVITY.topicName())) {
            long id = create(uniqueName(), "4.00", 3);
            post("/api/products/" + id + "/restock", """
                    {"quantity": 2}""");

            String key = Long.toString(id);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(activity.keyed(List.of(key))).hasSize(3));
            List<EventEnvelope> events = activity.keyed(List.of(key));
            assertThat(events).extracting(EventEnvelope::eventType)
                    .containsExactly("PRODUCT_CREATED", "PRODUCT_STOCK_CHANGED", "PRODUCT_STOCK_CHANGED");
            assertThat(events).extracting(EventEnvelope::aggregateSequence).containsExactly(1L, 2L, 3L);
            assertThat(events).allSatisfy(event -> {
                assertThat(event.aggregateType()).isEqualTo("product");
                assertThat(event.aggregateId()).isEqualTo(key);
            });
            var received = events.get(1).payload();
            assertThat(received.get("change").asString()).isEqualTo("RECEIVED");
            assertThat(received.get("quantity").asInt()).isEqualTo(3);
            var restocked = events.get(2).payload();
            assertThat(restocked.get("productId").asLong()).isEqualTo(id);
            assertThat(restocked.get("change").asString()).isEqualTo("RESTOCKED");
            assertThat(restocked.get("quantity").asInt()).isEqualTo(2);
            assertThat(restocked.get("stock").asInt()).isEqualTo(5);
            assertThat(restocked.get("reserved").asInt()).isZero();
            assertThat(restocked.get("orderId").isNull()).isTrue();
            ConsumerRecord<String, byte[]> record = activity.recordsKeyed(key).get(2);
            assertThat(new String(record.headers().lastHeader("eventType").value(), StandardCharsets.UTF_8))
                    .isEqualTo("PRODUCT_STOCK_CHANGED");
        }
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"name": "  ", "price": 1.00, "stock": 1}        | name
            {"price": 1.00, "stock": 1}                      | name
            {"name": "n", "price": -0.01, "stock": 1}        | price
            {"name": "n", "price": 1.005, "stock": 1}        | price
            {"name": "n", "price": 1000000000000, "stock": 1}  | price
            {"name": "n", "stock": 1}                        | price
            {"name": "n", "price": 1.00, "stock": -1}        | stock
            {"name": "n", "price": 1.00}                     | stock
            {"name": "n", "price": 1.00, "stock": "many"}    | stock
            """)
    void refusesAnInvalidNewProductNamingTheField(String body, String field) {
        ResponseEntity<String> answer = post("/api/products", body);

        assertProblem(answer, 400, field);
        assertThat(JsonPath.<String>read(answer.getBody(), "$.detail")).contains(field);
    }

    @Test
    void refusesANameLongerThan200Characters() {
        assertProblem(post("/api/products", """
                {"name": "%s", "price": 1.00, "stock": 1}""".formatted("x".repeat(201))), 400, "name");
    }

    @Test
    void answersAMalformedBodyWithAProblem() {
        ResponseEntity<String> answer = post("/api/products", "this is not json");

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertProblemJson(answer);
        assertThat(JsonPath.<String>read(answer.getBody(), "$.type")).isEqualTo("urn:commerce-suite:problem:malformed-request");
    }

    @Test
    void answersAnUnknownProductWith404() {
        long unknown = Long.MAX_VALUE - 1;

        for (ResponseEntity<String> answer : List.of(get("/api/products/" + unknown),
                post("/api/products/" + unknown + "/restock", "{\"quantity\": 1}"))) {
            assertThat(answer.getStatusCode().value()).isEqualTo(404);
            assertProblemJson(answer);
            assertThat(JsonPath.<String>read(answer.getBody(), "$.type")).isEqualTo("urn:commerce-suite:problem:product-not-found");
            assertThat(JsonPath.<String>read(answer.getBody(), "$.detail")).contains(Long.toString(unknown));
        }
    }

    @Test
    void refusesANonNumericProductId() {
        assertProblem(get("/api/products/abc"), 400, "id");
    }

    @Test
    void refusesAPageSizeOutsideOneToAHundredAndANegativePage() {
        assertProblem(get("/api/products?size=0"), 400, "size");
        assertProblem(get("/api/products?size=101"), 400, "size");
        assertProblem(get("/api/products?page=-1"), 400, "page");
        assertProblem(get("/api/products?size=ten"), 400, "size");
    }

    @Test
    void refusesARestockOfLessThanOneUnit() {
        long id = create(uniqueName(), "1.00", 1);

        assertProblem(post("/api/products/" + id + "/restock", "{\"quantity\": 0}"), 400, "quantity");
        assertProblem(post("/api/products/" + id + "/restock", "{}"), 400, "quantity");
        assertThat(JsonPath.<Integer>read(get("/api/products/" + id).getBody(), "$.stock")).isEqualTo(1);
    }

    @Test
    void refusesARestockBeyondWhatTheStockCanCountWithAConflict() {
        long id = create(uniqueName(), "1.00", Integer.MAX_VALUE - 1);

        ResponseEntity<String> answer = post("/api/products/" + id + "/restock", "{\"quantity\": 2}");

        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        assertProblemJson(answer);
        assertThat(JsonPath.<String>read(answer.getBody(), "$.type")).isEqualTo("urn:commerce-suite:problem:stock-limit-exceeded");
        assertThat(JsonPath.<Integer>read(get("/api/products/" + id).getBody(), "$.stock")).isEqualTo(Integer.MAX_VALUE - 1);
    }

    // --- helpers ---

    private long create(String name, String price, int stock) {
        ResponseEntity<String> created = post("/api/products", """
                {"name": "%s", "price": %s, "stock": %d}""".formatted(name, price, stock));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        return JsonPath.<Number>read(created.getBody(), "$.id").longValue();
    }

    private static void assertView(String body, String name, String price, int stock, int reserved, int available) {
        assertThat(JsonPath.<String>read(body, "$.name")).isEqualTo(name);
        assertThat(new BigDecimal(JsonPath.read(body, "$.price").toString())).isEqualByComparingTo(price);
        assertThat(JsonPath.<Integer>read(body, "$.stock")).isEqualTo(stock);
        assertThat(JsonPath.<Integer>read(body, "$.reserved")).isEqualTo(reserved);
        assertThat(JsonPath.<Integer>read(body, "$.available")).isEqualTo(available);
    }

    private static void assertProblem(ResponseEntity<String> answer, int status, String field) {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
        assertProblemJson(answer);
        assertThat(JsonPath.<Integer>read(answer.getBody(), "$.status")).isEqualTo(status);
        assertThat(JsonPath.<String>read(answer.getBody(), "$.field")).isEqualTo(field);
    }

    private static void assertProblemJson(ResponseEntity<String> answer) {
        assertThat(answer.getHeaders().getContentType()).isNotNull();
        assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    }

    private static String uniqueName() {
        return "product " + UUID.randomUUID();
    }

    private RestClient http() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                })
                .build();
    }

    private ResponseEntity<String> get(String uri) {
        return http().get().uri(uri).retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> post(String uri, String json) {
        return http().post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(json).retrieve().toEntity(String.class);
    }
}

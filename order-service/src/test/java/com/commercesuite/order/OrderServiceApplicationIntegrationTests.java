package com.commercesuite.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/** Boots the whole service against the local PostgreSQL (its order_test database); Kafka need not be up. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OrderServiceApplicationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void reportsItselfUpWithItsStoreUpAndReadyForTraffic() {
        String health = http().get().uri("/actuator/health").retrieve().body(String.class);
        assertThat(JsonPath.<String>read(health, "$.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(health, "$.components.db.status")).isEqualTo("UP");

        String liveness = http().get().uri("/actuator/health/liveness").retrieve().body(String.class);
        assertThat(JsonPath.<String>read(liveness, "$.status")).isEqualTo("UP");
        String readiness = http().get().uri("/actuator/health/readiness").retrieve().body(String.class);
        assertThat(JsonPath.<String>read(readiness, "$.status")).isEqualTo("UP");
    }

    @Test
    void servesPrometheusMetricsForTheConnectionPoolTheJvmAndTheOutbox() {
        String metrics = http().get().uri("/actuator/prometheus")
                .accept(MediaType.TEXT_PLAIN)
                .retrieve()
                .body(String.class);

        assertThat(metrics)
                .contains("hikaricp_connections")
                .contains("outbox_backlog_rows")
                .contains("outbox_oldest_unpublished_age_seconds")
                .contains("jvm_memory")
                .contains("application=\"order-service\"");
    }

    @Test
    void migratesTheSchemaWithFlywayUpToTheFirstTable() {
        var columns = jdbc.sql("""
                        select column_name from information_schema.columns
                        where table_schema = current_schema() and table_name = 'orders'
                        """)
                .query(String.class)
                .list();
        assertThat(columns).contains("id", "user_id", "status", "total_amount");
        assertThat(jdbc.sql("select count(*) from orders").query(Long.class).single()).isNotNegative();

        var appliedVersions = jdbc.sql("select version from flyway_schema_history where success order by installed_rank")
                .query(String.class)
                .list();
        assertThat(appliedVersions).startsWith("1");
    }

    private RestClient http() {
        return RestClient.create("http://127.0.0.1:" + port);
    }
}

package com.commercesuite.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * What every service that owns a database promises, checked over real HTTP against its real
 * database: healthy with its stores, ready for traffic, Prometheus metrics tagged with its name, and
 * its schema migrated by Flyway. A service's {@code *ApplicationIntegrationTests} extends this and
 * says what is its own.
 */
public abstract class ServiceEndpointsContract {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    /** {@code spring.application.name}, the {@code application} tag on every metric. */
    protected abstract String applicationName();

    /** The first table the service's own migration creates, and some of its columns. */
    protected abstract String firstTable();

    protected abstract List<String> firstTableColumns();

    /** Health components that must report UP: the database, and whatever else the service uses. */
    protected List<String> healthComponents() {
        return List.of("db");
    }

    /** Metric names that must be served. */
    protected List<String> metricNames() {
        return List.of("hikaricp_connections", "jvm_memory");
    }

    @Test
    void reportsItselfUpWithItsStoresUpAndReadyForTraffic() {
        String health = http().get().uri("/actuator/health").retrieve().body(String.class);
        assertThat(JsonPath.<String>read(health, "$.status")).isEqualTo("UP");
        for (String component : healthComponents()) {
            assertThat(JsonPath.<String>read(health, "$.components." + component + ".status")).as(component).isEqualTo("UP");
        }
        for (String probe : List.of("liveness", "readiness")) {
            String status = http().get().uri("/actuator/health/" + probe).retrieve().body(String.class);
            assertThat(JsonPath.<String>read(status, "$.status")).as(probe).isEqualTo("UP");
        }
    }

    @Test
    void servesPrometheusMetricsTaggedWithItsName() {
        String metrics = http().get().uri("/actuator/prometheus").accept(MediaType.TEXT_PLAIN).retrieve().body(String.class);

        assertThat(metrics).contains(metricNames()).contains("application=\"" + applicationName() + "\"");
    }

    @Test
    void migratesItsSchemaWithFlyway() {
        List<String> columns = jdbc.sql("""
                        select column_name from information_schema.columns
                        where table_schema = current_schema() and table_name = ?
                        """)
                .param(firstTable())
                .query(String.class)
                .list();
        assertThat(columns).containsAll(firstTableColumns());
        List<String> applied = jdbc.sql("select version from flyway_schema_history where success order by installed_rank")
                .query(String.class)
                .list();
        assertThat(applied).startsWith("1");
    }

    protected RestClient http() {
        return RestClient.create("http://127.0.0.1:" + port);
    }
}

package com.commercesuite.dataplatform;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.testsupport.ServiceEndpointsContract;
import com.jayway.jsonpath.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;

/** Boots the whole service against the local PostgreSQL (its dataplatform_test database); Kafka need not be up. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"INSTANCE_ID=" + DataPlatformConsumerApplicationIntegrationTests.INSTANCE_ID,
                // The consumer tests' context owns the group's partitions; this one only checks endpoints.
                "spring.kafka.listener.auto-startup=false"})
@ActiveProfiles("test")
class DataPlatformConsumerApplicationIntegrationTests extends ServiceEndpointsContract {

    static final String INSTANCE_ID = "data-platform-consumer-7";

    @Override
    protected String applicationName() {
        return "data-platform-consumer";
    }

    @Override
    protected String firstTable() {
        return "order_facts";
    }

    @Override
    protected List<String> firstTableColumns() {
        return List.of("order_id", "user_id", "final_amount", "completed_at", "event_id");
    }

    @Test
    void tagsItsMetricsWithItsInstance() {
        String metrics = http().get().uri("/actuator/prometheus").accept(MediaType.TEXT_PLAIN).retrieve().body(String.class);
        assertThat(metrics).contains("instance_id=\"" + INSTANCE_ID + "\"");
    }

    @Test
    void tellsWhichInstanceItIsInItsInfo() {
        String info = http().get().uri("/actuator/info").retrieve().body(String.class);
        assertThat(JsonPath.<String>read(info, "$.instance-id")).isEqualTo(INSTANCE_ID);
    }
}

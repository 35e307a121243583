package com.commercesuite.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The exporter against the local broker, read the way Prometheus reads it: over HTTP from
 * /actuator/prometheus. It measures only the groups of these tests (their own topics and groups).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "commerce.lag.interval=200ms",
        "commerce.lag.groups.include=" + KafkaTestTopics.PREFIX + ".*"})
class ConsumerLagExporterIntegrationTests {

    static final KafkaTestTopics kafka = new KafkaTestTopics();
    static final Duration AT_MOST = Duration.ofSeconds(30);
    /** Two groups these tests expect on the brokers: one that gets offsets, one that never exists. */
    static final String EXPECTED_PRESENT = kafka.newGroup();
    static final String EXPECTED_MISSING = kafka.newGroup();

    @DynamicPropertySource
    static void expectedGroups(DynamicPropertyRegistry registry) {
        registry.add("commerce.lag.expected-groups", () -> EXPECTED_PRESENT + "," + EXPECTED_MISSING);
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void deleteTopicsAndGroups() {
        kafka.close();
    }

    @Test
    void anExpectedGroupTheBrokersDoNotReportIsASeriesOfItsOwnAndOneTheyReportIsNot() throws Exception {
        String topic = kafka.newTopic(1);
        kafka.commit(EXPECTED_PRESENT, Map.of(new TopicPartition(topic, 0), 0L));

        await().atMost(AT_MOST).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(unreported(metrics, EXPECTED_MISSING)).hasValue(1.0);
            assertThat(unreported(metrics, EXPECTED_PRESENT)).hasValue(0.0);
        });
    }

    @Test
    void reportsTheLagOfAGroupWithNoLiveMemberFromItsCommittedOffsets() throws Exception {
        String topic = kafka.newTopic(2);
        var p0 = new TopicPartition(topic, 0);
        var p1 = new TopicPartition(topic, 1);
        Instant twoMinutesAgo = Instant.now().minusSeconds(120);
        kafka.produce(p0, 10, twoMinutesAgo);
        kafka.produce(p1, 3, twoMinutesAgo);
        String group = kafka.newGroup();

        kafka.commit(group, Map.of(p0, 4L, p1, 3L));

        await().atMost(AT_MOST).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(value(metrics, "kafka_consumergroup_lag_records", group, topic, 0)).hasValue(6.0);
            assertThat(value(metrics, "kafka_consumergroup_lag_seconds", group, topic, 0).orElseThrow()).isGreaterThanOrEqualTo(120.0);
            assertThat(value(metrics, "kafka_consumergroup_lag_records", group, topic, 1)).hasValue(0.0);
            assertThat(value(metrics, "kafka_consumergroup_lag_seconds", group, topic, 1)).hasValue(0.0);
            assertThat(members(metrics, group)).hasValue(0.0);
        });
    }

    @Test
    void aGroupThatConsumedEverythingIsNotBehindAndFallsBehindAgainWhileStopped() throws Exception {
        String topic = kafka.newTopic(1);
        var partition = new TopicPartition(topic, 0);
        kafka.produce(partition, 5, Instant.now().minusSeconds(300));
        String group = kafka.newGroup();

        try (var consumer = groupMember(group)) {
            consumer.subscribe(List.of(topic));
            await().atMost(AT_MOST).until(() -> {
                consumer.poll(Duration.ofMillis(200));
                return consumer.assignment().contains(partition) && consumer.position(partition) == 5;
            });
            consumer.commitSync();

            await().atMost(AT_MOST).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(50)); // stays a live member
                String metrics = scrape();
                assertThat(members(metrics, group)).hasValue(1.0);
                assertThat(value(metrics, "kafka_consumergroup_lag_records", group, topic, 0)).hasValue(0.0);
                assertThat(value(metrics, "kafka_consumergroup_lag_seconds", group, topic, 0)).hasValue(0.0);
            });
        }
        await().atMost(AT_MOST).untilAsserted(() -> assertThat(members(scrape(), group)).hasValue(0.0));

        kafka.produce(partition, 7, Instant.now().minusSeconds(60));

        await().atMost(AT_MOST).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(value(metrics, "kafka_consumergroup_lag_records", group, topic, 0)).hasValue(7.0);
            // The oldest record not consumed is the first new one, not one consumed before.
            assertThat(value(metrics, "kafka_consumergroup_lag_seconds", group, topic, 0).orElseThrow())
                    .isGreaterThanOrEqualTo(60.0).isLessThan(300.0);
        });
    }

    @Test
    void reportsAShareGroupBesideTheConsumerGroups() throws Exception {
        String topic = kafka.newTopic(1);
        var partition = new TopicPartition(topic, 0);
        kafka.produce(partition, 10, Instant.now().minusSeconds(120));
        String group = kafka.newGroup();
        // A share group starts at the end of the log unless told otherwise.
        kafka.admin().incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, group), List.of(
                new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET)))).all().get();

        try (var member = new KafkaShareConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestTopics.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit"), new StringDeserializer(), new StringDeserializer())) {
            member.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> delivered = new ArrayList<>();
            await().atMost(AT_MOST).until(() -> {
                member.poll(Duration.ofMillis(200)).forEach(delivered::add);
                return !delivered.isEmpty();
            });
            // The first four accepted, the rest released. The broker's start offset of the partition then
            // lies between 0 and 4 (it moves past accepted records when the broker persists the state),
            // so the lag is 6 to 10 records, the oldest two minutes old either way. No further poll: it
            // would be handed the released records again; the member's heartbeats run on the client's
            // own thread, so it stays in the group meanwhile.
            delivered.forEach(r -> member.acknowledge(r, r.offset() < 4 ? AcknowledgeType.ACCEPT : AcknowledgeType.RELEASE));
            member.commitSync();
            await().atMost(AT_MOST).untilAsserted(() -> {
                String metrics = scrape();
                assertThat(members(metrics, group)).hasValue(1.0);
                // -1: no series yet, which fails the assertion and is tried again
                assertThat(value(metrics, "kafka_consumergroup_lag_records", group, topic, 0).orElse(-1)).isBetween(6.0, 10.0);
                assertThat(value(metrics, "kafka_consumergroup_lag_seconds", group, topic, 0).orElse(-1)).isGreaterThanOrEqualTo(120.0);
            });
        }
        await().atMost(AT_MOST).untilAsserted(() -> assertThat(members(scrape(), group)).hasValue(0.0));
    }

    @Test
    void aDeletedGroupDisappearsFromEverySeries() throws Exception {
        String topic = kafka.newTopic(1);
        var partition = new TopicPartition(topic, 0);
        kafka.produce(partition, 4, Instant.now().minusSeconds(30));
        String group = kafka.newGroup();
        kafka.commit(group, Map.of(partition, 1L));
        await().atMost(AT_MOST).untilAsserted(() ->
                assertThat(value(scrape(), "kafka_consumergroup_lag_records", group, topic, 0)).hasValue(3.0));

        kafka.deleteGroup(group);

        await().atMost(AT_MOST).untilAsserted(() -> assertThat(scrape()).doesNotContain("group=\"" + group + "\""));
    }

    @Test
    void servesItsOwnPassMetricsTaggedWithItsNameAndTheFiguresAsJson() throws Exception {
        String topic = kafka.newTopic(1);
        var partition = new TopicPartition(topic, 0);
        kafka.produce(partition, 2, Instant.now());
        String group = kafka.newGroup();
        kafka.commit(group, Map.of(partition, 0L));

        await().atMost(AT_MOST).untilAsserted(() -> {
            String lag = http().get().uri("/api/consumer-lag").retrieve().body(String.class);
            assertThat(JsonPath.<List<Integer>>read(lag, "$.groups[?(@.group == '" + group + "')].partitions[0].lagRecords"))
                    .containsExactly(2);
        });
        String metrics = scrape();
        assertThat(metrics).contains("kafka_lag_exporter_pass_seconds_count{application=\"consumer-lag-exporter\"}")
                .contains("kafka_lag_exporter_pass_failures_total{application=\"consumer-lag-exporter\"}")
                .contains("kafka_consumergroup_members{application=\"consumer-lag-exporter\",group=\"" + group + "\"}")
                // The oldest-record reader's own client metrics would read like lag: not served.
                .doesNotContain("kafka_consumer_fetch_manager_records_lag");
    }

    @Test
    void reportsItselfUpAndReadyForTrafficOnceAPassFinished() {
        await().atMost(AT_MOST).untilAsserted(() -> {
            String health = http().get().uri("/actuator/health").retrieve().body(String.class);
            assertThat(JsonPath.<String>read(health, "$.status")).isEqualTo("UP");
            assertThat(JsonPath.<String>read(health, "$.components.lagPasses.status")).isEqualTo("UP");
        });
        for (String probe : List.of("liveness", "readiness")) {
            String status = http().get().uri("/actuator/health/" + probe).retrieve().body(String.class);
            assertThat(JsonPath.<String>read(status, "$.status")).as(probe).isEqualTo("UP");
        }
    }

    private static KafkaConsumer<String, String> groupMember(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestTopics.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
    }

    private String scrape() {
        return http().get().uri("/actuator/prometheus").accept(MediaType.TEXT_PLAIN).retrieve().body(String.class);
    }

    /** The value of the series with exactly this name and these labels (besides {@code application}). */
    private static OptionalDouble value(String metrics, String name, String group, String topic, int partition) {
        return series(metrics, name + "{application=\"consumer-lag-exporter\",group=\"" + group
                + "\",partition=\"" + partition + "\",topic=\"" + topic + "\"}");
    }

    private static OptionalDouble unreported(String metrics, String group) {
        return series(metrics, "kafka_consumergroup_unreported{application=\"consumer-lag-exporter\",group=\"" + group + "\"}");
    }

    private static OptionalDouble members(String metrics, String group) {
        return series(metrics, "kafka_consumergroup_members{application=\"consumer-lag-exporter\",group=\"" + group + "\"}");
    }

    private static OptionalDouble series(String metrics, String nameAndLabels) {
        return metrics.lines()
                .filter(line -> line.startsWith(nameAndLabels + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(nameAndLabels.length() + 1).trim()))
                .findFirst();
    }

    private RestClient http() {
        return RestClient.create("http://127.0.0.1:" + port);
    }
}

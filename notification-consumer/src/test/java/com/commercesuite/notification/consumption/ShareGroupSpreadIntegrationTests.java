package com.commercesuite.notification.consumption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.Topic;
import com.commercesuite.notification.FakeProvider;
import com.commercesuite.notification.OwnGroupsAndFakeProvider;
import com.commercesuite.notification.testevents.OrderCompleted;
import com.commercesuite.testsupport.TopicWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.admin.ShareMemberDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * More consumers than partitions, all of them busy: six share consumers (threads of this JVM,
 * each a member of the group like an instance would be) on the three partitions of order-completed.
 * In a consumer group three of them would hold a partition and three nothing.
 */
@SpringBootTest(properties = "commerce.notification.concurrency=" + ShareGroupSpreadIntegrationTests.CONSUMERS)
@ActiveProfiles("test")
class ShareGroupSpreadIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(ShareGroupSpreadIntegrationTests.class);

    static final int CONSUMERS = 6;
    private static final int MESSAGES = 120;

    @RegisterExtension
    static final OwnGroupsAndFakeProvider run = new OwnGroupsAndFakeProvider();
    private static final String GROUP = run.groupPrefix() + "-" + Topic.ORDER_COMPLETED.topicName() + "-group";
    private static final FakeProvider provider = run.provider();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        run.addTo(registry);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void sixConsumersOnThreePartitionsAllReceiveWork() throws Exception {
        assertThat(Topic.ORDER_COMPLETED.partitions()).isLessThan(CONSUMERS);
        // The per-message cost a real provider has.
        provider.latency(50);
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            // The group exists once its first member has joined: until then describing it fails.
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptionsMatching(e -> e.getCause() instanceof GroupIdNotFoundException)
                    .untilAsserted(() -> {
                        ShareGroupDescription group = admin.describeShareGroups(List.of(GROUP)).describedGroups().get(GROUP)
                                .get(10, TimeUnit.SECONDS);
                        assertThat(group.members()).hasSize(CONSUMERS);
                        for (ShareMemberDescription member : group.members()) {
                            assertThat(member.assignment().topicPartitions())
                                    .as("partitions of %s", member.clientId())
                                    .isNotEmpty();
                        }
                    });
        }
        long firstUser = 1_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 1_000L;
        List<EventEnvelope> events = new ArrayList<>();
        try (var topics = new TopicWriter(bootstrapServers)) {
            for (int i = 0; i < MESSAGES; i++) {
                EventEnvelope event = TopicWriter.envelopeOf(
                        new OrderCompleted(firstUser + i, firstUser + i, BigDecimal.ONE, Instant.now()));
                // Keys spread the records over every partition.
                topics.send(Topic.ORDER_COMPLETED, "spread-" + i, event);
                events.add(event);
            }
            topics.flush();
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(jdbc.sql("""
                        select count(*) from deliveries where recipient_id between ? and ? and status = 'SENT'""")
                .params(firstUser, firstUser + MESSAGES - 1).query(Long.class).single()).isEqualTo(MESSAGES));

        Map<String, Object> perConsumer = new java.util.TreeMap<>();
        jdbc.sql("""
                        select sent_by, count(*) as sent from deliveries where recipient_id between ? and ?
                        group by sent_by""")
                .params(firstUser, firstUser + MESSAGES - 1)
                .query((rs, n) -> perConsumer.put(rs.getString("sent_by"), rs.getLong("sent")))
                .list();
        log.info("{} messages over {} partitions sent by: {}", MESSAGES, Topic.ORDER_COMPLETED.partitions(), perConsumer);
        assertThat(perConsumer).hasSizeGreaterThan(Topic.ORDER_COMPLETED.partitions());
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(provider.deliveredTo(firstUser + i)).isEqualTo(1);
        }
    }
}

package com.commercesuite.dataplatform.system;

import com.commercesuite.events.Topic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Before a test context's listeners start, moves the tests' consumer groups to the end of their
 * topics. The tests publish their own records after that point; without it a group whose last run
 * was long ago (or a broker that took a benchmark's backlog since) would first have to work through
 * everything published in between, and the tests would time out waiting for their records.
 * Registered in the tests' META-INF/spring.factories; only for the {@code test} profile with
 * listeners on. A group that still has members (another run in progress) is left as it is.
 */
public class TestGroupsStartAtTheEnd implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(TestGroupsStartAtTheEnd.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        if (!env.acceptsProfiles(Profiles.of("test"))
                || !env.getProperty("spring.kafka.listener.auto-startup", Boolean.class, true)) {
            return;
        }
        String bootstrap = env.getProperty("spring.kafka.bootstrap-servers", "127.0.0.1:9092");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            moveToTheEnd(admin, env.getRequiredProperty("commerce.data-platform.consumer-group"), Topic.ORDER_COMPLETED);
            moveToTheEnd(admin, env.getRequiredProperty("commerce.data-platform.user-activity-group"), Topic.USER_ACTIVITY);
        }
    }

    static void moveToTheEnd(Admin admin, String group, Topic topic) {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < topic.partitions(); p++) {
                latest.put(new TopicPartition(topic.topicName(), p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get(10, TimeUnit.SECONDS);
            log.info("Test group {} starts at the end of {}: {}", group, topic.topicName(), List.copyOf(ends.values()));
        } catch (Exception e) {
            log.warn("Test group {} left where it was on {}: {}", group, topic.topicName(), e.toString());
        }
    }
}

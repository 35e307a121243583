package com.commercesuite.localsuite;

import com.commercesuite.events.Topic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopicSpecTests {

    @Test
    void everyCatalogTopicComesWithADeadLetterTopicOfTheSamePartitions() {
        List<TopicSpec> specs = TopicSpec.catalog();

        assertThat(specs).hasSize(Topic.values().length * 2);
        for (Topic topic : Topic.values()) {
            TopicSpec main = specs.stream().filter(s -> s.name().equals(topic.topicName())).findFirst().orElseThrow();
            TopicSpec dead = specs.stream().filter(s -> s.name().equals(topic.topicName() + ".DLT")).findFirst().orElseThrow();
            assertThat(main.partitions()).isEqualTo(topic.partitions());
            assertThat(dead.partitions()).isEqualTo(topic.partitions());
            assertThat(main.retention()).isEqualTo(topic.retention());
        }
    }

    @Test
    void retentionIsPassedToKafkaInMilliseconds() {
        TopicSpec spec = new TopicSpec("t", 3, java.time.Duration.ofDays(7));

        assertThat(spec.configs()).containsEntry("retention.ms", "604800000");
    }
}

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
        TopicSpec spec = new TopicSpec("t", 3, java.time.Duration.ofDays(7), Replication.CLUSTER);

        assertThat(spec.configs()).containsEntry("retention.ms", "604800000");
    }

    @Test
    void everyTopicOfTheClusterNeedsTwoCopiesOfAWriteAndASingleNodeOne() {
        TopicSpec spec = TopicSpec.catalog().getFirst();

        assertThat(spec.replication()).isEqualTo(Replication.CLUSTER);
        assertThat(spec.configs()).containsEntry("min.insync.replicas", "2");
        assertThat(spec.replicated(Replication.forNodes(1)).configs()).containsEntry("min.insync.replicas", "1");
        assertThat(Replication.forNodes(3).factor()).isEqualTo((short) 3);
    }
}

package com.commercesuite.localsuite;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class TopicActionTests {

    private final TopicSpec spec = new TopicSpec("order-completed", 3, Duration.ofDays(7), Replication.CLUSTER);

    @Test
    void missingTopicIsCreated() {
        assertThat(TopicAction.decide(spec, OptionalInt.empty()).kind()).isEqualTo(TopicAction.Kind.CREATE);
    }

    @Test
    void topicWithFewerPartitionsGrows() {
        TopicAction action = TopicAction.decide(spec, OptionalInt.of(1));

        assertThat(action.kind()).isEqualTo(TopicAction.Kind.ADD_PARTITIONS);
        assertThat(action.currentPartitions()).isEqualTo(1);
    }

    @Test
    void topicWithEnoughOrMorePartitionsIsKept() {
        assertThat(TopicAction.decide(spec, OptionalInt.of(3)).kind()).isEqualTo(TopicAction.Kind.KEEP);
        assertThat(TopicAction.decide(spec, OptionalInt.of(6)).kind()).isEqualTo(TopicAction.Kind.KEEP);
    }

    @Test
    void bootstrapComesFromArgumentThenEnvironmentThenDefault() {
        assertThat(TopicProvisioner.bootstrapServers(new String[] {"h:1"}, "e:2")).isEqualTo("h:1");
        assertThat(TopicProvisioner.bootstrapServers(new String[0], "e:2")).isEqualTo("e:2");
        assertThat(TopicProvisioner.bootstrapServers(new String[0], " ")).isEqualTo("127.0.0.1:9092");
        assertThat(TopicProvisioner.bootstrapServers(new String[0], null)).isEqualTo("127.0.0.1:9092");
    }
}

package com.commercesuite.localsuite;

import com.commercesuite.events.Topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One topic the local broker must have. The list comes from the {@link Topic} catalog, so a topic
 * added there shows up on the next {@code bin/suite up} without touching this module.
 */
record TopicSpec(String name, int partitions, Duration retention, Replication replication) {

    /** Spring Kafka's DeadLetterPublishingRecoverer default suffix, so the services need no naming setup. */
    static final String DEAD_LETTER_SUFFIX = ".DLT";

    TopicSpec {
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least one partition");
        }
    }

    /**
     * Every catalog topic followed by its dead-letter topic. The dead-letter topic gets the same
     * partition count: the recoverer publishes a failed record to the same partition number it
     * came from, which must exist.
     */
    static List<TopicSpec> catalog() {
        List<TopicSpec> specs = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            specs.add(new TopicSpec(topic.topicName(), topic.partitions(), topic.retention(), Replication.CLUSTER));
            specs.add(new TopicSpec(topic.topicName() + DEAD_LETTER_SUFFIX, topic.partitions(), topic.retention(),
                    Replication.CLUSTER));
        }
        return List.copyOf(specs);
    }

    TopicSpec replicated(Replication actual) {
        return new TopicSpec(name, partitions, retention, actual);
    }

    Map<String, String> configs() {
        return Map.of("retention.ms", Long.toString(retention.toMillis()),
                "min.insync.replicas", Integer.toString(replication.minInSync()));
    }
}

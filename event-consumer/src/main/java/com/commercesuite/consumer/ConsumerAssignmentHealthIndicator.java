package com.commercesuite.consumer;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code kafkaConsumers}: down while a listener is stuck without partitions (see
 * {@link ConsumerAssignmentWatch}); part of the readiness group, so a service whose consumer
 * cannot join is not reported ready.
 */
class ConsumerAssignmentHealthIndicator extends AbstractHealthIndicator {

    private final ConsumerAssignmentWatch watch;

    ConsumerAssignmentHealthIndicator(ConsumerAssignmentWatch watch) {
        this.watch = watch;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Object> details = new TreeMap<>();
        boolean stuck = false;
        for (ListenerAssignment listener : watch.listeners()) {
            boolean thisOne = watch.stuck(listener);
            stuck |= thisOne;
            details.put(listener.listenerId(), thisOne
                    ? "stuck: no partition since " + listener.unassignedSince() + " (group " + listener.groupId() + ")"
                    : listener.assignedPartitions() + " partitions (group " + listener.groupId() + ")");
        }
        (stuck ? builder.down() : builder.up()).withDetails(details);
    }
}

package com.commercesuite.dataplatform.useractivity;

import com.commercesuite.consumer.InboundEvents;
import com.commercesuite.dataplatform.consumption.ConsumerMetrics;
import com.commercesuite.dataplatform.consumption.PerRecordCost;
import com.commercesuite.events.EventEnvelope;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes user-activity in its own group ({@code data-platform-user-activity-group}; the tests use
 * their own), one consumer per instance, apart from order-completed: a backlog or a bad record on
 * one topic never holds the other back, and each group rebalances on its own. The listener returns
 * only after the fact's transaction committed; the container then commits the offset.
 */
@Component
class UserActivityListener {

    private static final Logger log = LoggerFactory.getLogger(UserActivityListener.class);

    private final UserActivityFacts facts;
    private final ConsumerMetrics metrics;
    private final PerRecordCost cost;

    UserActivityListener(UserActivityFacts facts, ConsumerMetrics metrics, PerRecordCost cost) {
        this.facts = facts;
        this.metrics = metrics;
        this.cost = cost;
    }

    @KafkaListener(id = "user-activity-facts", idIsGroup = false, groupId = "${commercesuite.user-activity-group}",
            clientIdPrefix = "${commercesuite.instance-id}-user-activity", topics = "user-activity", concurrency = "1")
    void onUserActivity(ConsumerRecord<String, byte[]> record) {
        Timer.Sample sample = metrics.startProcessing();
        EventEnvelope envelope = InboundEvents.read(record);
        UserActivity activity = UserActivity.from(envelope);
        cost.spend();
        if (facts.apply(envelope, activity)) {
            metrics.processed(record.topic(), envelope.occurredAt(), sample);
            log.debug("User {} activity {} recorded, event {}", activity.userId(), activity.eventType(), activity.eventId());
        } else {
            metrics.duplicate(record.topic(), sample);
        }
    }
}

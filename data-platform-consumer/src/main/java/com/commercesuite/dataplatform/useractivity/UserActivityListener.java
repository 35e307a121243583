package com.commercesuite.dataplatform.useractivity;

import com.commercesuite.consumer.PollApplier;
import com.commercesuite.dataplatform.consumption.ConsumerMetrics;
import com.commercesuite.events.Topic;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes user-activity in its own group ({@code data-platform-user-activity-group}; the tests use
 * their own), one consumer per instance, apart from order-completed: a backlog or a bad record on
 * one topic never holds the other back, and each group rebalances on its own. The listener returns
 * only after the poll's facts committed in one transaction; the container then commits the offsets.
 */
@Component
class UserActivityListener {

    private final UserActivityFacts facts;
    private final PollApplier polls;
    private final ConsumerMetrics metrics;

    UserActivityListener(UserActivityFacts facts, PollApplier polls, ConsumerMetrics metrics) {
        this.facts = facts;
        this.polls = polls;
        this.metrics = metrics;
    }

    @KafkaListener(id = "user-activity-facts", idIsGroup = false, groupId = "${commerce.data-platform.user-activity-group}",
            clientIdPrefix = "${commerce.data-platform.instance-id}-user-activity", topics = Topic.Names.USER_ACTIVITY,
            concurrency = "1", batch = "true")
    void onUserActivity(List<ConsumerRecord<String, byte[]>> records) {
        polls.apply(records, facts, metrics);
    }
}

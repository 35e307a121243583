package com.commercesuite.events;

import java.util.Arrays;
import java.util.List;

/**
 * The share groups (KIP-932) the suite runs, with the topics each reads. A share group hands out
 * single records rather than whole partitions, so any number of members share a topic's
 * partitions: kept apart from {@link ConsumerGroup}, whose members the lag exporter reads as
 * classic or KIP-848 consumer groups.
 */
public enum ShareGroup {

    NOTIFICATION(Names.NOTIFICATION, List.of(Topic.ORDER_COMPLETED, Topic.USER_ACTIVITY, Topic.COUPON_ISSUE));

    /** The group ids as compile-time constants, for {@code @KafkaListener(groupId = ...)}. */
    public static final class Names {

        public static final String NOTIFICATION = "notification-share-group";

        private Names() {
        }
    }

    private final String groupId;
    private final List<Topic> topics;

    ShareGroup(String groupId, List<Topic> topics) {
        this.groupId = groupId;
        this.topics = topics;
    }

    public String groupId() {
        return groupId;
    }

    public List<Topic> topics() {
        return topics;
    }

    public static List<String> groupIds() {
        return Arrays.stream(values()).map(ShareGroup::groupId).toList();
    }
}

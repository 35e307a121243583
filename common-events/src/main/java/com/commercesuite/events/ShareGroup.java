package com.commercesuite.events;

import java.util.Arrays;
import java.util.List;

/**
 * The share groups (KIP-932) the suite runs, one per topic read, as the consumer groups are. A
 * share group hands out single records, so any number of members share a topic's partitions, but
 * only while the group has more members than the partitions of the topics it reads: below that its
 * assignor gives each partition to one member, as a consumer group does. One topic per group keeps
 * that point at the topic's own partition count. Kept apart from {@link ConsumerGroup}, whose
 * members the lag exporter reads as consumer groups.
 */
public enum ShareGroup {

    NOTIFICATION_ORDER_COMPLETED(Names.NOTIFICATION_ORDER_COMPLETED, Topic.ORDER_COMPLETED),
    NOTIFICATION_USER_ACTIVITY(Names.NOTIFICATION_USER_ACTIVITY, Topic.USER_ACTIVITY),
    NOTIFICATION_COUPON_ISSUE(Names.NOTIFICATION_COUPON_ISSUE, Topic.COUPON_ISSUE);

    /** The group ids as compile-time constants. */
    public static final class Names {

        public static final String NOTIFICATION_ORDER_COMPLETED = "notification-order-completed-group";
        public static final String NOTIFICATION_USER_ACTIVITY = "notification-user-activity-group";
        public static final String NOTIFICATION_COUPON_ISSUE = "notification-coupon-issue-group";

        private Names() {
        }
    }

    private final String groupId;
    private final Topic topic;

    ShareGroup(String groupId, Topic topic) {
        this.groupId = groupId;
        this.topic = topic;
    }

    public String groupId() {
        return groupId;
    }

    /** The module whose members join the group. */
    public String service() {
        return "notification-consumer";
    }

    public Topic topic() {
        return topic;
    }

    public static List<String> groupIds() {
        return Arrays.stream(values()).map(ShareGroup::groupId).toList();
    }
}

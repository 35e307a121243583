package com.commercesuite.events;

import java.util.Arrays;
import java.util.List;

/**
 * The consumer groups the suite runs, with the topic each reads and the service that runs it: the listeners take their group ids
 * from here, and the lag exporter expects every one of them on the brokers, so a group the brokers
 * stop reporting shows as a series of its own rather than by silence.
 */
public enum ConsumerGroup {

    PRODUCT_SAGA(Names.PRODUCT_SAGA, Topic.PRODUCT_COMMANDS, "product-service"),
    BALANCE_SAGA(Names.BALANCE_SAGA, Topic.BALANCE_COMMANDS, "balance-service"),
    COUPON_SAGA(Names.COUPON_SAGA, Topic.COUPON_COMMANDS, "coupon-service"),
    COUPON_ISSUE(Names.COUPON_ISSUE, Topic.COUPON_ISSUE, "coupon-service"),
    ORDER_SAGA(Names.ORDER_SAGA, Topic.ORDER_SAGA_REPLIES, "order-service"),
    DATA_PLATFORM(Names.DATA_PLATFORM, Topic.ORDER_COMPLETED, "data-platform-consumer"),
    DATA_PLATFORM_USER_ACTIVITY(Names.DATA_PLATFORM_USER_ACTIVITY, Topic.USER_ACTIVITY, "data-platform-consumer");

    /** The group ids as compile-time constants, for {@code @KafkaListener(groupId = ...)}. */
    public static final class Names {

        public static final String PRODUCT_SAGA = "product-saga-consumer-group";
        public static final String BALANCE_SAGA = "balance-saga-consumer-group";
        public static final String COUPON_SAGA = "coupon-saga-consumer-group";
        public static final String COUPON_ISSUE = "coupon-issue-consumer-group";
        public static final String ORDER_SAGA = "order-saga-consumer-group";
        public static final String DATA_PLATFORM = "data-platform-consumer-group";
        public static final String DATA_PLATFORM_USER_ACTIVITY = "data-platform-user-activity-group";

        private Names() {
        }
    }

    private final String groupId;
    private final Topic topic;
    private final String service;

    ConsumerGroup(String groupId, Topic topic, String service) {
        this.groupId = groupId;
        this.topic = topic;
        this.service = service;
    }

    public String groupId() {
        return groupId;
    }

    public Topic topic() {
        return topic;
    }

    /** The service (Maven module name) whose listeners form the group. */
    public String service() {
        return service;
    }

    public static List<String> groupIds() {
        return Arrays.stream(values()).map(ConsumerGroup::groupId).toList();
    }
}

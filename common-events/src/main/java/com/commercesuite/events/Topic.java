package com.commercesuite.events;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The topic catalog: every topic the suite publishes to, with its partitions, retention, key
 * policy and the services that publish to it. The local suite, the Kubernetes manifests and the services' own topic declarations all
 * read this one list.
 */
public enum Topic {

    /** Completed orders for the data platform; unkeyed so load spreads over all partitions. */
    ORDER_COMPLETED(Names.ORDER_COMPLETED, 3, Duration.ofDays(7), PartitionKeyPolicy.NONE, "order-service"),
    /** Coupon issuances admitted in Redis, keyed by coupon. */
    COUPON_ISSUE(Names.COUPON_ISSUE, 3, Duration.ofDays(7), PartitionKeyPolicy.AGGREGATE, "coupon-service"),
    /** Every balance change, keyed {@code user:{id}} so one user's changes stay in order. */
    BALANCE_ACTIVITY(Names.BALANCE_ACTIVITY, 3, Duration.ofDays(7), PartitionKeyPolicy.USER, "balance-service"),
    /** Product and stock changes, keyed by product. */
    PRODUCT_ACTIVITY(Names.PRODUCT_ACTIVITY, 3, Duration.ofDays(7), PartitionKeyPolicy.AGGREGATE, "product-service"),
    /** Meaningful user actions for the data platform, keyed {@code user:{id}}. */
    USER_ACTIVITY(Names.USER_ACTIVITY, 3, Duration.ofDays(7), PartitionKeyPolicy.USER, "order-service", "balance-service", "coupon-service"),

    // The order saga's commands and replies (contract: com.commercesuite.events.saga), keyed by
    // order so that a compensation always follows the command it undoes on the same partition.
    /** Stock commands from the order saga to product-service. */
    PRODUCT_COMMANDS(Names.PRODUCT_COMMANDS, 3, Duration.ofDays(7), PartitionKeyPolicy.AGGREGATE, "order-service"),
    /** Coupon commands from the order saga to coupon-service. */
    COUPON_COMMANDS(Names.COUPON_COMMANDS, 3, Duration.ofDays(7), PartitionKeyPolicy.AGGREGATE, "order-service"),
    /** Payment commands from the order saga to balance-service. */
    BALANCE_COMMANDS(Names.BALANCE_COMMANDS, 3, Duration.ofDays(7), PartitionKeyPolicy.AGGREGATE, "order-service"),
    /** The participants' answers to the order saga. */
    ORDER_SAGA_REPLIES(Names.ORDER_SAGA_REPLIES, 3, Duration.ofDays(7), PartitionKeyPolicy.AGGREGATE, "product-service", "balance-service", "coupon-service");

    public static final int DEFAULT_PARTITIONS = 3;

    /**
     * Copies of every partition on a cluster, and how many of them must have a write before an
     * acks=all producer hears it succeeded: one node may die with nothing acknowledged lost and
     * writes going on. The local cluster, docker-compose.yml and the Kubernetes topics all use these.
     */
    public static final short REPLICATION_FACTOR = 3;
    public static final int MIN_IN_SYNC_REPLICAS = 2;

    /**
     * The topics' names as compile-time constants, for what needs a constant rather than an enum
     * value: {@code @KafkaListener(topics = Topic.Names.PRODUCT_COMMANDS)}.
     */
    public static final class Names {

        public static final String ORDER_COMPLETED = "order-completed";
        public static final String COUPON_ISSUE = "coupon-issue";
        public static final String BALANCE_ACTIVITY = "balance-activity";
        public static final String PRODUCT_ACTIVITY = "product-activity";
        public static final String USER_ACTIVITY = "user-activity";
        public static final String PRODUCT_COMMANDS = "product-commands";
        public static final String COUPON_COMMANDS = "coupon-commands";
        public static final String BALANCE_COMMANDS = "balance-commands";
        public static final String ORDER_SAGA_REPLIES = "order-saga-replies";

        private Names() {
        }
    }

    private final String topicName;
    private final int partitions;
    private final Duration retention;
    private final PartitionKeyPolicy keyPolicy;
    private final Set<String> publishers;

    Topic(String topicName, int partitions, Duration retention, PartitionKeyPolicy keyPolicy, String... publishers) {
        this.topicName = topicName;
        this.partitions = partitions;
        this.retention = retention;
        this.keyPolicy = keyPolicy;
        this.publishers = Set.of(publishers);
    }

    public String topicName() {
        return topicName;
    }

    public int partitions() {
        return partitions;
    }

    public Duration retention() {
        return retention;
    }

    public PartitionKeyPolicy keyPolicy() {
        return keyPolicy;
    }

    /**
     * The services (Maven module names) that publish to this topic, and the only ones whose Kafka
     * user may write it where the brokers authorise (local-suite/config/kafka-acls.txt).
     */
    public Set<String> publishers() {
        return publishers;
    }

    /** The topics a service publishes to. */
    public static Set<Topic> publishedBy(String service) {
        return Arrays.stream(values()).filter(t -> t.publishers.contains(service))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Topic.class)));
    }

    /** The record key this topic's policy gives the event, or null for an unkeyed topic. */
    public String keyFor(EventEnvelope event) {
        return keyPolicy.keyFor(event);
    }

    public static Optional<Topic> byName(String topicName) {
        return Arrays.stream(values()).filter(t -> t.topicName.equals(topicName)).findFirst();
    }
}

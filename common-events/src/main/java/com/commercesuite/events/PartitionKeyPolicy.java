package com.commercesuite.events;

/**
 * How a topic's records are keyed, and so which records keep their relative order: Kafka orders
 * records per partition, and the key picks the partition.
 */
public enum PartitionKeyPolicy {

    /** {@code user:{aggregateId}}: one user's events stay in order. */
    USER {
        @Override
        public String keyFor(EventEnvelope event) {
            return "user:" + event.aggregateId();
        }
    },

    /** The aggregate id: one aggregate's events stay in order. */
    AGGREGATE {
        @Override
        public String keyFor(EventEnvelope event) {
            return event.aggregateId();
        }
    },

    /** No key: records spread evenly over the partitions, with no order between them. */
    NONE {
        @Override
        public String keyFor(EventEnvelope event) {
            return null;
        }
    };

    public abstract String keyFor(EventEnvelope event);
}

package com.commercesuite.localsuite;

import com.commercesuite.events.Topic;

/**
 * How many copies of each partition, and how many must have a write before an acks=all producer
 * hears it succeeded. With three and two, one node may die with nothing acknowledged lost and
 * writes going on; with a second node down, writes wait (the outbox holds them) rather than land
 * on one copy.
 */
record Replication(short factor, int minInSync) {

    static final Replication CLUSTER = new Replication(Topic.REPLICATION_FACTOR, Topic.MIN_IN_SYNC_REPLICAS);
    static final Replication SINGLE_NODE = new Replication((short) 1, 1);

    /** The cluster's replication on three or more nodes; one node can only hold one copy. */
    static Replication forNodes(int nodes) {
        if (nodes >= CLUSTER.factor()) {
            return CLUSTER;
        }
        if (nodes == 1) {
            return SINGLE_NODE;
        }
        throw new IllegalStateException(nodes + " Kafka nodes: the local suite runs one or three");
    }
}

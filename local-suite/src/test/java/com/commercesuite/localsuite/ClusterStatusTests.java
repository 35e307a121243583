package com.commercesuite.localsuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

class ClusterStatusTests {

    private static final Node ONE = new Node(1, "127.0.0.1", 9092);
    private static final Node TWO = new Node(2, "127.0.0.1", 9192);
    private static final Node THREE = new Node(3, "127.0.0.1", 9292);

    @Test
    void drawsWhichBrokerLeadsWhatAndPutsPartitionsWithoutALeaderFirst() {
        var orders = new TopicDescription("orders", false, List.of(
                new TopicPartitionInfo(0, ONE, List.of(ONE, TWO, THREE), List.of(ONE, THREE)),
                new TopicPartitionInfo(1, THREE, List.of(THREE, ONE, TWO), List.of(THREE, ONE)),
                new TopicPartitionInfo(2, null, List.of(TWO), List.of())));

        String picture = ClusterStatus.render(List.of(1, 2, 3), Set.of(1, 3), Map.of("orders", orders));

        assertThat(picture.lines().findFirst().orElseThrow()).contains("broker 1", "broker 2 DOWN", "broker 3");
        assertThat(picture).containsPattern("orders\\s+P0\\s+P1");
        assertThat(picture).containsPattern("leaderships\\s+1\\s+0\\s+1");
        assertThat(picture).contains("3 partitions not fully replicated:");
        assertThat(picture.lines().filter(line -> line.startsWith("  orders")).findFirst().orElseThrow())
                .isEqualTo("  orders-2: OFFLINE (no leader), replicas [2]");
    }

    @Test
    void saysSoWhenEveryPartitionIsWhole() {
        var orders = new TopicDescription("orders", false, List.of(
                new TopicPartitionInfo(0, TWO, List.of(TWO, ONE, THREE), List.of(TWO, ONE, THREE))));

        assertThat(ClusterStatus.render(List.of(1, 2, 3), Set.of(1, 2, 3), Map.of("orders", orders)))
                .endsWith("every partition has a leader and all its replicas in sync\n");
    }
}

package com.commercesuite.lag.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.lag.LagProperties;
import com.commercesuite.lag.measure.GroupLag;
import com.commercesuite.lag.measure.LagSnapshot;
import com.commercesuite.lag.measure.PartitionLag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LagMetersTests {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final LagMeters meters = new LagMeters(registry, new LagProperties(Duration.ofSeconds(5),
            new LagProperties.Groups(".*", ""), Duration.ofSeconds(10), Duration.ofSeconds(3), List.of("orders", "payments")));

    @Test
    void anExpectedGroupTheBrokersDoNotReportIsASeriesOfItsOwn() {
        assertThat(unreported("payments")).as("before any pass").isZero();

        meters.show(new LagSnapshot(Instant.now(), List.of(group("orders", 1)), Set.of("payments")));

        assertThat(unreported("payments")).isEqualTo(1.0);
        assertThat(unreported("orders")).isZero();

        meters.show(snapshot(group("orders", 1), group("payments", 1)));

        assertThat(unreported("payments")).isZero();
    }

    private double unreported(String group) {
        return registry.get("kafka.consumergroup.unreported").tag("group", group).gauge().value();
    }

    @Test
    void servesTheLatestPassNotTheFirst() {
        meters.show(snapshot(group("orders", 1, partition("order-completed", 0, 6, 120.0))));
        meters.show(snapshot(group("orders", 0, partition("order-completed", 0, 9, 180.0))));

        assertThat(records("orders", "order-completed", "0")).isEqualTo(9.0);
        assertThat(seconds("orders", "order-completed", "0")).isEqualTo(180.0);
        assertThat(registry.get("kafka.consumergroup.members").tag("group", "orders").gauge().value()).isZero();
    }

    @Test
    void removesTheSeriesOfAGroupOrPartitionThatIsGone() {
        meters.show(snapshot(
                group("orders", 1, partition("order-completed", 0, 6, 120.0), partition("order-completed", 1, 2, 10.0)),
                group("users", 1, partition("user-activity", 0, 0, 0.0))));
        meters.show(snapshot(group("orders", 1, partition("order-completed", 0, 6, 125.0))));

        assertThat(registry.find("kafka.consumergroup.lag.records").tag("partition", "1").gauges()).isEmpty();
        assertThat(registry.find("kafka.consumergroup.lag.seconds").tag("group", "users").gauges()).isEmpty();
        assertThat(registry.find("kafka.consumergroup.members").tag("group", "users").gauges()).isEmpty();
        assertThat(records("orders", "order-completed", "0")).isEqualTo(6.0);
    }

    @Test
    void aGroupWithoutCommittedOffsetsStillReportsItsMembers() {
        meters.show(snapshot(group("starting", 2)));

        assertThat(registry.get("kafka.consumergroup.members").tag("group", "starting").gauge().value()).isEqualTo(2.0);
        assertThat(registry.find("kafka.consumergroup.lag.records").gauges()).isEmpty();
    }

    private double records(String group, String topic, String partition) {
        return registry.get("kafka.consumergroup.lag.records").tag("group", group).tag("topic", topic)
                .tag("partition", partition).gauge().value();
    }

    private double seconds(String group, String topic, String partition) {
        return registry.get("kafka.consumergroup.lag.seconds").tag("group", group).tag("topic", topic)
                .tag("partition", partition).gauge().value();
    }

    private static LagSnapshot snapshot(GroupLag... groups) {
        return new LagSnapshot(Instant.now(), List.of(groups));
    }

    private static GroupLag group(String name, int members, PartitionLag... partitions) {
        return new GroupLag(name, "Stable", members, List.of(partitions));
    }

    private static PartitionLag partition(String topic, int partition, long lag, double seconds) {
        return new PartitionLag(topic, partition, 100, 100 + lag, lag, seconds);
    }
}

package com.commercesuite.lag.metrics;

import com.commercesuite.lag.measure.GroupLag;
import com.commercesuite.lag.measure.LagSnapshot;
import com.commercesuite.lag.measure.PartitionLag;
import com.commercesuite.lag.LagProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The lag gauges: {@code kafka.consumergroup.lag.records} and {@code kafka.consumergroup.lag.seconds}
 * per group, topic and partition, {@code kafka.consumergroup.members} per group, and
 * {@code kafka.consumergroup.unreported} per group the suite expects. Each gauge reads
 * the latest snapshot when scraped; a series is registered the first time its group or partition
 * appears and removed as soon as a pass no longer finds it. Fed by one thread at a time.
 */
@Component
public class LagMeters {

    private record PartitionSeries(String group, String topic, int partition) {
    }

    private final MeterRegistry registry;
    private volatile Set<String> unreported = Set.of();
    private volatile Map<PartitionSeries, PartitionLag> partitions = Map.of();
    private volatile Map<String, GroupLag> groups = Map.of();
    private final Map<PartitionSeries, List<Meter>> partitionMeters = new HashMap<>();
    private final Map<String, Meter> groupMeters = new HashMap<>();

    LagMeters(MeterRegistry registry, LagProperties properties) {
        this.registry = registry;
        for (String group : properties.expectedGroups()) {
            Gauge.builder("kafka.consumergroup.unreported", this, meters -> meters.unreported.contains(group) ? 1 : 0)
                    .description("1 while the brokers do not report this group the suite expects (not listed, or not described in time)")
                    .tag("group", group)
                    .strongReference(true)
                    .register(registry);
        }
    }

    /** Serves this snapshot from now on. */
    public void show(LagSnapshot snapshot) {
        this.unreported = snapshot.unreportedGroups();
        Map<PartitionSeries, PartitionLag> partitions = new HashMap<>();
        Map<String, GroupLag> groups = new HashMap<>();
        for (GroupLag group : snapshot.groups()) {
            groups.put(group.group(), group);
            for (PartitionLag partition : group.partitions()) {
                partitions.put(new PartitionSeries(group.group(), partition.topic(), partition.partition()), partition);
            }
        }
        this.partitions = Map.copyOf(partitions);
        this.groups = Map.copyOf(groups);

        partitions.keySet().forEach(series -> partitionMeters.computeIfAbsent(series, this::registerPartition));
        groups.keySet().forEach(group -> groupMeters.computeIfAbsent(group, this::registerGroup));
        for (Iterator<Map.Entry<PartitionSeries, List<Meter>>> it = partitionMeters.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (!partitions.containsKey(entry.getKey())) {
                entry.getValue().forEach(registry::remove);
                it.remove();
            }
        }
        for (Iterator<Map.Entry<String, Meter>> it = groupMeters.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (!groups.containsKey(entry.getKey())) {
                registry.remove(entry.getValue());
                it.remove();
            }
        }
    }

    private List<Meter> registerPartition(PartitionSeries series) {
        return List.of(
                partitionGauge(series, "kafka.consumergroup.lag.records", null,
                        "Log end offset minus the group's committed offset", PartitionLag::lagRecords),
                partitionGauge(series, "kafka.consumergroup.lag.seconds", "seconds",
                        "Age of the oldest record the group has not consumed yet (0 when caught up)", PartitionLag::lagSeconds));
    }

    private Meter partitionGauge(PartitionSeries series, String name, String baseUnit, String description,
            ToDoubleFunction<PartitionLag> value) {
        return Gauge.builder(name, this, meters -> {
                    PartitionLag lag = meters.partitions.get(series);
                    return lag == null ? Double.NaN : value.applyAsDouble(lag);
                })
                .description(description)
                .baseUnit(baseUnit)
                .tag("group", series.group())
                .tag("topic", series.topic())
                .tag("partition", Integer.toString(series.partition()))
                .strongReference(true)
                .register(registry);
    }

    private Meter registerGroup(String group) {
        return Gauge.builder("kafka.consumergroup.members", this, meters -> {
                    GroupLag lag = meters.groups.get(group);
                    return lag == null ? Double.NaN : lag.members();
                })
                .description("Live members of the consumer group, as the broker sees them")
                .tag("group", group)
                .strongReference(true)
                .register(registry);
    }
}

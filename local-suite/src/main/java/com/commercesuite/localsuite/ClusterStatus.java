package com.commercesuite.localsuite;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The picture people draw of a Kafka cluster: each broker as a column, each topic as a row, and in
 * every cell the partitions that broker leads; then the partitions with fewer in-sync replicas than
 * replicas, and those with no leader at all. {@code bin/suite status} prints it.
 *
 * <p>Usage: {@code ClusterStatus bootstrap-servers node-id...} (the nodes the suite runs, so one
 * that is down still gets its column).
 */
public final class ClusterStatus {

    private static final long TIMEOUT_SECONDS = 10;
    private static final int SHOWN = 12;

    private ClusterStatus() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> nodes = List.of(args).subList(1, args.length).stream().map(Integer::valueOf).toList();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-suite-cluster-status");
        props.putAll(KafkaAccessProvisioner.toolSettings());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        try (Admin admin = Admin.create(props)) {
            Collection<Node> alive = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Set<String> names = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, TopicDescription> topics = new TreeMap<>(
                    admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            System.out.print(render(nodes, alive.stream().map(Node::id).collect(Collectors.toSet()), topics));
        }
    }

    static String render(List<Integer> nodes, Set<Integer> alive, Map<String, TopicDescription> topics) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-30s", "topic (partitions led)"));
        for (int node : nodes) {
            out.append(String.format(" %-14s", "broker " + node + (alive.contains(node) ? "" : " DOWN")));
        }
        out.append('\n');
        int[] led = new int[nodes.size()];
        List<String> degraded = new ArrayList<>();
        for (TopicDescription topic : topics.values()) {
            out.append(String.format("%-30s", topic.name()));
            for (int i = 0; i < nodes.size(); i++) {
                int node = nodes.get(i);
                List<Integer> partitions = topic.partitions().stream()
                        .filter(p -> p.leader() != null && p.leader().id() == node)
                        .map(TopicPartitionInfo::partition).toList();
                led[i] += partitions.size();
                out.append(String.format(" %-14s", partitions.stream().map(p -> "P" + p).collect(Collectors.joining(" "))));
            }
            out.append('\n');
            for (TopicPartitionInfo p : topic.partitions()) {
                if (p.leader() == null || p.leader().isEmpty()) {
                    degraded.add(String.format("  %s-%d: OFFLINE (no leader), replicas %s%n", topic.name(), p.partition(), ids(p.replicas())));
                } else if (p.isr().size() < p.replicas().size()) {
                    degraded.add(String.format("  %s-%d: under-replicated, in sync %s of replicas %s%n",
                            topic.name(), p.partition(), ids(p.isr()), ids(p.replicas())));
                }
            }
        }
        out.append(String.format("%-30s", "leaderships"));
        for (int count : led) {
            out.append(String.format(" %-14d", count));
        }
        out.append('\n');
        if (degraded.isEmpty()) {
            out.append("every partition has a leader and all its replicas in sync\n");
        } else {
            // Offline partitions first: they are the ones that take no writes at all.
            degraded.sort(Comparator.comparing(line -> !line.contains("OFFLINE")));
            out.append(degraded.size()).append(" partitions not fully replicated:\n");
            degraded.stream().limit(SHOWN).forEach(out::append);
            if (degraded.size() > SHOWN) {
                out.append("  ... and ").append(degraded.size() - SHOWN).append(" more (kafka-topics --describe --under-replicated-partitions)\n");
            }
        }
        return out.toString();
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }
}

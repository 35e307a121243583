package com.commercesuite.localsuite;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Creates every catalog topic and its dead-letter topic on the local brokers: replication factor 3
 * and min.insync.replicas 2 on the three-node cluster, 1 and 1 on a single node. Kafka's default
 * placement spreads the leaders, so each of three nodes leads one of a topic's three partitions.
 * Safe to run again: existing topics are kept, grown to the catalog's partition count if they have
 * fewer, and get the catalog's retention and min.insync.replicas.
 *
 * <p>Usage: {@code TopicProvisioner [bootstrap-servers]}; else env {@code KAFKA_BOOTSTRAP_SERVERS};
 * else {@code 127.0.0.1:9092}.
 */
public final class TopicProvisioner {

    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    private static final long CALL_TIMEOUT_SECONDS = 60;

    private TopicProvisioner() {
    }

    public static void main(String[] args) {
        String bootstrap = bootstrapServers(args, System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
        try {
            provision(bootstrap, TopicSpec.catalog());
        } catch (Exception e) {
            // One line for the launcher's output; the broker log has the detail.
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String reason = cause instanceof TimeoutException
                    || cause instanceof org.apache.kafka.common.errors.TimeoutException
                    ? "no answer within " + CALL_TIMEOUT_SECONDS + "s (is the broker running?)"
                    : cause.toString();
            System.err.println("TopicProvisioner: failed against " + bootstrap + ": " + reason);
            System.exit(1);
        }
    }

    static String bootstrapServers(String[] args, String fromEnv) {
        if (args.length > 0 && !args[0].isBlank()) {
            return args[0];
        }
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return DEFAULT_BOOTSTRAP;
    }

    static void provision(String bootstrap, List<TopicSpec> specs) throws Exception {
        try (Admin admin = Admin.create(adminConfig(bootstrap))) {
            int nodes = admin.describeCluster().nodes().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
            Replication replication = Replication.forNodes(nodes);
            specs = specs.stream().map(spec -> spec.replicated(replication)).toList();
            Set<String> names = specs.stream().map(TopicSpec::name).collect(Collectors.toSet());
            Map<String, Integer> existing = partitionCounts(admin, names);

            List<TopicAction> actions = specs.stream()
                    .map(spec -> TopicAction.decide(spec, optional(existing.get(spec.name()))))
                    .toList();

            create(admin, actions);
            addPartitions(admin, actions);
            alignRetention(admin, actions);

            for (TopicAction action : actions) {
                System.out.printf("topic %-28s partitions=%d replicas=%d min.insync.replicas=%d retention.ms=%d %s%n",
                        action.spec().name(), action.spec().partitions(), replication.factor(),
                        replication.minInSync(), action.spec().retention().toMillis(), describe(action));
            }
        }
    }

    private static Properties adminConfig(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-suite-topic-provisioner");
        props.putAll(KafkaAccessProvisioner.toolSettings());
        // A freshly started broker may still be electing itself: retry for a while rather than fail.
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        return props;
    }

    private static Map<String, Integer> partitionCounts(Admin admin, Set<String> wanted) throws Exception {
        Set<String> present = admin.listTopics().names().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<String> toDescribe = wanted.stream().filter(present::contains).toList();
        Map<String, Integer> counts = new HashMap<>();
        if (toDescribe.isEmpty()) {
            return counts;
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(toDescribe)
                .allTopicNames().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        descriptions.forEach((name, d) -> counts.put(name, d.partitions().size()));
        return counts;
    }

    private static void create(Admin admin, List<TopicAction> actions) throws Exception {
        List<NewTopic> newTopics = actions.stream()
                .filter(a -> a.kind() == TopicAction.Kind.CREATE)
                .map(a -> new NewTopic(a.spec().name(), a.spec().partitions(), a.spec().replication().factor())
                        .configs(a.spec().configs()))
                .toList();
        if (newTopics.isEmpty()) {
            return;
        }
        for (var result : admin.createTopics(newTopics).values().entrySet()) {
            try {
                result.getValue().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // Another provisioner (bin/test and bin/suite at once) got there first: same outcome.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private static void addPartitions(Admin admin, List<TopicAction> actions) throws Exception {
        Map<String, NewPartitions> increases = actions.stream()
                .filter(a -> a.kind() == TopicAction.Kind.ADD_PARTITIONS)
                .collect(Collectors.toMap(a -> a.spec().name(), a -> NewPartitions.increaseTo(a.spec().partitions())));
        if (!increases.isEmpty()) {
            admin.createPartitions(increases).all().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Retention and min.insync.replicas are the per-topic settings the catalog owns; setting them again is harmless. */
    private static void alignRetention(Admin admin, List<TopicAction> actions) throws Exception {
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new HashMap<>();
        for (TopicAction action : actions) {
            if (action.kind() == TopicAction.Kind.CREATE) {
                continue;
            }
            List<AlterConfigOp> topicOps = new ArrayList<>();
            action.spec().configs().forEach((key, value) ->
                    topicOps.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET)));
            ops.put(new ConfigResource(ConfigResource.Type.TOPIC, action.spec().name()), topicOps);
        }
        if (!ops.isEmpty()) {
            admin.incrementalAlterConfigs(ops).all().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static String describe(TopicAction action) {
        return switch (action.kind()) {
            case CREATE -> "created";
            case ADD_PARTITIONS -> "grew from " + action.currentPartitions() + " partitions";
            case KEEP -> action.currentPartitions() > action.spec().partitions()
                    ? "exists (has " + action.currentPartitions() + " partitions, more than the catalog; left as is)"
                    : "exists";
        };
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
}

package com.commercesuite.deployment;

import com.commercesuite.events.Topic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.commercesuite.deployment.RenderedManifests.containers;
import static com.commercesuite.deployment.RenderedManifests.name;
import static com.commercesuite.deployment.RenderedManifests.podLabels;
import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of the Kubernetes deployment, checked on what `kubectl kustomize k8s` renders. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesManifestsTests {

    private static final String CONSUMER = "data-platform-consumer";
    private static final String GATEWAY = "gateway";
    private static final String PROMETHEUS = "prometheus";
    /** Stand-ins for systems outside the suite, and the one service that calls each. */
    private static final Map<String, String> CALLER_OF_STAND_IN = Map.of("notification-provider-stub", "notification-consumer");

    /**
     * Placeholders of an application.yml that a Deployment may leave unset, with the reason.
     * Empty today: every variable a service reads is set explicitly.
     */
    private static final Map<String, String> UNSET_ALLOWED = Map.of();

    /** Environment variables that carry a credential by their name. */
    static final Pattern CREDENTIAL = Pattern.compile("PASSWORD|SECRET|TOKEN|CREDENTIAL|_KEY$|JAAS");

    private RenderedManifests manifests;
    private Set<String> serviceModules;

    @BeforeAll
    void render() {
        manifests = RenderedManifests.ofRepository();
        serviceModules = Repository.serviceModules();
        assertThat(serviceModules).as("modules with a Spring Boot application").contains(CONSUMER, GATEWAY);
    }

    @Test
    void everyServiceModuleRunsAsOneDeploymentOfTheImageNamedAfterIt() {
        Map<String, String> moduleByDeployment = new TreeMap<>();
        Set<String> tags = new TreeSet<>();
        for (Map<String, Object> workload : manifests.workloads()) {
            for (Map<String, Object> container : containers(workload)) {
                String image = Yamls.stringAt(container, "image");
                if (Images.isSuiteImage(image)) {
                    String module = Images.moduleOf(image);
                    assertThat(serviceModules).as("module of image %s in %s", image, name(workload)).contains(module);
                    assertThat(name(workload)).as("the Deployment running %s", image).isEqualTo(module);
                    assertThat(workload.get("kind")).isEqualTo("Deployment");
                    moduleByDeployment.put(name(workload), module);
                    tags.add(image.substring(image.indexOf(':') + 1));
                }
            }
        }
        assertThat(moduleByDeployment.values()).as("a Deployment per service module")
                .containsExactlyInAnyOrderElementsOf(serviceModules);
        assertThat(tags).as("one version for all the suite's images").hasSize(1);
    }

    @Test
    void everyWorkloadHasProbesAndCpuAndMemoryRequestsAndLimits() {
        assertThat(manifests.workloads()).isNotEmpty();
        for (Map<String, Object> workload : manifests.workloads()) {
            for (Map<String, Object> container : containers(workload)) {
                String where = workload.get("kind") + " " + name(workload) + " container " + container.get("name");
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertThat(Yamls.at(container, "resources", bound, resource))
                                .as("%s: resources.%s.%s", where, bound, resource).isNotNull();
                    }
                }
                assertThat(container).as("%s: probes", where).containsKeys("readinessProbe", "livenessProbe");
            }
        }
    }

    @Test
    void servicesAreProbedOnTheActuatorHealthGroupsOfThePortTheyListenOn() {
        for (Map<String, Object> deployment : manifests.serviceDeployments()) {
            Map<String, Object> container = serviceContainer(deployment);
            String where = "Deployment " + name(deployment);
            assertThat(Yamls.stringAt(container, "readinessProbe", "httpGet", "path"))
                    .as("%s: readiness probe", where).isEqualTo("/actuator/health/readiness");
            assertThat(Yamls.stringAt(container, "livenessProbe", "httpGet", "path"))
                    .as("%s: liveness probe", where).isEqualTo("/actuator/health/liveness");

            int listening = listeningPort(deployment, container);
            for (String probe : List.of("readinessProbe", "livenessProbe")) {
                assertThat(resolvePort(container, Yamls.at(container, probe, "httpGet", "port")))
                        .as("%s: %s port", where, probe).isEqualTo(listening);
            }
        }
    }

    @Test
    void servicesShutDownGracefullyWithinTheirGracePeriod() {
        for (Map<String, Object> deployment : manifests.serviceDeployments()) {
            String module = name(deployment);
            Map<String, Object> container = serviceContainer(deployment);
            Map<String, Object> settings = Repository.applicationSettings(module);

            // Spring Boot shuts down gracefully unless told otherwise: listener containers stop and
            // their consumers leave the group before the context closes.
            assertThat(Yamls.stringAt(settings, "server", "shutdown")).as("%s server.shutdown", module)
                    .isIn(null, "graceful");
            assertThat(Yamls.at(container, "lifecycle", "preStop")).as("%s preStop", module).isNotNull();

            long shutdownPhase = seconds(Yamls.stringAt(settings, "spring", "lifecycle", "timeout-per-shutdown-phase"), 30);
            long preStop = preStopSeconds(container);
            Object grace = Yamls.at(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds");
            assertThat(grace).as("%s terminationGracePeriodSeconds", module).isInstanceOf(Integer.class);
            assertThat(((Integer) grace).longValue()).as("%s grace period vs preStop %ss + shutdown phase %ss",
                    module, preStop, shutdownPhase).isGreaterThan(preStop + shutdownPhase);
        }
    }

    @Test
    void everyVariableAServiceReadsIsSetInItsDeployment() {
        for (Map<String, Object> deployment : manifests.serviceDeployments()) {
            String module = name(deployment);
            Set<String> wanted = new TreeSet<>(Repository.environmentPlaceholders(module));
            wanted.removeAll(UNSET_ALLOWED.keySet());
            assertThat(manifests.environmentOf(serviceContainer(deployment)))
                    .as("environment of Deployment %s (placeholders of %s/src/main/resources/application.yml)", module, module)
                    .containsAll(wanted);
        }
    }

    @Test
    void noSecretValueIsRendered() {
        // Anyone who read the repository would know it: Secrets come from k8s/create-secrets.sh.
        assertThat(manifests.ofKind("Secret")).as("Secrets in the rendered manifests").isEmpty();
        for (Map<String, Object> workload : manifests.workloads()) {
            for (Map<String, Object> container : containers(workload)) {
                for (Object entry : Yamls.listAt(container, "env")) {
                    String variable = Yamls.stringAt(entry, "name");
                    if (CREDENTIAL.matcher(variable).find()) {
                        assertThat(Yamls.at(entry, "value")).as("%s: %s is written in the manifest", name(workload), variable).isNull();
                        assertThat(Yamls.stringAt(entry, "valueFrom", "secretKeyRef", "name"))
                                .as("%s: %s comes from a Secret", name(workload), variable).isNotNull();
                    }
                }
            }
        }
    }

    @Test
    void everySecretAWorkloadRefersToIsMadeByCreateSecrets() {
        Map<String, String> created = OperatorSecrets.created();
        Map<String, Set<String>> referred = new TreeMap<>();
        for (Map<String, Object> workload : manifests.workloads()) {
            for (Map<String, Object> container : containers(workload)) {
                for (Object entry : Yamls.listAt(container, "env")) {
                    String secret = Yamls.stringAt(entry, "valueFrom", "secretKeyRef", "name");
                    if (secret != null) {
                        referred.computeIfAbsent(secret, k -> new TreeSet<>()).add(Yamls.stringAt(entry, "valueFrom", "secretKeyRef", "key"));
                    }
                }
                for (Object source : Yamls.listAt(container, "envFrom")) {
                    String secret = Yamls.stringAt(source, "secretRef", "name");
                    if (secret != null) {
                        referred.computeIfAbsent(secret, k -> new TreeSet<>());
                    }
                }
            }
        }
        assertThat(referred).as("Secrets the workloads refer to").isNotEmpty();
        // Strimzi's User Operator makes a Secret for each KafkaUser, named after it.
        Set<String> kafkaUsers = manifests.ofKind("KafkaUser").stream().map(RenderedManifests::name).collect(Collectors.toSet());
        referred.forEach((secret, keys) -> {
            if (kafkaUsers.contains(secret)) {
                assertThat(keys).as("keys of KafkaUser %s's Secret that workloads read", secret).isSubsetOf("password", "sasl.jaas.config");
                return;
            }
            assertThat(created).as("%s makes Secret %s", OperatorSecrets.SCRIPT, secret).containsKey(secret);
            assertThat(keys).as("keys of Secret %s that workloads read", secret).allMatch(created.get(secret)::equals);
        });
        assertThat(Repository.path(OperatorSecrets.SCRIPT)).isExecutable();
    }

    @Test
    void kafkaTopicsAreTheCatalogWithItsPartitionCounts() {
        Map<String, Integer> declared = new TreeMap<>();
        for (Map<String, Object> topic : manifests.ofKind("KafkaTopic")) {
            String topicName = Yamls.stringAt(topic, "spec", "topicName");
            declared.put(topicName == null ? name(topic) : topicName, (Integer) Yamls.at(topic, "spec", "partitions"));
        }
        Map<String, Integer> catalog = new TreeMap<>();
        for (Topic topic : Topic.values()) {
            catalog.put(topic.topicName(), topic.partitions());
            catalog.put(topic.topicName() + ".DLT", topic.partitions());
        }
        assertThat(declared).as("KafkaTopic resources (spec.topicName -> spec.partitions)").isEqualTo(catalog);
    }

    @Test
    void kafkaTopicsAreReplicatedAsTheCatalogSays() {
        for (Map<String, Object> topic : manifests.ofKind("KafkaTopic")) {
            assertThat(Yamls.at(topic, "spec", "replicas")).as("replicas of %s", name(topic)).isEqualTo((int) Topic.REPLICATION_FACTOR);
            assertThat(Yamls.at(topic, "spec", "config", "min.insync.replicas")).as("min.insync.replicas of %s", name(topic))
                    .isEqualTo(Topic.MIN_IN_SYNC_REPLICAS);
        }
    }

    @Test
    void theConsumerAutoscalerNeverScalesPastThePartitionsOfTheTopicsItReads() {
        List<Map<String, Object>> scalers = manifests.ofKind("ScaledObject").stream()
                .filter(s -> CONSUMER.equals(Yamls.stringAt(s, "spec", "scaleTargetRef", "name"))).toList();
        assertThat(scalers).as("ScaledObject for %s", CONSUMER).hasSize(1);
        Map<String, Object> scaler = scalers.getFirst();

        Map<String, String> topicByGroup = new TreeMap<>();
        for (Object trigger : Yamls.listAt(scaler, "spec", "triggers")) {
            if ("kafka".equals(Yamls.stringAt(trigger, "type"))) {
                topicByGroup.put(Yamls.stringAt(trigger, "metadata", "consumerGroup"),
                        Yamls.stringAt(trigger, "metadata", "topic"));
            }
        }
        Map<String, Object> settings = Repository.applicationSettings(CONSUMER);
        assertThat(topicByGroup.keySet()).as("the consumer's groups, each driving the scaler by its lag")
                .containsExactlyInAnyOrder(Yamls.stringAt(settings, "commerce", "data-platform", "consumer-group"),
                        Yamls.stringAt(settings, "commerce", "data-platform", "user-activity-group"));

        Map<String, Integer> partitions = kafkaTopicPartitions();
        int fewest = topicByGroup.values().stream()
                .peek(topic -> assertThat(partitions).as("KafkaTopic for %s", topic).containsKey(topic))
                .mapToInt(partitions::get).min().orElseThrow();
        int max = (Integer) Yamls.at(scaler, "spec", "maxReplicaCount");
        int min = (Integer) Yamls.at(scaler, "spec", "minReplicaCount");
        int declared = (Integer) Yamls.at(manifests.named("Deployment", CONSUMER), "spec", "replicas");
        assertThat(max).as("maxReplicaCount vs the fewest partitions of %s", topicByGroup.values()).isLessThanOrEqualTo(fewest);
        assertThat(min).as("minReplicaCount").isBetween(1, max);
        assertThat(declared).as("Deployment replicas").isBetween(min, max);
    }

    @Test
    void servicesAdmitOnlyTheGatewayAndPrometheus() {
        List<Map<String, Object>> policies = manifests.ofKind("NetworkPolicy");
        List<Map<String, Object>> admitted = List.of(
                podLabels(manifests.named("Deployment", GATEWAY)), podLabels(manifests.named("Deployment", PROMETHEUS)));
        for (Map<String, Object> deployment : manifests.serviceDeployments()) {
            Map<String, Object> labels = podLabels(deployment);
            List<Map<String, Object>> selecting = policies.stream()
                    .filter(p -> selects(Yamls.mapAt(p, "spec", "podSelector", "matchLabels"), labels)).toList();
            assertThat(selecting).as("NetworkPolicies selecting %s", name(deployment)).isNotEmpty();
            assertThat(selecting).allSatisfy(p -> assertThat(Yamls.listAt(p, "spec", "policyTypes")).contains("Ingress"));
            if (GATEWAY.equals(name(deployment))) {
                continue; // reached through the Ingress; its policy admits the ingress controller
            }
            List<Map<String, Object>> admittedHere = new ArrayList<>(admitted);
            if (CALLER_OF_STAND_IN.containsKey(name(deployment))) {
                admittedHere.add(podLabels(manifests.named("Deployment", CALLER_OF_STAND_IN.get(name(deployment)))));
            }
            for (Map<String, Object> policy : selecting) {
                for (Object rule : Yamls.listAt(policy, "spec", "ingress")) {
                    List<Object> peers = Yamls.listAt(rule, "from");
                    assertThat(peers).as("%s: a rule without 'from' admits everyone", name(policy)).isNotEmpty();
                    for (Object peer : peers) {
                        assertThat(Yamls.map(peer).keySet()).as("%s: peer %s", name(policy), peer).containsExactly("podSelector");
                        Map<String, Object> selector = Yamls.mapAt(peer, "podSelector", "matchLabels");
                        assertThat(selector).as("%s: peer %s", name(policy), peer).isNotEmpty();
                        assertThat(admittedHere).as("%s: peer %s selects the gateway or Prometheus (or a stand-in's caller)", name(policy), peer)
                                .anySatisfy(podLabels -> assertThat(selects(selector, podLabels)).isTrue());
                    }
                }
            }
        }
    }

    @Test
    void onlyTheGatewayIsExposed() {
        for (Map<String, Object> service : manifests.ofKind("Service")) {
            assertThat(Yamls.stringAt(service, "spec", "type")).as("Service %s type", name(service)).isIn(null, "ClusterIP");
        }
        List<String> backends = new ArrayList<>();
        for (Map<String, Object> ingress : manifests.ofKind("Ingress")) {
            assertThat(Yamls.at(ingress, "spec", "defaultBackend")).isNull();
            for (Object rule : Yamls.listAt(ingress, "spec", "rules")) {
                for (Object path : Yamls.listAt(rule, "http", "paths")) {
                    backends.add(Yamls.stringAt(path, "backend", "service", "name"));
                }
            }
        }
        assertThat(backends).as("Ingress backends").isNotEmpty().containsOnly(GATEWAY);
    }

    @Test
    void theConsumerKeepsAReplicaInItsGroupsThroughANodeDrain() {
        Map<String, Object> deployment = manifests.named("Deployment", CONSUMER);
        int replicas = manifests.ofKind("ScaledObject").stream()
                .filter(s -> CONSUMER.equals(Yamls.stringAt(s, "spec", "scaleTargetRef", "name")))
                .map(s -> (Integer) Yamls.at(s, "spec", "minReplicaCount"))
                .findFirst().orElse((Integer) Yamls.at(deployment, "spec", "replicas"));
        List<Map<String, Object>> budgets = manifests.ofKind("PodDisruptionBudget").stream()
                .filter(b -> selects(Yamls.mapAt(b, "spec", "selector", "matchLabels"), podLabels(deployment)))
                .toList();
        assertThat(budgets).as("PodDisruptionBudget for %s", CONSUMER).hasSize(1);
        Map<String, Object> budget = Yamls.mapAt(budgets.getFirst(), "spec");
        Object maxUnavailable = budget.get("maxUnavailable");
        Object minAvailable = budget.get("minAvailable");
        // minAvailable equal to the replica count would refuse every eviction and stall the drain.
        int keptDuringDrain = maxUnavailable instanceof Integer max ? replicas - max
                : minAvailable instanceof Integer min && min < replicas ? min : 0;
        assertThat(keptDuringDrain).as("%s replicas kept while a node drains (at least %s replicas, budget %s)",
                CONSUMER, replicas, budget).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theObservabilityConfigMapsCarryEveryFileComposeMounts() throws Exception {
        // docker-compose.yml mounts these directories whole; kustomize needs each file listed.
        Map<String, String> directoryByConfigMap = Map.of(
                "prometheus-config", "observability/prometheus",
                "grafana-datasources", "observability/grafana/provisioning/datasources",
                "grafana-dashboard-providers", "observability/grafana/provisioning/dashboards",
                "grafana-dashboards", "observability/grafana/dashboards");
        for (var entry : directoryByConfigMap.entrySet()) {
            Set<String> files;
            try (var listing = Files.list(Repository.path(entry.getValue()))) {
                files = listing.filter(Files::isRegularFile)
                        .map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            }
            // Generated ConfigMaps carry a content hash after their name.
            Map<String, Object> configMap = manifests.ofKind("ConfigMap").stream()
                    .filter(c -> name(c).matches(Pattern.quote(entry.getKey()) + "(-[a-z0-9]+)?"))
                    .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + entry.getKey()));
            assertThat(Yamls.mapAt(configMap, "data").keySet()).as("ConfigMap %s vs %s/ (observability/kustomization.yaml)",
                    entry.getKey(), entry.getValue()).containsExactlyInAnyOrderElementsOf(files);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private Map<String, Integer> kafkaTopicPartitions() {
        return manifests.ofKind("KafkaTopic").stream().collect(Collectors.toMap(
                t -> Yamls.stringAt(t, "spec", "topicName") == null ? name(t) : Yamls.stringAt(t, "spec", "topicName"),
                t -> (Integer) Yamls.at(t, "spec", "partitions")));
    }

    private static Map<String, Object> serviceContainer(Map<String, Object> deployment) {
        return containers(deployment).stream().filter(c -> Images.isSuiteImage(Yamls.stringAt(c, "image")))
                .findFirst().orElseThrow();
    }

    /** server.port as the service will resolve it: SERVER_PORT from the Deployment, else application.yml. */
    private int listeningPort(Map<String, Object> deployment, Map<String, Object> container) {
        for (Object entry : Yamls.listAt(container, "env")) {
            if ("SERVER_PORT".equals(Yamls.stringAt(entry, "name")) && Yamls.at(entry, "value") != null) {
                return Integer.parseInt(Yamls.stringAt(entry, "value"));
            }
        }
        String port = Yamls.stringAt(Repository.applicationSettings(name(deployment)), "server", "port");
        assertThat(port).as("server.port of %s", name(deployment)).isNotNull();
        // ${SERVER_PORT:8110} -> 8110
        return Integer.parseInt(port.replaceAll("^\\$\\{[A-Z_]+:(\\d+)}$", "$1"));
    }

    private static int resolvePort(Map<String, Object> container, Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        for (Object declared : Yamls.listAt(container, "ports")) {
            if (String.valueOf(port).equals(Yamls.stringAt(declared, "name"))) {
                return (Integer) Yamls.at(declared, "containerPort");
            }
        }
        throw new AssertionError("container " + container.get("name") + " has no port named " + port);
    }

    private static long preStopSeconds(Map<String, Object> container) {
        List<Object> command = Yamls.listAt(container, "lifecycle", "preStop", "exec", "command");
        if (command.size() == 2 && "sleep".equals(command.get(0))) {
            return Long.parseLong(command.get(1).toString());
        }
        Object sleep = Yamls.at(container, "lifecycle", "preStop", "sleep", "seconds");
        return sleep instanceof Integer seconds ? seconds : 0;
    }

    private static long seconds(String duration, long fallback) {
        if (duration == null) {
            return fallback;
        }
        return duration.matches("\\d+") ? Long.parseLong(duration) : Duration.parse("PT" + duration.toUpperCase()).toSeconds();
    }

    /** Whether a label selector (matchLabels) selects pods with these labels; an empty one selects all. */
    private static boolean selects(Map<String, Object> matchLabels, Map<String, Object> labels) {
        return matchLabels.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}

package com.commercesuite.deployment;

import com.commercesuite.events.Topic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of docker-compose.yml. bin/test has Compose itself parse the file first
 * (`docker-compose config -q`); these check what the parser cannot know.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeFileTests {

    private static final String CONSUMER = "data-platform-consumer";
    /** One-shot containers: they exit when done, so they have no health to check. */
    private static final Set<String> ONE_SHOT = Set.of("kafka-init", "kafka-metrics-agent");
    /** ${VAR:?message}: Compose refuses to start while VAR is unset or empty. */
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):\\?[^}]+}");
    /** The password="..." values of a JAAS line (user_admin="..." declares one too). */
    private static final Pattern JAAS_PASSWORD = Pattern.compile("(?:password|user_\\w+)=\"([^\"]*)\"");
    private static final Pattern ENV_SETTING = Pattern.compile("(?m)^([A-Z][A-Z0-9_]*)=(.*)$");
    /** Host ports listen on loopback unless .env sets BIND_ADDRESS. */
    private static final Pattern LOOPBACK_PORT = Pattern.compile("\\$\\{BIND_ADDRESS:-127\\.0\\.0\\.1}:\\d+:\\d+");
    /** Stand-ins for systems outside the suite: they need nothing of it to start. */
    private static final Set<String> STAND_INS = Set.of("notification-provider-stub");

    private Map<String, Object> services;
    private Set<String> serviceModules;

    @BeforeAll
    void read() {
        services = Yamls.mapAt(Yamls.load(Repository.read("docker-compose.yml")), "services");
        serviceModules = Repository.serviceModules();
    }

    @Test
    void everyServiceModuleIsBuiltFromTheDockerfileWithItsModuleAndImageName() {
        Map<String, String> builtModules = new TreeMap<>();
        services.forEach((name, definition) -> {
            String module = Yamls.stringAt(definition, "build", "args", "MODULE");
            if (module != null) {
                builtModules.put(name, module);
                assertThat(Yamls.stringAt(definition, "build", "context")).as("%s build context", name).isEqualTo(".");
                assertThat(Yamls.stringAt(definition, "build", "dockerfile")).as("%s Dockerfile", name).isIn(null, "Dockerfile");
                assertThat(Images.moduleOf(Yamls.stringAt(definition, "image"))).as("%s image", name).isEqualTo(module);
            }
        });
        assertThat(builtModules).as("compose services built from the Dockerfile (service -> MODULE)")
                .allSatisfy((service, module) -> assertThat(service).isEqualTo(module));
        assertThat(builtModules.values()).containsExactlyInAnyOrderElementsOf(serviceModules);
        assertThat(Repository.path("Dockerfile")).exists();
    }

    @Test
    void everyLongRunningContainerHasAHealthcheck() {
        services.forEach((name, definition) -> {
            if (!ONE_SHOT.contains(name)) {
                assertThat(Yamls.at(definition, "healthcheck", "test")).as("%s healthcheck", name).isNotNull();
            }
        });
    }

    @Test
    void servicesStartOnceWhatTheyNeedIsHealthy() {
        for (String module : serviceModules) {
            if (STAND_INS.contains(module)) {
                assertThat(Yamls.at(services.get(module), "depends_on")).as("%s depends_on", module).isNull();
                continue;
            }
            Map<String, Object> dependsOn = Yamls.mapAt(services.get(module), "depends_on");
            assertThat(dependsOn).as("%s depends_on", module).isNotEmpty();
            dependsOn.forEach((dependency, condition) -> {
                String expected = ONE_SHOT.contains(dependency) ? "service_completed_successfully" : "service_healthy";
                assertThat(Yamls.stringAt(condition, "condition")).as("%s depends on %s", module, dependency).isEqualTo(expected);
                assertThat(services).as("%s depends on %s", module, dependency).containsKey(dependency);
            });
            assertThat(dependsOn.values()).as("%s waits for something healthy", module)
                    .anySatisfy(c -> assertThat(Yamls.stringAt(c, "condition")).isEqualTo("service_healthy"));
        }
    }

    @Test
    void kafkaInitCreatesTheCatalogTopicsWithTheirPartitions() {
        Map<String, Object> environment = Yamls.mapAt(services.get("kafka-init"), "environment");
        List<String> topics = Arrays.asList(String.valueOf(environment.get("TOPICS")).trim().split("\\s+"));
        assertThat(topics).containsExactlyInAnyOrderElementsOf(Arrays.stream(Topic.values()).map(Topic::topicName).toList());
        assertThat(Arrays.stream(Topic.values()).map(Topic::partitions))
                .as("kafka-init gives every topic PARTITIONS partitions").containsOnly((Integer) environment.get("PARTITIONS"));
        assertThat(Repository.read("docker/kafka/create-topics.sh")).contains(".DLT");
    }

    @Test
    void threeBrokersReplicateEveryTopicAsTheCatalogSays() {
        Map<String, Object> init = Yamls.mapAt(services.get("kafka-init"), "environment");
        assertThat(init.get("REPLICATION_FACTOR")).as("kafka-init REPLICATION_FACTOR").isEqualTo((int) Topic.REPLICATION_FACTOR);
        assertThat(init.get("MIN_INSYNC_REPLICAS")).as("kafka-init MIN_INSYNC_REPLICAS").isEqualTo(Topic.MIN_IN_SYNC_REPLICAS);
        List<String> brokers = services.keySet().stream().filter(name -> name.matches("kafka-\\d")).sorted().toList();
        assertThat(brokers).hasSize(Topic.REPLICATION_FACTOR);
        for (String broker : brokers) {
            Map<String, Object> environment = Yamls.mapAt(services.get(broker), "environment");
            assertThat(environment.get("KAFKA_DEFAULT_REPLICATION_FACTOR")).as(broker).isEqualTo((int) Topic.REPLICATION_FACTOR);
            assertThat(environment.get("KAFKA_MIN_INSYNC_REPLICAS")).as(broker).isEqualTo(Topic.MIN_IN_SYNC_REPLICAS);
            assertThat(String.valueOf(environment.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).split(",")).as(broker).hasSize(brokers.size());
        }
    }

    @Test
    void theConsumersScaleWithoutClashes() {
        for (String scaled : List.of(CONSUMER, "notification-consumer")) {
            Map<String, Object> consumer = Yamls.map(services.get(scaled));
            // A fixed name or host port would make `docker compose up --scale data-platform-consumer=3` fail.
            assertThat(consumer).as(scaled).doesNotContainKeys("container_name", "ports", "hostname");
        }
    }

    @Test
    void placeholdersWithoutADefaultAreSet() {
        for (String module : serviceModules) {
            Map<String, Object> environment = Yamls.mapAt(services.get(module), "environment");
            assertThat(environment.keySet()).as("environment of compose service %s", module)
                    .containsAll(Repository.placeholdersWithoutDefault(module));
        }
    }

    @Test
    void noPasswordOrSecretIsWrittenInTheComposeFile() {
        Set<String> required = new TreeSet<>();
        services.forEach((name, definition) -> Yamls.mapAt(definition, "environment").forEach((variable, value) -> {
            if (variable.endsWith("JAAS_CONFIG")) {
                // A Kafka login line: each of its passwords is a ${VAR:?message} of its own.
                Matcher passwords = JAAS_PASSWORD.matcher(String.valueOf(value));
                while (passwords.find()) {
                    Matcher matcher = REQUIRED.matcher(passwords.group(1));
                    assertThat(matcher.matches()).as("%s: a password in %s is ${VAR:?message}, not %s", name, variable, passwords.group(1)).isTrue();
                    required.add(matcher.group(1));
                }
            } else if (KubernetesManifestsTests.CREDENTIAL.matcher(variable).find()) {
                Matcher matcher = REQUIRED.matcher(String.valueOf(value));
                assertThat(matcher.matches()).as("%s: %s is ${VAR:?message}, not %s", name, variable, value).isTrue();
                required.add(matcher.group(1));
            }
        }));
        assertThat(required).contains("GATEWAY_JWT_SECRET", "POSTGRES_PASSWORD", "GRAFANA_ADMIN_PASSWORD", "KAFKA_UI_PASSWORD",
                "KAFKA_ADMIN_PASSWORD", "ORDER_SERVICE_KAFKA_PASSWORD", "KAFKA_UI_KAFKA_PASSWORD");

        Map<String, String> example = new TreeMap<>();
        ENV_SETTING.matcher(Repository.read(".env.example")).results().forEach(m -> example.put(m.group(1), m.group(2)));
        // bin/suite compose-env fills in exactly the settings .env.example leaves empty.
        assertThat(example).as(".env.example").containsKeys(required.toArray(String[]::new));
        example.forEach((variable, value) -> {
            if (KubernetesManifestsTests.CREDENTIAL.matcher(variable).find()) {
                assertThat(value).as(".env.example gives %s a value", variable).isEmpty();
            }
        });
    }

    @Test
    void publishedPortsListenOnLoopbackUnlessTheUserOptsOut() {
        List<String> published = new ArrayList<>();
        services.forEach((name, definition) -> Yamls.listAt(definition, "ports").forEach(port -> {
            published.add(name);
            assertThat(String.valueOf(port)).as("%s port", name).matches(LOOPBACK_PORT);
        }));
        assertThat(published).contains("gateway", "grafana", "prometheus", "kafka-ui");
    }

    @Test
    void kafkaUiOnlyLooksAndGrafanaWantsALogin() {
        Map<String, Object> kafkaUi = Yamls.mapAt(services.get("kafka-ui"), "environment");
        assertThat(kafkaUi.get("KAFKA_CLUSTERS_0_READONLY")).isEqualTo("true");
        assertThat(kafkaUi.get("AUTH_TYPE")).isEqualTo("LOGIN_FORM");
        Map<String, Object> grafana = Yamls.mapAt(services.get("grafana"), "environment");
        assertThat(String.valueOf(grafana.get("GF_AUTH_ANONYMOUS_ENABLED"))).as("anonymous Grafana viewers").isIn("false", "${GRAFANA_ANONYMOUS_VIEWER:-false}");
    }
}

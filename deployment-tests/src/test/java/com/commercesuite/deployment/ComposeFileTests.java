package com.commercesuite.deployment;

import com.commercesuite.events.Topic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
}

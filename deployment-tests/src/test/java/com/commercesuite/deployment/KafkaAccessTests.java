package com.commercesuite.deployment;

import com.commercesuite.deployment.KafkaAclFile.Acl;
import com.commercesuite.events.ConsumerGroup;
import com.commercesuite.events.ShareGroup;
import com.commercesuite.events.Topic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.commercesuite.deployment.RenderedManifests.containers;
import static com.commercesuite.deployment.RenderedManifests.name;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only each service writes its own topics: the ACL file grants what the topic catalog says, and
 * docker-compose.yml and the KafkaUsers of k8s/ grant exactly what the file says, to clients that
 * log in as themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaAccessTests {

    private static final String DLT = ".DLT";
    /** Clients that are no service of the catalog: they may look, never write or take part in a group. */
    private static final Set<String> LOOKING_OPERATIONS = Set.of("Read", "Describe", "DescribeConfigs");
    private static final Pattern JAAS_USER = Pattern.compile("username=\"([^\"]+)\" password=\"\\$\\{([A-Z0-9_]+):\\?[^}]+}\"");

    private Set<Acl> file;
    private Set<String> kafkaServices;
    private RenderedManifests manifests;
    private Map<String, Object> composeServices;

    @BeforeAll
    void read() {
        file = KafkaAclFile.acls();
        kafkaServices = new TreeSet<>();
        for (Topic topic : Topic.values()) {
            kafkaServices.addAll(topic.publishers());
        }
        for (ConsumerGroup group : ConsumerGroup.values()) {
            kafkaServices.add(group.service());
        }
        for (ShareGroup group : ShareGroup.values()) {
            kafkaServices.add(group.service());
        }
        manifests = RenderedManifests.ofRepository();
        composeServices = Yamls.mapAt(Yamls.load(Repository.read("docker-compose.yml")), "services");
    }

    @Test
    void eachServiceWritesWhatTheCatalogSaysItPublishesAndTheDeadLettersOfWhatItConsumes() {
        assertThat(Repository.serviceModules()).containsAll(kafkaServices);
        for (String service : kafkaServices) {
            Set<ConsumerGroup> groups = Stream.of(ConsumerGroup.values()).filter(g -> g.service().equals(service))
                    .collect(Collectors.toSet());
            Set<String> writes = new TreeSet<>();
            Topic.publishedBy(service).forEach(topic -> writes.add(topic.topicName()));
            groups.forEach(group -> writes.add(group.topic().topicName() + DLT));
            Set<String> reads = groups.stream().map(g -> g.topic().topicName()).collect(Collectors.toCollection(TreeSet::new));
            Set<String> groupIds = groups.stream().map(ConsumerGroup::groupId).collect(Collectors.toCollection(TreeSet::new));

            Set<Acl> expected = new TreeSet<>();
            writes.forEach(topic -> expected.add(new Acl(service, "Write", "topic", topic)));
            reads.forEach(topic -> expected.add(new Acl(service, "Read", "topic", topic)));
            groupIds.forEach(group -> expected.add(new Acl(service, "Read", "group", group)));
            // A share group's member reads its topic and sets the group's start and delivery limit itself;
            // what it cannot handle is rejected in the group, not dead-lettered.
            Stream.of(ShareGroup.values()).filter(g -> g.service().equals(service)).forEach(g -> {
                expected.add(new Acl(service, "Read", "topic", g.topic().topicName()));
                for (String operation : List.of("Read", "AlterConfigs", "DescribeConfigs")) {
                    expected.add(new Acl(service, operation, "group", g.groupId()));
                }
            });
            assertThat(ofUser(file, service)).as("%s's ACLs in %s (the catalog's publishers, consumer and share groups)",
                    service, KafkaAclFile.PATH).isEqualTo(expected);
        }
    }

    @Test
    void everyOtherClientOnlyLooks() {
        for (Acl acl : file) {
            if (!kafkaServices.contains(acl.user())) {
                assertThat(acl.operation()).as("%s", acl).isIn(LOOKING_OPERATIONS);
                assertThat(acl.operation().equals("Read") && acl.type().equals("group"))
                        .as("%s: joining or moving a group's offsets", acl).isFalse();
            }
        }
        assertThat(KafkaAclFile.users()).contains("kafka-ui", "consumer-lag-exporter");
        assertThat(KafkaAclFile.users()).as("the brokers' own user is a super user, not in the file").doesNotContain("admin");
    }

    @Test
    void theKafkaUsersOfKubernetesGrantExactlyTheFile() {
        Set<Acl> declared = new TreeSet<>();
        for (Map<String, Object> user : manifests.ofKind("KafkaUser")) {
            assertThat(Yamls.stringAt(user, "spec", "authentication", "type")).as("%s authentication", name(user)).isEqualTo("scram-sha-512");
            assertThat(Yamls.stringAt(user, "spec", "authorization", "type")).as("%s authorization", name(user)).isEqualTo("simple");
            for (Object acl : Yamls.listAt(user, "spec", "authorization", "acls")) {
                assertThat(Yamls.stringAt(acl, "type")).as("%s: allow, the only type", name(user)).isIn(null, "allow");
                String type = Yamls.stringAt(acl, "resource", "type");
                String resource = type.equals("cluster") ? KafkaAclFile.CLUSTER : Yamls.stringAt(acl, "resource", "name");
                assertThat(Yamls.stringAt(acl, "resource", "patternType")).as("%s: %s", name(user), resource).isIn(null, "literal");
                for (Object operation : Yamls.listAt(acl, "operations")) {
                    declared.add(new Acl(name(user), operation.toString(), type, resource));
                }
            }
        }
        assertThat(declared).as("ACLs of the KafkaUser resources vs %s", KafkaAclFile.PATH).isEqualTo(file);
    }

    @Test
    void theKubernetesBrokersAuthenticateEveryClientAndAuthorise() {
        Map<String, Object> kafka = manifests.ofKind("Kafka").getFirst();
        assertThat(Yamls.listAt(kafka, "spec", "kafka", "listeners")).isNotEmpty()
                .allSatisfy(listener -> assertThat(Yamls.stringAt(listener, "authentication", "type"))
                        .as("listener %s", Yamls.stringAt(listener, "name")).isEqualTo("scram-sha-512"));
        assertThat(Yamls.stringAt(kafka, "spec", "kafka", "authorization", "type")).isEqualTo("simple");
        assertThat(Yamls.at(kafka, "spec", "entityOperator", "userOperator")).as("the User Operator makes the users").isNotNull();
    }

    @Test
    void eachKubernetesServiceLogsInAsItsOwnKafkaUser() {
        Set<String> kafkaUsers = manifests.ofKind("KafkaUser").stream().map(RenderedManifests::name).collect(Collectors.toSet());
        Set<String> clients = new TreeSet<>();
        for (Map<String, Object> deployment : manifests.serviceDeployments()) {
            for (Map<String, Object> container : containers(deployment)) {
                for (Object entry : Yamls.listAt(container, "env")) {
                    if ("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG".equals(Yamls.stringAt(entry, "name"))) {
                        assertThat(Yamls.stringAt(entry, "valueFrom", "secretKeyRef", "name")).as("%s's Kafka login", name(deployment))
                                .isEqualTo(name(deployment)).isIn(kafkaUsers);
                        assertThat(Yamls.stringAt(entry, "valueFrom", "secretKeyRef", "key")).isEqualTo("sasl.jaas.config");
                        clients.add(name(deployment));
                    }
                }
            }
        }
        assertThat(clients).as("Deployments that log in to Kafka").containsAll(kafkaServices).contains("consumer-lag-exporter");
        Map<String, Object> config = manifests.ofKind("ConfigMap").stream()
                .filter(c -> name(c).startsWith("service-config")).findFirst().orElseThrow();
        assertThat(Yamls.mapAt(config, "data")).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
    }

    @Test
    void eachComposeClientLogsInAsItsOwnUserWithAPasswordFromEnv() {
        Map<String, String> logins = new TreeMap<>();
        composeServices.forEach((name, definition) -> Yamls.mapAt(definition, "environment").forEach((variable, value) -> {
            if (variable.equals("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG") || variable.equals("KAFKA_CLUSTERS_0_PROPERTIES_SASL_JAAS_CONFIG")) {
                Matcher login = JAAS_USER.matcher(String.valueOf(value));
                assertThat(login.find()).as("%s: %s logs in with a password from .env", name, variable).isTrue();
                assertThat(login.group(2)).as("%s's password variable", name).isEqualTo(passwordVariable(login.group(1)));
                logins.put(name, login.group(1));
            }
        }));
        Map<String, String> expected = new TreeMap<>();
        kafkaServices.forEach(service -> expected.put(service, service));
        expected.put("consumer-lag-exporter", "consumer-lag-exporter");
        expected.put("kafka-ui", "kafka-ui");
        assertThat(logins).as("compose service -> Kafka user").isEqualTo(expected);
        for (String service : kafkaServices) {
            assertThat(Yamls.mapAt(composeServices.get(service), "environment"))
                    .containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                    .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
        }
    }

    @Test
    void composesKafkaInitAppliesTheFileAndKnowsEveryComposeUsersPassword() {
        Object init = composeServices.get("kafka-init");
        assertThat(Yamls.listAt(init, "volumes")).map(String::valueOf)
                .contains("./" + KafkaAclFile.PATH + ":/config/kafka-acls.txt:ro", "./docker/kafka:/scripts:ro");
        Map<String, Object> environment = Yamls.mapAt(init, "environment");
        for (String user : KafkaAclFile.users()) {
            if (!user.equals("keda-autoscaler")) {
                assertThat(environment).as("kafka-init's password of %s", user).containsKey(passwordVariable(user));
            }
        }
        assertThat(Repository.read("docker/kafka/create-access.sh")).contains("kafka-acls.sh", "SCRAM-SHA-512");
    }

    @Test
    void composesBrokersAuthenticateEveryListenerAndAuthorise() {
        for (String node : new String[] {"kafka-1", "kafka-2", "kafka-3"}) {
            Map<String, Object> environment = Yamls.mapAt(composeServices.get(node), "environment");
            assertThat(String.valueOf(environment.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).split(","))
                    .as("%s listeners", node).allSatisfy(entry -> assertThat(entry).endsWith(":SASL_PLAINTEXT"));
            assertThat(environment).containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                    .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                    .containsEntry("KAFKA_SUPER_USERS", "User:admin");
        }
    }

    /** ORDER_SERVICE_KAFKA_PASSWORD for order-service: docker/kafka/create-access.sh's rule. */
    private static String passwordVariable(String user) {
        return user.toUpperCase().replace('-', '_') + "_KAFKA_PASSWORD";
    }

    private static Set<Acl> ofUser(Set<Acl> acls, String user) {
        return acls.stream().filter(a -> a.user().equals(user)).collect(Collectors.toCollection(TreeSet::new));
    }
}

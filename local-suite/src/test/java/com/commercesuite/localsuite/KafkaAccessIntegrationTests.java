package com.commercesuite.localsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.ConsumerGroup;
import com.commercesuite.events.Topic;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A secured KRaft node of its own, as {@code bin/suite up --secured} and docker-compose.yml run
 * them (kafka-server.properties with kafka-secured.properties), on spare ports with its data under
 * target/, so the shared test cluster is not touched; it gets the users and ACLs of kafka-acls.txt.
 * Then each service's user writes exactly what the file lets it, reads its own topics in its own
 * groups, and is refused the rest.
 */
class KafkaAccessIntegrationTests {

    private static final String HOST = "127.0.0.1";
    private static final Path DIR = Path.of("target", "kafka-access-node").toAbsolutePath();
    private static final String ADMIN_PASSWORD = UUID.randomUUID().toString();
    private static final KafkaAccess ACCESS = KafkaAccess.read(Path.of("config", "kafka-acls.txt"));

    private static Process node;
    private static Admin admin;
    private static String clientBootstrap;
    /** The brokers' own listener, where admin writes the test's records. */
    private static String brokerBootstrap;
    private static final Map<String, String> passwords = new LinkedHashMap<>();

    @BeforeAll
    static void startSecuredNodeWithTheFilesUsersAndAcls() throws Exception {
        deleteRecursively(DIR);
        Files.createDirectories(DIR.resolve("data"));
        int clientPort = sparePort();
        int brokerPort = sparePort();
        int controllerPort = sparePort();
        clientBootstrap = HOST + ":" + clientPort;
        brokerBootstrap = HOST + ":" + brokerPort;
        String properties = (Files.readString(Path.of("config", "kafka-server.properties")) + "\n"
                + Files.readString(Path.of("config", "kafka-secured.properties")))
                .replace("@NODE_ID@", "1")
                .replace("@QUORUM@", "controller.quorum.bootstrap.servers=" + HOST + ":" + controllerPort)
                .replace("@HOST@", HOST)
                .replace("@PORT@", String.valueOf(clientPort))
                .replace("@BROKER_PORT@", String.valueOf(brokerPort))
                .replace("@CONTROLLER_PORT@", String.valueOf(controllerPort))
                .replace("@LOG_DIRS@", DIR.resolve("data").toString())
                .replace("@REPLICATION_FACTOR@", "1")
                .replace("@MIN_ISR@", "1")
                .replace("@AUTO_CREATE@", "false")
                .replace("@ADMIN_PASSWORD@", ADMIN_PASSWORD);
        Path config = DIR.resolve("server.properties");
        Files.writeString(config, properties);

        Process format = java("kafka.tools.StorageTool", "format", "--standalone", "-t", "kafka-access-test-0001",
                "-c", config.toString()).redirectOutput(DIR.resolve("format.log").toFile()).start();
        assertThat(format.waitFor(60, TimeUnit.SECONDS) && format.exitValue() == 0)
                .as("storage formatted (%s)", DIR.resolve("format.log")).isTrue();
        node = java("kafka.Kafka", config.toString()).redirectOutput(DIR.resolve("kafka.out").toFile()).start();
        // A test JVM that dies without @AfterAll takes its broker along.
        Process started = node;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));

        admin = Admin.create(KafkaAccessProvisioner.adminSettings(brokerBootstrap, ADMIN_PASSWORD));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty());
        List<NewTopic> topics = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            topics.add(new NewTopic(topic.topicName(), 1, (short) 1));
            topics.add(new NewTopic(topic.topicName() + DeadLetters.SUFFIX, 1, (short) 1));
        }
        admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        for (String user : ACCESS.users()) {
            passwords.put(user, UUID.randomUUID().toString());
        }
        KafkaAccessProvisioner.provision(admin, ACCESS, passwords);
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
        if (node != null) {
            node.destroy();
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void orderServiceWritesTheSagaCommandsButIsRefusedBalanceActivity() throws Exception {
        try (var producer = producer("order-service")) {
            assertThat(writes(producer, Topic.PRODUCT_COMMANDS.topicName())).isTrue();
            assertThat(writes(producer, Topic.BALANCE_COMMANDS.topicName())).isTrue();
            assertThat(writes(producer, Topic.COUPON_COMMANDS.topicName())).isTrue();
            assertThatThrownBy(() -> send(producer, Topic.BALANCE_ACTIVITY.topicName()))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void balanceServiceIsRefusedProductCommands() throws Exception {
        try (var producer = producer("balance-service")) {
            assertThatThrownBy(() -> send(producer, Topic.PRODUCT_COMMANDS.topicName()))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
            assertThat(writes(producer, Topic.ORDER_SAGA_REPLIES.topicName())).isTrue();
        }
    }

    @Test
    void kafkaUiWritesNothing() throws Exception {
        try (var producer = producer("kafka-ui")) {
            assertThatThrownBy(() -> send(producer, Topic.ORDER_COMPLETED.topicName()))
                    .as("an idempotent producer gets no producer id").hasCauseInstanceOf(ClusterAuthorizationException.class);
        }
        try (var producer = producer("kafka-ui", false)) {
            for (String topic : allTopics()) {
                assertThat(writes(producer, topic)).as("kafka-ui writes %s", topic).isFalse();
            }
        }
    }

    @Test
    void everyUserWritesExactlyTheTopicsTheFileGivesIt() throws Exception {
        for (String user : ACCESS.users()) {
            Set<String> allowed = ACCESS.names(user, AclOperation.WRITE, ResourceType.TOPIC);
            Map<String, Boolean> written = new LinkedHashMap<>();
            try (var producer = producer(user, false)) {
                for (String topic : allTopics()) {
                    written.put(topic, writes(producer, topic));
                }
            }
            Map<String, Boolean> expected = new LinkedHashMap<>();
            allTopics().forEach(topic -> expected.put(topic, allowed.contains(topic)));
            assertThat(written).as("topics %s may write", user).isEqualTo(expected);
        }
    }

    @Test
    void eachServiceReadsTheTopicsOfItsGroupsInThoseGroups() throws Exception {
        try (var producer = new KafkaProducer<String, String>(withSerializers(
                KafkaAccessProvisioner.adminSettings(brokerBootstrap, ADMIN_PASSWORD)))) {
            for (ConsumerGroup group : ConsumerGroup.values()) {
                String marker = "for " + group.groupId() + " " + UUID.randomUUID();
                producer.send(new ProducerRecord<>(group.topic().topicName(), marker)).get(30, TimeUnit.SECONDS);
                try (var consumer = consumer(group.service(), group.groupId())) {
                    consumer.subscribe(List.of(group.topic().topicName()));
                    List<String> seen = new ArrayList<>();
                    await().atMost(Duration.ofSeconds(60)).until(() -> {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                            seen.add(record.value());
                        }
                        return seen.contains(marker);
                    });
                    consumer.commitSync(Duration.ofSeconds(30));
                }
            }
        }
    }

    @Test
    void aServiceCannotReadAnotherServicesCommandsNorJoinItsGroup() {
        try (var consumer = consumer("order-service", ConsumerGroup.Names.PRODUCT_SAGA)) {
            consumer.subscribe(List.of(Topic.PRODUCT_COMMANDS.topicName()));
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100; i++) {
                    consumer.poll(Duration.ofMillis(200));
                }
            }).isInstanceOfAny(GroupAuthorizationException.class, TopicAuthorizationException.class);
        }
    }

    @Test
    void theLagExporterSeesEveryGroupsOffsetsAndReadsARecordOutsideAnyGroup() throws Exception {
        TopicPartition partition = new TopicPartition(Topic.PRODUCT_COMMANDS.topicName(), 0);
        admin.alterConsumerGroupOffsets(ConsumerGroup.Names.PRODUCT_SAGA, Map.of(partition, new OffsetAndMetadata(0)))
                .all().get(30, TimeUnit.SECONDS);
        try (Admin exporter = Admin.create(KafkaAccessProvisioner.userSettings(clientBootstrap, "consumer-lag-exporter",
                passwords.get("consumer-lag-exporter")))) {
            assertThat(exporter.listGroups().all().get(30, TimeUnit.SECONDS)).extracting(GroupListing::groupId)
                    .contains(ConsumerGroup.Names.PRODUCT_SAGA);
            assertThat(exporter.listConsumerGroupOffsets(ConsumerGroup.Names.PRODUCT_SAGA).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)).containsKey(partition);
            assertThat(exporter.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS))
                    .containsKey(partition);
        }
        try (var producer = producer("order-service")) {
            send(producer, partition.topic());
        }
        Map<String, Object> settings = new HashMap<>(KafkaAccessProvisioner.userSettings(clientBootstrap, "consumer-lag-exporter",
                passwords.get("consumer-lag-exporter")));
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (var reader = new KafkaConsumer<String, String>(settings)) {
            reader.assign(List.of(partition));
            reader.seek(partition, 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> !reader.poll(Duration.ofMillis(200)).isEmpty());
        }
    }

    @Test
    void kafkaUiDescribesButCannotMoveAGroupsOffsets() throws Exception {
        TopicPartition partition = new TopicPartition(Topic.BALANCE_COMMANDS.topicName(), 0);
        try (Admin ui = Admin.create(KafkaAccessProvisioner.userSettings(clientBootstrap, "kafka-ui", passwords.get("kafka-ui")))) {
            assertThat(ui.describeCluster().nodes().get(30, TimeUnit.SECONDS)).isNotEmpty();
            assertThat(ui.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, partition.topic())))
                    .all().get(30, TimeUnit.SECONDS)).isNotEmpty();
            assertThatThrownBy(() -> ui.alterConsumerGroupOffsets(ConsumerGroup.Names.BALANCE_SAGA,
                    Map.of(partition, new OffsetAndMetadata(0))).all().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(GroupAuthorizationException.class);
            assertThatThrownBy(() -> ui.deleteTopics(List.of(partition.topic())).all().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    // --- clients ----------------------------------------------------------------------------------

    /** A producer as the services' (acks=all, idempotent). */
    private static KafkaProducer<String, String> producer(String user) {
        return producer(user, true);
    }

    /**
     * Without idempotence, each topic is judged by its own ACLs: an idempotent producer first asks
     * for a producer id, which a user allowed to write no topic at all is refused as a whole.
     */
    private static KafkaProducer<String, String> producer(String user, boolean idempotent) {
        Map<String, Object> settings = withSerializers(KafkaAccessProvisioner.userSettings(clientBootstrap, user, passwords.get(user)));
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new KafkaProducer<>(settings);
    }

    private static KafkaConsumer<String, String> consumer(String user, String groupId) {
        Map<String, Object> settings = new HashMap<>(KafkaAccessProvisioner.userSettings(clientBootstrap, user, passwords.get(user)));
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        settings.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(settings);
    }

    private static Map<String, Object> withSerializers(Map<String, Object> base) {
        Map<String, Object> settings = new HashMap<>(base);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return settings;
    }

    private static void send(KafkaProducer<String, String> producer, String topic) throws Exception {
        producer.send(new ProducerRecord<>(topic, "key", "written by a test")).get(30, TimeUnit.SECONDS);
    }

    /** True if the record was acknowledged, false if the broker refused the topic to this user. */
    private static boolean writes(KafkaProducer<String, String> producer, String topic) throws Exception {
        try {
            send(producer, topic);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException) {
                return false;
            }
            throw e;
        }
    }

    private static List<String> allTopics() {
        return Stream.of(Topic.values()).flatMap(t -> Stream.of(t.topicName(), t.topicName() + DeadLetters.SUFFIX)).toList();
    }

    // --- the node ---------------------------------------------------------------------------------

    private static ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + Path.of("config", "kafka-log4j2.xml").toAbsolutePath(),
                "-Dsuite.kafka.log=" + DIR.resolve("kafka.log"),
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private static int sparePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}

package com.commercesuite.lag.broker;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The exporter's two Kafka clients, built from the {@code spring.kafka.*} settings (bootstrap
 * servers, security) like every service's: an Admin for the broker's view of the groups, and a
 * consumer that only ever reads single records by offset.
 */
@Configuration(proxyBeanMethods = false)
class BrokerClients {

    @Bean(destroyMethod = "close")
    Admin lagAdmin(KafkaAdmin kafkaAdmin) {
        return Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    /**
     * Never joins a group and never commits: it assigns itself partitions and seeks, so it can
     * neither take a partition from a group nor move a group's offsets. Built without the factory's
     * metrics listener: its client metrics ({@code kafka_consumer_*}, its own "lag" among them)
     * would only be mistaken for the groups' figures.
     */
    @Bean(destroyMethod = "close")
    Consumer<byte[], byte[]> oldestRecordConsumer(ConsumerFactory<?, ?> consumerFactory) {
        Map<String, Object> settings = new HashMap<>(consumerFactory.getConfigurationProperties());
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "consumer-lag-exporter-oldest-records");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A committed offset already deleted by retention: the oldest record left is the next one the group gets.
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}

package com.commercesuite.notification.consumption;

import com.commercesuite.notification.delivery.NotificationProperties;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ShareKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultShareConsumerFactory;
import org.springframework.kafka.core.ShareConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Share consumers (KIP-932) for the notification listener. Boot configures none, so they are built
 * here from the suite's Kafka settings: only what a share consumer accepts (it refuses offset,
 * commit and group-protocol settings, which a share group keeps on the broker).
 */
@Configuration(proxyBeanMethods = false)
class ShareConsumerConfiguration {

    static final String FACTORY = "shareKafkaListenerContainerFactory";

    /**
     * A few records a poll, strictly: each costs a provider call, and records a consumer holds are
     * records the other members cannot take (and their locks run while they wait).
     */
    static final int MAX_POLL_RECORDS = 5;

    @Bean
    ShareConsumerFactory<String, byte[]> shareConsumerFactory(KafkaProperties kafka, NotificationProperties properties) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.instanceId());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        config.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
        // max.poll.records as a hard limit rather than "whole batches" (KIP-1206).
        config.put("share.acquire.mode", "record_limit");
        return new DefaultShareConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer(), false);
    }

    /** The listener acknowledges every record itself: ACCEPT, RELEASE or REJECT (ShareAckMode.MANUAL). */
    @Bean(FACTORY)
    ShareKafkaListenerContainerFactory<String, byte[]> shareKafkaListenerContainerFactory(
            ShareConsumerFactory<String, byte[]> consumers, KafkaProperties kafka, NotificationProperties properties) {
        var factory = new ShareKafkaListenerContainerFactory<>(consumers);
        factory.getContainerProperties().setShareAckMode(ContainerProperties.ShareAckMode.MANUAL);
        factory.setConcurrency(properties.concurrency());
        // The suite's AOT training run starts the context with listeners off.
        factory.setAutoStartup(kafka.getListener().isAutoStartup());
        return factory;
    }
}

package com.commercesuite.notification.consumption;

import com.commercesuite.notification.delivery.NotificationProperties;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * A share group keeps its settings on the broker, as group configs: before the listener starts,
 * every instance sets where the group starts on a partition it never read, and after how many
 * deliveries the broker gives a record up (the same bound at which this service rejects it, so it
 * is this service, with the reason recorded, and not the broker silently, that gives up). With
 * Kafka unreachable the instance starts anyway, and the group keeps what it had.
 */
@Component
class ShareGroupSettings {

    private static final Logger log = LoggerFactory.getLogger(ShareGroupSettings.class);

    static final String AUTO_OFFSET_RESET = "share.auto.offset.reset";
    static final String DELIVERY_COUNT_LIMIT = "share.delivery.count.limit";

    ShareGroupSettings(KafkaAdmin kafkaAdmin, NotificationProperties properties) {
        Map<String, String> settings = Map.of(
                AUTO_OFFSET_RESET, properties.startAt(),
                DELIVERY_COUNT_LIMIT, Integer.toString(properties.maxDeliveries()));
        List<AlterConfigOp> ops = settings.entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        Map<ConfigResource, Collection<AlterConfigOp>> groups = new HashMap<>();
        for (String topic : NotificationListener.TOPICS) {
            groups.put(new ConfigResource(ConfigResource.Type.GROUP, properties.groupOf(topic)), ops);
        }
        List<String> names = groups.keySet().stream().map(ConfigResource::name).sorted().toList();
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            admin.incrementalAlterConfigs(groups).all().get(10, TimeUnit.SECONDS);
            log.info("Share groups {} set: {}", names, settings);
        } catch (Exception e) {
            log.warn("Share groups {} keep their settings; setting {} failed: {}", names, settings, e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

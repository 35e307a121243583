package com.commercesuite.notification.delivery;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the notification consumer, {@code commerce.notification.*}.
 *
 * @param instanceId names this instance in logs, metrics and the ledger's {@code sent_by}
 * @param groupPrefix names the share groups every instance joins, one per topic:
 *     {@code <prefix>-<topic>-group}, e.g. {@code notification-order-completed-group}
 * @param concurrency share consumers (threads) per instance; each is a member of the group of its own
 * @param maxDeliveries the delivery of a record at which a failure is final: the record is rejected and
 *     recorded. Also set on the group as {@code share.delivery.count.limit}, so the broker never
 *     archives a record behind the service's back
 * @param startAt where the group starts on a partition it has never read ({@code share.auto.offset.reset}):
 *     {@code latest}, so a first deployment does not message customers about last week's orders
 * @param provider the outside provider's message endpoint
 */
@ConfigurationProperties("commerce.notification")
public record NotificationProperties(
        String instanceId,
        @DefaultValue("notification") String groupPrefix,
        @DefaultValue("1") int concurrency,
        @DefaultValue("5") int maxDeliveries,
        @DefaultValue("latest") String startAt,
        @DefaultValue Provider provider) {

    /** The share group that reads the topic. */
    public String groupOf(String topic) {
        return groupPrefix + "-" + topic + "-group";
    }

    /**
     * @param url where a message is POSTed
     * @param timeout how long one call may take, connection included; well under the broker's
     *     record lock (30 s), or the record would go to another consumer while this one still sends
     */
    public record Provider(@DefaultValue("http://127.0.0.1:8105/messages") URI url,
            @DefaultValue("1s") Duration connectTimeout, @DefaultValue("5s") Duration timeout) {
    }
}

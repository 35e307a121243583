package com.commercesuite.outbox;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code commerce.outbox}. A service opts in with {@code commerce.outbox.enabled=true};
 * Kafka connection settings come from {@code spring.kafka.*}.
 *
 * @param publishedRetention how long published rows stay for inspection; zero deletes them on ack
 * @param sequenceRetention how long an aggregate's sequence row stays unused before the relay prunes
 *     it (its next event is then numbered above every number it had); zero keeps every row
 * @param sequencePruneInterval how often the relay looks for sequence rows to prune
 * @param producer extra Kafka producer properties; acks, idempotence and serializers are fixed
 */
@ConfigurationProperties("commerce.outbox")
record OutboxProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue Relay relay,
        @DefaultValue("1h") Duration publishedRetention,
        @DefaultValue("30s") Duration cleanupInterval,
        @DefaultValue("5000") int cleanupBatchSize,
        @DefaultValue("7d") Duration sequenceRetention,
        @DefaultValue("10m") Duration sequencePruneInterval,
        @DefaultValue("1s") Duration metricsCacheTime,
        Map<String, String> producer) {

    OutboxProperties {
        producer = producer == null ? Map.of() : Map.copyOf(producer);
    }

    /**
     * @param pollInterval the fallback poll: commits in this process wake the relay at once, this
     *     catches commits made by other instances of the service
     * @param leaderCheckInterval how often a standby instance tries to take over: at once when the
     *     leader's process is gone, once its lease ran out when it froze or lost the database
     * @param leaseTtl how long the leader's lease lasts after its last renewal (by the database's
     *     clock): a frozen leader is replaced within this plus {@code leaderCheckInterval}
     * @param leaseRenewInterval how often the leader renews its lease; at most half of {@code leaseTtl}
     * @param networkTimeout socket timeout of the relay's database connections, so a connection whose
     *     peer vanished fails instead of hanging (the lease renewal's is at most {@code leaseTtl})
     * @param partitionTimeout how long a batch goes on waiting for rows that get no answer while the
     *     rest is answered: their partition then counts as blocked, and only its rows wait
     * @param blockedBackoffMax the longest a blocked partition's rows wait before they are tried
     *     again (the wait doubles from {@code retryBackoff} up to this)
     */
    record Relay(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1000") int batchSize,
            @DefaultValue("200ms") Duration pollInterval,
            @DefaultValue("1s") Duration leaderCheckInterval,
            @DefaultValue("1s") Duration retryBackoff,
            @DefaultValue("60s") Duration ackTimeout,
            @DefaultValue("5s") Duration partitionTimeout,
            @DefaultValue("30s") Duration blockedBackoffMax,
            @DefaultValue("6s") Duration leaseTtl,
            @DefaultValue("2s") Duration leaseRenewInterval,
            @DefaultValue("30s") Duration networkTimeout) {
    }
}

package com.commercesuite.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * {@code notification.deliveries} (tagged {@code kind} and {@code outcome}: sent, already_done,
 * retry, rejected) and {@code notification.provider.time}, the provider call, failed ones included.
 */
@Component
class NotificationMetrics {

    private final MeterRegistry registry;
    private final Timer providerTime;

    NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.providerTime = Timer.builder("notification.provider.time")
                .description("One call to the message provider, failed ones included")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    void outcome(String kind, DeliveringNotifications.Outcome outcome) {
        Counter.builder("notification.deliveries")
                .description("Deliveries of a notification-bearing record, by what came of them")
                .tag("kind", kind)
                .tag("outcome", outcome.name().toLowerCase())
                .register(registry)
                .increment();
    }

    <T> T timeProvider(Supplier<T> call) {
        return providerTime.record(call);
    }
}

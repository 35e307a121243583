package com.commercesuite.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ClockAutoConfigurationTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ClockAutoConfiguration.class));

    @Test
    void aServiceReadsTimeFromTheSystemClockInUtc() {
        context.run(started -> assertThat(started).getBean(Clock.class).isEqualTo(Clock.systemUTC()));
    }

    @Test
    void aClockOfTheApplicationsOwnReplacesIt() {
        context.withUserConfiguration(PinnedClock.class)
                .run(started -> assertThat(started).getBean(Clock.class).isSameAs(PinnedClock.CLOCK));
    }

    @Configuration(proxyBeanMethods = false)
    static class PinnedClock {

        static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

        @Bean
        Clock pinnedClock() {
            return CLOCK;
        }
    }
}

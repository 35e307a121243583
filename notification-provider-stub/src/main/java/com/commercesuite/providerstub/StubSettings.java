package com.commercesuite.providerstub;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code provider-stub.*}: how the stand-in provider behaves.
 *
 * @param latency how long every call takes: the per-message cost a real provider has
 * @param errorRate the share of calls (0 to 1) answered 503, at random
 * @param rememberedKeys how many idempotency keys are kept, the oldest forgotten first
 */
@ConfigurationProperties("provider-stub")
record StubSettings(@DefaultValue("50ms") Duration latency, @DefaultValue("0") double errorRate,
        @DefaultValue("1000000") int rememberedKeys) {
}

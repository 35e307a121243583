package com.commercesuite.gateway.ratelimit;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-user rate limits, each a token bucket in Redis shared by every gateway instance.
 *
 * @param keyPrefix prefix of the Redis keys ({@code <prefix>:<limit>:<user id>})
 * @param limits the named limits a route refers to with {@code UserRateLimit=<name>}
 */
@ConfigurationProperties("commerce.gateway.rate-limit")
record RateLimitProperties(@DefaultValue("gateway:rate-limit") String keyPrefix, Map<String, Limit> limits) {

    /**
     * @param replenishRate tokens added per second (may be below 1: 0.5 is one request every 2 s)
     * @param burstCapacity the most tokens a user can hold: requests allowed at once after a pause
     */
    record Limit(double replenishRate, int burstCapacity) {

        Limit {
            if (!(replenishRate > 0) || burstCapacity < 1) {
                throw new IllegalArgumentException("A rate limit needs replenish-rate > 0 and burst-capacity >= 1");
            }
        }
    }

    RateLimitProperties {
        limits = limits == null ? Map.of() : Map.copyOf(limits);
    }

    Limit limit(String name) {
        Limit limit = limits.get(name);
        if (limit == null) {
            throw new IllegalArgumentException("No rate limit named '" + name + "' under commerce.gateway.rate-limit.limits "
                    + "(known: " + limits.keySet() + ")");
        }
        return limit;
    }
}

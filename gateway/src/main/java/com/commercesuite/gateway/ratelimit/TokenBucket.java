package com.commercesuite.gateway.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A token bucket kept in one Redis hash and updated by one Lua script, so that several gateway
 * instances sharing the Redis share the limit, and the read-refill-take step is atomic. Time is
 * Redis's own clock (milliseconds), never the instances' clocks.
 */
@Component
class TokenBucket {

    /** KEYS[1] the bucket; ARGV[1] tokens per second, ARGV[2] capacity. Returns {allowed, retry-after ms, tokens left}. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> TAKE_ONE = RedisScript.of("""
            local rate = tonumber(ARGV[1])
            local capacity = tonumber(ARGV[2])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or capacity
            local at = tonumber(state[2]) or now
            tokens = math.min(capacity, tokens + math.max(0, now - at) * rate / 1000)
            local allowed = 0
            local retry_after = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            else
              retry_after = math.ceil((1 - tokens) * 1000 / rate)
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * 1000 / rate) + 1000)
            return {allowed, retry_after, math.floor(tokens)}
            """, List.class);

    record Verdict(boolean allowed, Duration retryAfter, long remaining) {

        static final Verdict UNLIMITED = new Verdict(true, Duration.ZERO, -1);
    }

    private final ReactiveStringRedisTemplate redis;

    TokenBucket(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    @SuppressWarnings("unchecked")
    Mono<Verdict> take(String key, RateLimitProperties.Limit limit) {
        return redis.execute(TAKE_ONE, List.of(key),
                        List.of(Double.toString(limit.replenishRate()), Integer.toString(limit.burstCapacity())))
                .<Long>flatMapIterable(reply -> (List<Long>) reply)
                .collectList()
                .map(reply -> new Verdict(reply.get(0) == 1L, Duration.ofMillis(reply.get(1)), reply.get(2)));
    }
}

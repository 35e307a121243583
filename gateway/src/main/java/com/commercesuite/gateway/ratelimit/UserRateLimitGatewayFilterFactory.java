package com.commercesuite.gateway.ratelimit;

import com.commercesuite.gateway.problem.GatewayProblem;
import com.commercesuite.gateway.security.Caller;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code UserRateLimit=<name>} on a route: each user's requests on that route draw from their own
 * bucket ({@code commerce.gateway.rate-limit.limits.<name>}), keyed by the token's subject so the
 * limit holds across gateway instances. Over it: 429 with {@code Retry-After} in whole seconds.
 * If Redis cannot be reached the request goes through: the limit protects the services, it must
 * not take the API down with it.
 */
@Component
@EnableConfigurationProperties(RateLimitProperties.class)
class UserRateLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<UserRateLimitGatewayFilterFactory.Config> {

    private static final Logger log = LoggerFactory.getLogger(UserRateLimitGatewayFilterFactory.class);

    private final RateLimitProperties properties;
    private final TokenBucket bucket;

    UserRateLimitGatewayFilterFactory(RateLimitProperties properties, TokenBucket bucket) {
        super(Config.class);
        this.properties = properties;
        this.bucket = bucket;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("limit");
    }

    @Override
    public GatewayFilter apply(Config config) {
        String name = config.getLimit();
        RateLimitProperties.Limit limit = properties.limit(name);
        return (exchange, chain) -> Mono.justOrEmpty(Caller.of(exchange))
                .flatMap(caller -> bucket.take(properties.keyPrefix() + ":" + name + ":" + caller.userId(), limit)
                        .onErrorResume(failure -> {
                            log.warn("Rate limit {} not checked for user {}: Redis failed: {}", name, caller.userId(), failure.toString());
                            return Mono.just(TokenBucket.Verdict.UNLIMITED);
                        })
                        .map(verdict -> {
                            if (!verdict.allowed()) {
                                throw tooMany(name, caller, verdict.retryAfter());
                            }
                            return verdict;
                        }))
                .then(Mono.defer(() -> chain.filter(exchange)));
    }

    private static GatewayProblem tooMany(String name, Caller caller, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return GatewayProblem.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                        "User " + caller.userId() + " is over the " + name + " rate limit; retry in " + seconds + " s")
                .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }

    /** Bound from the route definition. */
    public static class Config {

        private String limit;

        public String getLimit() {
            return limit;
        }

        public void setLimit(String limit) {
            this.limit = limit;
        }
    }
}

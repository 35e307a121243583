package com.commercesuite.gateway.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** A route's rule that cannot be applied is refused, never skipped. */
class CallerIsUserTests {

    private final CallerIsUserGatewayFilterFactory factory = new CallerIsUserGatewayFilterFactory();

    @Test
    void aRuleOnAPathVariableTheRouteDoesNotDeclareFailsTheRequestWithoutForwardingIt() {
        GatewayFilter filter = factory.apply(config("path", "userId"));
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/balances/7"));
        AtomicBoolean forwarded = new AtomicBoolean();

        StepVerifier.create(filter.filter(exchange, forwarding -> Mono.fromRunnable(() -> forwarded.set(true))))
                .expectError(IllegalStateException.class)
                .verify();

        assertThat(forwarded).isFalse();
    }

    @Test
    void theUserIsInThePathOrTheBodyAndHasAName() {
        assertThatIllegalArgumentException().isThrownBy(() -> factory.apply(config("header", "userId")));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.apply(config("body", " ")));
    }

    private static CallerIsUserGatewayFilterFactory.Config config(String in, String name) {
        CallerIsUserGatewayFilterFactory.Config config = new CallerIsUserGatewayFilterFactory.Config();
        config.setIn(in);
        config.setName(name);
        return config;
    }
}

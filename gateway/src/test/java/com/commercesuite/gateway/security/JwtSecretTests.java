package com.commercesuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.commercesuite.gateway.GatewayApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.NestedExceptionUtils;

/** There is no default secret: a gateway without one, or with one too short for HS256, does not start. */
class JwtSecretTests {

    @Test
    void theGatewayDoesNotStartWithoutASecretAndSaysWhatToSet() {
        Throwable failure = start("--commerce.gateway.jwt.secret=");

        assertThat(NestedExceptionUtils.getRootCause(failure)).isInstanceOf(InvalidJwtSecretException.class)
                .hasMessageContaining("no JWT secret");
        FailureAnalysis analysis = new InvalidJwtSecretFailureAnalyzer().analyze(failure);
        assertThat(analysis.getAction()).contains("GATEWAY_JWT_SECRET");
    }

    @Test
    void theGatewayDoesNotStartWithASecretShorterThan32Bytes() {
        Throwable failure = start("--commerce.gateway.jwt.secret=too-short");

        assertThat(NestedExceptionUtils.getRootCause(failure)).isInstanceOf(InvalidJwtSecretException.class)
                .hasMessageContaining("needs at least 32");
    }

    private static Throwable start(String secret) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(GatewayApplication.class)
                .run("--server.port=0", "--spring.main.banner-mode=off", secret).close());
        assertThat(failure).as("the gateway started").isNotNull();
        return failure;
    }
}

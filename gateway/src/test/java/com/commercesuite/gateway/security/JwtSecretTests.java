package com.commercesuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.commercesuite.gateway.GatewayApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.NestedExceptionUtils;

/**
 * There is no default secret: a gateway without one, with one too short for HS256, or with one
 * written in the repository, does not start.
 */
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

    @Test
    void theGatewayDoesNotStartWithASecretOnceWrittenInTheRepository() {
        // Long enough, and once in .env.example: anyone could sign tokens with it.
        Throwable failure = start("--commerce.gateway.jwt.secret=" + "dev-only-gateway-jwt-secret-" + "change-me-0123456789abcdef");

        assertThat(NestedExceptionUtils.getRootCause(failure)).isInstanceOf(InvalidJwtSecretException.class)
                .hasMessageContaining("written in the commerce-suite repository");
        assertThat(new InvalidJwtSecretFailureAnalyzer().analyze(failure).getAction()).contains("openssl rand");
    }

    @Test
    void aPlaceholderSecretIsRefused() {
        assertThat(JwtConfiguration.refusalOf("please-CHANGE_ME-before-deploying-0123456789"))
                .contains("placeholder");
        assertThat(JwtConfiguration.refusalOf("9f2c1e4b7a0d3f6e8c5b2a1d4e7f0c3b6a9d2e5f8c1b4a7d")).isNull();
    }

    private static Throwable start(String secret) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(GatewayApplication.class)
                .run("--server.port=0", "--spring.main.banner-mode=off", secret).close());
        assertThat(failure).as("the gateway started").isNotNull();
        return failure;
    }
}

package com.commercesuite.gateway.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing, short or published JWT secret into a clear "APPLICATION FAILED TO START" report instead of a stack trace. */
class InvalidJwtSecretFailureAnalyzer extends AbstractFailureAnalyzer<InvalidJwtSecretException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidJwtSecretException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set GATEWAY_JWT_SECRET (or commerce.gateway.jwt.secret) to a random string of at least "
                        + JwtProperties.MIN_SECRET_BYTES + " bytes that is written nowhere in the repository, "
                        + "e.g. from `openssl rand -hex 32`, the same one the tokens are signed with; "
                        + "locally, bin/suite up passes the one it keeps in .run/gateway-jwt-secret.",
                cause);
    }
}

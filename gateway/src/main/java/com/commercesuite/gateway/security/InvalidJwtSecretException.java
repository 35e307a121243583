package com.commercesuite.gateway.security;

/** The gateway was started without a usable JWT secret; reported by {@link InvalidJwtSecretFailureAnalyzer}. */
class InvalidJwtSecretException extends IllegalStateException {

    InvalidJwtSecretException(String problem) {
        super(problem);
    }
}

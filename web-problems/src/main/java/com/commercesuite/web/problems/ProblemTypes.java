package com.commercesuite.web.problems;

import java.net.URI;

/** Problem types are URNs named after what went wrong: {@code ProductNotFoundException} -> {@code ...:product-not-found}. */
final class ProblemTypes {

    static final URI INVALID_INPUT = of("invalid-input");
    static final URI MALFORMED_REQUEST = of("malformed-request");
    static final URI INTERNAL_ERROR = of("internal-error");
    static final URI DATA_STORE_UNAVAILABLE = of("data-store-unavailable");

    private ProblemTypes() {
    }

    static URI of(String name) {
        return URI.create("urn:commerce-suite:problem:" + name);
    }

    static URI of(Class<? extends Throwable> refusal) {
        String name = refusal.getSimpleName().replaceFirst("Exception$", "");
        return of(name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase());
    }
}

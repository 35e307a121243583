package com.commercesuite.gateway.problem;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A refusal or failure the gateway answers itself, as RFC 9457 problem details. The name becomes
 * the type {@code urn:commerce-suite:problem:<name>}. Thrown on hot paths, so it keeps no stack trace.
 */
public final class GatewayProblem extends RuntimeException {

    private final HttpStatus status;
    private final String name;
    private final HttpHeaders headers = new HttpHeaders();

    private GatewayProblem(HttpStatus status, String name, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.name = name;
    }

    public static GatewayProblem of(HttpStatus status, String name, String detail) {
        return new GatewayProblem(status, name, detail);
    }

    /** A header sent with the answer, such as {@code Retry-After}. */
    public GatewayProblem withHeader(String header, String value) {
        headers.set(header, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return URI.create("urn:commerce-suite:problem:" + name);
    }

    public String detail() {
        return getMessage();
    }

    HttpHeaders headers() {
        return headers;
    }
}

package com.commercesuite.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The suite's one public HTTP entry. Routes come from configuration (application.yml), each
 * service's address overridable by environment; around them: bearer tokens, a user acting only as
 * themself, per-user rate limits in Redis, request ids and trace context, and problem answers.
 */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}

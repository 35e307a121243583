package com.commercesuite.deployment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceholdersTests {

    @Test
    void environmentVariablesAreFoundInDefaultsAndNestedPlaceholdersButNotInComments() {
        String yaml = """
                a: ${DB_HOST:127.0.0.1}:${DB_PORT:5432}
                b: ${INSTANCE_ID:${spring.application.name}-${SERVER_PORT:8110}}
                c: ${spring.application.name}
                d: ${GATEWAY_JWT_SECRET}
                # e: ${ONLY_IN_A_COMMENT}
                """;

        assertThat(Repository.environmentPlaceholdersIn(yaml))
                .containsExactlyInAnyOrder("DB_HOST", "DB_PORT", "INSTANCE_ID", "SERVER_PORT", "GATEWAY_JWT_SECRET");
        assertThat(Repository.placeholdersWithoutDefaultIn(yaml)).containsExactly("GATEWAY_JWT_SECRET");
    }
}

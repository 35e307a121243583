package com.commercesuite.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The architecture rules every service keeps, written once. A service's {@code ArchitectureTests}
 * passes its own package name ({@code "product"} for {@code com.commercesuite.product}) and declares
 * each rule as an {@code @ArchTest} field.
 */
public final class ServiceArchitecture {

    private static final List<String> SERVICES = List.of("product", "balance", "coupon", "order", "dataplatform", "gateway");

    /** What a domain package may not use: frameworks, storage, messaging and the suite's infrastructure libraries. */
    private static final String[] INFRASTRUCTURE = {
            "org.springframework..", "java.sql..", "javax.sql..", "org.apache.kafka..", "io.lettuce..",
            "tools.jackson..", "com.fasterxml.jackson..", "jakarta..",
            "com.commercesuite.outbox..", "com.commercesuite.consumer..", "com.commercesuite.web..",
            "com.commercesuite.tracing..", "com.commercesuite.clock.."};

    private ServiceArchitecture() {
    }

    /** Services talk to each other through Kafka events and HTTP, never through each other's code. */
    public static ArchRule dependsOnNoOtherService(String service) {
        String[] others = SERVICES.stream()
                .filter(other -> !other.equals(service))
                .map(other -> "com.commercesuite." + other + "..")
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage("com.commercesuite." + service + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services talk to each other through Kafka events and HTTP, never through each other's code");
    }

    /**
     * The service's {@code domain} package (its decisions, records and events) is plain Java: what it
     * decides can be read and tested without Spring, a database, Redis or a broker.
     */
    public static ArchRule domainUsesNoInfrastructure(String service) {
        return noClasses().that().resideInAPackage("com.commercesuite." + service + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE)
                .because("the domain is plain Java, testable without Spring, a database, Redis or a broker");
    }
}

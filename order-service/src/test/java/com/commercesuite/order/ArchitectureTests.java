package com.commercesuite.order;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.commercesuite.order", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    /** Services talk to each other through Kafka events and HTTP, never through each other's code. */
    @ArchTest
    static final ArchRule orderServiceDependsOnNoOtherService =
            noClasses().that().resideInAPackage("com.commercesuite.order..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "com.commercesuite.product..",
                            "com.commercesuite.balance..",
                            "com.commercesuite.coupon..",
                            "com.commercesuite.dataplatform..",
                            "com.commercesuite.gateway..");

    /** The order and its saga's state machine are plain Java: testable without Spring, a database or Kafka. */
    @ArchTest
    static final ArchRule theSagaStateMachineIsFreeOfInfrastructure =
            noClasses().that().resideInAPackage("com.commercesuite.order.domain..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "org.springframework..", "java.sql..", "javax.sql..", "org.apache.kafka..",
                            "com.commercesuite.outbox..", "com.commercesuite.consumer..");
}

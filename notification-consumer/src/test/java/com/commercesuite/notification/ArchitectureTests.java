package com.commercesuite.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.commercesuite.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    /** Services talk to each other through Kafka events and HTTP, never through each other's code. */
    @ArchTest
    static final ArchRule notificationConsumerDependsOnNoOtherService =
            noClasses().that().resideInAPackage("com.commercesuite.notification..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "com.commercesuite.product..",
                            "com.commercesuite.balance..",
                            "com.commercesuite.coupon..",
                            "com.commercesuite.order..",
                            "com.commercesuite.dataplatform..",
                            "com.commercesuite.providerstub..",
                            "com.commercesuite.gateway..");

    /** What to say for which event knows nothing of Kafka, HTTP or the database. */
    @ArchTest
    static final ArchRule messagesAreFreeOfInfrastructure =
            noClasses().that().resideInAPackage("com.commercesuite.notification.messages..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "org.apache.kafka..", "org.springframework..", "java.sql..");
}

package com.commercesuite.product;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.commercesuite.product", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    /** Services talk to each other through Kafka events and HTTP, never through each other's code. */
    @ArchTest
    static final ArchRule productServiceDependsOnNoOtherService =
            noClasses().that().resideInAPackage("com.commercesuite.product..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "com.commercesuite.balance..",
                            "com.commercesuite.coupon..",
                            "com.commercesuite.order..",
                            "com.commercesuite.dataplatform..",
                            "com.commercesuite.gateway..");

    /** The stock decisions and the events are plain Java: what they decide can be read and tested without a database or a broker. */
    @ArchTest
    static final ArchRule stockDecisionsAndEventsUseNoInfrastructure =
            noClasses().that().haveNameMatching(
                            "com\\.commercesuite\\.product\\..*\\.(RequestedStock|Reservation|ReservationStatus|Product|StockChange|ProductStockChanged|ProductCreated)(\\$.*)?")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "org.springframework..", "java.sql..", "javax.sql..", "org.apache.kafka..", "tools.jackson..");
}

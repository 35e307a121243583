package com.commercesuite.balance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.commercesuite.balance", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    /** Services talk to each other through Kafka events and HTTP, never through each other's code. */
    @ArchTest
    static final ArchRule balanceServiceDependsOnNoOtherService =
            noClasses().that().resideInAPackage("com.commercesuite.balance..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "com.commercesuite.product..",
                            "com.commercesuite.coupon..",
                            "com.commercesuite.order..",
                            "com.commercesuite.dataplatform..",
                            "com.commercesuite.gateway..");

    /** The decisions and records of the domain stay plain Java: no Spring, Kafka or JDBC types. */
    @ArchTest
    static final ArchRule domainRecordsAreFreeOfFrameworks =
            noClasses().that().haveNameMatching(".*\\.(OrderPayment|PaymentStatus|EntryKind|LedgerEntry)")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "org.springframework..", "org.apache.kafka..", "java.sql..");
}

package com.commercesuite.coupon;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.commercesuite.coupon", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    /** Services talk to each other through Kafka events and HTTP, never through each other's code. */
    @ArchTest
    static final ArchRule couponServiceDependsOnNoOtherService =
            noClasses().that().resideInAPackage("com.commercesuite.coupon..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "com.commercesuite.product..",
                            "com.commercesuite.balance..",
                            "com.commercesuite.order..",
                            "com.commercesuite.dataplatform..",
                            "com.commercesuite.gateway..");

    /** The coupon's rules (validity, discount arithmetic) and the saga's outcomes are plain Java. */
    @ArchTest
    static final ArchRule domainLogicIsFreeOfFrameworks =
            noClasses().that().haveFullyQualifiedName("com.commercesuite.coupon.catalog.Coupon")
                    .or().haveFullyQualifiedName("com.commercesuite.coupon.catalog.DiscountType")
                    .or().haveFullyQualifiedName("com.commercesuite.coupon.saga.OrderOutcome")
                    .or().haveFullyQualifiedName("com.commercesuite.coupon.issuance.AdmissionResult")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "org.springframework..", "io.lettuce..", "org.apache.kafka..", "java.sql..");
}

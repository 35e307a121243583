package com.commercesuite.lag;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.commercesuite.lag", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    /** The exporter sees the services only through the broker, never through their code. */
    @ArchTest
    static final ArchRule lagExporterDependsOnNoService =
            noClasses().that().resideInAPackage("com.commercesuite.lag..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "com.commercesuite.product..",
                            "com.commercesuite.balance..",
                            "com.commercesuite.coupon..",
                            "com.commercesuite.order..",
                            "com.commercesuite.dataplatform..",
                            "com.commercesuite.gateway..");

    /** What lag is stays plain Java: no Kafka, Spring or Micrometer types in the figures themselves. */
    @ArchTest
    static final ArchRule measuresAreFreeOfInfrastructure =
            noClasses().that().resideInAPackage("com.commercesuite.lag.measure..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "org.apache.kafka..", "org.springframework..", "io.micrometer..");
}

package com.commercesuite.order;

import com.commercesuite.testsupport.ServiceArchitecture;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.commercesuite.order", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule orderServiceDependsOnNoOtherService = ServiceArchitecture.dependsOnNoOtherService("order");

    @ArchTest
    static final ArchRule domainUsesNoInfrastructure = ServiceArchitecture.domainUsesNoInfrastructure("order");
}

package com.commercesuite.balance;

import com.commercesuite.testsupport.ServiceArchitecture;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.commercesuite.balance", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule balanceServiceDependsOnNoOtherService = ServiceArchitecture.dependsOnNoOtherService("balance");

    @ArchTest
    static final ArchRule domainUsesNoInfrastructure = ServiceArchitecture.domainUsesNoInfrastructure("balance");
}

package com.commercesuite.coupon;

import com.commercesuite.testsupport.ServiceArchitecture;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.commercesuite.coupon", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule couponServiceDependsOnNoOtherService = ServiceArchitecture.dependsOnNoOtherService("coupon");

    @ArchTest
    static final ArchRule domainUsesNoInfrastructure = ServiceArchitecture.domainUsesNoInfrastructure("coupon");
}

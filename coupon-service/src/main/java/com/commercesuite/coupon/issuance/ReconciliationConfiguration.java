package com.commercesuite.coupon.issuance;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({ReconciliationProperties.class, IssuanceProperties.class})
class ReconciliationConfiguration {
}

package com.commercesuite.providerstub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ProviderStubApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProviderStubApplication.class, args);
    }
}

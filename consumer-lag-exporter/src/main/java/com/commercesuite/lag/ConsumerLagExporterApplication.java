package com.commercesuite.lag;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(LagProperties.class)
public class ConsumerLagExporterApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsumerLagExporterApplication.class, args);
    }
}

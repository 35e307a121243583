package com.commercesuite.dataplatform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class DataPlatformConsumerApplication {

    public static void main(String[] args) {
        SpringApplication.run(DataPlatformConsumerApplication.class, args);
    }
}

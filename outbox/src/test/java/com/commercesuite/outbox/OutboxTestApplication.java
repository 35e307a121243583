package com.commercesuite.outbox;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A minimal service using the outbox, for the library's tests. Its main also runs as a separate
 * process, so a test can kill a relay for real.
 */
@SpringBootApplication
public class OutboxTestApplication {

    public static void main(String[] args) throws InterruptedException {
        SpringApplication.run(OutboxTestApplication.class, args);
        // No web server keeps this process alive, and the relay thread is a daemon: wait to be killed.
        Thread.currentThread().join();
    }

    /** With {@code drill.halt-after-ack=true} the process dies right after the first acknowledged batch, before marking it. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("drill.halt-after-ack")
    static class CrashBetweenSendAndMark {

        @Bean
        static BeanPostProcessor haltRelayAfterAck() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (bean instanceof OutboxRelay relay) {
                        relay.afterAckBeforeMark = () -> Runtime.getRuntime().halt(137);
                    }
                    return bean;
                }
            };
        }
    }
}
